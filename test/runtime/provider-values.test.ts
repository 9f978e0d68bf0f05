import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type CimTypeName,
  type ClassSchema,
  type ElementSchema,
  type MethodContext,
  type ObjectPath,
  type OperationContext,
  type Provider,
  ProviderHost,
  parseDateTime,
} from "../../runtime/src/index.js";
import { failure } from "./provider-fixture.js";

/**
 * Every CIM type's run-time check, through a static method with one parameter of that type: a valid value reaches
 * the provider, an invalid one is CIM_ERR_INVALID_PARAMETER naming the parameter and the reason.
 */

function hostFor(element: Omit<ElementSchema, "name">) {
  const schema: ClassSchema = {
    name: "Test_Types",
    namespace: "root/test",
    properties: [],
    methods: [
      {
        name: "Take",
        static: true,
        classOrigin: "Test_Types",
        parameters: [{ name: "Value", ...element, in: true, out: false }],
      },
    ],
  };
  const received: unknown[] = [];
  const provider: Provider = {
    schema,
    enumerateInstances: async () => [],
    getInstance: async () => undefined,
    createInstance: async () => ({ className: "Test_Types", keys: {} }),
    modifyInstance: async () => {},
    deleteInstance: async () => {},
    invokeMethod: async (input: object) => {
      received.push((input as { Value?: unknown }).Value);
      return {};
    },
  };
  return { host: new ProviderHost().register(provider), received };
}

const timestamp = parseDateTime("20240229123000.000000+060");
const path: ObjectPath = { className: "Msvm_ComputerSystem", keys: { Name: "a" } };

const cases: [Omit<ElementSchema, "name">, unknown[], [unknown, string][]][] = [
  [{ type: "boolean" }, [true, false], [[0, "0 is not a boolean"]]],
  [{ type: "sint8" }, [-128, 127], [[128, "128 is not a sint8 (an integer from -128 to 127)"]]],
  [{ type: "uint8" }, [0, 255], [[-1, "-1 is not a uint8 (an integer from 0 to 255)"]]],
  [{ type: "sint16" }, [-32768], [[1.5, "1.5 is not a sint16 (an integer from -32768 to 32767)"]]],
  [{ type: "uint16" }, [65535], [[65536, "65536 is not a uint16 (an integer from 0 to 65535)"]]],
  [
    { type: "sint32" },
    [-(2 ** 31)],
    [[2 ** 31, "2147483648 is not a sint32 (an integer from -2147483648 to 2147483647)"]],
  ],
  [{ type: "uint32" }, [2 ** 32 - 1], [[2n, "2n is not a uint32 (an integer from 0 to 4294967295)"]]],
  [
    { type: "sint64" },
    [-(2n ** 63n), 2n ** 63n - 1n],
    [[2n ** 63n, "9223372036854775808n is not a sint64 (a bigint from -9223372036854775808n to 9223372036854775807n)"]],
  ],
  [
    { type: "uint64" },
    [0n, 2n ** 64n - 1n],
    [
      [1, "1 is not a uint64 (a bigint from 0n to 18446744073709551615n)"],
      [-1n, "-1n is not a uint64 (a bigint from 0n to 18446744073709551615n)"],
    ],
  ],
  [
    { type: "real32" },
    [1.5, Number.NaN, Number.POSITIVE_INFINITY],
    [
      [1e39, "1e+39 is out of the range of a real32"],
      ["1", '"1" is not a real32 (a number)'],
    ],
  ],
  [{ type: "real64" }, [1e300], [[1n, "1n is not a real64 (a number)"]]],
  [{ type: "string" }, ["", "x"], [[null, "is required and cannot be null"]]],
  [
    { type: "char16" },
    ["a", "\ud83d"],
    [
      ["ab", '"ab" is not a char16 (a string of exactly one UTF-16 code unit)'],
      ["😀", '"😀" is not a char16 (a string of exactly one UTF-16 code unit)'],
    ],
  ],
  [
    { type: "datetime" },
    [timestamp, parseDateTime("00000001020304.000000:000")],
    [
      ["20240229123000.000000+060", '"20240229123000.000000+060" is not a datetime (a CimDateTimeValue)'],
      [
        { kind: "date" },
        'an object whose kind is not "timestamp" or "interval" is not a datetime (a CimDateTimeValue)',
      ],
    ],
  ],
  [
    { type: "reference", referenceClass: "CIM_ComputerSystem" },
    [path],
    [
      [{ className: "Msvm_ComputerSystem" }, "an object is not a reference (an ObjectPath with className and keys)"],
      [{ className: "1x", keys: {} }, 'not a valid object path: class name "1x" is not a MOF name'],
    ],
  ],
  [
    { type: "instance", embeddedClass: "Msvm_Settings" },
    ["instance of Msvm_Settings {};", { A: 1 }],
    [[[{}], "an array is not an embedded instance of Msvm_Settings (an object of its properties, or its MOF text)"]],
  ],
  [
    { type: "object" },
    [{}],
    [[true, "true is not an embedded instance (an object of its properties, or its MOF text)"]],
  ],
  [
    { type: "uint16", array: true },
    [[], [1, 2]],
    [
      [1, "1 is not an array of a uint16 (an integer from 0 to 65535)"],
      [[1, null], "element 1: null is not allowed in an array"],
      [[1, -2], "element 1: -2 is not a uint16 (an integer from 0 to 65535)"],
    ],
  ],
  [
    {
      type: "string",
      valueMap: [
        { label: "Gold", value: "Gold" },
        { label: "Silver level", value: "Silver" },
      ],
    },
    ["Gold"],
    [["gold", '"gold" is not a value of its value map (Gold, Silver Silver level)']],
  ],
  [
    {
      type: "uint64",
      valueMap: [
        { label: "Huge", value: "18446744073709551615", lo: 18446744073709551615n, hi: 18446744073709551615n },
      ],
    },
    [2n ** 64n - 1n],
    [[1n, "1n is not a value of its value map (18446744073709551615 Huge)"]],
  ],
];

