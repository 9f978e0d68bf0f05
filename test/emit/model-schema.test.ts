import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Compilation, compile, compileText } from "../../src/compile.js";
import { type ModelJsonOptions, modelToJson } from "../../src/emit/model-json.js";
import { corpus } from "../helpers/corpora.js";
import { compileSchema, type SchemaNode, validate } from "../helpers/json-schema.js";

/**
 * docs/model.schema.json describes what `modelToJson` produces. Checked with the small validator of
 * test/helpers/json-schema.ts: real models must pass, and broken documents must fail with the expected errors,
 * so that the validator cannot pass everything.
 */

const schemaPath = join(import.meta.dirname, "../../docs/model.schema.json");
const modelSchema = JSON.parse(readFileSync(schemaPath, "utf8")) as SchemaNode;

function modelJsonOf({ schema }: Compilation, options: ModelJsonOptions = {}): unknown {
  // Through text, as `mofgen model` prints it: what a reader of the JSON gets.
  return JSON.parse(JSON.stringify(modelToJson(schema, options)));
}

function modelJsonOfText(text: string, options: ModelJsonOptions = {}): unknown {
  return modelJsonOf(compileText(text, { dialect: "wmi", path: "t.mof" }), options);
}

/** Spans (`--spans`) are optional in the schema: the corpus models are checked with them, a superset. */
const spans = { spans: true } as const;

/** A small WMI schema that has every kind of value, a qualifier type, a value map and instances. */
const sample = String.raw`
  Qualifier Tag : string[] = {"a"}, Scope(any), Flavor(Amended, ToInstance);
  class Part { [Key] string Id; };
  [Association] class Link {
    [Key] Part REF Left;
    [Key] Part REF Right;
  };
  [Tag{"t"}] class Holder {
    [Key] string Id;
    char16 Letter = 'x';
    uint64 Big = 18446744073709551615;
    real64 Ratio = 0.5;
    datetime When = "20240101000000.000000+000";
    uint8 Fixed[4] = {1, 2, 3, 4};
    [ValueMap {"0", "1", ".."}, Values {"Off", "On", "Other"}] uint16 State;
    object Any;
    Part Typed;
    [EmbeddedInstance("Part")] string Text;
    [Static] void Reset([In] Part REF Target, [Out] uint32 Code[]);
  };
  instance of Part as $p { Id = "p"; };
  instance of Part as $q { Id = "q"; };
  instance of Link { Left = $p; Right = "Part.Id=\"q\""; };
  instance of Holder {
    Id = "h";
    Any = instance of Part { Id = "a"; };
    Text = "instance of Part { Id = \"e\"; };";
  };`;

