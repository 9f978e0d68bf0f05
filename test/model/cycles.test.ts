import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDocs } from "../../src/emit/docs/generate.js";
import { formatModelJson } from "../../src/emit/model-json.js";
import { printMof } from "../../src/emit/mof/print.js";
import { generateTypeScript } from "../../src/emit/ts/generate.js";
import { type Compilation, compile, compileText, createSession, type Dialect } from "../../src/index.js";
import { where } from "../helpers/parse.js";
import { compilationDifference } from "../helpers/same-model.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * The cycle family of 5f93512 (an inheritance cycle plus a reference override naming a class of it ran forever):
 * every link the model and the emitters follow between classes, declarations and instances, written into a
 * cycle of one, two or three, or across namespaces and files. Each case is compiled cold and twice through a
 * session (the model cache walks the reads again), and every emitter runs on the model, errors or not (a
 * library user may): all must end and report the expected codes, each once where it says it.
 */
interface Case {
  readonly files: Record<string, string>;
  readonly dialect?: Dialect;
  /** `line:col code` of every diagnostic, in order. */
  readonly expected: readonly string[];
}

const ns = (name: string) => `#pragma namespace("${name}")`;

const cases: Record<string, Case> = {
  "a class its own superclass": { files: { "a.mof": "class A : A { string X; };" }, expected: ["1:11 MOF2003"] },
  "two classes": { files: { "a.mof": "class A : B { };\nclass B : A { };" }, expected: ["1:11 MOF2003"] },
  "three classes and a subclass of the cycle": {
    files: { "a.mof": "class D : A { };\nclass A : C { };\nclass B : A { };\nclass C : B { };" },
    expected: ["2:11 MOF2003"],
  },
  "references and embedded instances naming the cycle": {
    files: {
      "a.mof": [
        '[Association] class A : B { [EmbeddedInstance("A")] string E; A REF R; };',
        '[Association] class B : A { [EmbeddedInstance("B")] string F; B REF S; };',
        '[Association] class C : C { [EmbeddedInstance("C")] string G; C REF H; };',
      ].join("\n"),
    },
    expected: ["1:25 MOF2003", "3:25 MOF2003"],
  },
  "reference overrides naming classes of a cycle": {
    files: {
      "a.mof": [
        "class A : B { };",
        "class B : A { };",
        "[Association] class R { A REF L; B REF Q; };",
        '[Association] class S : R { [Override("L")] B REF L; [Override("Q")] A REF Q; };',
      ].join("\n"),
    },
    expected: ["1:11 MOF2003"],
  },
  "overrides along a cycle": {
    files: {
      "a.mof": [
        "class A : C { [Key] string X; string M(); };",
        'class B : A { [Override("X")] string X; [Override("M")] string M(); };',
        'class C : B { [Override("X")] string X; [Override("M")] string M(); };',
      ].join("\n"),
    },
    // No member of the cycle inherits from another: the overrides name nothing known, and that is not an error.
    expected: ["1:11 MOF2003"],
  },
  "value maps and a DisableOverride qualifier along a cycle": {
    files: {
      "a.mof": [
        "Qualifier Q : string = null, Scope(class, property), Flavor(ToSubclass, DisableOverride);",
        '[Q("a")] class A : B { [Q("b"), ValueMap{"1","2"}, Values{"a","b"}] uint32 X; };',
        '[Q("c")] class B : A { [Override("X"), ValueMap{"1"}, Values{"one"}] uint32 X; };',
      ].join("\n"),
    },
    // Whichever member is built first, none inherits from another: no DisableOverride change (MOF3007) or
    // Override without a target (MOF2007) against the member the resolving order happened to build first.
    expected: ["2:20 MOF2003"],
  },
  "a DisableOverride qualifier changed below a cycle": {
    files: {
      "a.mof": [
        "Qualifier Q : string = null, Scope(class), Flavor(ToSubclass, DisableOverride);",
        '[Q("a")] class A : B { };',
        '[Q("b")] class B : A { };',
        '[Q("c")] class D : B { };',
      ].join("\n"),
    },
    // D really inherits from B (only the cycle's own links are cut): changing B's value is still an error.
    expected: ["2:20 MOF2003", "4:2 MOF3007"],
  },
  "a reference override with the class itself (no cycle)": {
    files: {
      "a.mof":
        '[Association] class A { [Key] A REF Self; };\n[Association] class B : A { [Override("Self")] B REF Self; };',
    },
    expected: [],
  },
  "aliases referring to each other and to themselves (no cycle)": {
    files: {
      "a.mof": [
        "class A { [Key] string K; A REF Other; };",
        'instance of A as $a { K = "a"; Other = $b; };',
        'instance of A as $b { K = "b"; Other = $a; };',
        'instance of A as $c { K = "c"; Other = $c; };',
      ].join("\n"),
    },
    expected: [],
  },
  "an instance of a class in a cycle": {
    files: {
      "a.mof": 'class A : B { [Key] string K; };\nclass B : A { };\ninstance of A as $a { K = "a"; };',
    },
    expected: ["1:11 MOF2003"],
  },
  "an inline instance of a class in its own default": {
    files: {
      "a.mof": 'class A { [Key] string K; A E = instance of A { K = "x"; E = instance of A { K = "y"; }; }; };',
    },
    expected: ["1:45", "1:74"].map((at) => `${at} MOF2025`),
  },
  "an inline instance of a subclass in the superclass's default": {
    files: { "a.mof": 'class B { [Key] string K; A E = instance of A { K = "x"; }; };\nclass A : B { };' },
    expected: ["1:45 MOF2025"],
  },
  "an inline instance of a subclass in another namespace, in the superclass's default": {
    files: {
      "a.mof": `${ns("root/a")}\nclass A { [Key] string K; X E = instance of X { K = "x"; }; };\n${ns("root/b")}\nclass X : A { };`,
    },
    expected: ["2:45 MOF2025"],
  },
  "inline instances of classes of a cycle across namespaces, in their own defaults": {
    files: {
      "a.mof": [
        ns("root/a"),
        'class A : B { [Key] string K; B E = instance of B { K = "x"; }; };',
        ns("root/b"),
        'class B : A { A F = instance of A { K = "y"; }; };',
      ].join("\n"),
    },
    expected: ["2:11 MOF2003", "2:49 MOF2025", "4:33 MOF2025"],
  },
  "a cycle across two namespaces": {
    files: { "a.mof": `${ns("root/a")}\nclass A : B { };\n${ns("root/b")}\nclass B : A { };` },
    expected: ["2:11 MOF2003"],
  },
  "overrides and a DisableOverride qualifier along a cycle across namespaces": {
    files: {
      "a.mof": [
        // Declared before any namespace pragma: it serves both namespaces.
        "Qualifier Q : string = null, Scope(class, property), Flavor(ToSubclass, DisableOverride);",
        ns("root/a"),
        '[Q("a")] class A : B { [Key, Q("x"), Override("P")] string P; [Override("M")] uint32 M(); };',
        ns("root/b"),
        '[Q("b")] class B : A { [Key, Q("y")] string P; uint32 M(); };',
      ].join("\n"),
    },
    // The cycle alone: no MOF3007 (Q changed) or MOF2007 (Override without a target) against whichever class
    // the resolving order built first.
    expected: ["3:20 MOF2003"],
  },
  "a cycle across three namespaces": {
    files: {
      "a.mof": `${ns("root/a")}\nclass A : B { };\n${ns("root/b")}\nclass B : C { };\n${ns("root/c")}\nclass C : A { };`,
    },
    expected: ["2:11 MOF2003"],
  },
  "namespaces naming each other's classes (no cycle)": {
    files: {
      "a.mof": [
        ns("root/a"),
        '[Association] class A { B REF L; [EmbeddedInstance("B")] string E; };',
        ns("root/b"),
        '[Association] class B : A { [Override("L")] B REF L; [EmbeddedInstance("A")] string F; };',
      ].join("\n"),
    },
    expected: [],
  },
  "a cycle in a localised amendment namespace": {
    files: {
      "a.mof": [
        'class A { [Key] string K; [ValueMap{"1","2"}, Values{"a","b"}] uint32 V; };',
        "class B : A { };",
        ns("ms_409"),
        '[Amendment, Locale(1033)] class A : B { [Values{"x","y"}] uint32 V; };',
        "[Amendment, Locale(1033)] class B : A { };",
      ].join("\n"),
    },
    expected: ["4:37 MOF2003"],
  },
  "a cycle across files that include each other": {
    files: {
      "a.mof": '#pragma include("b.mof")\nclass A : B { };',
      "b.mof": '#pragma include("a.mof")\nclass B : A { };',
    },
    // b.mof's declarations come first (included before A), so the cycle is met at B.
    expected: ["b.mof 1:17 MOF1005", "b.mof 2:11 MOF2003"],
  },
  "#pragma deleteclass of the classes of a cycle": {
    files: {
      "a.mof":
        'class A : B { };\nclass B : A { };\n#pragma deleteclass("A", NOFAIL)\n#pragma deleteclass("B", FAIL)\nclass C : A { };',
    },
    expected: ["5:11 MOF2002"],
  },
};

