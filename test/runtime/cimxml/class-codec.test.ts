import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CimClass,
  type CimClassElement,
  type CimQualifier,
  type CimQualifierDeclaration,
  CimXmlError,
  decodeClass,
  decodeElementValue,
  decodeExportResponse,
  decodeInstance,
  decodeQualifierDeclaration,
  embedded,
  embeddedClassName,
  encodeClass,
  encodeElement,
  encodeExportIndication,
  encodeIMethodCall,
  encodeInstance,
  encodeQualifierDeclaration,
  iparam,
  noSchemas,
  typed,
} from "../../../runtime/src/codecs/cimxml/index.js";
import { CimError } from "../../../runtime/src/values/cim-error.js";
import { classPath } from "../../../runtime/src/values/class-path.js";
import { findNonXmlChar, parseXml, XmlWriter } from "../../../runtime/src/xml/index.js";
import { dtdProblems } from "../server/http.js";

/**
 * CLASS and QUALIFIER.DECLARATION both ways: whatever the codec writes it reads back unchanged (fast-check), what it
 * writes is valid DSP0203 CIM-XML (xmllint), and what it cannot carry is a CimXmlError before anything is sent.
 */

const written = (write: (w: XmlWriter) => void) => {
  const w = new XmlWriter();
  write(w);
  return w.toString();
};
const roundTrip = (cls: CimClass) => decodeClass(parseXml(written((w) => encodeClass(w, cls))));