describe("docs/model.schema.json", () => {
  it("is a draft 2020-12 schema that Ajv compiles in strict mode (no unknown keyword)", () => {
    expect(modelSchema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(() => compileSchema(modelSchema)).not.toThrow();
  });

  it("accepts a model with every kind of value", () => {
    const json = modelJsonOfText(sample);
    const text = JSON.stringify(json);
    // The forms the schema must cover really occur in this document.
    for (const form of ['{"alias":"p"}', '{"path":"Part.Id=\\"q\\""}', '{"instance":', '"arraySize":4']) {
      expect(text).toContain(form);
    }
    expect(text).toContain('"18446744073709551615"');
    expect(validate(modelSchema, json)).toEqual([]);
  });

  it("accepts the same model with spans, where the qualifier type and every element has one", () => {
    const json = modelJsonOfText(sample, spans);
    const text = JSON.stringify(json);
    expect(text).toContain('"span":{"file":"t.mof","line":2,');
    expect(text.match(/"span":\{/g)?.length).toBeGreaterThan(40);
    expect(validate(modelSchema, json)).toEqual([]);
  });

  it("accepts the model of hyperv/v2/all.mof (--dialect wmi)", (ctx) => {
    const dir = corpus("hyperv");
    if (dir === undefined) return ctx.skip();
    const json = modelJsonOf(compile([join(dir, "v2/all.mof")], { dialect: "wmi" }), spans);
    expect((json as { classes: unknown[] }).classes.length).toBeGreaterThan(100);
    expect(validate(modelSchema, json)).toEqual([]);
    const spanned = spannedTexts(json as ModelDoc);
    expect(spanned.mismatches).toEqual([]);
    expect(spanned.checked).toBeGreaterThan(10_000);
  });

  it("accepts the model of dmtf-cim-2.49 (--dialect dmtf)", (ctx) => {
    const dir = corpus("dmtf-cim-2.49");
    if (dir === undefined) return ctx.skip();
    const json = modelJsonOf(compile([dir], { dialect: "dmtf" }), spans);
    expect((json as { qualifierTypes: unknown[] }).qualifierTypes.length).toBeGreaterThan(50);
    expect(validate(modelSchema, json)).toEqual([]);
    const spanned = spannedTexts(json as ModelDoc);
    expect(spanned.mismatches).toEqual([]);
    expect(spanned.checked).toBeGreaterThan(40_000);
  });

  type Json = Record<string, unknown>;

  /** The object at `path` in `doc` (which must exist), to break it in place. */
  function node(doc: Json, ...path: (string | number)[]): Json {
    let here: unknown = doc;
    for (const step of path) {
      here = (here as Record<string | number, unknown> | undefined)?.[step];
      if (here === undefined) throw new Error(`no ${path.join(".")} in the sample model`);
    }
    return here as Json;
  }

  const broken: readonly [string, (doc: Json) => void, string[]][] = [
    ["a missing top-level array", (d) => delete d.instances, ['$: missing required "instances"']],
    ["a missing class name", (d) => delete node(d, "classes", 0).name, ['$.classes[0]: missing required "name"']],
    [
      "a string where a boolean belongs",
      (d) => Object.assign(node(d, "classes", 0), { abstract: "yes" }),
      ["$.classes[0].abstract: expected boolean, got string"],
    ],
    [
      "an unknown class kind",
      (d) => Object.assign(node(d, "classes", 0), { kind: "structure" }),
      ['$.classes[0].kind: "structure" is not one of "class", "association", "indication"'],
    ],
    [
      "an extra property",
      (d) => Object.assign(node(d, "instances", 0), { extra: 1 }),
      ['$.instances[0]: unexpected property "extra"'],
    ],
    [
      "a number where a nullable string belongs",
      (d) => Object.assign(node(d, "classes", 0), { superclass: 7 }),
      ["$.classes[0].superclass: 7 matches none of the alternatives"],
    ],
    [
      "a malformed reference value",
      (d) => Object.assign(node(d, "instances", 2, "properties", 0), { value: { alias: 5 } }),
      ['$.instances[2].properties[0].value: {"alias":5} matches none of the alternatives'],
    ],
    [
      "qualifier type flavors without amended",
      (d) => delete node(d, "qualifierTypes", 0, "flavors").amended,
      ['$.qualifierTypes[0].flavors: missing required "amended"'],
    ],
    [
      "a span without its line",
      (d) => delete node(d, "classes", 2, "properties", 0, "span").line,
      ['$.classes[2].properties[0].span: missing required "line"'],
    ],
    [
      "a value map without its declarer",
      (d) => delete node(d, "classes", 2, "properties", 6, "valueMap").declarer,
      [
        '$.classes[2].properties[6].valueMap: {"span":{"file":"t.mof","line":15,"column":6,"endLine":15,"e matches none of the alternatives',
      ],
    ],
    [
      "a parameter without its direction",
      (d) => delete node(d, "classes", 2, "methods", 0, "parameters", 0).in,
      ['$.classes[2].methods[0].parameters[0]: missing required "in"'],
    ],
  ];

  for (const [what, breakIt, expected] of broken) {
    it(`rejects ${what}`, () => {
      const doc = modelJsonOfText(sample, spans) as Json;
      expect(validate(modelSchema, doc)).toEqual([]);
      breakIt(doc);
      expect(validate(modelSchema, doc)).toEqual(expected);
    });
  }
});

interface SpanDoc {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
interface ElementDoc {
  name: string;
  span: SpanDoc;
  valueMap: { span: SpanDoc | null } | null;
  parameters?: ElementDoc[];
}
interface ModelDoc {
  classes: { name: string; span: SpanDoc; properties: ElementDoc[]; methods: ElementDoc[] }[];
}

/**
 * Each span of a real model checked against the file it names: a class, member or parameter span covers its name
 * (case as the model spells it, folded: WMI may respell an inherited name), a value map's span begins with
 * ValueMap or Values. Lists what does not hold.
 */
function spannedTexts(model: ModelDoc): { mismatches: string[]; checked: number } {
  const texts = new Map<string, string[]>();
  const lines = (file: string) => {
    let got = texts.get(file);
    if (got === undefined) {
      // Decoded as mofgen decodes the Hyper-V files (UTF-16 with a BOM, or UTF-8).
      const bytes = readFileSync(file);
      const text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.toString("utf16le").slice(1) : bytes.toString("utf8");
      got = text.split(/\r\n|\r|\n/);
      texts.set(file, got);
    }
    return got;
  };
  const at = (s: SpanDoc, length: number) =>
    lines(s.file)[s.line - 1]?.slice(s.column - 1, s.column - 1 + length) ?? "";
  const mismatches: string[] = [];
  let checked = 0;
  const named = (where: string, name: string, s: SpanDoc) => {
    checked++;
    const covered = s.line === s.endLine ? at(s, s.endColumn - s.column) : "";
    if (covered.toLowerCase() !== name.toLowerCase()) mismatches.push(`${where}: '${covered}' at ${s.file}:${s.line}`);
  };
  const valueMap = (where: string, e: ElementDoc) => {
    if (e.valueMap === null) return;
    checked++;
    const s = e.valueMap.span;
    if (s === null || !/^(valuemap|values)\b/i.test(at(s, 9)))
      mismatches.push(`${where}: value map span ${JSON.stringify(s)}`);
  };
  for (const c of model.classes) {
    named(c.name, c.name, c.span);
    for (const p of c.properties) {
      named(`${c.name}.${p.name}`, p.name, p.span);
      valueMap(`${c.name}.${p.name}`, p);
    }
    for (const m of c.methods) {
      named(`${c.name}.${m.name}()`, m.name, m.span);
      valueMap(`${c.name}.${m.name}()`, m);
      for (const p of m.parameters ?? []) {
        named(`${c.name}.${m.name}(${p.name})`, p.name, p.span);
        valueMap(`${c.name}.${m.name}(${p.name})`, p);
      }
    }
  }
  return { mismatches: mismatches.slice(0, 10), checked };
}
