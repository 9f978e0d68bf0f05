import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExampleServer } from "../../../examples/hyperv-host/src/host.js";
import type { CimServer } from "../../../runtime/src/server/index.js";
import { onCi } from "../../helpers/corpora.js";
import { dtdProblems } from "./http.js";

/**
 * A real peer: Debian's sblim-wbemcli drives the example host (started here on a free loopback port). What it prints
 * is compared exactly, with the port and the job's random InstanceID masked; every response the server sent it
 * (read from wbemcli's -dx trace) must be valid DSP0203 CIM-XML. Under CI a missing wbemcli is a failure.
 */
const run = promisify(execFile);
let available = true;
try {
  await run("wbemcli", [], { timeout: 5000 }).catch((e: { code?: unknown }) => {
    if (e.code === "ENOENT") throw e;
  });
} catch {
  if (onCi) throw new Error("wbemcli is missing: CI installs sblim-wbemcli (.ci/run)");
  console.warn("[skip] wbemcli is not installed");
  available = false;
}

let server: CimServer;
let base: string;
let port: string;
const responses: string[] = [];

beforeAll(async () => {
  server = createExampleServer({ jobMs: 20, now: () => new Date("2024-07-01T12:00:00Z") });
  const url = await server.listen(0);
  port = new URL(url).port;
  base = `${url}/root/virtualization/v2`;
});
afterAll(() => server.close());

/** wbemcli's output for `args`, the port written as PORT; the responses in its -dx trace (stderr) are kept aside. */
async function wbemcli(...args: string[]): Promise<string> {
  const { stdout, stderr } = await run("wbemcli", ["-dx", ...args], { timeout: 10_000 });
  let document: string | undefined;
  for (const line of stderr.split("\n")) {
    if (line.startsWith("From server: <?xml")) document = line.slice("From server: ".length);
    else if (document !== undefined) document += `\n${line}`;
    if (document !== undefined && line.endsWith("</CIM>")) {
      responses.push(document);
      document = undefined;
    }
  }
  return stdout.trimEnd().replaceAll(`:${port}/`, ":PORT/");
}

const vm = 'Msvm_ComputerSystem.CreationClassName="Msvm_ComputerSystem",Name="6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01"';
const web01 =
  'Caption="Virtual Machine",Description="Microsoft Virtual Machine",ElementName="web-01",InstallDate=20240301093000.000000+000,Name="6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01",HealthState=5,EnabledState=2,RequestedState=2,TimeOfLastStateChange=20240612071542.000000+000,CreationClassName="Msvm_ComputerSystem",OnTimeInMilliseconds=864000123,ProcessID=4312,NumberOfNumaNodes=1';
const host = "127.0.0.1:PORT/root/virtualization/v2";

