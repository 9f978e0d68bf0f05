import { describe, expect, it } from "vitest";
import { CimError, CimStatus, ProviderHost } from "../../runtime/src/index.js";
import {
  assocSchema,
  failure,
  namespace,
  RecordingProvider,
  serviceInstance,
  servicePath,
  serviceSchema,
  systemPath,
} from "./provider-fixture.js";

function hostWith(provider = new RecordingProvider(serviceSchema)) {
  return { host: new ProviderHost().register(provider), provider };
}

const create = "Msvm_VirtualSystemSnapshotService.CreateSnapshot";
const input = { AffectedSystem: systemPath, SnapshotType: 2 };

describe("ProviderHost: registration and dispatch", () => {
  it("calls the method with names in the schema's spelling, whatever case the caller used", async () => {
    const { host, provider } = hostWith();
    provider.result = { returnvalue: 0, RESULTINGSNAPSHOT: systemPath };
    const out = await host.invokeMethod(
      "msvm_virtualsystemsnapshotservice",
      "createSNAPSHOT",
      { snapshotType: 3, affectedsystem: systemPath, SnapshotSettings: undefined },
      { className: "MSVM_VirtualSystemSnapshotService", keys: { name: "vssnapsvc", creationClassName: "x" } },
    );
    expect(out).toEqual({ ReturnValue: 0, ResultingSnapshot: systemPath });
    const { args, context } = provider.last;
    expect(args).toEqual([{ AffectedSystem: systemPath, SnapshotType: 3 }]);
    expect(context).toMatchObject({
      namespace,
      className: "Msvm_VirtualSystemSnapshotService",
      methodName: "CreateSnapshot",
      target: {
        className: "Msvm_VirtualSystemSnapshotService",
        namespace,
        keys: { CreationClassName: "x", Name: "vssnapsvc" },
      },
    });
  });

  it("refuses a second provider for a class, in any case", () => {
    const { host } = hostWith();
    const again = new RecordingProvider({ ...serviceSchema, name: "MSVM_VIRTUALSYSTEMSNAPSHOTSERVICE" });
    expect(() => host.register(again)).toThrow(
      new CimError(
        CimStatus.CIM_ERR_ALREADY_EXISTS,
        "a provider for class Msvm_VirtualSystemSnapshotService is already registered; MSVM_VIRTUALSYSTEMSNAPSHOTSERVICE cannot have two",
      ),
    );
    expect(host.classNames).toEqual(["Msvm_VirtualSystemSnapshotService"]);
  });

  it("answers INVALID_CLASS for a class without a provider and METHOD_NOT_FOUND for an unknown method", async () => {
    const { host } = hostWith();
    expect(await failure(host.invokeMethod("Msvm_Other", "CreateSnapshot", {}))).toEqual({
      status: "CIM_ERR_INVALID_CLASS",
      detail: "no provider for class Msvm_Other (registered: Msvm_VirtualSystemSnapshotService)",
    });
    expect(await failure(new ProviderHost().enumerateInstances("X"))).toEqual({
      status: "CIM_ERR_INVALID_CLASS",
      detail: "no provider for class X (none is registered)",
    });
    expect(await failure(host.invokeMethod(serviceSchema.name, "TakeSnapshot", {}, servicePath))).toEqual({
      status: "CIM_ERR_METHOD_NOT_FOUND",
      detail:
        "Msvm_VirtualSystemSnapshotService.TakeSnapshot: Msvm_VirtualSystemSnapshotService has no method TakeSnapshot",
    });
  });

  it("passes a provider's CimError through and turns anything else it throws into CIM_ERR_FAILED", async () => {
    const { host, provider } = hostWith();
    provider.error = new CimError(CimStatus.CIM_ERR_ACCESS_DENIED, "not for you");
    expect(await failure(host.invokeMethod(serviceSchema.name, "CreateSnapshot", input, servicePath))).toEqual({
      status: "CIM_ERR_ACCESS_DENIED",
      detail: "not for you",
    });
    const bug = new TypeError("x is undefined");
    provider.error = bug;
    const error = await host.invokeMethod(serviceSchema.name, "CreateSnapshot", input, servicePath).catch((e) => e);
    expect(error).toBeInstanceOf(CimError);
    expect(error.message).toBe(`CIM_ERR_FAILED: ${create}: the provider failed: x is undefined`);
    expect(error.cause).toBe(bug);
  });

  it("does not call the provider once the signal is aborted, and passes the caller's abort reason on", async () => {
    const { host, provider } = hostWith();
    const controller = new AbortController();
    controller.abort(new Error("caller gave up"));
    const call = host.invokeMethod(serviceSchema.name, "CreateSnapshot", input, servicePath, {
      signal: controller.signal,
    });
    await expect(call).rejects.toThrow("caller gave up");
    expect(provider.calls).toEqual([]);
    const live = new AbortController();
    provider.error = undefined;
    await host.enumerateInstances(serviceSchema.name, { signal: live.signal });
    expect(provider.last.context.signal).toBe(live.signal);
  });
});

