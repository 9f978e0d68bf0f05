import { execFile } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExampleServer } from "../../../examples/hyperv-host/src/host.js";
import type { CimServer } from "../../../runtime/src/server/index.js";
import { onCi } from "../../helpers/corpora.js";
import { tempTree } from "../../helpers/tmp.js";

/**
 * A real peer: Debian's `wsl` (Dell's WS-Management shell client: bash, curl, xmllint, xsltproc) identifies,
 * enumerates (plain and with a WQL filter), gets and invokes against the example host on a free loopback port, with
 * Basic authentication. What it prints (its xsltproc text form) is compared exactly, the job's random InstanceID
 * masked. wsl needs `uuidgen` (Debian's uuid-runtime, which its package does not pull in): CI installs it; elsewhere
 * a stand-in printing a random UUID is put on PATH, visibly.
 *
 * wsl copies selector sets between messages as text, with the `wsman:` prefix its own envelopes declare, so the
 * instance to invoke on (`-inst`) and the REF argument (`FILE:`) are EPR files written here with that prefix (an EPR
 * this server returns uses WinRM's `w:`, which wsl's pasted text would not declare).
 */
const run = promisify(execFile);
const hasWsl = existsSync("/usr/bin/wsl");
if (!hasWsl && onCi) throw new Error("wsl is missing: CI installs it (.ci/run)");
if (!hasWsl) console.warn("[skip] wsl is not installed");

let server: CimServer;
let endpoint: string;
let pathPrefix = process.env.PATH ?? "";

beforeAll(async () => {
  server = createExampleServer({ jobMs: 20, auth: { user: "admin", password: "s3cret" } });
  endpoint = new URL(await server.listen(0)).host;
  const hasUuidgen = await run("sh", ["-c", "command -v uuidgen"]).then(
    () => true,
    () => false,
  );
  if (!hasUuidgen) {
    if (onCi) throw new Error("uuidgen is missing: CI installs uuid-runtime (.ci/run)");
    console.warn("[note] uuidgen is not installed: a stand-in prints random UUIDs for wsl's message IDs");
    const shim = tempTree({ uuidgen: `#!/bin/sh\nexec "${process.execPath}" -e "console.log(crypto.randomUUID())"\n` });
    await run("chmod", ["+x", join(shim, "uuidgen")]);
    pathPrefix = `${shim}:${pathPrefix}`;
  }
});
afterAll(() => server.close());

const uri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2";

const epr = (className: string, keys: Record<string, string>) =>
  [
    '<?xml version="1.0"?>',
    '<wsa:EndpointReference xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:wsman="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">',
    "  <wsa:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:Address>",
    "  <wsa:ReferenceParameters>",
    `    <wsman:ResourceURI>${uri}/${className}</wsman:ResourceURI>`,
    "    <wsman:SelectorSet>",
    ...Object.entries(keys).map(([k, v]) => `      <wsman:Selector Name="${k}">${v}</wsman:Selector>`),
    "    </wsman:SelectorSet>",
    "  </wsa:ReferenceParameters>",
    "</wsa:EndpointReference>",
    "",
  ].join("\n");

/**
 * wsl's settings, all from the environment: where the host is, the credentials, plain HTTP, no prompts, no history
 * file (WSLNOINIT), its files in `dir`, one try with a 10 s timeout, and its text output (FORMATDISPLAY, xsltproc).
 */
function wslEnv(dir: string, password: string): Record<string, string> {
  return {
    PATH: pathPrefix,
    HOME: dir,
    WSENDPOINT: endpoint,
    WSUSER: "admin",
    WSPASS: password,
    WSNOSSL: "1",
    WSAUTOMATED: "1",
    WSLNOINIT: "1",
    OUTPREFIX: dir,
    WGETTRYNUM: "1",
    WGETTIMEOUTSECS: "10",
    FORMATDISPLAY: "true",
  };
}

/**
 * A fresh folder for wsl (it writes its request and response files there) holding the endpoint references its
 * arguments name: `vm.xml` for the virtual machine `vmName`, `service.xml` for the snapshot service.
 */
function wslFolder(vmName: string): string {
  return tempTree({
    "vm.xml": epr("Msvm_ComputerSystem", { CreationClassName: "Msvm_ComputerSystem", Name: vmName }),
    "service.xml": epr("Msvm_VirtualSystemSnapshotService", {
      CreationClassName: "Msvm_VirtualSystemSnapshotService",
      Name: "vssnapsvc",
      SystemCreationClassName: "Msvm_ComputerSystem",
      SystemName: "HYPERV-01",
    }),
  });
}

/** What wsl prints for `args`, run in `dir`. */
async function wslIn(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("wsl", args, { cwd: dir, env: wslEnv(dir, "s3cret"), timeout: 30_000 });
  // The terminal colour codes (ESC [0;34m) around the answer are wsl's, not the server's.
  return stdout.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "").trimEnd();
}

/** What wsl prints for `args`, run in a fresh folder where vm.xml names web-01. */
function wsl(...args: string[]): Promise<string> {
  return wslIn(wslFolder(web01), ...args);
}

/** CreateSnapshot of the VM in vm.xml on the service in service.xml: what wsl's invoke takes. */
const createSnapshot = [
  "invoke",
  `${uri}/Msvm_VirtualSystemSnapshotService`,
  "CreateSnapshot",
  "AffectedSystem=FILE:vm.xml",
  "SnapshotType=2",
  "-inst",
  "service.xml",
];

const web01 = "6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01";

