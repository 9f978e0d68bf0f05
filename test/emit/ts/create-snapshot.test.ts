import { beforeAll, describe, expect, it } from "vitest";
import { generateTypeScript } from "../../../src/emit/ts/generate.js";
import { compile } from "../../../src/index.js";
import { failure, generatedImport, implement, load, typeCheck, writeProject } from "./generated-project.js";

/**
 * Issue 4's end-to-end test: TypeScript generated from the bundled schemas/ (the whole pipeline), a user provider for
 * Msvm_VirtualSystemSnapshotService whose CreateSnapshot the test writes, type-checked with tsc under the strictest
 * settings, then run: the ProviderHost returns typed Out parameters and rejects bad input with a clear CimError.
 */

const schemas = new URL("../../../schemas/", import.meta.url).pathname;
const gen = "../../../../generated/root/virtualization/v2";

/** The implementation the test writes into the generated stub: a snapshot taken as a job (4096). */
const createSnapshotBody = `    const system = input.AffectedSystem;
    if (system === undefined || system === null) return { ReturnValue: ReturnValue.InvalidParameter };
    const vm = String(system.keys["Name"]);
    const type = input.SnapshotType ?? SnapshotType.FullSnapshot;
    return {
      ReturnValue: ReturnValue.MethodParametersCheckedJobStarted,
      ResultingSnapshot: {
        className: "Msvm_VirtualSystemSettingData",
        namespace: context.namespace,
        keys: { InstanceID: \`Microsoft:\${vm}:snapshot-\${type}\` },
      },
      Job: { className: "Msvm_ConcreteJob", namespace: context.namespace, keys: { InstanceID: \`job-\${vm}\` } },
    };
`;

const imports = `import {
  Msvm_VirtualSystemSnapshotService_CreateSnapshot_ReturnValue as ReturnValue,
  Msvm_VirtualSystemSnapshotService_CreateSnapshot_SnapshotType as SnapshotType,
} from "${gen}/Msvm_VirtualSystemSnapshotService.js";
`;

/** The application: registers the provider with a typed host and calls it. Its type assertions are checked by tsc. */
const main = `import { isJobStarted, ProviderHost, type Reference } from "@mofgen/runtime";
import {
  isMsvm_VirtualSystemSnapshotService_CreateSnapshot_JobStarted as jobStarted,
  Msvm_VirtualSystemSnapshotService_CreateSnapshot_SnapshotType as SnapshotType,
} from "./generated/root/virtualization/v2/Msvm_VirtualSystemSnapshotService.js";
import type { ClassMap } from "./generated/root/virtualization/v2/providers/class-map.js";
import { Msvm_VirtualSystemSnapshotServiceProvider } from "./providers/root/virtualization/v2/Msvm_VirtualSystemSnapshotService.js";

export const host = new ProviderHost<ClassMap>().register(new Msvm_VirtualSystemSnapshotServiceProvider());

export const service = {
  className: "Msvm_VirtualSystemSnapshotService",
  keys: { CreationClassName: "Msvm_VirtualSystemSnapshotService", Name: "vssnapsvc", SystemCreationClassName: "Msvm_ComputerSystem", SystemName: "HOST-1" },
} as const;

export const vm: Reference<"CIM_ComputerSystem"> = { className: "Msvm_ComputerSystem", keys: { CreationClassName: "Msvm_ComputerSystem", Name: "VM-1" } };

export async function createSnapshot() {
  const out = await host.invokeMethod("Msvm_VirtualSystemSnapshotService", "CreateSnapshot", { AffectedSystem: vm, SnapshotType: SnapshotType.FullSnapshot }, service);
  // Typed Out parameters: these only compile because the result has the generated Out type.
  const job: Reference<"CIM_ConcreteJob"> | null | undefined = out.Job;
  const snapshot: Reference<"CIM_VirtualSystemSettingData"> | null | undefined = out.ResultingSnapshot;
  // @ts-expect-error: CreateSnapshot has no Out parameter SnapshotType
  void out.SnapshotType;
  const startedJob = jobStarted(out) ? out.Job.keys : undefined;
  return { out, job, snapshot, jobStarted: isJobStarted(out.ReturnValue), startedJob };
}

export function invoke(method: string, params: unknown, target: unknown = service) {
  return host.invokeMethod("Msvm_VirtualSystemSnapshotService", method as "CreateSnapshot", params as never, target as never);
}

/** Compile-time checks of the typed host; never called. */
export function typeErrors(): void {
  // @ts-expect-error: SnapshotType is a number of its value map, not a label
  void host.invokeMethod("Msvm_VirtualSystemSnapshotService", "CreateSnapshot", { SnapshotType: "Full Snapshot" }, service);
  // @ts-expect-error: no such method
  void host.invokeMethod("Msvm_VirtualSystemSnapshotService", "TakeSnapshot", {}, service);
  // @ts-expect-error: no provider class of that name in the namespace
  void host.enumerateInstances("Msvm_Snapshot");
}
`;