describe("ProviderHost: method targets", () => {
  const { host, provider } = hostWith();
  const call = (method: string, target?: unknown) =>
    failure(host.invokeMethod(serviceSchema.name, method, method === "CreateSnapshot" ? input : {}, target as never));

  it.each([
    [
      "a non-static method without a target",
      "CreateSnapshot",
      undefined,
      "CreateSnapshot: the method is not static and needs the path of the instance to invoke it on",
    ],
    [
      "a static method with a target",
      "Probe",
      servicePath,
      "Probe: a static method is invoked on its class, not on an instance",
    ],
    [
      "a target of another class",
      "Reset",
      { className: "Msvm_Other", keys: {} },
      "Reset: target: the path names class Msvm_Other, not Msvm_VirtualSystemSnapshotService",
    ],
    [
      "a target without a key",
      "Reset",
      { className: serviceSchema.name, keys: { Name: "a" } },
      "Reset: target: key CreationClassName is missing",
    ],
    [
      "a target with a property that is no key",
      "Reset",
      { className: serviceSchema.name, keys: { ...servicePath.keys, Started: true } },
      "Reset: target: key Started: not a key property of Msvm_VirtualSystemSnapshotService",
    ],
    [
      "a target with an unknown key",
      "Reset",
      { className: serviceSchema.name, keys: { ...servicePath.keys, Id: 1 } },
      "Reset: target: key Id: not a property",
    ],
    [
      "a target whose key has the wrong type",
      "Reset",
      { className: serviceSchema.name, keys: { ...servicePath.keys, Name: 5 } },
      "Reset: target: key Name: 5 is not a string",
    ],
    [
      "a target that is no path",
      "Reset",
      "Msvm_VirtualSystemSnapshotService.Name=1",
      'Reset: target: "Msvm_VirtualSystemSnapshotService.Name=1" is not an object path (an ObjectPath with className and keys)',
    ],
  ])("rejects %s", async (_, method, target, detail) => {
    expect(await call(method, target)).toEqual({
      status: "CIM_ERR_INVALID_PARAMETER",
      detail: `Msvm_VirtualSystemSnapshotService.${detail}`,
    });
  });

  it("rejects a target in another namespace with INVALID_NAMESPACE, and accepts the class's own in any spelling", async () => {
    expect(await call("Reset", { ...servicePath, namespace: "root/cimv2" })).toEqual({
      status: "CIM_ERR_INVALID_NAMESPACE",
      detail:
        "Msvm_VirtualSystemSnapshotService.Reset: target: namespace root/cimv2 is not Msvm_VirtualSystemSnapshotService's namespace root/virtualization/v2",
    });
    provider.result = {};
    await host.invokeMethod(serviceSchema.name, "Reset", {}, { ...servicePath, namespace: "ROOT\\Virtualization\\V2" });
    expect((provider.last.context as { target?: unknown }).target).toEqual({ ...servicePath, namespace });
  });

  it("invokes a static method without a target", async () => {
    provider.result = { ReturnValue: 0, Level: 3 };
    expect(await host.invokeMethod(serviceSchema.name, "Probe", { Level: 2 })).toEqual({ ReturnValue: 0, Level: 3 });
    expect((provider.last.context as { target?: unknown }).target).toBeUndefined();
  });
});