const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
const text = fc.string({ unit: "binary", maxLength: 20 }).filter((s) => findNonXmlChar(s) === undefined);
const flavors = fc.record(
  { overridable: fc.boolean(), toSubclass: fc.boolean(), toInstance: fc.boolean(), translatable: fc.boolean() },
  { requiredKeys: [] },
);
/** A type and a value of it, scalar or array (no NULL inside arrays: DSP0004 arrays hold values). */
const typedValue = fc.oneof(
  fc.record({ type: fc.constant("string" as const), value: text }),
  fc.record({ type: fc.constant("boolean" as const), value: fc.boolean() }),
  fc.record({ type: fc.constant("uint16" as const), value: fc.integer({ min: 0, max: 65535 }) }),
  fc.record({ type: fc.constant("sint64" as const), value: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) }),
  fc.record({ type: fc.constant("real64" as const), value: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
);
const qualifier: fc.Arbitrary<CimQualifier> = fc
  .tuple(name, typedValue, fc.boolean(), flavors, fc.option(fc.boolean(), { nil: undefined }))
  .map(([n, { type, value }, isArray, f, propagated]) => ({
    name: n,
    type,
    value: isArray ? [value] : value,
    ...(isArray ? { array: true as const } : {}),
    ...(propagated === undefined ? {} : { propagated }),
    ...f,
  }));
const property: fc.Arbitrary<CimClassElement> = fc
  .tuple(name, typedValue, fc.boolean(), fc.boolean(), fc.array(qualifier, { maxLength: 2 }))
  .map(([n, { type, value }, isArray, withValue, qualifiers]) => ({
    name: n,
    type,
    ...(isArray ? { array: true as const } : {}),
    ...(withValue ? { value: isArray ? [value, value] : value } : {}),
    qualifiers,
  }));
const reference: fc.Arbitrary<CimClassElement> = fc
  .tuple(name, name)
  .map(([n, r]) => ({ name: n, type: "reference", referenceClass: r, qualifiers: [] }));
const cimClass: fc.Arbitrary<CimClass> = fc
  .record({
    className: name,
    superclass: fc.option(name, { nil: undefined }),
    qualifiers: fc.array(qualifier, { maxLength: 3 }),
    properties: fc.array(fc.oneof(property, reference), { maxLength: 4 }),
    methods: fc.array(
      fc.record({
        name,
        returnType: fc.constantFrom("uint32" as const, "string" as const),
        qualifiers: fc.array(qualifier, { maxLength: 2 }),
        parameters: fc.array(fc.oneof(property, reference), { maxLength: 3 }),
      }),
      { maxLength: 2 },
    ),
  })
  .map(({ superclass, methods, ...rest }) => ({
    kind: "class" as const,
    ...rest,
    ...(superclass === undefined ? {} : { superclass }),
    // A parameter has no default value in CIM-XML.
    methods: methods.map((m) => ({ ...m, parameters: m.parameters.map(({ value: _, ...p }) => p) })),
  }));

describe("CLASS", () => {
  it("reads back every class it writes, qualifiers with their types and flavors", () => {
    fc.assert(
      fc.property(cimClass, (cls) => {
        expect(roundTrip(cls)).toEqual(cls);
      }),
      { numRuns: 200 },
    );
  });

  it("writes classes that are valid DSP0203 CIM-XML (CreateClass requests, checked by xmllint)", () => {
    const samples = fc.sample(cimClass, { numRuns: 40, seed: 42 });
    const requests = samples.map((cls, i) =>
      encodeIMethodCall(String(i), "root/cimv2", "CreateClass", (w) =>
        iparam(w, "NewClass", (w) => encodeClass(w, cls)),
      ),
    );
    expect(dtdProblems(requests)).toBe("");
  });

  it("carries a class as an embedded object, escaped in the VALUE, and reads it back", () => {
    const inner: CimClass = {
      kind: "class",
      className: "T_Town",
      superclass: "T_Place",
      qualifiers: [{ name: "Description", type: "string", value: "a <town> & ]]> more" }],
      properties: [{ name: "Zip", type: "string", value: "12345", qualifiers: [] }],
      methods: [],
    };
    const xml = written((w) =>
      encodeInstance(w, { className: "T_Person", properties: { Home: typed("object", inner) } }, noSchemas),
    );
    expect(xml).toContain("&lt;CLASS NAME=");
    const back = decodeInstance(parseXml(xml), noSchemas);
    expect(back.properties.Home).toEqual(inner);
  });

  it("gives a class property its embedded default (EmbeddedObject) in both directions", () => {
    const cls: CimClass = {
      kind: "class",
      className: "T_Person",
      qualifiers: [],
      properties: [
        {
          name: "HomeClass",
          type: "string",
          embeddedObject: "object",
          value: { kind: "class", className: "T_Town", qualifiers: [], properties: [], methods: [] },
          qualifiers: [],
        },
      ],
      methods: [],
    };
    expect(roundTrip(cls)).toEqual(cls);
  });

  it.each([
    ["a value that is not of its TYPE", { type: "uint8", value: 300 }, /MyQ.*uint8/],
    ["a string for a boolean", { type: "boolean", value: "true" }, /MyQ/],
  ] as const)("refuses to write a qualifier with %s", (_, q, message) => {
    const cls: CimClass = {
      kind: "class",
      className: "T_Bad",
      qualifiers: [{ name: "MyQ", ...q }],
      properties: [],
      methods: [],
    };
    expect(() => written((w) => encodeClass(w, cls))).toThrow(message);
    expect(() => written((w) => encodeClass(w, cls))).toThrow(CimXmlError);
  });

  it.each([
    ['<CLASS NAME="A"><QUALIFIER NAME="Q" TYPE="uint99"/></CLASS>', /TYPE "uint99" is not a CIM type/],
    ['<CLASS NAME="A"><QUALIFIER NAME="Q" TYPE="boolean" OVERRIDABLE="maybe"/></CLASS>', /OVERRIDABLE is "maybe"/],
    ['<CLASS NAME="A"><PROPERTY NAME="P" TYPE="uint8"><VALUE>300</VALUE></PROPERTY></CLASS>', /uint8/],
    ['<CLASS NAME="A"><PROPERTY.ARRAY NAME="P" TYPE="uint8"><VALUE>3</VALUE></PROPERTY.ARRAY></CLASS>', /VALUE.ARRAY/],
    ['<CLASS NAME="A"><INSTANCE CLASSNAME="A"/></CLASS>', /CLASS cannot hold INSTANCE/],
    ['<CLASS NAME="A"><METHOD NAME="M" TYPE="uint32"><PARAMETER NAME="p"/></METHOD></CLASS>', /TYPE attribute/],
  ])("reads %s as a CimXmlError", (xml, message) => {
    expect(() => decodeClass(parseXml(xml))).toThrow(message);
    expect(() => decodeClass(parseXml(xml))).toThrow(CimXmlError);
  });

  it("reads the flavors a server spells in upper case (FALSE), as pywbem does", () => {
    const cls = decodeClass(
      parseXml(
        '<CLASS NAME="A"><QUALIFIER NAME="Key" TYPE="boolean" OVERRIDABLE="FALSE"><VALUE>TRUE</VALUE></QUALIFIER></CLASS>',
      ),
    );
    expect(cls.qualifiers).toEqual([{ name: "Key", type: "boolean", value: true, overridable: false }]);
  });
});

describe("PARAMVALUE object forms (DSP0203: CLASS, INSTANCE, VALUE.NAMEDINSTANCE, CLASSNAME, INSTANCENAME)", () => {
  const param = (inner: string) =>
    decodeElementValue(parseXml(`<PARAMVALUE NAME="P">${inner}</PARAMVALUE>`), noSchemas);

  it("reads each as the value it stands for", () => {
    expect(param('<CLASS NAME="CIM_Blah"/>')).toEqual({
      kind: "class",
      className: "CIM_Blah",
      qualifiers: [],
      properties: [],
      methods: [],
    });
    const instance = param(
      '<INSTANCE CLASSNAME="T_A"><PROPERTY NAME="N" TYPE="uint8"><VALUE>7</VALUE></PROPERTY></INSTANCE>',
    );
    expect(instance).toEqual(embedded("T_A", { N: 7 }));
    expect(embeddedClassName(instance)).toBe("T_A");
    expect(param('<CLASSNAME NAME="T_A"/>')).toEqual(classPath("T_A"));
    expect(
      param('<INSTANCENAME CLASSNAME="T_A"><KEYBINDING NAME="K"><KEYVALUE>x</KEYVALUE></KEYBINDING></INSTANCENAME>'),
    ).toEqual({
      className: "T_A",
      keys: { K: "x" },
    });
    expect(
      param('<VALUE.NAMEDINSTANCE><INSTANCENAME CLASSNAME="T_A"/><INSTANCE CLASSNAME="T_A"/></VALUE.NAMEDINSTANCE>'),
    ).toEqual({ className: "T_A", properties: {}, path: { className: "T_A", keys: {} } });
    expect(() => param('<VALUE.NAMEDINSTANCE><INSTANCE CLASSNAME="T_A"/></VALUE.NAMEDINSTANCE>')).toThrow(CimXmlError);
    // A reference to a class (a REF parameter naming a class) keeps its marker both ways.
    const ref = written((w) =>
      encodeElement(
        w,
        "PARAMVALUE",
        "R",
        undefined,
        typed("reference", classPath("T_A", { namespace: "root/x" })),
        noSchemas,
      ),
    );
    expect(ref).toContain("<LOCALCLASSPATH>");
    expect(decodeElementValue(parseXml(ref), noSchemas)).toEqual(classPath("T_A", { namespace: "root/x" }));
  });
});

describe("QUALIFIER.DECLARATION", () => {
  const declaration: fc.Arbitrary<CimQualifierDeclaration> = fc
    .tuple(
      name,
      typedValue,
      fc.boolean(),
      fc.boolean(),
      fc.subarray(["class", "association", "reference", "property", "method", "parameter", "indication"] as const),
      flavors,
    )
    .map(([n, { type, value }, isArray, withValue, scopes, f]) => ({
      kind: "qualifierDeclaration" as const,
      name: n,
      type,
      ...(isArray ? { array: true as const } : {}),
      value: withValue ? (isArray ? [value] : value) : null,
      scopes,
      ...f,
    }));

  it("reads back every declaration it writes, and writes valid SetQualifier requests", () => {
    fc.assert(
      fc.property(declaration, (d) => {
        expect(decodeQualifierDeclaration(parseXml(written((w) => encodeQualifierDeclaration(w, d))))).toEqual(d);
      }),
      { numRuns: 200 },
    );
    const requests = fc
      .sample(declaration, { numRuns: 30, seed: 7 })
      .map((d, i) =>
        encodeIMethodCall(String(i), "root/cimv2", "SetQualifier", (w) =>
          iparam(w, "QualifierDeclaration", (w) => encodeQualifierDeclaration(w, d)),
        ),
      );
    expect(dtdProblems(requests)).toBe("");
  });

  it("writes scope any as every scope DSP0203 2.4 names", () => {
    const xml = written((w) =>
      encodeQualifierDeclaration(w, {
        kind: "qualifierDeclaration",
        name: "Q",
        type: "string",
        value: null,
        scopes: ["any"],
      }),
    );
    expect(decodeQualifierDeclaration(parseXml(xml)).scopes).toHaveLength(7);
  });
});

describe("export messages", () => {
  it("writes an ExportIndication request that is valid DSP0203 CIM-XML", () => {
    const body = encodeExportIndication(
      "9",
      { className: "T_Alert", properties: { Message: "disk <full>" } },
      noSchemas,
    );
    expect(dtdProblems([body])).toBe("");
    const root = parseXml(body);
    expect(root.children[0]?.children[0]?.name).toBe("SIMPLEEXPREQ");
  });

  const response = (inner: string, name = "ExportIndication") =>
    parseXml(
      `<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEEXPRSP><EXPMETHODRESPONSE NAME="${name}">${inner}</EXPMETHODRESPONSE></SIMPLEEXPRSP></MESSAGE></CIM>`,
    );

  it("reads an empty answer as success, ERROR as a CimError, anything else as a CimXmlError", () => {
    expect(() => decodeExportResponse(response(""), "ExportIndication")).not.toThrow();
    expect(() => decodeExportResponse(response('<ERROR CODE="2" DESCRIPTION="no"/>'), "ExportIndication")).toThrow(
      CimError,
    );
    expect(() => decodeExportResponse(response("", "Other"), "ExportIndication")).toThrow(/answers Other/);
    expect(() => decodeExportResponse(response("<INSTANCE/>"), "ExportIndication")).toThrow(CimXmlError);
  });
});
