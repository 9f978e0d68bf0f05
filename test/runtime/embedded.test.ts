import { describe, expect, expectTypeOf, it } from "vitest";
import { parseDateTime, parseTimestamp } from "../../runtime/src/values/datetime.js";
import {
  type EmbeddedInstance,
  EmbeddedInstanceError,
  type EmbeddedInstanceText,
  instanceOf,
  type MofProperties,
  mofString,
  serializeEmbeddedInstance,
  toEmbeddedInstanceText,
} from "../../runtime/src/values/embedded.js";
import { intervalFromMilliseconds } from "../../runtime/src/values/interval.js";

describe("serializeEmbeddedInstance", () => {
  it("writes the settings CreateSnapshot takes", () => {
    const text = serializeEmbeddedInstance("Msvm_VirtualSystemSnapshotSettingData", {
      ConsistencyLevel: 1,
      IgnoreNonSnapshottableDisks: true,
      ElementName: undefined,
    });
    expect(text).toBe(
      "instance of Msvm_VirtualSystemSnapshotSettingData { ConsistencyLevel = 1; IgnoreNonSnapshottableDisks = TRUE; };",
    );
  });

  it.each<[string, MofProperties, string]>([
    ["no properties", {}, "instance of X { };"],
    [
      "integers",
      { A: 0, B: -42, C: 18446744073709551615n, D: -0 },
      "instance of X { A = 0; B = -42; C = 18446744073709551615; D = 0; };",
    ],
    [
      "reals",
      { A: 1.5, B: 1e21, C: 2 ** 60, D: 1.5e-7, E: -2.5e300 },
      "instance of X { A = 1.5; B = 1.0e+21; C = 1152921504606847000.0; D = 1.5e-7; E = -2.5e+300; };",
    ],
    ["booleans and null", { A: true, B: false, C: null }, "instance of X { A = TRUE; B = FALSE; C = NULL; };"],
    ["arrays", { A: [1, 2, 3], B: ["x", "y"], C: [] }, 'instance of X { A = {1, 2, 3}; B = {"x", "y"}; C = {}; };'],
    [
      "datetimes",
      {
        At: parseDateTime("20240229130509.123456-480"),
        For: intervalFromMilliseconds(300_000),
        When: new Date("2024-01-02T03:04:05.678Z"),
      },
      'instance of X { At = "20240229130509.123456-480"; For = "00000000000500.000000:000"; When = "20240102030405.678000+000"; };',
    ],
    [
      "object paths",
      {
        Ref: {
          className: "Msvm_ComputerSystem",
          namespace: "root/virtualization/v2",
          host: ".",
          keys: { Name: 'a"b' },
        },
      },
      String.raw`instance of X { Ref = "\\\\.\\root\\virtualization\\v2:Msvm_ComputerSystem.Name=\"a\\\"b\""; };`,
    ],
    [
      "nested instances, inline",
      {
        Inner: instanceOf("Y", { B: 2, Deeper: instanceOf("Z", { C: "c" }) }),
        List: [instanceOf("Y", {}), instanceOf("Y", { B: 3 })],
      },
      'instance of X { Inner = instance of Y { B = 2; Deeper = instance of Z { C = "c"; }; }; List = {instance of Y { }, instance of Y { B = 3; }}; };',
    ],
  ])("%s", (_, properties, text) => {
    expect(serializeEmbeddedInstance("X", properties)).toBe(text);
  });

  it("nests serialized text as an escaped string", () => {
    const inner = serializeEmbeddedInstance("Y", { S: 'say "hi"\n' });
    expect(inner).toBe(String.raw`instance of Y { S = "say \"hi\"\n"; };`);
    expect(serializeEmbeddedInstance("X", { Inner: inner })).toBe(
      String.raw`instance of X { Inner = "instance of Y { S = \"say \\\"hi\\\"\\n\"; };"; };`,
    );
  });
});

