import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  actions,
  decodeInstance,
  encodeInstance,
  readEnvelope,
  requestHeaders,
  type WsValueOptions,
  writeEnvelope,
} from "../../../runtime/src/codecs/wsman/index.js";
import type { CimDateTime, CimInterval } from "../../../runtime/src/values/datetime.js";
import type { CimTypeName, ClassSchema, PropertySchema } from "../../../runtime/src/values/schema.js";

/**
 * Property: any instance of any class whose values follow the runtime's types decodes, after encoding in DSP0230's
 * XML, to the same values: every scalar type, arrays (non-empty: an empty array sends no element), NULL, datetimes
 * with and without wildcards (xs:dateTime, xs:duration or the CIM text), uint64 past 2^53, strings with any
 * character XML can carry (CR, leading spaces, markup characters).
 */
const integer: Record<string, [bigint, bigint]> = {
  uint8: [0n, 255n],
  sint8: [-128n, 127n],
  uint16: [0n, 65535n],
  sint16: [-32768n, 32767n],
  uint32: [0n, 4294967295n],
  sint32: [-2147483648n, 2147483647n],
  uint64: [0n, 2n ** 64n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
};

const xmlText = fc.string({
  unit: fc.constantFrom("a", "Z", " ", "\t", "\n", "\r", "<", "&", ">", '"', "é", "€", "😀", "]]>"),
});
const field = (lo: number, hi: number) =>
  fc.oneof(
    { weight: 9, arbitrary: fc.integer({ min: lo, max: hi }) },
    { weight: 1, arbitrary: fc.constant("*" as const) },
  );
const timestamp: fc.Arbitrary<CimDateTime> = fc
  .record({
    year: field(0, 9999),
    month: field(1, 12),
    day: field(1, 28),
    hours: field(0, 23),
    minutes: field(0, 59),
    seconds: field(0, 60),
    microseconds: field(0, 999_999),
    utcOffset: field(-999, 999),
  })
  .map((f) => ({ kind: "timestamp", ...f }));
const interval: fc.Arbitrary<CimInterval> = fc
  .record({
    days: field(0, 99_999_999),
    hours: field(0, 23),
    minutes: field(0, 59),
    seconds: field(0, 59),
    microseconds: field(0, 999_999),
  })
  .map((f) => ({ kind: "interval", ...f }));

function scalar(type: CimTypeName): fc.Arbitrary<unknown> {
  const range = integer[type];
  if (range !== undefined) {
    const n = fc.bigInt({ min: range[0], max: range[1] });
    return type.endsWith("64") ? n : n.map(Number);
  }
  switch (type) {
    case "boolean":
      return fc.boolean();
    case "string":
      return xmlText;
    case "char16":
      return fc.constantFrom("a", "<", "&", " ", "é");
    case "real64":
      return fc.double();
    case "real32":
      return fc.float();
    case "datetime":
      return fc.oneof(timestamp, interval);
    default:
      throw new Error(type);
  }
}

const types: CimTypeName[] = [
  ...Object.keys(integer),
  "boolean",
  "string",
  "char16",
  "real64",
  "real32",
  "datetime",
] as CimTypeName[];

const classWithValues = fc
  .array(fc.record({ type: fc.constantFrom(...types), array: fc.boolean(), nil: fc.boolean() }), {
    minLength: 1,
    maxLength: 12,
  })
  .chain((shapes) => {
    const properties: PropertySchema[] = shapes.map((s, i) => ({
      name: `P${i}`,
      type: s.type,
      classOrigin: "Test_Random",
      ...(s.array && { array: true as const }),
    }));
    const values = shapes.map((s) =>
      s.nil ? fc.constant(null) : s.array ? fc.array(scalar(s.type), { minLength: 1, maxLength: 4 }) : scalar(s.type),
    );
    return fc.tuple(fc.constant(properties), fc.tuple(...values));
  });

describe("DSP0230 instance values round-trip", () => {
  it("decode(encode(instance)) equals the instance", () => {
    fc.assert(
      fc.property(classWithValues, ([properties, values]) => {
        const schema: ClassSchema = { name: "Test_Random", namespace: "root/test", properties, methods: [] };
        const o: WsValueOptions = { schemas: () => schema, addressing: { convention: "wmi", namespace: "root/test" } };
        const instance = {
          className: "Test_Random",
          properties: Object.fromEntries(properties.map((p, i) => [p.name, values[i]])),
        };
        const text = writeEnvelope(requestHeaders({ action: actions.put }), (w) => encodeInstance(w, instance, o));
        const body = readEnvelope(text).body;
        expect(decodeInstance(body as never, o)).toEqual(instance);
      }),
      { numRuns: 300 },
    );
  });
});