describe.runIf(hasWsl)("wsl against the example host's /wsman", () => {
  it("identify", async () => {
    expect(await wsl("identify", "check")).toBe(
      [
        "IdentifyResponse",
        '   ProtocolVersion="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"',
        '   ProductVendor="mofgen"',
        '   ProductVersion="0.1.0"',
      ].join("\n"),
    );
  });

  it("get of a VM by its keys", async () => {
    expect(
      await wsl("get", `${uri}/Msvm_ComputerSystem`, "CreationClassName=Msvm_ComputerSystem", `Name=${web01}`),
    ).toBe(
      [
        "Msvm_ComputerSystem",
        '   Caption="Virtual Machine"',
        '   Description="Microsoft Virtual Machine"',
        '   ElementName="web-01"',
        "   InstallDate",
        '      Datetime="2024-03-01T09:30:00Z"',
        `   Name="${web01}"`,
        '   HealthState="5"',
        '   EnabledState="2"',
        '   RequestedState="2"',
        "   TimeOfLastStateChange",
        '      Datetime="2024-06-12T07:15:42Z"',
        '   CreationClassName="Msvm_ComputerSystem"',
        '   OnTimeInMilliseconds="864000123"',
        '   ProcessID="4312"',
        '   NumberOfNumaNodes="1"',
      ].join("\n"),
    );
  });

  it("enum of the VMs' names, in EPR mode, pulling two at a time", async () => {
    const out = await wsl("enum", `${uri}/Msvm_ComputerSystem`, "-mode", "epr", "-opti", "2");
    const selectors = out.split("\n").filter((l) => l.includes("Selector: Name="));
    expect(selectors.map((l) => l.trim())).toEqual([
      'Selector: Name="HYPERV-01" CreationClassName="Msvm_ComputerSystem"',
      `Selector: Name="${web01}" CreationClassName="Msvm_ComputerSystem"`,
      'Selector: Name="9B1F7A3C-2E5D-4C8B-B6A4-3D2E1F0C8B02" CreationClassName="Msvm_ComputerSystem"',
      'Selector: Name="2A4C6E8F-1B3D-4F5A-8C7E-9D0B2A4C6E03" CreationClassName="Msvm_ComputerSystem"',
    ]);
  });

  it("enum with a WQL filter", async () => {
    const out = await wsl(
      "enum",
      `${uri}/*`,
      "-dialect",
      "http://schemas.microsoft.com/wbem/wsman/1/WQL",
      "-filter",
      "SELECT ElementName,EnabledState FROM Msvm_ComputerSystem WHERE EnabledState = 2",
    );
    expect(out).toBe(
      [
        "(1) Msvm_ComputerSystem",
        '   ElementName="HYPERV-01"',
        '   EnabledState="2"',
        "",
        "(2) Msvm_ComputerSystem",
        '   ElementName="web-01"',
        '   EnabledState="2"',
        "",
        "(3) Msvm_ComputerSystem",
        '   ElementName="db-01"',
        '   EnabledState="2"',
      ].join("\n"),
    );
  });

  it("invoke CreateSnapshot with a REF argument: 4096 and the job's EPR", async () => {
    const out = await wsl(...createSnapshot);
    expect(out.replace(/InstanceID="[0-9A-F-]{36}"/, 'InstanceID="JOB"')).toBe(
      [
        "using vm.xml to extract EPR XML for parameter AffectedSystem",
        "CreateSnapshot_OUTPUT",
        "   Job",
        '      Address="http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"',
        "      ReferenceParameters",
        `         ResourceURI="${uri}/Msvm_ConcreteJob"`,
        "         SelectorSet",
        '            Selector: InstanceID="JOB"',
        '   ReturnValue="4096"',
      ].join("\n"),
    );
  });

  it("a failed job's GetErrorEx: db-01's snapshot job fails and wsl reads the embedded Msvm_Error", async () => {
    // db-01 has a pass-through disk on the example host, so its snapshot job fails (examples/hyperv-host).
    const dir = wslFolder("9B1F7A3C-2E5D-4C8B-B6A4-3D2E1F0C8B02");
    const call = (...args: string[]) => wslIn(dir, ...args);
    const started = await call(...createSnapshot);
    const job = /InstanceID="([0-9A-F-]{36})"/.exec(started)?.[1] ?? "";
    expect(job).not.toBe("");
    writeFileSync(join(dir, "job.xml"), epr("Msvm_ConcreteJob", { InstanceID: job }));
    // The job fails 20 ms after it starts (jobMs); until then GetErrorEx has no Errors, so ask again a few times.
    let errors = "";
    for (let tries = 0; tries < 10 && !errors.includes("Errors"); tries++)
      errors = await call("invoke", `${uri}/Msvm_ConcreteJob`, "GetErrorEx", "-inst", "job.xml");
    expect(errors).toBe(
      [
        "GetErrorEx_OUTPUT",
        "   Errors",
        '      ErrorType="10"',
        '      OwningEntity="mofgen Hyper-V example host"',
        '      MessageID="HyperVExample.PassThroughDisk"',
        `      Message="'db-01' could not create a checkpoint: the virtual machine has a pass-through disk."`,
        '      PerceivedSeverity="5"',
        '      CIMStatusCode="1"',
        '   ReturnValue="0"',
      ].join("\n"),
    );
  });

  it("a wrong password gets no answer wsl can show", async () => {
    const dir = tempTree({});
    const { stdout } = await run("wsl", ["identify", "check"], {
      cwd: dir,
      env: wslEnv(dir, "wrong"),
      timeout: 30_000,
    }).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    expect(stdout).toContain("authentication required");
  });
});
