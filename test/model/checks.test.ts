import { describe, expect, it } from "vitest";
import { catalogEntries } from "../../src/diagnostics/catalog.js";
import type { ModelOptions } from "../../src/model/resolve.js";
import { classOf, compileText, findings } from "../helpers/model.js";

/**
 * One invalid input per model check, with the exact place, code and severity of its diagnostic, and a valid
 * counterpart that differs as little as possible and compiles without any finding.
 */
interface CheckCase {
  readonly code: string;
  readonly options: ModelOptions;
  readonly invalid: string;
  /** `line:column CODE severity` of every finding of `invalid`. */
  readonly expected: readonly string[];
  readonly valid: string;
}

const dmtf: ModelOptions = { dialect: "dmtf", builtinQualifiers: true };
const dmtfBare: ModelOptions = { dialect: "dmtf" };
const wmi: ModelOptions = { dialect: "wmi" };

const keyDeclaration =
  "Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);";

const cases: readonly CheckCase[] = [
  {
    code: "MOF2001",
    options: dmtf,
    invalid: "class A {};\nclass a {};",
    expected: ["2:7 MOF2001 error"],
    valid: "class A {};\nclass B {};",
  },
  {
    code: "MOF2002",
    options: dmtf,
    invalid: "class B : A {};",
    expected: ["1:11 MOF2002 error"],
    valid: "class B : A {};\nclass A {};",
  },
  {
    code: "MOF2003",
    options: dmtf,
    invalid: "class A : B {};\nclass B : A {};",
    expected: ["1:11 MOF2003 error"],
    valid: "class A {};\nclass B : A {};",
  },
  {
    code: "MOF2004",
    options: dmtf,
    invalid: "class A {};\n[Association] class B : A {};",
    expected: ["2:21 MOF2004 error"],
    valid: "[Association] class A {};\n[Association] class B : A {};",
  },
  {
    code: "MOF2005",
    options: dmtf,
    invalid: "class A {};\nclass B { A REF R; };",
    expected: ["2:17 MOF2005 error"],
    valid: "class A {};\n[Association] class B { A REF R; };",
  },
  {
    code: "MOF2006",
    options: dmtf,
    invalid: "class A { string P; uint8 p; };",
    expected: ["1:27 MOF2006 error"],
    valid: "class A { string P; uint8 Q; };",
  },
  {
    code: "MOF2007",
    options: dmtf,
    invalid: 'class A { string P; };\nclass B : A { [Override("Q")] string Q; };',
    expected: ["2:16 MOF2007 error"],
    valid: 'class A { string P; };\nclass B : A { [Override("P")] string P; };',
  },
  {
    code: "MOF2008",
    options: dmtf,
    invalid: 'class A { string P; };\nclass B : A { [Override("P")] uint32 P; };',
    expected: ["2:38 MOF2008 error"],
    valid: 'class A { string P; };\nclass B : A { [Override("P")] string P; };',
  },
  {
    code: "MOF2009",
    options: dmtf,
    invalid: "[Association] class A { X REF R; };",
    expected: ["1:25 MOF2009 error"],
    valid: "[Association] class A { X REF R; };\nclass X {};",
  },
  {
    code: "MOF2010",
    options: dmtf,
    invalid: "class A { uint32 M([In] string a, [In] string A); };",
    expected: ["1:47 MOF2010 error"],
    valid: "class A { uint32 M([In] string a, [In] string b); };",
  },
  {
    code: "MOF2011",
    options: dmtf,
    invalid: 'class A { [Key] string K; };\ninstance of A as $x { K = "1"; };\ninstance of A as $X { K = "2"; };',
    expected: ["3:18 MOF2011 error"],
    valid: 'class A { [Key] string K; };\ninstance of A as $x { K = "1"; };\ninstance of A as $y { K = "2"; };',
  },
  {
    code: "MOF2012",
    options: dmtf,
    invalid: "[Association] class R { A REF L; };\nclass A { [Key] string K; };\ninstance of R { L = $nope; };",
    expected: ["3:21 MOF2012 error"],
    valid:
      '[Association] class R { A REF L; };\nclass A { [Key] string K; };\ninstance of R { L = $a; };\ninstance of A as $a { K = "1"; };',
  },
  {
    code: "MOF2014",
    options: dmtf,
    invalid: '[Abstract] class A { string P; };\ninstance of A { P = "x"; };',
    expected: ["2:13 MOF2014 error"],
    valid: '[Abstract] class A { string P; };\nclass B : A {};\ninstance of B { P = "x"; };',
  },
  {
    code: "MOF2015",
    options: dmtf,
    invalid: 'class A { string P; };\ninstance of A { Q = "x"; };',
    expected: ["2:17 MOF2015 error"],
    valid: 'class A { string P; };\ninstance of A { p = "x"; };',
  },
  {
    code: "MOF2016",
    options: dmtf,
    invalid: 'class A { [Key] string K; string P; };\ninstance of A { P = "x"; };',
    expected: ["2:13 MOF2016 error"],
    valid: 'class A { [Key] string K = "k"; string P; };\ninstance of A { P = "x"; };',
  },
  {
    code: "MOF2017",
    options: dmtf,
    invalid: "class A { uint32 M()[]; };",
    expected: ["1:18 MOF2017 error"],
    valid: "class A { uint32 M(); };",
  },
  {
    code: "MOF2018",
    options: dmtf,
    invalid: "class A { uint32 M([In(false)] string p); };",
    expected: ["1:39 MOF2018 error"],
    valid: "class A { uint32 M([In(false), Out] string p); };",
  },
  {
    code: "MOF2019",
    options: dmtf,
    invalid: "class A { [Key] string K[]; };",
    expected: ["1:24 MOF2019 error"],
    valid: "class A { [Key] string K; string L[]; };",
  },
  {
    code: "MOF2020",
    options: wmi,
    invalid: '#pragma deleteclass("Nope", FAIL)\nclass Nope {};',
    expected: ["1:21 MOF2020 warning"],
    valid: 'class Old {};\n#pragma deleteclass("Old", FAIL)\n#pragma deleteclass("Nope", NOFAIL)',
  },
  {
    code: "MOF2021",
    options: dmtfBare,
    invalid: "Qualifier Q : boolean = false, Scope(any);\nQualifier q : uint8 = 0, Scope(any);",
    expected: ["2:11 MOF2021 error"],
    valid: "Qualifier Q : boolean = false, Scope(any);\nQualifier q : boolean = false, Scope(any);",
  },
  {
    code: "MOF2022",
    options: dmtf,
    invalid: 'class A { string P; };\ninstance of A { P = "x"; p = "y"; };',
    expected: ["2:26 MOF2022 error"],
    valid: 'class A { string P; string Q; };\ninstance of A { P = "x"; Q = "y"; };',
  },
  {
    code: "MOF2023",
    options: wmi,
    invalid: "class A { A REF M(); };",
    expected: ["1:17 MOF2023 error"],
    valid: "class A { A M(); };",
  },
  {
    code: "MOF2024",
    options: dmtf,
    invalid: "class A { string P; };\nclass B : A { string P; };",
    expected: ["2:22 MOF2024 error"],
    valid: 'class A { string P; };\nclass B : A { [Override("P")] string P; };',
  },
  {
    code: "MOF3001",
    options: dmtfBare,
    invalid: "class A { [Key] string K; };",
    expected: ["1:12 MOF3001 error"],
    valid: `${keyDeclaration}\nclass A { [Key] string K; };`,
  },
  {
    code: "MOF3004",
    options: dmtf,
    invalid: "class A { [Key] uint32 M(); };",
    expected: ["1:12 MOF3004 error"],
    valid: "class A { [Key] uint32 K; };",
  },
  {
    code: "MOF3005",
    options: dmtf,
    invalid: 'class A { [Description("a"), description("b")] string P; };',
    expected: ["1:30 MOF3005 error"],
    valid: 'class A { [Description("a"), MaxLen(4)] string P; };',
  },
  {
    code: "MOF3006",
    options: dmtf,
    invalid: 'class A { [Description("a") : EnableOverride DisableOverride] string P; };',
    expected: ["1:46 MOF3006 error"],
    valid: 'class A { [Description("a") : DisableOverride Restricted] string P; };',
  },
  {
    code: "MOF3007",
    options: dmtf,
    invalid: 'class A { [Key] string K; };\nclass B : A { [Override("K"), Key(false)] string K; };',
    expected: ["2:31 MOF3007 error"],
    valid: 'class A { [Key] string K; };\nclass B : A { [Override("K"), Key(true)] string K; };',
  },
  {
    code: "MOF3008",
    options: dmtf,
    invalid: "class A { uint8 P = 256; };",
    expected: ["1:21 MOF3008 error"],
    valid: "class A { uint8 P = 0xFF; };",
  },
  {
    code: "MOF3009",
    options: dmtf,
    invalid: 'class A { datetime D = "20231301000000.000000+000"; };',
    expected: ["1:24 MOF3009 error"],
    valid: 'class A { datetime D = "20231231235960.000000-300"; datetime I = "00000001020304.******:000"; };',
  },
  {
    code: "MOF3014",
    options: dmtf,
    invalid:
      'class E { string N; };\nclass A { [EmbeddedInstance("E")] string P; };\ninstance of A { P = "instance of E { N = ; };"; };',
    expected: ["3:21 MOF3014 error"],
    valid:
      'class E { string N; };\nclass A { [EmbeddedInstance("E")] string P; };\ninstance of A { P = "instance of E { N = \\"x\\"; };"; };',
  },
  {
    code: "MOF3018",
    options: dmtf,
    invalid: 'class A { [ValueMap{"Ok", "Failed"}, Values{"0", "1"}] uint32 P; };',
    expected: ["1:12 MOF3018 warning"],
    valid: 'class A { [ValueMap{"0", "1"}, Values{"Ok", "Failed"}] uint32 P; };',
  },
];