describe("ProviderHost: the value of each CIM type", () => {
  const named = cases.map((c) => [title(c[0]), ...c] as const);
  describe.each(named)("%s", (_, element, valid, invalid) => {
    it.each(valid.map((v) => [v]))("accepts %s", async (value) => {
      const { host, received } = hostFor(element);
      await host.invokeMethod("Test_Types", "Take", { Value: value });
      expect(received).toEqual([value]);
    });

    it.each(invalid)("rejects %s", async (value, reason) => {
      const { host, received } = hostFor({ ...element, ...(value === null && { required: true }) });
      expect(await failure(host.invokeMethod("Test_Types", "Take", { Value: value }))).toEqual({
        status: "CIM_ERR_INVALID_PARAMETER",
        detail: `Test_Types.Take: parameter Value: ${reason}`,
      });
      expect(received).toEqual([]);
    });
  });

  it("has a case for every CIM type", () => {
    const all: CimTypeName[] = ["boolean", "char16", "datetime", "real32", "real64", "sint8", "sint16", "sint32"];
    all.push("sint64", "string", "uint8", "uint16", "uint32", "uint64", "reference", "object", "instance");
    expect(new Set(cases.map(([e]) => e.type))).toEqual(new Set(all));
  });
});

function title(element: Omit<ElementSchema, "name">): string {
  const map = element.valueMap === undefined ? "" : " with a closed value map";
  return `${element.type}${element.array === true ? "[]" : ""}${map}`;
}

describe("ProviderHost<ClassMap>: typed end to end", () => {
  type ClassMap = {
    Test_Service: {
      instance: { Name: string; Count?: number };
      methods: { Start: { in: { Delay?: number }; out: { ReturnValue: 0 | 1; Job?: ObjectPath } } };
    };
  };
  const host = new ProviderHost<ClassMap>();

  it("types class names, method names, inputs and outputs from the map", () => {
    type Invoke = typeof host.invokeMethod<"Test_Service", "Start">;
    expectTypeOf<Parameters<Invoke>[2]>().toEqualTypeOf<{ Delay?: number }>();
    expectTypeOf<Awaited<ReturnType<Invoke>>>().toEqualTypeOf<{ ReturnValue: 0 | 1; Job?: ObjectPath }>();
    expectTypeOf<Parameters<typeof host.enumerateInstances>[0]>().toEqualTypeOf<"Test_Service">();
    expectTypeOf<Awaited<ReturnType<typeof host.enumerateInstances<"Test_Service">>>>().toEqualTypeOf<
      { Name: string; Count?: number }[]
    >();
    // @ts-expect-error: not a class of the map
    void (() => host.enumerateInstances("Test_Other"));
    // @ts-expect-error: not a method of the class
    void (() => host.invokeMethod("Test_Service", "Stop", {}));
    // @ts-expect-error: the input has the wrong type
    void (() => host.invokeMethod("Test_Service", "Start", { Delay: "soon" }));
  });

  it("contexts carry what a provider needs", () => {
    expectTypeOf<MethodContext>().toExtend<OperationContext>();
    expectTypeOf<MethodContext["target"]>().toEqualTypeOf<ObjectPath | undefined>();
  });
});