interface Main {
  createSnapshot(): Promise<Record<string, unknown>>;
  invoke(method: string, params: unknown, target?: unknown): Promise<Record<string, unknown>>;
  vm: object;
}

describe("CreateSnapshot through the generated stub and the ProviderHost", () => {
  let dir: string;
  let app: Main;

  beforeAll(async () => {
    const { schema, diagnostics } = compile([schemas]);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const files = generateTypeScript(schema, {
      runtimeImport: "@mofgen/runtime",
      providers: { classes: ["Msvm_VirtualSystemSnapshotService"], generatedImport },
    });
    const user = files.filter((f) => f.owner === "user");
    expect(user.map((f) => f.path)).toEqual(["root/virtualization/v2/Msvm_VirtualSystemSnapshotService.ts"]);
    const implemented = imports + implement(user[0]?.content ?? "", "CreateSnapshot", createSnapshotBody);
    dir = writeProject(
      files.map((f) => (f.owner === "user" ? { ...f, content: implemented } : f)),
      { "main.ts": main },
    );
    expect(typeCheck(dir)).toBe("");
    app = await load<Main>(dir, "main.ts");
  }, 120_000);

  it("returns typed Out parameters: ReturnValue 4096 with the Job, and the resulting snapshot", async () => {
    const namespace = "root/virtualization/v2";
    const job = { className: "Msvm_ConcreteJob", namespace, keys: { InstanceID: "job-VM-1" } };
    expect(await app.createSnapshot()).toEqual({
      out: {
        ReturnValue: 4096,
        ResultingSnapshot: {
          className: "Msvm_VirtualSystemSettingData",
          namespace,
          keys: { InstanceID: "Microsoft:VM-1:snapshot-2" },
        },
        Job: job,
      },
      job,
      snapshot: expect.objectContaining({ className: "Msvm_VirtualSystemSettingData" }),
      jobStarted: true,
      startedJob: { InstanceID: "job-VM-1" },
    });
  });

  it.each([
    [
      "an AffectedSystem that is no reference",
      { AffectedSystem: "vm", SnapshotType: 2 },
      'parameter AffectedSystem: "vm" is not a reference (an ObjectPath with className and keys)',
    ],
    [
      "a SnapshotType that is no uint16",
      { SnapshotType: 70000 },
      "parameter SnapshotType: 70000 is not a uint16 (an integer from 0 to 65535)",
    ],
    [
      "a SnapshotType given as its label",
      { SnapshotType: "Full Snapshot" },
      'parameter SnapshotType: "Full Snapshot" is not a uint16 (an integer from 0 to 65535)',
    ],
    [
      "the Out parameter Job as input",
      { SnapshotType: 2, Job: { className: "Msvm_ConcreteJob", keys: {} } },
      "parameter Job: an Out parameter cannot be given as input",
    ],
    [
      "an unknown parameter",
      { Snapshot: 2 },
      "parameter Snapshot: not a parameter of the method (its In parameters are AffectedSystem, SnapshotSettings, SnapshotType, ResultingSnapshot)",
    ],
  ])("rejects %s with CIM_ERR_INVALID_PARAMETER", async (_, params, detail) => {
    expect(await failure(app.invoke("CreateSnapshot", params))).toEqual({
      status: "CIM_ERR_INVALID_PARAMETER",
      detail: `Msvm_VirtualSystemSnapshotService.CreateSnapshot: ${detail}`,
    });
  });

  it("rejects a call without the service instance to invoke it on", async () => {
    expect(await failure(app.invoke("CreateSnapshot", { SnapshotType: 2 }, null))).toEqual({
      status: "CIM_ERR_INVALID_PARAMETER",
      detail:
        "Msvm_VirtualSystemSnapshotService.CreateSnapshot: the method is not static and needs the path of the instance to invoke it on",
    });
  });

  it("accepts SnapshotType 5: the map on the reference page is open (.. DMTF Reserved), so 5 is a reserved value, not an error", async () => {
    const out = await app.invoke("CreateSnapshot", { AffectedSystem: app.vm, SnapshotType: 5 });
    expect(out.ResultingSnapshot).toMatchObject({ keys: { InstanceID: "Microsoft:VM-1:snapshot-5" } });
  });

  it("answers with the base's defaults for what the provider does not implement", async () => {
    const snapshot = { className: "Msvm_VirtualSystemSettingData", keys: { InstanceID: "Microsoft:VM-1:snapshot-2" } };
    expect(await app.invoke("DestroySnapshot", { AffectedSnapshot: snapshot })).toEqual({ ReturnValue: 1 });
    expect(await failure(app.invoke("StartService", {}))).toEqual({
      status: "CIM_ERR_NOT_SUPPORTED",
      detail: "Msvm_VirtualSystemSnapshotService.StartService is not supported",
    });
  });
});
