import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CimXmlError,
  cimClassName,
  decodeInstance,
  decodePath,
  embedded,
  encodeInstance,
  typed,
} from "../../runtime/src/codecs/cimxml/index.js";
import type { CimTypeName, ClassSchema, PropertySchema } from "../../runtime/src/values/schema.js";
import { findNonXmlChar, parseXml, XmlError, XmlWriter } from "../../runtime/src/xml/index.js";

/** One class with a property of every CIM type, scalar and array, plus embedded instances of itself. */
const scalarTypes: CimTypeName[] = [
  "boolean",
  "char16",
  "datetime",
  "real32",
  "real64",
  "sint8",
  "sint16",
  "sint32",
  "sint64",
  "string",
  "uint8",
  "uint16",
  "uint32",
  "uint64",
  "reference",
];
const prop = (name: string, type: CimTypeName, extra: Partial<PropertySchema> = {}): PropertySchema => ({
  name,
  type,
  classOrigin: "T_All",
  ...extra,
});
const schema: ClassSchema = {
  name: "T_All",
  namespace: "root/test",
  properties: [
    ...scalarTypes.map((t) => prop(`P_${t}`, t)),
    // DSP0004 has no reference-array properties (only parameters, written VALUE.REFARRAY).
    ...scalarTypes.filter((t) => t !== "reference").map((t) => prop(`A_${t}`, t, { array: true })),
    prop("Child", "string", { embeddedClass: "T_All" }),
    prop("Children", "string", { embeddedClass: "T_All", array: true }),
  ],
  methods: [],
};
const schemas = (name: string) => (name.toLowerCase() === "t_all" ? schema : undefined);

const xmlText = fc.string({ unit: "binary" }).filter((s) => findNonXmlChar(s) === undefined);
const int = (bits: number, signed: boolean) =>
  signed
    ? fc.integer({ min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 })
    : fc.integer({ min: 0, max: 2 ** bits - 1 });
const field = (min: number, max: number) => fc.integer({ min, max });
const timestamp = fc.record({
  kind: fc.constant("timestamp" as const),
  year: field(0, 9999),
  month: field(1, 12),
  day: field(1, 28),
  hours: field(0, 23),
  minutes: field(0, 59),
  seconds: field(0, 59),
  microseconds: field(0, 999999),
  utcOffset: field(-999, 999),
});
const interval = fc.record({
  kind: fc.constant("interval" as const),
  days: field(0, 99999999),
  hours: field(0, 23),
  minutes: field(0, 59),
  seconds: field(0, 59),
  microseconds: field(0, 999999),
});
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const path = fc.record({
  className: name,
  // Key names are case-insensitive: "C" and "c" would be one key twice.
  keys: fc
    .uniqueArray(fc.tuple(name, fc.oneof(xmlText, fc.boolean(), fc.integer())), {
      maxLength: 3,
      selector: ([k]) => k.toLowerCase(),
    })
    .map((entries) => Object.fromEntries(entries)),
  namespace: fc.constantFrom("root/cimv2", "root/virtualization/v2"),
});
const arbitraryOf: Record<string, fc.Arbitrary<unknown>> = {
  boolean: fc.boolean(),
  char16: fc
    .string({ unit: "binary", minLength: 1, maxLength: 1 })
    .filter((s) => s.length === 1 && findNonXmlChar(s) === undefined),
  datetime: fc.oneof(timestamp, interval),
  real32: fc.oneof(
    fc.float({ noDefaultInfinity: false }).map((f) => f),
    fc.constantFrom(Number.NaN, -0),
  ),
  real64: fc.oneof(fc.double(), fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN)),
  sint8: int(8, true),
  sint16: int(16, true),
  sint32: int(32, true),
  sint64: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  string: fc.oneof(xmlText, fc.constantFrom("]]>", "a]]>b", "\r\n", " lead and trail ", "<&>\"'")),
  uint8: int(8, false),
  uint16: int(16, false),
  uint32: int(32, false),
  uint64: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.constantFrom(0n, 2n ** 64n - 1n)),
  reference: path,
};

