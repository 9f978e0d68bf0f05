import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { load, typeCheck } from "./emit/ts/generated-project.js";
import { tempTree } from "./helpers/tmp.js";
import { strictestOptions } from "./helpers/typecheck.js";
import { type FakeServer, fakeServer, rsp, type Seen } from "./runtime/cimxml/fake-server.js";

/**
 * The README's "Talk to a CIM server" program, run as written against a loopback CIM-XML server (its URL through
 * WBEM_URL, as the program reads it) with the committed generated/ types: it type-checks under the strictest
 * settings and prints what a Hyper-V host with one virtual machine would make it print.
 */
const repo = join(import.meta.dirname, "..");
const readme = readFileSync(join(repo, "README.md"), "utf8");
const section = /\n## Talk to a CIM server\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
const program = /```ts\n([\s\S]*?)```\n/.exec(section)?.[1] ?? "";

const ns = `<NAMESPACEPATH><HOST>hv</HOST><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="virtualization"/><NAMESPACE NAME="v2"/></LOCALNAMESPACEPATH></NAMESPACEPATH>`;
const name = (cls: string, key: string, value: string) =>
  `<INSTANCENAME CLASSNAME="${cls}"><KEYBINDING NAME="${key}"><KEYVALUE VALUETYPE="string">${value}</KEYVALUE></KEYBINDING></INSTANCENAME>`;
const prop = (n: string, type: string, v: string) =>
  `<PROPERTY NAME="${n}" TYPE="${type}"><VALUE>${v}</VALUE></PROPERTY>`;
const vm = `<INSTANCE CLASSNAME="Msvm_ComputerSystem">${prop("Name", "string", "VM1")}${prop("ElementName", "string", "web-01")}${prop("EnabledState", "uint16", "2")}</INSTANCE>`;

/** What a Hyper-V host with one VM answers to the program's calls. */
function hyperV(s: Seen): string {
  switch (s.method) {
    case "OpenEnumerateInstances":
      return rsp(
        s.method,
        `<IRETURNVALUE><VALUE.INSTANCEWITHPATH><INSTANCEPATH>${ns}${name("Msvm_ComputerSystem", "Name", "VM1")}</INSTANCEPATH>${vm}</VALUE.INSTANCEWITHPATH></IRETURNVALUE><PARAMVALUE NAME="EndOfSequence"><VALUE>TRUE</VALUE></PARAMVALUE>`,
      );
    case "EnumerateInstanceNames": {
      const cls = s.call.children.find((c) => c.attributes.NAME === "ClassName")?.children[0]?.attributes.NAME ?? "";
      return rsp(
        s.method,
        `<IRETURNVALUE>${name(cls, "Name", cls === "Msvm_ComputerSystem" ? "VM1" : "SS1")}</IRETURNVALUE>`,
      );
    }
    case "CreateSnapshot":
      return rsp(
        s.method,
        `<RETURNVALUE PARAMTYPE="uint32"><VALUE>4096</VALUE></RETURNVALUE><PARAMVALUE NAME="Job" PARAMTYPE="reference"><VALUE.REFERENCE><INSTANCEPATH>${ns}${name("Msvm_ConcreteJob", "InstanceID", "J1")}</INSTANCEPATH></VALUE.REFERENCE></PARAMVALUE>`,
        false,
      );
    case "GetInstance":
      return rsp(
        s.method,
        `<IRETURNVALUE><INSTANCE CLASSNAME="Msvm_ConcreteJob">${prop("InstanceID", "string", "J1")}${prop("JobState", "uint16", "7")}</INSTANCE></IRETURNVALUE>`,
      );
    case "Associators":
      return rsp(
        s.method,
        `<IRETURNVALUE><VALUE.OBJECTWITHPATH><INSTANCEPATH>${ns}${name("Msvm_VirtualSystemSettingData", "InstanceID", "S1")}</INSTANCEPATH><INSTANCE CLASSNAME="Msvm_VirtualSystemSettingData">${prop("InstanceID", "string", "S1")}</INSTANCE></VALUE.OBJECTWITHPATH></IRETURNVALUE>`,
      );
    default:
      return rsp(s.method, `<ERROR CODE="7" DESCRIPTION="not in this test"/>`);
  }
}

let server: FakeServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await server?.close();
});

describe("README: Talk to a CIM server", () => {
  it("type-checks under the strictest settings and prints the host's virtual machines and the snapshot job", async () => {
    expect(program.split("\n")[0]).toBe("// src/snapshot.ts");
    const source = program.replaceAll('"../generated/', `"${join(repo, "generated")}/`);
    const dir = tempTree({
      "package.json": JSON.stringify({ type: "module" }),
      "tsconfig.json": JSON.stringify({ compilerOptions: strictestOptions, include: ["**/*.ts"] }),
      "src/snapshot.ts": source,
    });
    expect(typeCheck(dir)).toBe("");
    server = await fakeServer(hyperV);
    vi.stubEnv("WBEM_URL", server.url);
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));
    await load(dir, "src/snapshot.ts");
    expect(printed).toEqual(["web-01: Enabled", "job J1 done: Msvm_VirtualSystemSettingData made"]);
    expect(server.seen.map((s) => s.method)).toEqual([
      "OpenEnumerateInstances",
      "EnumerateInstanceNames",
      "EnumerateInstanceNames",
      "CreateSnapshot",
      "GetInstance",
      "Associators",
    ]);
    expect(server.seen[1]?.headers.authorization).toBe(`Basic ${Buffer.from("admin:").toString("base64")}`);
  });
});
