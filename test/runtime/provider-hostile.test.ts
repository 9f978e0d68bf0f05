import { describe, expect, it } from "vitest";
import { CimError, type ClassSchema, ProviderHost } from "../../runtime/src/index.js";
import { failure, RecordingProvider, servicePath, serviceSchema, systemPath } from "./provider-fixture.js";

/**
 * Issue 13 item 21: whatever a caller passes, and whatever a provider throws or returns, a ProviderHost operation
 * fails only with a CimError (CIM_ERR_INVALID_PARAMETER for the caller's input, CIM_ERR_FAILED for the provider's
 * result), the original error attached as its cause. `failure` rethrows anything that is not a CimError, so each
 * of these failed on bcba6bf with a TypeError or the getter's own error escaping.
 */

function hostWith(provider = new RecordingProvider(serviceSchema)) {
  return { host: new ProviderHost().register(provider), provider };
}

const input = { AffectedSystem: systemPath, SnapshotType: 2 };
const service = serviceSchema.name;
const invalid = (detail: string) => ({ status: "CIM_ERR_INVALID_PARAMETER", detail });

function throwingGetter(): Record<string, unknown> {
  return Object.defineProperty({ SnapshotType: 2 }, "AffectedSystem", {
    enumerable: true,
    get() {
      throw new Error("boom");
    },
  });
}

describe("ProviderHost: hostile caller input is CIM_ERR_INVALID_PARAMETER", () => {
  const { host, provider } = hostWith();

  it.each([
    [
      "options null",
      () => host.enumerateInstances(service, null as never),
      "enumerateInstances: the options are null, not an object",
    ],
    [
      "a signal that is no AbortSignal",
      () => host.enumerateInstances(service, { signal: { aborted: false } as never }),
      "enumerateInstances: the signal is an object, not an AbortSignal",
    ],
    [
      "a getInstance path whose namespace is a number",
      () => host.getInstance({ ...servicePath, namespace: 5 as never }),
      `${service}.getInstance: path: the namespace is 5, not a string`,
    ],
    [
      "a target whose namespace is an object",
      () => host.invokeMethod(service, "Reset", {}, { ...servicePath, namespace: {} as never }),
      `${service}.Reset: target: the namespace is an object, not a string`,
    ],
    [
      "a propertyList given as a string",
      () => host.modifyInstance(service, { ...servicePath.keys, ElementName: "e" }, "Name" as never),
      `${service}.modifyInstance: property list: "Name" is not an array of property names`,
    ],
    [
      "a parameter with a throwing getter",
      () => host.invokeMethod(service, "CreateSnapshot", throwingGetter(), servicePath),
      `${service}.CreateSnapshot: the parameters: reading it threw an error`,
    ],
    [
      "parameters behind a Proxy whose traps throw",
      () =>
        host.invokeMethod(
          service,
          "CreateSnapshot",
          new Proxy(input, {
            ownKeys() {
              throw new Error("trap");
            },
          }),
          servicePath,
        ),
      `${service}.CreateSnapshot: the parameters: reading it threw an error`,
    ],
    [
      "a revoked Proxy as the target",
      () => {
        const { proxy, revoke } = Proxy.revocable({ ...servicePath }, {});
        revoke();
        return host.invokeMethod(service, "Reset", {}, proxy);
      },
      `${service}.Reset: target: reading it threw an error`,
    ],
    [
      "a circular instance",
      () => {
        const instance: Record<string, unknown> = { ...servicePath.keys };
        instance.ElementName = instance;
        return host.createInstance(service, instance);
      },
      `${service}.createInstance: the instance: the value contains itself`,
    ],
  ])("%s", async (_, call, detail) => {
    const calls = provider.calls.length;
    expect(await failure(call())).toEqual(invalid(detail));
    expect(provider.calls.length).toBe(calls);
  });

  it("attaches what was thrown as the cause, and reads each caller value once", async () => {
    let reads = 0;
    const params: Record<string, unknown> = Object.defineProperty({ AffectedSystem: systemPath }, "SnapshotType", {
      enumerable: true,
      get() {
        reads++;
        return 2;
      },
    });
    provider.result = { ReturnValue: 0 };
    await host.invokeMethod(service, "CreateSnapshot", params, servicePath);
    expect(reads).toBe(1);
    expect(provider.last.args[0]).toEqual(input);
    const error = await host.invokeMethod(service, "CreateSnapshot", throwingGetter(), servicePath).catch((e) => e);
    expect(error).toBeInstanceOf(CimError);
    expect((error as CimError).cause).toEqual(new Error("boom"));
  });

  it("refuses a provider that is not one, with a CimError", () => {
    const host = new ProviderHost();
    expect(() => host.register(null as never)).toThrow(CimError);
    expect(() => host.register({ schema: null } as never)).toThrow(CimError);
    const looping: ClassSchema = { name: "A", namespace: "root/test", properties: [], methods: [] };
    const loop = { ...looping, superclass: "A", superclassSchema: () => loop } as ClassSchema;
    expect(() => host.register(new RecordingProvider(loop))).toThrow(CimError);
  });
});

describe("ProviderHost: a provider's bad result or odd throw is CIM_ERR_FAILED", () => {
  const { host, provider } = hostWith();

  it("maps a result with a throwing getter", async () => {
    provider.result = Object.defineProperty({}, "ReturnValue", {
      enumerable: true,
      get() {
        throw new TypeError("gone");
      },
    });
    expect(await failure(host.invokeMethod(service, "CreateSnapshot", input, servicePath))).toEqual({
      status: "CIM_ERR_FAILED",
      detail: `${service}.CreateSnapshot: the provider's result: reading it threw an error`,
    });
  });

  it("maps a thrown object whose message getter throws", async () => {
    provider.error = Object.create(Error.prototype, {
      message: {
        get() {
          throw new Error("no message");
        },
      },
    });
    expect(await failure(host.enumerateInstances(service))).toEqual({
      status: "CIM_ERR_FAILED",
      detail: `${service}.enumerateInstances: the provider failed: an error that cannot be shown`,
    });
    provider.error = undefined;
  });

  it("maps instances behind a revoked Proxy", async () => {
    const { proxy, revoke } = Proxy.revocable([{}], {});
    revoke();
    provider.instances = proxy;
    expect((await failure(host.enumerateInstances(service))).status).toBe("CIM_ERR_FAILED");
  });
});
