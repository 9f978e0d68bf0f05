import { describe, expect, it } from "vitest";
import {
  type ClassSchema,
  instanceOf,
  type MethodContext,
  type ObjectPath,
  type Provider,
  ProviderHost,
} from "../../runtime/src/index.js";
import { failure } from "./provider-fixture.js";

/**
 * Issue 13 item 22: the host enforces MinValue, MaxValue, MinLen, MaxLen and fixed array sizes; checks embedded
 * instances against their class (recursively, bounded, without cycles) and REF values against the REF's class and
 * keys; and compares what getInstance returns with the path asked for. On bcba6bf every value here was accepted.
 */

const ns = "root/test";
const element: ClassSchema = {
  name: "Test_Element",
  namespace: ns,
  properties: [{ name: "InstanceID", type: "string", key: true, classOrigin: "Test_Element" }],
  methods: [],
};
const system: ClassSchema = {
  name: "Test_System",
  namespace: ns,
  superclass: "Test_Element",
  superclassSchema: () => element,
  properties: [{ name: "Label", type: "string", maxLen: 8, classOrigin: "Test_System" }],
  methods: [],
};
const other: ClassSchema = {
  name: "Test_Other",
  namespace: ns,
  properties: [{ name: "InstanceID", type: "string", key: true, classOrigin: "Test_Other" }],
  methods: [],
};
const setting: ClassSchema = {
  name: "Test_Setting",
  namespace: ns,
  properties: [
    { name: "Size", type: "uint32", minValue: 1, maxValue: 64, classOrigin: "Test_Setting" },
    { name: "Child", type: "string", embeddedClass: "Test_Setting", embeddedSchema: () => setting, classOrigin: "X" },
  ],
  methods: [],
};
const service: ClassSchema = {
  name: "Test_Service",
  namespace: ns,
  properties: [{ name: "Name", type: "string", key: true, minLen: 2, maxLen: 5, classOrigin: "Test_Service" }],
  methods: [
    {
      name: "Take",
      static: true,
      classOrigin: "Test_Service",
      parameters: [
        { name: "Big", type: "sint64", minValue: -10n, maxValue: 2n ** 40n, in: true, out: false },
        { name: "Ratio", type: "real64", minValue: 0, maxValue: 1, in: true, out: false },
        { name: "Bytes", type: "uint8", array: true, arraySize: 4, in: true, out: false },
        { name: "Names", type: "string", array: true, maxLen: 3, in: true, out: false },
        {
          name: "Target",
          type: "reference",
          referenceClass: "Test_Element",
          referenceSchema: () => element,
          in: true,
          out: false,
        },
        {
          name: "Settings",
          type: "string",
          embeddedClass: "Test_Setting",
          embeddedSchema: () => setting,
          in: true,
          out: false,
        },
        { name: "Anything", type: "object", in: true, out: false },
      ],
    },
  ],
};

function providerOf(schema: ClassSchema, instance?: object): Provider & { calls: number } {
  return {
    schema,
    calls: 0,
    enumerateInstances: async () => [],
    getInstance: async () => instance,
    createInstance: async () => ({ className: schema.name, keys: {} }),
    modifyInstance: async () => {},
    deleteInstance: async () => {},
    async invokeMethod(_input: object, _context: MethodContext) {
      this.calls++;
      return {};
    },
  };
}

const services = providerOf(service, { Name: "ab" });
const host = new ProviderHost().register(services).register(providerOf(system)).register(providerOf(other));
const take = (params: Record<string, unknown>) => host.invokeMethod("Test_Service", "Take", params);
const rejects = async (params: Record<string, unknown>, detail: string) => {
  const calls = services.calls;
  expect(await failure(take(params))).toEqual({
    status: "CIM_ERR_INVALID_PARAMETER",
    detail: `Test_Service.Take: ${detail}`,
  });
  expect(services.calls).toBe(calls);
};
const elementPath = (className: string, keys: ObjectPath["keys"] = { InstanceID: "e1" }) => ({ className, keys });

describe("MinValue, MaxValue, MinLen, MaxLen, fixed array sizes", () => {
  it("accepts values within the bounds", async () => {
    await take({ Big: -10n, Ratio: 1, Bytes: [1, 2, 3, 4], Names: ["abc", "\u{1F600}\u{1F600}\u{1F600}"] });
    await take({ Big: 2n ** 40n, Ratio: 0 });
    expect(services.calls).toBe(2);
  });

  it.each([
    [{ Big: -11n }, "parameter Big: -11n is less than its MinValue -10"],
    [{ Big: 2n ** 40n + 1n }, "parameter Big: 1099511627777n is greater than its MaxValue 1099511627776"],
    [{ Ratio: 1.5 }, "parameter Ratio: 1.5 is greater than its MaxValue 1"],
    [{ Ratio: Number.NaN }, "parameter Ratio: NaN is not within its MinValue and MaxValue"],
    [{ Bytes: [1, 2, 3, 4, 5] }, "parameter Bytes: the array has 5 elements; the fixed-size array holds at most 4"],
    [{ Names: ["ab", "abcd"] }, 'parameter Names: element 1: "abcd" has 4 characters, more than its MaxLen 3'],
  ])("rejects %o", (params, detail) => rejects(params, detail));

  it("checks MinLen and MaxLen of keys and returned properties", async () => {
    expect((await failure(host.createInstance("Test_Service", { Name: "a" }))).detail).toBe(
      'Test_Service.createInstance: property Name: "a" has 1 characters, fewer than its MinLen 2',
    );
    expect((await failure(host.createInstance("Test_System", { InstanceID: "s", Label: "123456789" }))).detail).toBe(
      'Test_System.createInstance: property Label: "123456789" has 9 characters, more than its MaxLen 8',
    );
  });
});