/** `line:col CODE` of every diagnostic (the file's name first when the case has several files). */
function findings(c: Compilation, many: boolean): string[] {
  return c.diagnostics.map((d) => {
    const at = where(d);
    return many ? `${basename(d.span?.file.path ?? "")} ${at}` : at;
  });
}

describe("cycles between classes, declarations and instances", () => {
  it.each(Object.entries(cases))("end and are reported (%s)", (_what, c) => {
    const dir = tempTree(c.files);
    const paths = [join(dir, "a.mof")];
    const settings = { dialect: c.dialect ?? "wmi" } as const;
    const many = Object.keys(c.files).length > 1;
    const cold = compile(paths, settings);
    expect(findings(cold, many)).toEqual(c.expected);
    const session = createSession(paths, settings);
    session.compile();
    expect(compilationDifference(session.compile(), cold)).toBeUndefined();
    // The emitters follow superclasses, value maps and references of their own: each must end on the model.
    const started = performance.now();
    const classes = cold.schema.namespaces.flatMap((n) => n.classes.map((k) => k.name));
    for (const name of classes) expect(formatModelJson(cold.schema)).toContain(`"name": "${name}"`);
    for (const name of classes) expect(printMof(cold.schema)).toContain(`class ${name}`);
    expect(generateTypeScript(cold.schema).some((f) => f.path.endsWith(".ts"))).toBe(true);
    expect(renderDocs(cold.schema).problems).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe("a cycle across namespaces (WMI)", () => {
  it("is named whole, each class of another namespace with its namespace", () => {
    const text = [ns("root/a"), "class A : B { };", ns("root/b"), "class B : C { };", "class C : A { };"].join("\n");
    const compiled = compileText(text, { dialect: "wmi" });
    expect(compiled.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "2:11 MOF2003 inheritance cycle: A -> B (root/b) -> C (root/b) -> A",
    ]);
  });
});

describe("a long superclass chain", () => {
  // 2,000 deep: past the 1,500 that overflowed the stack, and small enough for the quadratic effective members.
  const n = 2000;
  const chain = (last: string) =>
    [...Array.from({ length: n }, (_, i) => `class A${i} : A${i + 1} { string P${i}; };`), last].join("\n");

  it("resolves without exhausting the stack (1,500 deep overflowed it)", () => {
    const compiled = compileText(chain(`class A${n} { [Key] string K; };`), { dialect: "wmi" });
    expect(compiled.diagnostics).toEqual([]);
    const leaf = compiled.schema.namespaces[0]?.classes.find((c) => c.name === "A0");
    expect(leaf?.properties.length).toBe(n + 1);
    expect(leaf?.properties[0]?.name).toBe("K");
  });

  it("resolves across namespaces without exhausting the stack (WMI: each class's superclass in the other one)", () => {
    const space = (i: number) => `#pragma namespace("root/${i % 2 === 0 ? "a" : "b"}")`;
    const lines = Array.from({ length: n }, (_, i) => `${space(i)}\nclass A${i} : A${i + 1} { string P${i}; };`);
    const compiled = compileText([...lines, `${space(n)}\nclass A${n} { [Key] string K; };`].join("\n"), {
      dialect: "wmi",
    });
    expect(compiled.diagnostics).toEqual([]);
    const leaf = compiled.schema.namespaces[0]?.classes.find((c) => c.name === "A0");
    expect(leaf?.properties.length).toBe(n + 1);
  });

  it("reports a cycle of that length once, naming it whole", () => {
    const compiled = compileText(chain(`class A${n} : A0 { };`), { dialect: "wmi" });
    expect(compiled.diagnostics.map((d) => where(d))).toEqual(["1:12 MOF2003"]);
    const message = compiled.diagnostics[0]?.message ?? "";
    expect(message.startsWith("inheritance cycle: A0 -> A1 -> A2 -> ")).toBe(true);
    expect(message.endsWith(` -> A${n} -> A0`)).toBe(true);
  });
});