const properties = fc.record(
  Object.fromEntries(
    scalarTypes.flatMap((t) => {
      const one = arbitraryOf[t] as fc.Arbitrary<unknown>;
      const scalar: [string, fc.Arbitrary<unknown>] = [`P_${t}`, fc.option(one, { nil: null })];
      if (t === "reference") return [scalar];
      return [scalar, [`A_${t}`, fc.option(fc.array(one, { maxLength: 3 }), { nil: null })]];
    }),
  ),
  { requiredKeys: [] },
);
const instanceProperties = fc.letrec((tie) => ({
  node: fc.record({
    props: properties,
    child: fc.option(tie("node"), { nil: undefined, depthSize: "small" }),
  }),
})).node as fc.Arbitrary<{ props: Record<string, unknown>; child?: unknown }>;

function build(node: { props: Record<string, unknown>; child?: unknown }): Record<string, unknown> {
  const child = node.child as { props: Record<string, unknown>; child?: unknown } | undefined;
  return child === undefined ? node.props : { ...node.props, Child: embedded("T_All", build(child)) };
}

function roundTrip(properties: Record<string, unknown>) {
  const w = new XmlWriter();
  encodeInstance(w, { className: "T_All", properties }, schemas);
  return decodeInstance(parseXml(w.toString()), schemas);
}

describe("CIM-XML values round trip through INSTANCE (DSP0201)", () => {
  it("every CIM type, arrays, NULL and nested embedded instances come back unchanged", () => {
    fc.assert(
      fc.property(instanceProperties, (node) => {
        const properties = build(node);
        const back = roundTrip(properties);
        expect(back.className).toBe("T_All");
        expect(back.properties).toEqual(properties);
      }),
      { numRuns: 150 },
    );
  });

  it("keeps 64-bit extremes, -0, NaN and infinities exactly", () => {
    const properties = {
      P_uint64: 2n ** 64n - 1n,
      P_sint64: -(2n ** 63n),
      A_sint64: [2n ** 63n - 1n, 0n],
      P_real64: -0,
      A_real64: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324, Number.MAX_VALUE],
      P_real32: Math.fround(0.1),
    };
    expect(roundTrip(properties).properties).toEqual(properties);
  });

  it("keeps the class of an embedded instance, and writes it as escaped INSTANCE text", () => {
    const w = new XmlWriter();
    encodeInstance(w, { className: "T_All", properties: { Child: embedded("T_All", { P_string: "]]>" }) } }, schemas);
    expect(w.toString()).toContain('EmbeddedObject="instance"><VALUE>&lt;INSTANCE CLASSNAME="T_All"&gt;');
    const back = decodeInstance(parseXml(w.toString()), schemas).properties.Child as Record<symbol, unknown>;
    expect(back[cimClassName]).toBe("T_All");
  });

  it("reads the nested form too (an INSTANCE element inside VALUE)", () => {
    const xml = `<INSTANCE CLASSNAME="T_All"><PROPERTY NAME="Child" TYPE="string" EMBEDDEDOBJECT="instance"><VALUE><INSTANCE CLASSNAME="T_All"><PROPERTY NAME="P_uint8" TYPE="uint8"><VALUE>7</VALUE></PROPERTY></INSTANCE></VALUE></PROPERTY></INSTANCE>`;
    expect(decodeInstance(parseXml(xml), schemas).properties).toEqual({ Child: embedded("T_All", { P_uint8: 7 }) });
  });
});

