import { relative } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { type Compilation, compile, compileText as compileMofText } from "../../src/compile.js";
import type { Dialect } from "../../src/dialect/dialect.js";
import { modelToJson } from "../../src/emit/model-json.js";
import { printMof, superclassesFirst } from "../../src/emit/mof/print.js";
import { char16Literal, stringLiterals } from "../../src/model/literals.js";
import type { SchemaModel } from "../../src/model/types.js";
import { buildProgram } from "../../src/program/program.js";
import { type CorpusFolder, corporaDir, corpus, corpusFolders } from "../helpers/corpora.js";

/**
 * The MOF printer's contract: for a model compiled without errors, compiling `printMof(model)` with the same
 * dialect and options gives the same model (compared as `modelToJson`, which has no spans), and printing that
 * model again gives the same text. Checked on every corpus unit that compiles without errors (compiled the
 * way test/corpus compiles them), then on small inline schemas whose printed form is pinned exactly.
 */

interface Options {
  readonly dialect: Dialect;
  readonly builtinQualifiers?: boolean;
}

interface Compiled {
  readonly schema: SchemaModel;
  readonly errors: readonly string[];
}

/** A compilation's model and its error messages (a unit with errors is not round-tripped). */
function compiled(compilation: Compilation): Compiled {
  const errors = compilation.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
  return { schema: compilation.schema, errors };
}

function compileText(text: string, options: Options): Compiled {
  return compiled(compileMofText(text, { ...options, path: "printed.mof" }));
}

/** The first difference between two model JSON documents, named by section and element, or undefined. */
function firstDifference(before: SchemaModel, after: SchemaModel): string | undefined {
  const a = modelToJson(before);
  const b = modelToJson(after);
  for (const section of ["classes", "qualifierTypes", "instances"] as const) {
    const x = a[section];
    const y = b[section];
    if (x.length !== y.length) return `${section}: ${x.length} before, ${y.length} after printing`;
    for (let i = 0; i < x.length; i++) {
      const before = JSON.stringify(x[i]);
      const after = JSON.stringify(y[i]);
      if (before !== after) {
        const element = x[i] as { name?: string; className?: string };
        let at = 0;
        while (before[at] === after[at]) at++;
        const from = Math.max(0, at - 150);
        const excerpt = (json: string) => `${from > 0 ? "..." : ""}${json.slice(from, at + 150)}...`;
        return `${section}[${i}] (${element.name ?? element.className}) differs at character ${at}:\n  before ${excerpt(before)}\n  after  ${excerpt(after)}`;
      }
    }
  }
  return undefined;
}

/** Print, compile the text again and compare; the problem found, or undefined. */
function roundTripProblem(model: SchemaModel, options: Options): string | undefined {
  const printed = printMof(model, { dialect: options.dialect });
  const again = compileText(printed, options);
  if (again.errors.length > 0) return `the printed MOF has errors: ${again.errors.slice(0, 5).join("; ")}`;
  const difference = firstDifference(model, again.schema);
  if (difference !== undefined) return difference;
  if (printMof(again.schema, { dialect: options.dialect }) !== printed) return "printing is not idempotent";
  return undefined;
}

/**
 * How many units of each folder compile without errors and so are round-tripped, of how many units. Pinned, so
 * that the test cannot pass by checking nothing: a unit that starts failing to compile (and is silently
 * skipped) or a folder that loses its files changes a count here. A new corpus folder must be added.
 */
const unitCounts: Readonly<Record<string, { readonly checked: number; readonly of: number }>> = {
  "dmtf-cim-2.22": { checked: 1, of: 1 },
  "dmtf-cim-2.28": { checked: 1, of: 1 },
  "dmtf-cim-2.49": { checked: 1, of: 1 },
  "openpegasus-compiler-tests": { checked: 15, of: 38 },
  "pywbem-tests": { checked: 2, of: 9 },
  "pywbemtools-tests": { checked: 7, of: 15 },
  // DSP0221 (MOF 3.0) examples: their structures and enumerations are reported (MOF1210, grammar/DEVIATIONS.md
  // point 2), so no unit compiles cleanly; test/corpus pins what is reported instead.
  "kingsland-mofparser-tests": { checked: 0, of: 20 },
  hyperv: { checked: 8, of: 8 },
  "msdocs-wmisdk-snippets": { checked: 181, of: 214 },
  "ms-windows-classic-samples": { checked: 18, of: 19 },
  "ms-windows-driver-samples": { checked: 15, of: 18 },
  "omi-codec": { checked: 1, of: 1 },
  "sccm-pwsh": { checked: 2, of: 2 },
  "dsc-computermanagementdsc": { checked: 18, of: 18 },
  "dsc-failoverclusterdsc": { checked: 8, of: 8 },
  "dsc-hypervdsc": { checked: 10, of: 10 },
};