describe.runIf(available)("sblim-wbemcli against the example host", () => {
  it("ein, ei and gi of Msvm_ComputerSystem", async () => {
    expect(await wbemcli("ein", `${base}:Msvm_ComputerSystem`)).toBe(
      [
        `${host}:Msvm_ComputerSystem.Name="HYPERV-01",CreationClassName="Msvm_ComputerSystem"`,
        `${host}:Msvm_ComputerSystem.Name="6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01",CreationClassName="Msvm_ComputerSystem"`,
        `${host}:Msvm_ComputerSystem.Name="9B1F7A3C-2E5D-4C8B-B6A4-3D2E1F0C8B02",CreationClassName="Msvm_ComputerSystem"`,
        `${host}:Msvm_ComputerSystem.Name="2A4C6E8F-1B3D-4F5A-8C7E-9D0B2A4C6E03",CreationClassName="Msvm_ComputerSystem"`,
      ].join("\n"),
    );
    const all = (await wbemcli("ei", `${base}:Msvm_ComputerSystem`)).split("\n");
    expect(all).toHaveLength(4);
    expect(all[1]).toBe(
      `${host}:Msvm_ComputerSystem.Name="6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01",CreationClassName="Msvm_ComputerSystem" ${web01}`,
    );
    expect(all[3]).toContain('ElementName="build-01"');
    expect(all[3]).toContain("EnabledState=3,");
    expect(await wbemcli("gi", `${base}:${vm}`)).toBe(`${host}:${vm} ${web01}`);
  });

  it("gc of an association class", async () => {
    expect(await wbemcli("gc", `${base}:Msvm_SnapshotOfVirtualSystem`)).toBe(
      `${host}:Msvm_SnapshotOfVirtualSystem Antecedent=,Dependent=`,
    );
  });

  it("cm CreateSnapshot with a reference argument, then ai and ain find the snapshot and the job", async () => {
    const service =
      'Msvm_VirtualSystemSnapshotService.CreationClassName="Msvm_VirtualSystemSnapshotService",Name="vssnapsvc",SystemCreationClassName="Msvm_ComputerSystem",SystemName="HYPERV-01"';
    const called = await wbemcli("cm", `${base}:${service}`, `CreateSnapshot.AffectedSystem=${vm}`);
    const job = /InstanceID="([0-9A-F-]{36})"/.exec(called)?.[1] ?? "";
    expect(called.replace(job, "JOB")).toBe(
      `${host}:${service} CreateSnapshot: 4096, Job (reference): root/virtualization/v2:Msvm_ConcreteJob.InstanceID="JOB"`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const jobPath = `${base}:Msvm_ConcreteJob.InstanceID="${job}"`;
    expect(await wbemcli("gi", jobPath, "JobState,PercentComplete,ErrorCode")).toBe(
      `${host}:Msvm_ConcreteJob.InstanceID="${job}" PercentComplete=100,ErrorCode=0,JobState=7`,
    );
    const snapshot =
      'Msvm_VirtualSystemSettingData.InstanceID="Microsoft:6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01:SNAPSHOT-0001"';
    expect(await wbemcli("ai", "-ac", "Msvm_SnapshotOfVirtualSystem", `${base}:${vm}`)).toBe(
      `${host}:${snapshot} InstanceID="Microsoft:6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01:SNAPSHOT-0001",ElementName="web-01 - (2024-07-01)",VirtualSystemIdentifier="6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01",VirtualSystemType="Microsoft:Hyper-V:Snapshot:Realized",CreationTime=20240701120000.000000+000`,
    );
    expect((await wbemcli("ain", jobPath)).split("\n").sort()).toEqual([`${host}:${vm}`, `${host}:${snapshot}`]);
  });

  it("ecn, ec and gcd read classes; dc is refused with the reason; ain on a class is not a class-level query", async () => {
    expect(await wbemcli("ecn", `${base}:CIM_Job`)).toBe(
      [`${host}:CIM_ConcreteJob`, `${host}:Msvm_ConcreteJob`, `${host}:Msvm_StorageJob`].join("\n"),
    );
    const classes = (await wbemcli("ec", "-nl", `${base}:CIM_ConcreteJob`)).split("\n");
    expect(classes[0]).toBe(`${host}:Msvm_ConcreteJob : CIM_ConcreteJob`);
    expect(classes).toContain("-JobState=");
    expect(classes).toContain("-Cancellable=");
    // gcd: wbemcli reads the CLASS and writes it back from its own model (no qualifiers or CLASSORIGIN asked for).
    expect(await wbemcli("gcd", `${base}:Msvm_AffectedJobElement`)).toBe(
      '<CLASS NAME="Msvm_AffectedJobElement" SUPERCLASS="CIM_AffectedJobElement">' +
        '<PROPERTY.REFERENCE NAME="AffectedElement" REFERENCECLASS="CIM_ManagedElement" PROPAGATED="true"></PROPERTY.REFERENCE>' +
        '<PROPERTY.REFERENCE NAME="AffectingElement" REFERENCECLASS="CIM_Job" PROPAGATED="true"></PROPERTY.REFERENCE>' +
        '<PROPERTY.ARRAY NAME="ElementEffects" TYPE="uint16" PROPAGATED="true"></PROPERTY.ARRAY></CLASS>',
    );
    const refused = async (...args: string[]) =>
      run("wbemcli", args, { timeout: 10_000 }).then(
        () => "succeeded",
        (e: { stderr: string }) => e.stderr.replaceAll("*", "").trim(),
      );
    expect(await refused("dc", `${base}:Msvm_ConcreteJob`)).toBe(
      "wbemcli: Cim: (7) CIM_ERR_NOT_SUPPORTED: DeleteClass: the classes are compiled into this server from MOF and cannot be changed at run time",
    );
    // wbemcli sends a class path as an INSTANCENAME without keys (it has no class-level association queries), which
    // names an instance of a class that has keys: a bad parameter, not a class-level query.
    expect(await refused("ain", `${base}:Msvm_ComputerSystem`)).toBe(
      "wbemcli: Cim: (4) CIM_ERR_INVALID_PARAMETER: AssociatorNames: Msvm_ComputerSystem is a class, not an instance path",
    );
  });

  it("every response wbemcli received is valid DSP0203 CIM-XML", () => {
    expect(responses.length).toBeGreaterThanOrEqual(9);
    expect(dtdProblems(responses)).toBe("");
  });
});
