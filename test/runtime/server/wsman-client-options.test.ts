import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExampleServer, schemas } from "../../../examples/hyperv-host/src/host.js";
import { WsmanConnection } from "../../../runtime/src/client/wsman-connection.js";
import type { CimServer } from "../../../runtime/src/server/index.js";
import { CimError, CimStatus } from "../../../runtime/src/values/cim-error.js";

/**
 * The WS-Management client's DSP0200 options against the example's WS-Management server: each one either does
 * what it says (propertyList, deepInheritance, operationTimeout) or is refused by name. None is dropped, since
 * the answer would then silently be another one than the one asked for.
 */
let server: CimServer;
let wsman: WsmanConnection;

beforeAll(async () => {
  server = createExampleServer({ jobMs: 50 });
  const url = await server.listen(0);
  wsman = new WsmanConnection({ url, namespace: "root/virtualization/v2", schemas });
});
afterAll(() => {
  wsman.close();
  return server.close();
});

const host = {
  className: "Msvm_ComputerSystem",
  keys: { CreationClassName: "Msvm_ComputerSystem", Name: "HYPERV-01" },
};

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CimError);
  expect((error as CimError).code).toBe(CimStatus.CIM_ERR_NOT_SUPPORTED);
  return (error as CimError).detail;
}

describe("WS-Management client options", () => {
  it("propertyList cuts Get and Enumerate answers down to the listed properties (names case-insensitive)", async () => {
    const one = await wsman.getInstance(host, { propertyList: ["elementname", "EnabledState"] });
    expect(Object.keys(one.properties).sort()).toEqual(["ElementName", "EnabledState"]);
    expect(one.path?.keys).toEqual(host.keys);
    const all = await wsman.enumerateInstances("Msvm_ComputerSystem", { propertyList: ["Name"] });
    expect(all.length).toBeGreaterThan(1);
    for (const i of all) expect(Object.keys(i.properties)).toEqual(["Name"]);
    const none = await wsman.enumerateInstances("Msvm_ComputerSystem", { propertyList: [] });
    for (const i of none) expect(i.properties).toEqual({});
  });

  it("propertyList holds for every page of a pull enumeration", async () => {
    let page = await wsman.openEnumerateInstances("Msvm_ComputerSystem", { maxObjectCount: 1, propertyList: ["Name"] });
    const seen = [...page.instances];
    while (!page.endOfSequence && page.context !== undefined) {
      page = await wsman.pullInstancesWithPath(page.context, 1);
      seen.push(...page.instances);
    }
    expect(seen.length).toBeGreaterThan(1);
    for (const i of seen) expect(Object.keys(i.properties)).toEqual(["Name"]);
  });

  it("deepInheritance false leaves out the properties subclasses add (DSP0227 PolymorphismMode)", async () => {
    const deep = await wsman.enumerateInstances("CIM_ComputerSystem");
    expect(deep.some((i) => "NumberOfNumaNodes" in i.properties)).toBe(true);
    const shallow = await wsman.enumerateInstances("CIM_ComputerSystem", { deepInheritance: false });
    expect(shallow.length).toBe(deep.length);
    for (const i of shallow) {
      expect(i.className).toBe("CIM_ComputerSystem");
      expect("NumberOfNumaNodes" in i.properties).toBe(false);
    }
    const page = await wsman.openEnumerateInstances("CIM_ComputerSystem", {
      deepInheritance: false,
      maxObjectCount: 99,
    });
    for (const i of page.instances) expect("NumberOfNumaNodes" in i.properties).toBe(false);
  });

  it("refuses, by name, the options WS-Management cannot carry", async () => {
    expect(await refusal(wsman.getInstance(host, { localOnly: true }))).toMatch(/^getInstance: localOnly/);
    expect(await refusal(wsman.enumerateInstances("Msvm_ComputerSystem", { includeQualifiers: true }))).toMatch(
      /includeQualifiers/,
    );
    expect(await refusal(wsman.associators(host, { includeClassOrigin: true }))).toMatch(/includeClassOrigin/);
    expect(await refusal(wsman.openEnumerateInstances("Msvm_ComputerSystem", { continueOnError: true }))).toMatch(
      /continueOnError/,
    );
    const filtered = wsman.openEnumerateInstances("CIM_ComputerSystem", {
      filterQuery: "SELECT * FROM CIM_ComputerSystem",
      deepInheritance: false,
    });
    expect(await refusal(filtered)).toMatch(/deepInheritance false with a filterQuery/);
    const vm = await wsman.getInstance(host);
    const put = wsman.modifyInstance({ ...vm, path: host }, { propertyList: ["ElementName"] });
    expect(await refusal(put)).toMatch(/replaces the whole instance/);
  });

  it("an empty array is refused before it is sent, since it would arrive as a value not given", async () => {
    const vm = await wsman.getInstance(host);
    const emptied = { ...vm, properties: { ...vm.properties, OperationalStatus: [] }, path: host };
    await expect(wsman.modifyInstance(emptied)).rejects.toThrow(
      /OperationalStatus: WS-Management cannot send an empty array/,
    );
  });

  it("the options' defaults (false, absent) change nothing", async () => {
    const plain = await wsman.getInstance(host);
    const same = await wsman.getInstance(host, {
      localOnly: false,
      includeQualifiers: false,
      includeClassOrigin: false,
    });
    expect(same).toEqual(plain);
  });
});