describe("ProviderHost: method inputs", () => {
  const { host, provider } = hostWith();
  const invoke = (params: unknown) =>
    failure(host.invokeMethod(serviceSchema.name, "CreateSnapshot", params as never, servicePath));

  it.each([
    [
      "an unknown parameter",
      { ...input, Snapshot: 2 },
      "parameter Snapshot: not a parameter of the method (its In parameters are AffectedSystem, SnapshotSettings, SnapshotType, ResultingSnapshot)",
    ],
    [
      "an Out parameter as input",
      { ...input, job: systemPath },
      "parameter Job: an Out parameter cannot be given as input",
    ],
    [
      "one parameter twice",
      { ...input, snapshottype: 3 },
      "parameter SnapshotType: given twice, as SnapshotType and snapshottype",
    ],
    ["a missing Required parameter", { SnapshotType: 2 }, "parameter AffectedSystem: is required"],
    [
      "a Required parameter that is null",
      { AffectedSystem: null },
      "parameter AffectedSystem: is required and cannot be null",
    ],
    [
      "a value outside a closed value map",
      { ...input, SnapshotType: 5 },
      "parameter SnapshotType: 5 is not a value of its value map (2 Full Snapshot, 3 Disk Snapshot, 32768 Recovery)",
    ],
    [
      "a value of the wrong type",
      { ...input, SnapshotType: "2" },
      'parameter SnapshotType: "2" is not a uint16 (an integer from 0 to 65535)',
    ],
    [
      "a reference that is a string",
      { AffectedSystem: 'Msvm_ComputerSystem.Name="x"' },
      'parameter AffectedSystem: "Msvm_ComputerSystem.Name=\\"x\\"" is not a reference (an ObjectPath with className and keys)',
    ],
    [
      "an embedded instance that is a number",
      { ...input, SnapshotSettings: 1 },
      "parameter SnapshotSettings: 1 is not an embedded instance of CIM_SettingData (an object of its properties, or its MOF text)",
    ],
    ["parameters that are not an object", [input], "the parameters are an array, not an object of parameter values"],
  ])("rejects %s", async (_, params, detail) => {
    expect(await invoke(params)).toEqual({ status: "CIM_ERR_INVALID_PARAMETER", detail: `${create}: ${detail}` });
  });

  it.each([
    ["a listed value of a closed map", { ...input, SnapshotType: 32768 }],
    ["a null optional parameter", { ...input, SnapshotType: null }],
    ["an embedded instance as MOF text", { ...input, SnapshotSettings: "instance of CIM_SettingData {};" }],
    ["an embedded instance as an object", { ...input, SnapshotSettings: { ElementName: "a" } }],
    ["an In/Out parameter", { ...input, ResultingSnapshot: systemPath }],
  ])("accepts %s", async (_, params) => {
    provider.result = { ReturnValue: 0 };
    await host.invokeMethod(serviceSchema.name, "CreateSnapshot", params, servicePath);
    expect(provider.last.args[0]).toEqual(params);
  });
});

