import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createExampleHost, schemas } from "../../../examples/hyperv-host/src/host.js";
import { computerPath } from "../../../examples/hyperv-host/src/inventory.js";
import type { Msvm_ComputerSystem } from "../../../generated/root/virtualization/v2/Msvm_ComputerSystem.js";
import type { Msvm_VirtualSystemSettingData } from "../../../generated/root/virtualization/v2/Msvm_VirtualSystemSettingData.js";
import type { ClassMap } from "../../../generated/root/virtualization/v2/providers/class-map.js";
import { CimXmlConnection } from "../../../runtime/src/client/cimxml-connection.js";
import { WbemClient } from "../../../runtime/src/client/wbem-client.js";
import { type CimServer, createCimServer } from "../../../runtime/src/server/index.js";
import { CimError } from "../../../runtime/src/values/cim-error.js";
import type { ObjectPath } from "../../../runtime/src/values/reference.js";

/**
 * Every pull operation of the typed client against the CIM-XML server serving the example's providers, with
 * three snapshots of web-01 taken: each iterator yields what the one-answer operation answers, a page at a time;
 * leaving a loop early closes its context on the server (which holds at most two: a context left open would make
 * the next Open fail with CIM_ERR_SERVER_LIMITS_EXCEEDED).
 */
let server: CimServer;
let client: WbemClient<ClassMap>;
let connection: CimXmlConnection;
const web01 = computerPath("6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01");

beforeAll(async () => {
  const { host, inventory } = createExampleHost({ now: () => new Date("2024-07-01T12:00:00Z") });
  const vm = inventory.findComputer(web01.keys.Name);
  for (let i = 0; i < 3; i++) if (vm !== undefined) inventory.addSnapshot(vm);
  server = createCimServer({ host, schemas, limits: { maxOpen: 2 } });
  const url = await server.listen(0);
  const options = { url, namespace: "root/virtualization/v2", schemas, timeoutMs: 5000 };
  client = new WbemClient<ClassMap>(options);
  connection = new CimXmlConnection(options);
});
afterAll(() => {
  client.close();
  connection.close();
  return server.close();
});

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const names = (instances: readonly { properties: object }[]) =>
  instances.map((i) => (i.properties as { ElementName?: unknown }).ElementName);
const ids = (paths: readonly ObjectPath[]) => paths.map((p) => p.keys.InstanceID ?? p.keys.Name);
const snapshotIds = [1, 2, 3].map((n) => `Microsoft:${web01.keys.Name}:SNAPSHOT-000${n}`);

describe("WbemClient pull iterators against createCimServer", () => {
  it("iterEnumerateInstances and iterEnumerateInstancePaths: the class's instances, typed by the ClassMap", async () => {
    const vms = await all(client.iterEnumerateInstances("Msvm_ComputerSystem", { maxObjectCount: 1 }));
    expectTypeOf(vms[0]?.properties).toEqualTypeOf<Msvm_ComputerSystem | undefined>();
    expect(names(vms)).toEqual(names(await client.enumerateInstances("Msvm_ComputerSystem")));
    expect(names(vms)).toEqual(["HYPERV-01", "web-01", "db-01", "build-01"]);
    const paths = await all(client.iterEnumerateInstancePaths("Msvm_ComputerSystem", { maxObjectCount: 3 }));
    expectTypeOf(paths).toEqualTypeOf<ObjectPath<"Msvm_ComputerSystem">[]>();
    // INSTANCEPATH names the server (HOST); EnumerateInstanceNames' INSTANCENAME does not.
    expect(paths.map(({ host, ...path }) => path)).toEqual(await client.enumerateInstanceNames("Msvm_ComputerSystem"));
    expect(new Set(paths.map((p) => p.host))).toEqual(new Set([new URL(server.url).host]));
  });

  it("iterAssociatorInstances and iterAssociatorInstancePaths: the snapshots of web-01", async () => {
    const options = { resultClass: "Msvm_VirtualSystemSettingData", maxObjectCount: 2 } as const;
    const found = await all(client.iterAssociatorInstances(web01, options));
    expectTypeOf(found[0]?.properties).toEqualTypeOf<Msvm_VirtualSystemSettingData | undefined>();
    expect(found.map((i) => i.properties.InstanceID)).toEqual(snapshotIds);
    expect(names(found)).toEqual(Array(3).fill("web-01 - (2024-07-01)"));
    expect(found.map((i) => i.path)).toEqual((await client.associators(web01, options)).map((i) => i.path));
    const paths = await all(client.iterAssociatorInstancePaths(web01, { maxObjectCount: 1 }));
    expect(ids(paths)).toEqual(snapshotIds);
    expect(paths).toEqual(await client.associatorNames(web01));
  });

  it("iterReferenceInstances and iterReferenceInstancePaths: the Msvm_SnapshotOfVirtualSystem links", async () => {
    const links = await all(client.iterReferenceInstances(web01, { maxObjectCount: 2 }));
    expect(links.map((l) => l.className)).toEqual(Array(3).fill("Msvm_SnapshotOfVirtualSystem"));
    expect(links.map((l) => (l.properties as { Dependent: ObjectPath }).Dependent.keys.InstanceID)).toEqual(
      snapshotIds,
    );
    expect(links.map((l) => l.path)).toEqual((await client.references(web01)).map((l) => l.path));
    const paths = await all(client.iterReferenceInstancePaths(web01, { maxObjectCount: 1 }));
    expect(paths).toEqual(await client.referenceNames(web01));
  });

  it("iterQueryInstances: the rows of a WQL query, without paths", async () => {
    const query = "SELECT ElementName FROM Msvm_ComputerSystem WHERE EnabledState = 2";
    const rows = await all(client.iterQueryInstances("WQL", query, { maxObjectCount: 1 }));
    expect(rows.map((r) => [r.path, r.properties])).toEqual([
      [undefined, { ElementName: "HYPERV-01" }],
      [undefined, { ElementName: "web-01" }],
      [undefined, { ElementName: "db-01" }],
    ]);
    expect(names(await client.execQuery("WQL", query))).toEqual(names(rows));
  });
});

