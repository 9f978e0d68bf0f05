import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Msvm_ComputerSystem_Schema } from "../generated/root/virtualization/v2/Msvm_ComputerSystem.js";
import { Msvm_ConcreteJob_Schema } from "../generated/root/virtualization/v2/Msvm_ConcreteJob.js";
import { embedded } from "../runtime/src/codecs/cimxml/typed.js";
import {
  actions,
  encodeInstance,
  invokeAction,
  pathToEndpoint,
  readEnumerate,
  resourceUriFor,
  type WsValueOptions,
  writeEndpointContent,
  writeEnumerationPage,
  writeMethodOutput,
} from "../runtime/src/codecs/wsman/index.js";
import type { ObjectPath } from "../runtime/src/values/reference.js";
import { load, typeCheck } from "./emit/ts/generated-project.js";
import { tempTree } from "./helpers/tmp.js";
import { strictestOptions } from "./helpers/typecheck.js";
import { type FakeWsman, fakeWsman, type SeenRequest, type WsAnswer } from "./runtime/wsman/fake-wsman.js";

/**
 * The README's "Talk to a Windows host over WS-Management" program, run as written (its URL through WSMAN_URL)
 * against a loopback WS-Management peer that answers as a Hyper-V host whose snapshot job fails: it type-checks under
 * the strictest settings, sends the WQL filter, and prints the running VM and the job's Msvm_Error message.
 */
const repo = join(import.meta.dirname, "..");
const readme = readFileSync(join(repo, "README.md"), "utf8");
const section = /\n## Talk to a Windows host over WS-Management\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
const program = /```ts\n([\s\S]*?)```\n/.exec(section)?.[1] ?? "";

const ns = "root/virtualization/v2";
const schemas = [Msvm_ComputerSystem_Schema, Msvm_ConcreteJob_Schema];
const o: WsValueOptions = {
  schemas: (n) => schemas.find((s) => s.name === n),
  addressing: { convention: "wmi", namespace: ns },
};
const uri = (c: string) => resourceUriFor(c, ns, "wmi").resourceUri;
const vmPath = { className: "Msvm_ComputerSystem", keys: { CreationClassName: "Msvm_ComputerSystem", Name: "VM1" } };
const servicePath = { className: "Msvm_VirtualSystemSnapshotService", keys: { Name: "vssnapsvc" } };
const jobPath = { className: "Msvm_ConcreteJob", namespace: ns, keys: { InstanceID: "J1" } };

function page(paths: ObjectPath[], withObjects: boolean): WsAnswer {
  return {
    action: actions.enumerateResponse,
    body: (w) =>
      writeEnumerationPage(
        w,
        "enumerate",
        { context: undefined, endOfSequence: true, itemCount: paths.length },
        (w) => {
          for (const p of paths) {
            if (withObjects) w.start("w:Item");
            if (withObjects)
              encodeInstance(
                w,
                { className: p.className, properties: { ...p.keys, ElementName: "web-01", EnabledState: 2 } },
                o,
              );
            w.start("a:EndpointReference");
            writeEndpointContent(w, pathToEndpoint(p, o.addressing));
            w.end();
            if (withObjects) w.end();
          }
        },
      ),
  };
}

/** A Hyper-V host with one running VM whose snapshot job ends in Exception with one Msvm_Error. */
function hyperV(s: SeenRequest): WsAnswer {
  const h = s.envelope.headers;
  if (h.action === actions.enumerate) {
    const request = readEnumerate(s.envelope.body as never);
    if (request.filter !== undefined) return page([vmPath], true);
    return page([h.resourceUri === uri("Msvm_ComputerSystem") ? vmPath : servicePath], false);
  }
  if (h.action === invokeAction(uri("Msvm_VirtualSystemSnapshotService"), "CreateSnapshot"))
    return {
      action: `${h.action}Response`,
      body: (w) =>
        writeMethodOutput(
          w,
          {
            resourceUri: uri("Msvm_VirtualSystemSnapshotService"),
            className: "Msvm_VirtualSystemSnapshotService",
            method: "CreateSnapshot",
            out: { Job: jobPath, ReturnValue: 4096 },
          },
          o,
        ),
    };
  if (h.action === actions.get)
    return {
      action: actions.getResponse,
      body: (w) =>
        encodeInstance(
          w,
          { className: "Msvm_ConcreteJob", properties: { InstanceID: "J1", JobState: 10, ErrorCode: 32768 } },
          o,
        ),
    };
  if (h.action === invokeAction(uri("Msvm_ConcreteJob"), "GetErrorEx"))
    return {
      action: `${h.action}Response`,
      body: (w) =>
        writeMethodOutput(
          w,
          {
            resourceUri: uri("Msvm_ConcreteJob"),
            className: "Msvm_ConcreteJob",
            method: "GetErrorEx",
            out: {
              ReturnValue: 0,
              Errors: [
                embedded("Msvm_Error", { CIMStatusCode: 4, Message: "The virtual machine is not in a valid state." }),
              ],
            },
          },
          o,
        ),
    };
  return { fault: 7, reason: `not in this test: ${h.action}` };
}

let server: FakeWsman | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await server?.close();
});

describe("README: Talk to a Windows host over WS-Management", () => {
  it("type-checks under the strictest settings, filters with WQL and reports the failed job's Msvm_Error", async () => {
    expect(program.split("\n")[0]).toBe("// src/wsman.ts");
    const source = program.replaceAll('"../generated/', `"${join(repo, "generated")}/`);
    const dir = tempTree({
      "package.json": JSON.stringify({ type: "module" }),
      "tsconfig.json": JSON.stringify({ compilerOptions: strictestOptions, include: ["**/*.ts"] }),
      "src/wsman.ts": source,
    });
    expect(typeCheck(dir)).toBe("");
    server = await fakeWsman(hyperV);
    vi.stubEnv("WSMAN_URL", server.url);
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));
    await load(dir, "src/wsman.ts");
    expect(printed).toEqual([
      "web-01 (VM1) is running",
      "snapshot failed: CIM_ERR_INVALID_PARAMETER: The virtual machine is not in a valid state.",
    ]);
    const sent = server.seen.map((s) => s.envelope.headers);
    expect(sent.map((h) => h.action.replace(/^.*\//, ""))).toEqual([
      "Enumerate",
      "Enumerate",
      "Enumerate",
      "CreateSnapshot",
      "Get",
      "GetErrorEx",
    ]);
    expect(sent[0]?.resourceUri).toBe(uri("*"));
    expect(readEnumerate(server.seen[0]?.envelope.body as never)).toMatchObject({
      optimize: true,
      maxElements: 50,
      filter: {
        dialect: "wql",
        query: "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine' AND EnabledState = 2",
      },
    });
    expect(server.seen[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from("hyperv01\\Administrator:").toString("base64")}`,
    );
  });
});