/** The msdocs reconstructions hold the documentation's defects: none of their units compiles cleanly. */
const units: readonly CorpusFolder[] = corpusFolders.filter((f) => !f.name.startsWith("msdocs-hyperv"));

const skippedUnits: string[] = [];

describe("printMof round trip over the corpora", () => {
  for (const unit of units) {
    it(`${unit.name} (--dialect ${unit.dialect})`, (ctx) => {
      const dir = corpus(unit.name);
      if (dir === undefined) return ctx.skip();
      const roots = unit.whole ? [dir] : buildProgram([dir], { dialect: unit.dialect }).roots.map((r) => r.source.path);
      const problems: string[] = [];
      let checked = 0;
      for (const root of roots) {
        const result = compiled(compile([root], unit));
        const where = relative(corporaDir, root);
        if (result.errors.length > 0) {
          skippedUnits.push(where);
          continue;
        }
        checked++;
        const problem = roundTripProblem(result.schema, unit);
        if (problem !== undefined) problems.push(`${where}: ${problem}`);
      }
      console.log(`[mof round trip] ${unit.name}: ${checked} of ${roots.length} units round-tripped`);
      expect(problems).toEqual([]);
      expect({ checked, of: roots.length }).toEqual(unitCounts[unit.name]);
    });
  }

  it("has a pinned unit count for every corpus folder it checks", () => {
    expect(Object.keys(unitCounts).sort()).toEqual(units.map((u) => u.name).sort());
  });

  afterAll(() => {
    console.log(`[mof round trip] ${skippedUnits.length} units skipped (they compile with errors)`);
  });
});

/** Compile `text` (which must have no errors), print it, check the round trip, and return the printed MOF. */
function printed(text: string, options: Options = { dialect: "wmi" }): string {
  const compiled = compileText(text, options);
  expect(compiled.errors).toEqual([]);
  expect(roundTripProblem(compiled.schema, options)).toBeUndefined();
  return printMof(compiled.schema, { dialect: options.dialect });
}

