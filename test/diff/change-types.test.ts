import { describe, expect, it } from "vitest";
import { allChangeTypes, type ChangeType, type Criticality } from "../../src/diff/catalog.js";
import { diffTexts, summary } from "./helpers.js";

/**
 * One case per change type of the catalog: two small schemas, and the exact list of changes expected between
 * them (`type path criticality`), so a case also fails when something else is reported. The criticalities are
 * written here, not read from the catalog, so that a change to the catalog shows up as a failing test.
 */
interface Case {
  readonly type: ChangeType;
  readonly before: string;
  readonly after: string;
  /** The expected changes; the first one is of `type`. */
  readonly expected: readonly (readonly [string, Criticality] | readonly [string, Criticality, ChangeType])[];
}

const ns = (name: string, body: string) => `#pragma namespace("${name}")\n${body}\n`;
const sm = (body: string) => `class A { ${body} };`;
const run = (params: string) => `class A { uint32 Run(${params}); };`;
const onOff = `ValueMap {"0", "1"}, Values {"Off", "On"}`;

const cases: readonly Case[] = [
  // namespaces
  {
    type: "namespace-added",
    before: ns("root/a", "class A {};"),
    after: ns("root/a", "class A {};") + ns("root/b", "class B {};"),
    expected: [
      ["root/b", "non-breaking"],
      ["B", "non-breaking", "class-added"],
    ],
  },
  {
    type: "namespace-removed",
    before: ns("root/a", "class A {};") + ns("root/b", "class B {};"),
    after: ns("root/a", "class A {};"),
    expected: [
      ["root/b", "breaking"],
      ["B", "breaking", "class-removed"],
    ],
  },
  {
    type: "namespace-renamed",
    before: ns("root/a", "class A { string P; };"),
    after: ns("root/b", "class A { string P; string Q; };"),
    expected: [
      ["root/b", "breaking"],
      ["A.Q", "non-breaking", "property-added"],
    ],
  },
  // classes
  { type: "class-added", before: "class A {};", after: "class A {}; class B {};", expected: [["B", "non-breaking"]] },
  { type: "class-removed", before: "class A {}; class B {};", after: "class A {};", expected: [["B", "breaking"]] },
  {
    type: "deprecated-class-removed",
    before: `class A {}; [Deprecated {"A"}] class B {};`,
    after: "class A {};",
    expected: [["B", "dangerous"]],
  },
  {
    type: "superclass-ancestor-removed",
    before: "class R {}; class M : R {}; class A : M {};",
    after: "class R {}; class M : R {}; class A : R {};",
    expected: [["A", "breaking"]],
  },
  {
    type: "superclass-ancestor-added",
    before: "class R {}; class M : R {}; class A : R {};",
    after: "class R {}; class M : R {}; class A : M {};",
    expected: [["A", "non-breaking"]],
  },
  {
    type: "class-kind-changed",
    before: "class R {}; [Association] class L { [Key] R REF Left; };",
    after: "class R {}; class L { [Key] R REF Left; };",
    expected: [["L", "breaking"]],
  },
  { type: "abstract-added", before: "class A {};", after: "[Abstract] class A {};", expected: [["A", "breaking"]] },
  {
    type: "abstract-removed",
    before: "[Abstract] class A {};",
    after: "class A {};",
    expected: [["A", "non-breaking"]],
  },
  // properties
  {
    type: "property-added",
    before: sm("string P;"),
    after: sm("string P; string Q;"),
    expected: [["A.Q", "non-breaking"]],
  },
  {
    type: "property-removed",
    before: sm("string P; string Q;"),
    after: sm("string P;"),
    expected: [["A.Q", "breaking"]],
  },
  {
    type: "deprecated-property-removed",
    before: sm(`string P; [Deprecated {"A.P"}] string Q;`),
    after: sm("string P;"),
    expected: [["A.Q", "dangerous"]],
  },
  { type: "property-type-changed", before: sm("uint16 P;"), after: sm("uint32 P;"), expected: [["A.P", "breaking"]] },
  { type: "key-added", before: sm("string P;"), after: sm("[Key] string P;"), expected: [["A.P", "breaking"]] },
  { type: "key-removed", before: sm("[Key] string P;"), after: sm("string P;"), expected: [["A.P", "breaking"]] },
  { type: "write-added", before: sm("string P;"), after: sm("[Write] string P;"), expected: [["A.P", "non-breaking"]] },
  { type: "write-removed", before: sm("[Write] string P;"), after: sm("string P;"), expected: [["A.P", "breaking"]] },
  // methods and parameters
  { type: "method-added", before: "class A {};", after: run(""), expected: [["A.Run()", "non-breaking"]] },
  { type: "method-removed", before: run(""), after: "class A {};", expected: [["A.Run()", "breaking"]] },
  {
    type: "deprecated-method-removed",
    before: `class A { [Deprecated {"No replacement"}] uint32 Run(); };`,
    after: "class A {};",
    expected: [["A.Run()", "dangerous"]],
  },
  {
    type: "method-return-type-changed",
    before: run(""),
    after: "class A { uint64 Run(); };",
    expected: [["A.Run()", "breaking"]],
  },
  {
    type: "method-static-changed",
    before: run(""),
    after: "class A { [Static] uint32 Run(); };",
    expected: [["A.Run()", "breaking"]],
  },
  {
    type: "required-in-parameter-added",
    before: run("[In] string Name"),
    after: run("[In] string Name, [In, Required] uint16 Mode"),
    expected: [["A.Run(Mode)", "breaking"]],
  },
  {
    type: "in-parameter-added",
    before: run("[In] string Name"),
    after: run("[In] string Name, [In] uint16 Mode"),
    expected: [["A.Run(Mode)", "dangerous"]],
  },
  {
    type: "out-parameter-added",
    before: run("[In] string Name"),
    after: run("[In] string Name, [Out] uint16 Code"),
    expected: [["A.Run(Code)", "non-breaking"]],
  },
  {
    type: "parameter-removed",
    before: run("[In] string Name, [In] uint16 Mode"),
    after: run("[In] string Name"),
    expected: [["A.Run(Mode)", "breaking"]],
  },
  {
    type: "parameter-type-changed",
    before: run("[In] uint16 Mode"),
    after: run("[In] uint16 Mode[]"),
    expected: [["A.Run(Mode)", "breaking"]],
  },
  {
    type: "parameter-direction-changed",
    before: run("[In] uint16 Mode"),
    after: run("[In, Out] uint16 Mode"),
    expected: [["A.Run(Mode)", "breaking"]],
  },
  // qualifiers of properties, parameters and methods
  {
    type: "reference-class-changed",
    before: "class X {}; class Y {}; [Association] class L { [Key] X REF Left; };",
    after: "class X {}; class Y {}; [Association] class L { [Key] Y REF Left; };",
    expected: [["L.Left", "breaking"]],
  },
  {
    type: "embedded-class-changed",
    before: `class X {}; class Y {}; class A { uint32 Run([In, EmbeddedInstance("X")] string Settings); };`,
    after: `class X {}; class Y {}; class A { uint32 Run([In, EmbeddedInstance("Y")] string Settings); };`,
    expected: [["A.Run(Settings)", "breaking"]],
  },
  {
    type: "required-added",
    before: sm("string P;"),
    after: sm("[Required] string P;"),
    expected: [["A.P", "breaking"]],
  },
  {
    type: "required-removed",
    before: sm("[Required] string P;"),
    after: sm("string P;"),
    expected: [["A.P", "dangerous"]],
  },
  {
    type: "deprecated-added",
    before: sm("string P; string Q;"),
    after: sm(`[Deprecated {"A.Q"}] string P; string Q;`),
    expected: [["A.P", "non-breaking"]],
  },
  {
    type: "deprecated-removed",
    before: `[Deprecated {"B"}] class A {};`,
    after: "class A {};",
    expected: [["A", "non-breaking"]],
  },
  {
    type: "default-changed",
    before: sm("uint16 P = 1;"),
    after: sm("uint16 P = 2;"),
    expected: [["A.P", "dangerous"]],
  },
  {
    type: "units-changed",
    before: sm(`[Units("Bytes")] uint64 Size;`),
    after: sm(`[Units("KiloBytes")] uint64 Size;`),
    expected: [["A.Size", "dangerous"]],
  },
  {
    type: "bounds-changed",
    before: run("[In, MaxLen(64)] string Name"),
    after: run("[In, MaxLen(32)] string Name"),
    expected: [["A.Run(Name)", "dangerous"]],
  },
  {
    type: "description-changed",
    before: `class A { [Description("The size.")] uint32 Run(); };`,
    after: `class A { [Description("The size, in bytes.")] uint32 Run(); };`,
    expected: [["A.Run()", "non-breaking"]],
  },
  {
    type: "version-changed",
    before: `[Version("2.22.0")] class A {};`,
    after: `[Version("2.49.0")] class A {};`,
    expected: [["A", "non-breaking"]],
  },
  {
    type: "version-major-changed",
    before: `[Version("2.22.0")] class A {};`,
    after: `[Version("3.0.0")] class A {};`,
    expected: [["A", "dangerous"]],
  },
  {
    type: "mapping-strings-changed",
    before: sm(`[MappingStrings {"MIF.DMTF|System|1.1"}] string P;`),
    after: sm(`[MappingStrings {"MIF.DMTF|System|1.2"}] string P;`),
    expected: [["A.P", "dangerous"]],
  },
  {
    type: "model-correspondence-changed",
    before: sm(`[ModelCorrespondence {"A.Q"}] uint16 P; string Q; string R;`),
    after: sm(`[ModelCorrespondence {"A.R"}] uint16 P; string Q; string R;`),
    expected: [["A.P", "dangerous"]],
  },
  {
    type: "flavor-changed",
    before: sm(`[Description("P.")] string P;`),
    after: sm(`[Description("P.") : Restricted] string P;`),
    expected: [["A.P", "dangerous"]],
  },
  {
    type: "parameter-order-changed",
    before: run("[In] string A, [In] uint32 B"),
    after: run("[In] uint32 B, [In] string A"),
    expected: [["A.Run()", "dangerous"]],
  },
  // instances
  {
    type: "instance-added",
    before: `class A { [Key] string Id; string V; };`,
    after: `class A { [Key] string Id; string V; }; instance of A { Id = "x"; V = "1"; };`,
    expected: [['A.Id="x"', "non-breaking"]],
  },
  {
    type: "instance-removed",
    before: `class A { string V; }; instance of A as $One { V = "1"; };`,
    after: `class A { string V; };`,
    expected: [["A $One", "dangerous"]],
  },
  {
    type: "instance-value-changed",
    before: `class A { [Key] string Id; string V; }; instance of A { Id = "x"; V = "1"; };`,
    after: `class A { [Key] string Id; string V; }; instance of A { Id = "x"; V = "2"; };`,
    expected: [['A.Id="x".V', "dangerous"]],
  },
  // value maps
  {
    type: "value-map-added",
    before: sm("uint16 State;"),
    after: sm(`[${onOff}] uint16 State;`),
    expected: [["A.State", "dangerous"]],
  },
  {
    type: "value-map-removed",
    before: sm(`[${onOff}] uint16 State;`),
    after: sm("uint16 State;"),
    expected: [["A.State", "dangerous"]],
  },
  {
    type: "value-added",
    before: run(`[In, ValueMap {"0"}, Values {"Fast"}] uint16 Mode`),
    after: run(`[In, ValueMap {"0", "1"}, Values {"Fast", "Safe"}] uint16 Mode`),
    expected: [["A.Run(Mode)[ValueMap 1]", "non-breaking"]],
  },
  {
    type: "value-added-to-closed-output",
    before: sm(`[${onOff}] uint16 State;`),
    after: sm(`[ValueMap {"0", "1", "9"}, Values {"Off", "On", "Paused"}] uint16 State;`),
    expected: [["A.State[ValueMap 9]", "dangerous"]],
  },
  {
    type: "value-removed-from-input",
    before: run(`[In, ValueMap {"0", "1"}, Values {"Fast", "Safe"}] uint16 Mode`),
    after: run(`[In, ValueMap {"0"}, Values {"Fast"}] uint16 Mode`),
    expected: [["A.Run(Mode)[ValueMap 1]", "breaking"]],
  },
  {
    type: "value-removed-from-output",
    before: sm(`[${onOff}] uint16 State;`),
    after: sm(`[ValueMap {"0"}, Values {"Off"}] uint16 State;`),
    expected: [["A.State[ValueMap 1]", "dangerous"]],
  },
  {
    type: "value-renumbered",
    before: sm(`[${onOff}] uint16 State;`),
    after: sm(`[ValueMap {"0", "2"}, Values {"Off", "On"}] uint16 State;`),
    expected: [["A.State[ValueMap 2]", "breaking"]],
  },
  {
    type: "value-renamed",
    before: sm(`[${onOff}] uint16 State;`),
    after: sm(`[ValueMap {"0", "1"}, Values {"Off", "Running"}] uint16 State;`),
    expected: [["A.State[ValueMap 1]", "dangerous"]],
  },
  {
    type: "value-range-changed",
    before: sm(`[ValueMap {"0", "0x8000..0xBFFF"}, Values {"Off", "Vendor"}] uint16 State;`),
    after: sm(`[ValueMap {"0", "0x8000..0xFFFF"}, Values {"Off", "Vendor"}] uint16 State;`),
    expected: [["A.State[ValueMap 0x8000..0xFFFF]", "dangerous"]],
  },
];

describe("change types", () => {
  for (const c of cases) {
    it(c.type, () => {
      const expected = c.expected.map(([path, criticality, type]) => `${type ?? c.type} ${path} ${criticality}`);
      expect(summary(diffTexts(c.before, c.after))).toEqual(expected);
    });
  }

  it("has a case for every type of the catalog, and only those", () => {
    expect(cases.map((c) => c.type).sort()).toEqual([...allChangeTypes].sort());
  });

  it("finds no change between a schema and itself", () => {
    for (const c of cases) expect(diffTexts(c.after, c.after)).toEqual([]);
  });
});
