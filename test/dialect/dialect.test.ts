import { describe, expect, it } from "vitest";
import { compileText } from "../../src/compile.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { type Dialect, defaultDialect, dialectNames, parseDialect } from "../../src/dialect/dialect.js";
import { type DialectRules, dialectRules } from "../../src/dialect/rules.js";
import { runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

describe("the dialect module", () => {
  it("reads exactly the dialect names, as written", () => {
    expect(dialectNames.map(parseDialect)).toEqual(["wmi", "dmtf"]);
    for (const word of ["WMI", "Dmtf", "cim", "", " wmi"]) expect(parseDialect(word)).toBeUndefined();
  });

  it("gives the default dialect's rules when none is named, and each dialect's own otherwise", () => {
    expect(dialectRules().dialect).toBe(defaultDialect);
    for (const name of dialectNames) expect(dialectRules(name).dialect).toBe(name);
  });

  it("refuses, saying what it expected, a dialect name that a JavaScript caller or a cast let through", () => {
    for (const word of ["cim", "WMI", "toString"]) {
      expect(() => dialectRules(word as Dialect)).toThrow(`unknown MOF dialect "${word}": expected "wmi" or "dmtf"`);
      expect(() => compileText("class A { };", { dialect: word as Dialect })).toThrow(TypeError);
    }
  });
});

/** `[severity code]` of every diagnostic, for comparing what the two dialects report. */
const findings = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.severity} ${d.code}`);

function compileIn(dialect: Dialect, text: string) {
  // DMTF mode with the standard qualifier set, so that [Out] or [Override] need no declarations.
  return compileText(text, { dialect, builtinQualifiers: dialect === "dmtf" });
}

/**
 * Each rule against the behaviour it stands for, compiled in both dialects: the rules object is what the
 * phases ask, so a rule that stopped being asked (or was asked the wrong way round) shows here.
 */
const rules: readonly {
  readonly rule: keyof DialectRules;
  readonly mof: string;
  readonly wmi: readonly string[];
  readonly dmtf: readonly string[];
}[] = [
  { rule: "wmiExtensions", mof: "class A { object P; };", wmi: [], dmtf: ["error MOF1205"] },
  { rule: "unchecked", mof: "class A : Missing { };", wmi: ["warning MOF2002"], dmtf: ["error MOF2002"] },
  { rule: "qualifiersTypedByUse", mof: "[Frobnicate] class A { };", wmi: [], dmtf: ["error MOF3001"] },
  {
    rule: "mofcompConversions",
    mof: "class A { uint32 P = 1.6; };",
    wmi: ["warning MOF3008"],
    dmtf: ["error MOF3008"],
  },
  {
    rule: "referencesOnlyInAssociations",
    mof: "class B { }; class A { B REF R; };",
    wmi: [],
    dmtf: ["error MOF2005"],
  },
  {
    rule: "overrideRequired",
    mof: "class A { string P; }; class B : A { string P; };",
    wmi: [],
    dmtf: ["error MOF2024"],
  },
];

describe("the dialect rules, observed through compile()", () => {
  it.each(rules)("$rule", ({ mof, wmi, dmtf }) => {
    expect(findings(compileIn("wmi", mof).diagnostics)).toEqual(wmi);
    expect(findings(compileIn("dmtf", mof).diagnostics)).toEqual(dmtf);
  });

  it("inByDefault: an [Out] parameter without [In] is input in DMTF only", () => {
    const mof = "class A { uint32 M([Out] uint32 X); };";
    const param = (dialect: Dialect) =>
      compileIn(dialect, mof).schema.namespaces[0]?.classes[0]?.methods[0]?.parameters[0];
    expect(param("wmi")).toMatchObject({ name: "X", in: false });
    expect(param("dmtf")).toMatchObject({ name: "X", in: true });
  });

  it("classesBeyondNamespace: a WMI system class is known in WMI only", () => {
    const mof = "class A : __EventConsumer { };";
    expect(findings(compileIn("wmi", mof).diagnostics)).toEqual([]);
    expect(findings(compileIn("dmtf", mof).diagnostics)).toEqual(["error MOF2002"]);
  });
});

describe("an inline 'instance of' value (WMI's embedded object value)", () => {
  const mof = [
    "class E { [key] string K; };",
    'qualifier Q : string = instance of E { K = "q"; }, scope(property);',
    'class C { [key, Q] string K; string P = instance of E { K = "p"; }; };',
    'instance of C { K = "c"; P = instance of E { K = "i"; }; };',
  ].join("\n");
  /** `line severity code`: where each finding is, by line (one inline instance per line from line 2). */
  const lines = (ds: readonly Diagnostic[]) =>
    ds.map((d) => `${d.span ? d.span.file.text.slice(0, d.span.start).split("\n").length : 0} ${d.severity} ${d.code}`);

  it("is MOF1205 alone in DMTF mode, wherever it is written (a qualifier default too): DMTF has no such value", () => {
    expect(lines(compileIn("dmtf", mof).diagnostics)).toEqual([
      "2 error MOF1205",
      "3 error MOF1205",
      "4 error MOF1205",
    ]);
  });

  it("is no string in WMI mode, where a string without EmbeddedInstance does not take it", () => {
    expect(lines(compileIn("wmi", mof).diagnostics)).toEqual(["2 error MOF3008", "3 error MOF3008", "4 error MOF3008"]);
  });
});

describe("--dialect on the command line", () => {
  it("is read the same way by every command that takes it", async () => {
    const dir = tempTree({ "a.mof": "class A { };" });
    const commands = [
      ["check", "a.mof"],
      ["model", "a.mof"],
      ["format", "a.mof"],
      ["generate", "a.mof", "--out", "out"],
      ["docs", "a.mof", "--out", "docs"],
      ["diff", "a.mof", "a.mof"],
    ];
    for (const args of commands) {
      const r = await runCli([...args, "--dialect", "WMI"], dir);
      expect({ command: args[0], code: r.code, message: r.stderr.split("\n")[0] }).toEqual({
        command: args[0],
        code: 2,
        message: "mofgen: --dialect must be one of wmi, dmtf (got 'WMI')",
      });
    }
  });
});