describe("model checks: one invalid input and one valid counterpart per code", () => {
  it.each(cases)("$code: the invalid input is reported exactly", ({ options, invalid, expected }) => {
    expect(findings(compileText(invalid, options))).toEqual(expected);
  });

  it.each(cases)("$code: the valid counterpart compiles cleanly", ({ options, valid }) => {
    expect(findings(compileText(valid, options))).toEqual([]);
  });

  it("covers every MOF2xxx model code of the catalog and the listed MOF3xxx ones", () => {
    const model = catalogEntries()
      .map((e) => e.code)
      .filter((c) => /^MOF20(0[1-9]|1\d|2[0-4])$/.test(c));
    const listed = ["MOF3001", "MOF3004", "MOF3005", "MOF3006", "MOF3007", "MOF3008", "MOF3009", "MOF3014", "MOF3018"];
    expect(cases.map((c) => c.code).sort()).toEqual([...model, ...listed].sort());
  });
});

/** Checks DSP0004 makes but mofcomp does not enforce: the same input is an error in DMTF, a warning in WMI. */
const relaxedInWmi: readonly { code: string; text: string; at: string }[] = [
  { code: "MOF2007", text: 'class A { string P; };\nclass B : A { [Override("Q")] string Q; };', at: "2:16" },
  { code: "MOF2008", text: 'class A { string P; };\nclass B : A { [Override("P")] uint32 P; };', at: "2:38" },
  { code: "MOF3008", text: 'class A { [MaxLen("x")] string P; };', at: "1:19" },
  { code: "MOF3010", text: 'class A { [ValueMap{"0", "1"}, Values{"Ok"}] uint32 P; };', at: "1:39" },
  { code: "MOF3011", text: 'class A { [ValueMap{"0", "x"}, Values{"Ok", "Bad"}] uint32 P; };', at: "1:26" },
  { code: "MOF3011", text: 'class A { [ValueMap{"0", "256"}, Values{"Ok", "Big"}] uint8 P; };', at: "1:26" },
  { code: "MOF3009", text: 'class A { datetime D = "00000000000500.000000:000\\"; boolean B;"; };', at: "1:24" },
  // mofcomp takes a class declared again with the same members as an update (WDK outputs expand includes).
  { code: "MOF2001", text: '[Abstract] class A { string P; };\n[Description("x")] class a { string P; };', at: "2:26" },
  // Classes a WMI file does not declare come from the namespace it is compiled into.
  { code: "MOF2002", text: "class B : CIM_Process {};", at: "1:11" },
  { code: "MOF2009", text: "[Association] class A { CIM_Job REF J; };", at: "1:25" },
  { code: "MOF2009", text: 'class A { [EmbeddedInstance("CIM_Error")] string E; };', at: "1:12" },
  { code: "MOF2009", text: 'instance of CommandLineEventConsumer { Name = "x"; };', at: "1:13" },
  { code: "MOF3008", text: 'class A { boolean B = "True"; };', at: "1:23" },
  { code: "MOF3008", text: "class A { uint16 P = 1000.4; };", at: "1:22" },
];