describe("CIM-XML values typed wrong are errors, never coerced", () => {
  const decode = (property: string) => () =>
    decodeInstance(parseXml(`<INSTANCE CLASSNAME="T_All">${property}</INSTANCE>`), schemas);
  it.each([
    [
      "a string for a uint16",
      `<PROPERTY NAME="P_uint16" TYPE="string"><VALUE>1</VALUE></PROPERTY>`,
      /P_uint16 is a uint16 in the schema, but the message says string/,
    ],
    [
      "an out-of-range uint16",
      `<PROPERTY NAME="P_uint16" TYPE="uint16"><VALUE>70000</VALUE></PROPERTY>`,
      /"70000" is not within the range of a uint16/,
    ],
    ["a real for a sint32", `<PROPERTY NAME="P_sint32" TYPE="sint32"><VALUE>1.5</VALUE></PROPERTY>`, /is not a sint32/],
    ["text for a boolean", `<PROPERTY NAME="P_boolean" TYPE="boolean"><VALUE>yes</VALUE></PROPERTY>`, /not a boolean/],
    ["two units for a char16", `<PROPERTY NAME="P_char16" TYPE="char16"><VALUE>ab</VALUE></PROPERTY>`, /not a char16/],
    [
      "a scalar for an array",
      `<PROPERTY NAME="A_uint8" TYPE="uint8"><VALUE>1</VALUE></PROPERTY>`,
      /is an array in the schema/,
    ],
    [
      "a bad datetime",
      `<PROPERTY NAME="P_datetime" TYPE="datetime"><VALUE>2024-01-01</VALUE></PROPERTY>`,
      /not a datetime/,
    ],
  ])("%s", (_, xml, message) => {
    expect(decode(xml)).toThrow(CimXmlError);
    expect(decode(xml)).toThrow(message);
  });

  it.each([
    ["a string for a uint16", { P_uint16: "1" }, /P_uint16: "1" is not a uint16/],
    ["a number for a uint64", { P_uint64: 1 }, /P_uint64: 1 is not a uint64/],
    ["an out-of-range sint8", { P_sint8: 128 }, /P_sint8: 128 is not a sint8/],
    ["a property the class lacks", { Nope: 1 }, /T_All has no property Nope/],
  ])("writing %s", (_, properties, message) => {
    expect(() => encodeInstance(new XmlWriter(), { className: "T_All", properties }, schemas)).toThrow(message);
  });

  it("a number without a schema or a type is refused, and typed() says which type it is", () => {
    const none = () => undefined;
    expect(() => encodeInstance(new XmlWriter(), { className: "X", properties: { N: 5 } }, none)).toThrow(
      /needs a CIM type/,
    );
    const w = new XmlWriter();
    encodeInstance(w, { className: "X", properties: { N: typed("uint32", 5) } }, none);
    expect(w.toString()).toBe(
      '<INSTANCE CLASSNAME="X"><PROPERTY NAME="N" TYPE="uint32"><VALUE>5</VALUE></PROPERTY></INSTANCE>',
    );
  });

  it("characters XML 1.0 cannot carry are refused when writing (control characters, lone surrogates)", () => {
    for (const bad of ["a\u0000", "\u001b[0m", "\uD83D"]) {
      expect(() =>
        encodeInstance(new XmlWriter(), { className: "T_All", properties: { P_string: bad } }, schemas),
      ).toThrow(XmlError);
    }
  });
});

describe("CIM-XML object paths: all six forms", () => {
  const keys = `<KEYBINDING NAME="Name"><KEYVALUE VALUETYPE="string">a"b</KEYVALUE></KEYBINDING><KEYBINDING NAME="N"><KEYVALUE VALUETYPE="numeric">18446744073709551615</KEYVALUE></KEYBINDING><KEYBINDING NAME="B"><KEYVALUE VALUETYPE="boolean">TRUE</KEYVALUE></KEYBINDING>`;
  const ns = `<LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>`;
  const expectedKeys = { Name: 'a"b', N: 2n ** 64n - 1n, B: true };
  it.each([
    ["INSTANCENAME", `<INSTANCENAME CLASSNAME="C">${keys}</INSTANCENAME>`, { className: "C", keys: expectedKeys }],
    [
      "LOCALINSTANCEPATH",
      `<LOCALINSTANCEPATH>${ns}<INSTANCENAME CLASSNAME="C">${keys}</INSTANCENAME></LOCALINSTANCEPATH>`,
      { className: "C", keys: expectedKeys, namespace: "root/cimv2" },
    ],
    [
      "INSTANCEPATH",
      `<INSTANCEPATH><NAMESPACEPATH><HOST>h</HOST>${ns}</NAMESPACEPATH><INSTANCENAME CLASSNAME="C">${keys}</INSTANCENAME></INSTANCEPATH>`,
      { className: "C", keys: expectedKeys, namespace: "root/cimv2", host: "h" },
    ],
    ["CLASSNAME", `<CLASSNAME NAME="C"/>`, { className: "C", keys: {} }],
    [
      "LOCALCLASSPATH",
      `<LOCALCLASSPATH>${ns}<CLASSNAME NAME="C"/></LOCALCLASSPATH>`,
      { className: "C", keys: {}, namespace: "root/cimv2" },
    ],
    [
      "CLASSPATH",
      `<CLASSPATH><NAMESPACEPATH><HOST>h</HOST>${ns}</NAMESPACEPATH><CLASSNAME NAME="C"/></CLASSPATH>`,
      { className: "C", keys: {}, namespace: "root/cimv2", host: "h" },
    ],
  ])("%s", (_, xml, expected) => {
    expect(decodePath(parseXml(xml))).toEqual(expected);
  });
});