describe("the pull operations one by one", () => {
  it("OpenQueryInstances with its result class; EnumerationCount; PullInstances to the end", async () => {
    const page = await connection.openQueryInstances("WQL", "SELECT Name FROM Msvm_ComputerSystem", {
      maxObjectCount: 1,
      returnQueryResultClass: true,
    });
    expect(page.queryResultClass?.className).toBe("Msvm_ComputerSystem");
    expect(page.queryResultClass?.properties.map((p) => p.name)).toEqual(["Name"]);
    expect([page.instances.length, page.endOfSequence, page.namespace]).toEqual([1, false, "root/virtualization/v2"]);
    const context = page.context ?? "";
    expect(await connection.enumerationCount(context)).toBe(3n);
    // A query's context is continued by PullInstances only.
    await expect(connection.pullInstancePaths(context, 1)).rejects.toMatchObject({ code: 21 });
    const rest = await connection.pullInstances(context, 10, { namespace: page.namespace ?? "" });
    expect([rest.instances.length, rest.endOfSequence, rest.context]).toEqual([3, true, undefined]);
    await expect(connection.closeEnumeration(context)).rejects.toBeInstanceOf(CimError);
  });

  it("a pull in another namespace than the context's is refused", async () => {
    const page = await connection.openEnumerateInstancePaths("Msvm_ComputerSystem", { maxObjectCount: 1 });
    const context = page.context ?? "";
    await expect(connection.pullInstancePaths(context, 1, { namespace: "root/cimv2" })).rejects.toMatchObject({
      code: 3,
    });
    await connection.closeEnumeration(context, { namespace: page.namespace ?? "" });
  });
});

describe("leaving an iterator early closes its enumeration on the server", () => {
  it("so the server's two contexts are free again after each break", async () => {
    for (let round = 0; round < 3; round++) {
      for await (const _ of client.iterAssociatorInstancePaths(web01, { maxObjectCount: 1 })) break;
      for await (const _ of client.iterReferenceInstances(web01, { maxObjectCount: 1 })) break;
      for await (const _ of client.iterQueryInstances("WQL", "SELECT * FROM Msvm_ComputerSystem", {
        maxObjectCount: 1,
      }))
        break;
    }
    // Both contexts are free: two Opens succeed and a third is over the limit, until one is closed.
    const a = await connection.openEnumerateInstancePaths("Msvm_ComputerSystem", { maxObjectCount: 1 });
    const b = await connection.openReferenceInstancePaths(web01, { maxObjectCount: 1 });
    await expect(connection.openAssociatorInstances(web01, { maxObjectCount: 1 })).rejects.toMatchObject({ code: 27 });
    await connection.closeEnumeration(a.context ?? "");
    await connection.closeEnumeration(b.context ?? "");
    expect((await connection.openAssociatorInstances(web01, { maxObjectCount: 3 })).endOfSequence).toBe(true);
  });

  it("and a throw inside the loop closes it too", async () => {
    const failure = new Error("consumer failed");
    const loop = async () => {
      for await (const _ of client.iterEnumerateInstances("Msvm_ComputerSystem", { maxObjectCount: 1 })) throw failure;
    };
    await expect(loop()).rejects.toBe(failure);
    await expect(loop()).rejects.toBe(failure);
    const a = await connection.openEnumerateInstancePaths("Msvm_ComputerSystem", { maxObjectCount: 1 });
    const b = await connection.openEnumerateInstancePaths("Msvm_ComputerSystem", { maxObjectCount: 1 });
    await connection.closeEnumeration(a.context ?? "");
    await connection.closeEnumeration(b.context ?? "");
  });
});

describe("an aborted iteration", () => {
  it("rejects with the signal's reason and still sends CloseEnumeration, without waiting for it", async () => {
    const abort = new AbortController();
    const reason = new Error("stopped by the caller");
    const loop = async () => {
      const options = { maxObjectCount: 1, signal: abort.signal };
      for await (const _ of client.iterEnumerateInstancePaths("Msvm_ComputerSystem", options)) abort.abort(reason);
    };
    await expect(loop()).rejects.toBe(reason);
    // The close is on its way: within a few seconds the server has both contexts free again.
    const deadline = Date.now() + 5000;
    for (;;) {
      const opened = await Promise.allSettled(
        [0, 1].map(() => connection.openEnumerateInstancePaths("Msvm_ComputerSystem", { maxObjectCount: 1 })),
      );
      for (const o of opened) if (o.status === "fulfilled") await connection.closeEnumeration(o.value.context ?? "");
      if (opened.every((o) => o.status === "fulfilled")) break;
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});

describe("without the pull operations, the iterators use the one-answer operations", () => {
  it("a protocol that lacks them (WbemOperations only) still iterates", async () => {
    const pullNames = /^(open(?!EnumerateInstances$)|pullInstance(s|Paths)$|enumerationCount)/;
    const plain = new Proxy(connection, {
      get: (target, key, receiver) => {
        if (typeof key === "string" && pullNames.test(key)) return undefined;
        const value = Reflect.get(target, key, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const fallback = new WbemClient<ClassMap>({ operations: plain });
    const found = await all(fallback.iterAssociatorInstancePaths(web01));
    expect(ids(found)).toEqual(snapshotIds);
    const rows = await all(fallback.iterQueryInstances("WQL", "SELECT Name FROM Msvm_ComputerSystem"));
    expect(rows).toHaveLength(4);
  });
});