describe("ProviderHost: method outputs (a provider's bug is CIM_ERR_FAILED)", () => {
  const { host, provider } = hostWith();
  const invoke = async (result: unknown, method = "CreateSnapshot") => {
    provider.result = result;
    const params = method === "CreateSnapshot" ? input : {};
    return failure(host.invokeMethod(serviceSchema.name, method, params, method === "Probe" ? undefined : servicePath));
  };
  const bad = (detail: string, method = "CreateSnapshot") => ({
    status: "CIM_ERR_FAILED",
    detail: `Msvm_VirtualSystemSnapshotService.${method}: the provider returned a bad result: ${detail}`,
  });

  it.each([
    ["no ReturnValue", {}, "ReturnValue is missing"],
    ["a null ReturnValue", { ReturnValue: null }, "ReturnValue is missing"],
    [
      "a ReturnValue of the wrong type",
      { ReturnValue: 4294967296 },
      "ReturnValue: 4294967296 is not a uint32 (an integer from 0 to 4294967295)",
    ],
    ["an unknown Out parameter", { ReturnValue: 0, Snapshot: systemPath }, "Snapshot is not a parameter of the method"],
    ["an In parameter", { ReturnValue: 0, SnapshotType: 2 }, "SnapshotType is not an Out parameter"],
    [
      "an Out parameter of the wrong type",
      { ReturnValue: 0, Job: "job-1" },
      'Job: "job-1" is not a reference (an ObjectPath with className and keys)',
    ],
    ["4096 without the Job", { ReturnValue: 4096 }, "ReturnValue 4096 (job started) without the Out parameter Job"],
    ["something that is not an object", 0, "0 instead of an object of Out parameters"],
  ])("rejects %s", async (_, result, detail) => {
    expect(await invoke(result)).toEqual(bad(detail));
  });

  it("checks a closed ReturnValue map, and a void method's result", async () => {
    expect(await invoke({ ReturnValue: 2 }, "Probe")).toEqual(
      bad("ReturnValue: 2 is not a value of its value map (0 OK, 1 Not Supported)", "Probe"),
    );
    expect(await invoke({ ReturnValue: 0 }, "Reset")).toEqual(bad("ReturnValue from a void method", "Reset"));
  });

  it("accepts an open map's unnamed values and the job-started answer with its Job", async () => {
    provider.result = { ReturnValue: 7 };
    expect(await host.invokeMethod(serviceSchema.name, "CreateSnapshot", input, servicePath)).toEqual({
      ReturnValue: 7,
    });
    provider.result = { job: systemPath, ReturnValue: 4096 };
    expect(await host.invokeMethod(serviceSchema.name, "CreateSnapshot", input, servicePath)).toEqual({
      ReturnValue: 4096,
      Job: systemPath,
    });
  });
});