describe("swapped ValueMap and Values (MOF3018)", () => {
  it("decodes the pair the way it was meant, in both dialects", () => {
    const text = 'class A { [ValueMap{"Ok", "Failed", "Vendor"}, Values{"0", "1", "0x8000.."}] uint32 P; };';
    for (const options of [dmtf, wmi]) {
      const entries = classOf(compileText(text, options), "A").propertyByName.get("p")?.valueMap?.entries;
      expect(entries?.map((e) => [e.label, e.value, e.kind, e.lo, e.hi])).toEqual([
        ["Ok", "0", "single", 0n, 0n],
        ["Failed", "1", "single", 1n, 1n],
        ["Vendor", "0x8000..", "range", 0x8000n, undefined],
      ]);
    }
  });
});

describe("WMI relaxations", () => {
  it.each(relaxedInWmi)("$code at $at: error in DMTF, warning in WMI", ({ code, text, at }) => {
    expect(findings(compileText(text, dmtf))).toEqual([`${at} ${code} error`]);
    expect(findings(compileText(text, wmi))).toEqual([`${at} ${code} warning`]);
  });

  it("stores a real given to an integer rounded and a string 'True' given to a boolean as true, as mofcomp does", () => {
    const a = classOf(compileText('class A { uint16 P = 1000.6; boolean B = "True"; };', wmi), "A");
    expect(a.propertyByName.get("p")?.default).toEqual({ kind: "integer", value: 1001n, text: "1001" });
    expect(a.propertyByName.get("b")?.default).toEqual({ kind: "boolean", value: true });
    expect(findings(compileText("class A { uint8 P = 255.7; };", wmi))).toEqual([
      "1:21 MOF3008 warning",
      "1:21 MOF3008 error",
    ]);
  });

  it("keeps a type mismatch of a declared qualifier an error in WMI", () => {
    const text = 'qualifier MaxLen : uint32, scope(property);\nclass A { [MaxLen("x")] string P; };';
    expect(findings(compileText(text, wmi))).toEqual(["2:19 MOF3008 error"]);
  });

  // The qualifier and its element are named only when a message is written (QualifierValueExpected.what).
  it("names the qualifier and its element when a qualifier value has the wrong type", () => {
    const text = [
      "qualifier MaxLen : uint32, scope(property);",
      "qualifier Tag : string[], scope(property);",
      'class A { [MaxLen("x")] string P; [Tag(1)] string Q; };',
    ].join("\n");
    expect(compileText(text, wmi).diagnostics.map((d) => d.message)).toEqual([
      "qualifier MaxLen on A.P must be an integer (uint32), not a string",
      'qualifier Tag on A.Q must be a string ("..."), not an integer',
    ]);
  });

  it("does not relax the structural checks in WMI", () => {
    expect(findings(compileText("class A { string P; uint8 p; };", wmi))).toEqual(["1:27 MOF2006 error"]);
    expect(findings(compileText("class A : B {};\nclass B : A {};", wmi))).toEqual(["1:11 MOF2003 error"]);
  });

  it("needs no Override and allows references anywhere in WMI", () => {
    const text = "class A { string P; };\nclass B : A { string P; A REF R; };";
    expect(findings(compileText(text, wmi))).toEqual([]);
    expect(findings(compileText(text, dmtf))).toEqual(["2:22 MOF2024 error", "2:31 MOF2005 error"]);
  });

  it("reads a WMI parameter with neither In nor Out as input, and only Out as output", () => {
    const schema = compileText("class A { uint32 M(string a, [Out] string b); };", wmi).schema;
    const method = schema.namespaces[0]?.classes[0]?.methods[0];
    expect(method?.parameters.map((p) => [p.name, p.in, p.out])).toEqual([
      ["a", true, false],
      ["b", false, true],
    ]);
  });
});