describe("embedded instances", () => {
  it("accepts an instance of the class or a subclass, as properties or as text", async () => {
    await take({ Settings: { Size: 2, Child: { Size: 3 } } });
    await take({ Settings: "instance of Test_Setting { Size = 2; };" });
    await take({ Settings: '<INSTANCE CLASSNAME="Test_Setting"><PROPERTY NAME="Size"/></INSTANCE>' });
    await take({ Settings: instanceOf("Test_Setting", { Size: 2 }) });
    await take({ Anything: "instance of Whatever { };" });
    await take({ Anything: "[abstract] class Whatever { };" });
  });

  const circular: Record<string, unknown> = { Size: 2 };
  circular.Child = circular;
  let deep: Record<string, unknown> = { Size: 1 };
  for (let i = 0; i < 100_000; i++) deep = { Size: 1, Child: deep };
  let nested: Record<string, unknown> = { Size: 1 };
  for (let i = 0; i < 40; i++) nested = { Size: 1, Child: nested };

  it.each([
    [
      "a property of another class",
      { Settings: { Name: "x" } },
      "parameter Settings: property Name: not a property of Test_Setting",
    ],
    [
      "a bad nested value",
      { Settings: { Child: { Size: 0 } } },
      "parameter Settings: property Child: property Size: 0 is less than its MinValue 1",
    ],
    [
      "text of another class",
      { Settings: "instance of Test_System { };" },
      "parameter Settings: the embedded instance is of class Test_System is not Test_Setting or a subclass of it",
    ],
    [
      "text that is no instance",
      { Settings: "rm -rf /" },
      'parameter Settings: "rm -rf /" is not the text of an embedded instance (MOF "instance of Test_Setting { ... };" or a CIM-XML INSTANCE)',
    ],
    [
      "an instanceOf another class",
      { Settings: instanceOf("Test_Other", {}) },
      "parameter Settings: the embedded instance is of class Test_Other is not Test_Setting or a subclass of it",
    ],
    ["a circular instance", { Settings: circular }, "the parameters: the value contains itself"],
    ["a 100,000-deep instance", { Settings: deep }, "the parameters: the value nests deeper than 100 levels"],
    [
      "a 40-deep instance",
      { Settings: nested },
      `parameter Settings: ${"property Child: ".repeat(32)}embedded instances nest deeper than 32 levels`,
    ],
    [
      "a Map",
      { Settings: new Map([["Size", 2]]) },
      "parameter Settings: an object is not an embedded instance of Test_Setting (an object of its properties, or its MOF text)",
    ],
    [
      "a Promise",
      { Settings: Promise.resolve({ Size: 2 }) },
      "parameter Settings: an object is not an embedded instance of Test_Setting (an object of its properties, or its MOF text)",
    ],
    [
      "an own __proto__ key",
      { Settings: JSON.parse('{"__proto__": {"Size": 2}}') },
      "parameter Settings: property __proto__: not a property of Test_Setting",
    ],
    [
      "an untyped object with an own __proto__ key",
      { Anything: JSON.parse('{"a": {"__proto__": 1}}') },
      "parameter Anything: property a: a property named __proto__ is not a MOF property",
    ],
    [
      "an untyped object holding a Map",
      { Anything: { a: new Map() } },
      "parameter Anything: property a: an object is not a CIM value",
    ],
    [
      "untyped text that is neither an instance nor a class",
      { Anything: "hello" },
      'parameter Anything: "hello" is not the text of an embedded instance (MOF "instance of Class { ... };" or a CIM-XML INSTANCE)',
    ],
  ])("rejects %s", (_, params, detail) => rejects(params, detail));
});

describe("REF values", () => {
  it("accepts a path of the REF's class or a known or unknown subclass with its keys", async () => {
    await take({ Target: elementPath("Test_Element") });
    await take({ Target: elementPath("test_system", { instanceid: "s" }) });
    await take({ Target: elementPath("Vendor_Element") });
  });

  it.each([
    [
      "a class outside the REF's family",
      elementPath("Test_Other"),
      "class Test_Other is not Test_Element or a subclass of it",
    ],
    ["a path without the class's keys", elementPath("Test_Element", { Name: "x" }), "key Name: not a property"],
    ["an unknown class without the keys", elementPath("Vendor_Element", {}), "key InstanceID is missing"],
    ["a key of the wrong type", elementPath("Test_System", { InstanceID: 5 }), "key InstanceID: 5 is not a string"],
  ])("rejects %s", async (_, Target, reason) => {
    const detail = (await failure(take({ Target }))).detail;
    expect(detail).toContain("Test_Service.Take: parameter Target: the reference");
    expect(detail).toContain(reason);
  });
});

describe("getInstance results", () => {
  it("is CIM_ERR_FAILED when the provider returns another instance than the path names", async () => {
    expect(await host.getInstance({ className: "Test_Service", keys: { Name: "ab" } })).toEqual({ Name: "ab" });
    expect(await failure(host.getInstance({ className: "Test_Service", keys: { Name: "cd" } }))).toEqual({
      status: "CIM_ERR_FAILED",
      detail:
        'Test_Service.getInstance: the instance: the provider returned another instance: key Name is "ab", not "cd" as asked',
    });
  });
});