/** Lines joined with \n and a final newline: the expected texts below read as MOF. */
function mof(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

describe("printMof", () => {
  it("escapes strings and char16 values with MOF escapes", () => {
    const text = String.raw`
      class Esc {
        string S = "q\" b\\ n\n t\t r\r b\b f\f bell\x7 del\x7F lone\xD800 e\xE9 smile😀";
        char16 Quote = '\'';
        char16 Dq = '"';
        char16 Nl = '\n';
        char16 Ctl = '\x1';
      };`;
    expect(printed(text)).toBe(
      mof(
        '#pragma namespace("root/cimv2")',
        "",
        "class Esc {",
        String.raw`    string S = "q\" b\\ n\n t\t r\r b\b f\f bell\x0007 del\x007F lone\xD800 eé smile😀";`,
        "",
        String.raw`    char16 Quote = '\'';`,
        "",
        `    char16 Dq = '"';`,
        "",
        String.raw`    char16 Nl = '\n';`,
        "",
        String.raw`    char16 Ctl = '\x0001';`,
        "};",
      ),
    );
  });

  it("writes every string and char16 so that it reads back the same, however the string is split", () => {
    // Any UTF-16 code unit, lone surrogates and controls included; short widths force many splits.
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const text = fc.oneof(fc.string({ unit: codeUnit, maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 40 }));
    fc.assert(
      fc.property(text, codeUnit, fc.integer({ min: 1, max: 30 }), (value, char, width) => {
        const literals = stringLiterals(value, width);
        const mofText = `class L { string S = ${literals.join("\n    ")}; char16 C = ${char16Literal(char)}; };`;
        const compiled = compileText(mofText, { dialect: "wmi" });
        expect(compiled.errors).toEqual([]);
        const cls = compiled.schema.namespaces[0]?.classes[0];
        expect(cls?.ownProperties.map((p) => p.default)).toEqual([
          { kind: "string", value },
          { kind: "char16", value: char },
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it("splits a long string into adjacent literals, after line breaks and spaces", () => {
    const first = "First line: lorem ipsum dolor sit amet.";
    const second =
      "Second line: consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna " +
      "aliqua; ut enim ad minim veniam, quis nostrud exercitation.";
    const text = `[Description("${first}\\n${second}")] class Long { };`;
    expect(printed(text)).toBe(
      mof(
        '#pragma namespace("root/cimv2")',
        "",
        String.raw`[Description("First line: lorem ipsum dolor sit amet.\n"`,
        '        "Second line: consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et "',
        '        "dolore magna aliqua; ut enim ad minim veniam, quis nostrud exercitation.")]',
        "class Long {",
        "};",
      ),
    );
  });

  it("prints integers and reals as written, arrays with their sizes, and wraps long value lists", () => {
    const values = Array.from({ length: 30 }, (_, i) => `"${i}"`).join(", ");
    const text = `
      class Arr {
        uint8 Fixed[4] = {1, 0x10, 010, 101b};
        sint64 Big = -9223372036854775808;
        real32 R = 1.5e3;
        real64 Whole = 5;
        string Var[] = {"a", null, "b"};
        uint32 Empty[] = {};
        [ValueMap {${values}}] uint16 Coded;
      };`;
    expect(printed(text)).toBe(
      mof(
        '#pragma namespace("root/cimv2")',
        "",
        "class Arr {",
        "    uint8 Fixed[4] = {1, 0x10, 010, 101b};",
        "",
        "    sint64 Big = -9223372036854775808;",
        "",
        "    real32 R = 1.5e3;",
        "",
        "    real64 Whole = 5;",
        "",
        '    string Var[] = {"a", null, "b"};',
        "",
        "    uint32 Empty[] = {};",
        "",
        '    [ValueMap {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15",',
        '            "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29"}]',
        "    uint16 Coded;",
        "};",
      ),
    );
  });

  it("prints references, aliases and object paths, with only the class's own members", () => {
    const text = String.raw`
      [Abstract] class Base { [Key] string Id; string Note = "n"; };
      class Thing : Base { string Note; };
      [Association] class Link {
        [Key] Thing REF Left;
        Base REF Right[];
        uint32 Relate([In] Thing REF Other, [Out] Base REF Found[2]);
      };
      instance of Thing as $t { Id = "t1"; };
      instance of Link { Left = $t; Right = {"Thing.Id=\"t2\"", $t}; };`;
    expect(printed(text)).toBe(
      mof(
        '#pragma namespace("root/cimv2")',
        "",
        "[Abstract]",
        "class Base {",
        "    [Key] string Id;",
        "",
        '    string Note = "n";',
        "};",
        "",
        "class Thing : Base {",
        "    string Note;",
        "};",
        "",
        "[Association]",
        "class Link {",
        "    [Key] Thing REF Left;",
        "",
        "    Base REF Right[];",
        "",
        "    uint32 Relate([In] Thing REF Other, [Out] Base REF Found[2]);",
        "};",
        "",
        "instance of Thing as $t {",
        '    Id = "t1";',
        "};",
        "",
        "instance of Link {",
        "    Left = $t;",
        String.raw`    Right = {"Thing.Id=\"t2\"", $t};`,
        "};",
      ),
    );
  });

  it("prints qualifier declarations and only the flavors that differ from the qualifier type's", () => {
    const text = `
      Qualifier Abstract : boolean = false, Scope(class, association, indication), Flavor(Restricted);
      Qualifier Description : string = null, Scope(any), Flavor(Translatable);
      Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
      Qualifier Note : string[], Scope(class, property), Flavor(EnableOverride);
      [Abstract: ToSubclass, Note{"a", "b"}: Restricted DisableOverride, Description("d"): Translatable]
      class Flavored {
        [Key: EnableOverride, Description("k")] string Id;
        [Note("one")] string Other;
      };`;
    expect(printed(text, { dialect: "dmtf" })).toBe(
      mof(
        '#pragma namespace("root/cimv2")',
        "",
        "Qualifier Abstract : boolean = false, Scope(class, association, indication), Flavor(Restricted);",
        "Qualifier Description : string = null, Scope(any), Flavor(Translatable);",
        "Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride);",
        "Qualifier Note : string[], Scope(class, property);",
        "",
        '[Abstract: ToSubclass, Note {"a", "b"}: DisableOverride Restricted, Description("d")]',
        "class Flavored {",
        '    [Key: EnableOverride, Description("k")] string Id;',
        "",
        '    [Note {"one"}] string Other;',
        "};",
      ),
    );
  });

  it("prints WMI flavor-only qualifier declarations, object and class types, and embedded instances", () => {
    const text = String.raw`
      #pragma namespace("\\\\.\\root\\test")
      qualifier Stamp : ToInstance Amended;
      qualifier Description : Amended;
      class Part { [Key] string Id; };
      [Stamp("s"), Description("d")]
      class Holder {
        [Key] string Id;
        object Any;
        Part Typed;
        [EmbeddedInstance("Part")] string Text;
        object ref Loose;
        void Reset([In] Part Template, [Out] object Result);
      };
      instance of Holder {
        Id = "h";
        Any = instance of Part { Id = "a"; };
        Typed = instance of Part { Id = "t"; };
        Text = "instance of Part { Id = \"e\"; };";
        [Stamp("v"): NotToInstance] Loose = "Part.Id=\"a\"";
      };`;
    expect(printed(text)).toBe(
      mof(
        '#pragma namespace("root/test")',
        "",
        "Qualifier Stamp : Amended ToInstance;",
        "Qualifier Description : Amended;",
        "",
        "class Part {",
        "    [Key] string Id;",
        "};",
        "",
        '[Stamp("s"), Description("d")]',
        "class Holder {",
        "    [Key] string Id;",
        "",
        "    object Any;",
        "",
        "    Part Typed;",
        "",
        '    [EmbeddedInstance("Part")] string Text;',
        "",
        "    object REF Loose;",
        "",
        "    void Reset([In] Part Template, [Out] object Result);",
        "};",
        "",
        "instance of Holder {",
        '    Id = "h";',
        "    Any = instance of Part {",
        '        Id = "a";',
        "    };",
        "    Typed = instance of Part {",
        '        Id = "t";',
        "    };",
        String.raw`    Text = "instance of Part {\n    Id = \"e\";\n};";`,
        String.raw`    [Stamp("v"): NotToInstance] Loose = "Part.Id=\"a\"";`,
        "};",
      ),
    );
  });

  it("prints namespaces as absolute paths, in model order", () => {
    const text = `
      #pragma namespace("/interop")
      class A { };
      #pragma namespace("root/cimv2")
      class B { };
      #pragma namespace("ms_409")
      [Amendment] class B { };`;
    expect(printed(text)).toBe(
      mof(
        '#pragma namespace("/interop")',
        "",
        "class A {",
        "};",
        "",
        '#pragma namespace("root/cimv2")',
        "",
        "class B {",
        "};",
        "",
        '#pragma namespace("root/cimv2/ms_409")',
        "",
        "[Amendment]",
        "class B {",
        "};",
      ),
    );
  });

  it("prints a superclass before its subclasses, otherwise in model order", () => {
    const text = "class C : B { }; class A { }; class B : A { }; class D { };";
    const compiled = compileText(text, { dialect: "wmi" });
    expect(compiled.errors).toEqual([]);
    const names = (model: SchemaModel) => model.namespaces.flatMap((ns) => ns.classes.map((c) => c.name));
    expect(names(compiled.schema)).toEqual(["C", "A", "B", "D"]);
    const out = printMof(compiled.schema);
    expect(out).toBe(
      mof(
        '#pragma namespace("root/cimv2")',
        "",
        "class A {",
        "};",
        "",
        "class B : A {",
        "};",
        "",
        "class C : B {",
        "};",
        "",
        "class D {",
        "};",
      ),
    );
    // Compiled again, the classes come in the printed order; the classes themselves are unchanged.
    const again = compileText(out, { dialect: "wmi" }).schema;
    const ns = compiled.schema.namespaces[0];
    if (ns === undefined) throw new Error("no namespace");
    const reordered = { ...compiled.schema, namespaces: [{ ...ns, classes: superclassesFirst(ns.classes) }] };
    expect(modelToJson(again)).toEqual(modelToJson(reordered));
  });
});