describe("ProviderHost: instances", () => {
  const assoc = new RecordingProvider(assocSchema);
  const { host, provider } = hostWith();
  host.register(assoc);

  it("enumerates and gets instances, renamed to the schema's spelling", async () => {
    provider.instances = [{ name: "a", CREATIONCLASSNAME: "c", ElementName: "e", Started: null }];
    const expected = [{ CreationClassName: "c", Name: "a", Started: null, ElementName: "e" }];
    expect(await host.enumerateInstances(serviceSchema.name)).toEqual(expected);
    const path = { className: serviceSchema.name, keys: { Name: "a", creationClassName: "c" } };
    expect(await host.getInstance(path)).toEqual(expected[0]);
    expect(provider.last.args[0]).toEqual({ ...path, keys: { CreationClassName: "c", Name: "a" }, namespace });
  });

  it.each([
    [
      "an unknown property",
      { ...serviceInstance, Size: 1 },
      "property Size: not a property of Msvm_VirtualSystemSnapshotService",
    ],
    [
      "a property of the wrong type",
      { ...serviceInstance, Started: "yes" },
      'property Started: "yes" is not a boolean',
    ],
    ["a missing key", { ...serviceInstance, Name: undefined }, "key property Name has no value"],
    ["a null key", { ...serviceInstance, Name: null }, "key property Name has no value"],
    [
      "a missing Required property",
      { ...serviceInstance, ElementName: undefined },
      "required property ElementName has no value",
    ],
    ["something that is not an object", "vssnapsvc", '"vssnapsvc" is not an instance (an object of properties)'],
  ])("treats %s in a returned instance as the provider's failure", async (_, instance, detail) => {
    provider.instances = [serviceInstance, instance];
    expect(await failure(host.enumerateInstances(serviceSchema.name))).toEqual({
      status: "CIM_ERR_FAILED",
      detail: `Msvm_VirtualSystemSnapshotService.enumerateInstances: instance 1: ${detail}`,
    });
  });

  it("answers NOT_FOUND when getInstance finds nothing, and rejects a bad path before asking", async () => {
    provider.instances = [];
    expect(await failure(host.getInstance(servicePath))).toEqual({
      status: "CIM_ERR_NOT_FOUND",
      detail:
        'Msvm_VirtualSystemSnapshotService.getInstance: no instance at Msvm_VirtualSystemSnapshotService.CreationClassName="Msvm_VirtualSystemSnapshotService",Name="vssnapsvc"',
    });
    const calls = provider.calls.length;
    expect(await failure(host.getInstance({ className: serviceSchema.name, keys: {} }))).toEqual({
      status: "CIM_ERR_INVALID_PARAMETER",
      detail: "Msvm_VirtualSystemSnapshotService.getInstance: path: key CreationClassName is missing",
    });
    expect(await failure(host.getInstance(null as never))).toEqual({
      status: "CIM_ERR_INVALID_PARAMETER",
      detail: "getInstance: null is not an object path (an ObjectPath with className and keys)",
    });
    expect(provider.calls.length).toBe(calls);
  });

  it("creates, modifies and deletes instances with checked inputs", async () => {
    provider.result = servicePath;
    expect(await host.createInstance(serviceSchema.name, { ...serviceInstance, name: undefined })).toEqual({
      ...servicePath,
      namespace,
    });
    expect(await failure(host.createInstance(serviceSchema.name, { ...serviceInstance, Started: 1 }))).toEqual({
      status: "CIM_ERR_INVALID_PARAMETER",
      detail: "Msvm_VirtualSystemSnapshotService.createInstance: property Started: 1 is not a boolean",
    });
    provider.result = { className: serviceSchema.name, keys: {} };
    expect(await failure(host.createInstance(serviceSchema.name, serviceInstance))).toEqual({
      status: "CIM_ERR_FAILED",
      detail: "Msvm_VirtualSystemSnapshotService.createInstance: the returned path: key CreationClassName is missing",
    });
    await host.modifyInstance(serviceSchema.name, { ...serviceInstance, Started: undefined, started: false }, [
      "STARTED",
    ]);
    expect(provider.last.args).toEqual([{ ...serviceInstance, Started: false }, ["Started"]]);
    expect(await failure(host.modifyInstance(serviceSchema.name, serviceInstance, ["Size"]))).toEqual({
      status: "CIM_ERR_INVALID_PARAMETER",
      detail: 'Msvm_VirtualSystemSnapshotService.modifyInstance: property list: "Size" is not a property',
    });
    await host.deleteInstance(servicePath);
    expect(provider.last).toMatchObject({ operation: "deleteInstance", args: [{ ...servicePath, namespace }] });
  });

  it("dispatches associators and references to an association's provider", async () => {
    const link = { Antecedent: systemPath, Dependent: systemPath };
    assoc.instances = [link];
    expect(await host.references("msvm_snapshotofvirtualsystem", systemPath, { role: "antecedent" })).toEqual([link]);
    expect(assoc.last.args).toEqual([systemPath, { role: "Antecedent" }]);
    assoc.instances = [serviceInstance];
    expect(await host.associators(assocSchema.name, systemPath, { resultClass: "CIM_X" })).toEqual([serviceInstance]);
    expect(await failure(host.associators(assocSchema.name, systemPath, { resultRole: "Owner" }))).toEqual({
      status: "CIM_ERR_INVALID_PARAMETER",
      detail:
        'Msvm_SnapshotOfVirtualSystem.associators: result role "Owner" is not a reference of Msvm_SnapshotOfVirtualSystem',
    });
    expect(await failure(host.references(serviceSchema.name, systemPath))).toEqual({
      status: "CIM_ERR_INVALID_PARAMETER",
      detail: "Msvm_VirtualSystemSnapshotService.references: Msvm_VirtualSystemSnapshotService is not an association",
    });
  });
});