describe("hostile strings", () => {
  it.each<[string, string]>([
    ['a"b', String.raw`"a\"b"`],
    [String.raw`C:\Temp\new`, String.raw`"C:\\Temp\\new"`],
    ["line1\nline2\r\n", String.raw`"line1\nline2\r\n"`],
    ["tab\there\b\f", String.raw`"tab\there\b\f"`],
    ["end */ of comment /* and // line", '"end */ of comment /* and // line"'],
    ["it's", `"it's"`],
    ['"; }; instance of Evil { X = 1; }; //', String.raw`"\"; }; instance of Evil { X = 1; }; //"`],
    ["nul\0A and bell\u0007", String.raw`"nul\x0000A and bell\x0007"`],
    ["del\u007f c1\u0085", String.raw`"del\x007F c1\x0085"`],
    ["é ∑ 😀", '"é ∑ 😀"'],
    ["lone \ud800 and \udc00 halves", String.raw`"lone \xD800 and \xDC00 halves"`],
    ["", '""'],
  ])("%j -> %s", (value, literal) => {
    expect(mofString(value)).toBe(literal);
    expect(serializeEmbeddedInstance("X", { S: value })).toBe(`instance of X { S = ${literal}; };`);
  });
});

describe("errors", () => {
  const cyclic: { Self?: unknown } = {};
  cyclic.Self = instanceOf("X", cyclic as MofProperties);

  it.each<[string, string, MofProperties, string]>([
    ["a bad class name", "X Y", {}, `"X Y" is not a class name`],
    ["a bad property name", "X", { "A; B": 1 }, `"A; B" is not a property name`],
    ["a bad nested class name", "X", { A: instanceOf("Y;", {}) }, `A: "Y;" is not a class name`],
    ["NaN", "X", { A: [1, Number.NaN] }, "A[1]: NaN is not a finite number"],
    ["Infinity", "X", { A: instanceOf("Y", { B: Number.POSITIVE_INFINITY }) }, "A.B: Infinity is not a finite number"],
    [
      "a nested array",
      "X",
      { A: [[1]] as unknown as number[] },
      "A[0]: an array element must be a value (not null, undefined or an array)",
    ],
    [
      "null in an array",
      "X",
      { A: [null] as unknown as number[] },
      "A[0]: an array element must be a value (not null, undefined or an array)",
    ],
    ["a plain object", "X", { A: { B: 1 } as unknown as string }, "A: a object value cannot be written as MOF"],
    ["a function", "X", { A: (() => 1) as unknown as string }, "A: a function value cannot be written as MOF"],
    ["a cycle", "X", cyclic as MofProperties, "Self: the instance contains itself"],
    [
      "an invalid datetime",
      "X",
      { A: { ...parseTimestamp("20240229130509.123456-480"), month: 13 } },
      "cannot format CIM datetime: month 13 is not an integer in 1-12 or '*'",
    ],
  ])("rejects %s", (_, className, properties, message) => {
    expect(() => serializeEmbeddedInstance(className, properties)).toThrow(message);
  });

  it("throws EmbeddedInstanceError with the path", () => {
    expect(() => serializeEmbeddedInstance("X", { A: [Number.NaN] })).toThrow(
      expect.objectContaining({ name: "EmbeddedInstanceError", path: "A[0]", reason: "NaN is not a finite number" }),
    );
    expect(new EmbeddedInstanceError("r", "")).toHaveProperty("message", "r");
  });
});

describe("typing", () => {
  interface SnapshotSettings {
    readonly ConsistencyLevel?: number;
    readonly ElementName?: string;
  }

  it("brands the text with its properties type and accepts either form", () => {
    const text = serializeEmbeddedInstance<SnapshotSettings>("Msvm_VirtualSystemSnapshotSettingData", {
      ConsistencyLevel: 1,
    });
    expectTypeOf(text).toEqualTypeOf<EmbeddedInstanceText<SnapshotSettings>>();
    expectTypeOf<string>().not.toExtend<EmbeddedInstance<SnapshotSettings>>();
    const asObject: EmbeddedInstance<SnapshotSettings> = { ElementName: "s" };
    expect(toEmbeddedInstanceText("Msvm_VirtualSystemSnapshotSettingData", asObject)).toBe(
      'instance of Msvm_VirtualSystemSnapshotSettingData { ElementName = "s"; };',
    );
    expect(toEmbeddedInstanceText("Ignored", text)).toBe(text);
  });
});
