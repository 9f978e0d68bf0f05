import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Compilation, compile, compileText } from "../../src/compile.js";
import { modelToJson } from "../../src/emit/model-json.js";
import { corpus } from "../helpers/corpora.js";
import { compileSchema, type SchemaNode, validate } from "../helpers/json-schema.js";

/**
 * docs/model.schema.json describes what `modelToJson` produces. Checked with the small validator of
 * test/helpers/json-schema.ts: real models must pass, and broken documents must fail with the expected errors,
 * so that the validator cannot pass everything.
 */

const schemaPath = join(import.meta.dirname, "../../docs/model.schema.json");
const modelSchema = JSON.parse(readFileSync(schemaPath, "utf8")) as SchemaNode;

function modelJsonOf({ schema }: Compilation): unknown {
  // Through text, as `mofgen model` prints it: what a reader of the JSON gets.
  return JSON.parse(JSON.stringify(modelToJson(schema)));
}

function modelJsonOfText(text: string): unknown {
  return modelJsonOf(compileText(text, { dialect: "wmi", path: "t.mof" }));
}

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

  it("accepts the model of hyperv/v2/all.mof (--dialect wmi)", (ctx) => {
    const dir = corpus("hyperv");
    if (dir === undefined) return ctx.skip();
    const json = modelJsonOf(compile([join(dir, "v2/all.mof")], { dialect: "wmi" }));
    expect((json as { classes: unknown[] }).classes.length).toBeGreaterThan(100);
    expect(validate(modelSchema, json)).toEqual([]);
  });

  it("accepts the model of dmtf-cim-2.49 (--dialect dmtf)", (ctx) => {
    const dir = corpus("dmtf-cim-2.49");
    if (dir === undefined) return ctx.skip();
    const json = modelJsonOf(compile([dir], { dialect: "dmtf" }));
    expect((json as { qualifierTypes: unknown[] }).qualifierTypes.length).toBeGreaterThan(50);
    expect(validate(modelSchema, json)).toEqual([]);
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
      "a parameter without its direction",
      (d) => delete node(d, "classes", 2, "methods", 0, "parameters", 0).in,
      ['$.classes[2].methods[0].parameters[0]: missing required "in"'],
    ],
  ];

  for (const [what, breakIt, expected] of broken) {
    it(`rejects ${what}`, () => {
      const doc = modelJsonOfText(sample) as Json;
      expect(validate(modelSchema, doc)).toEqual([]);
      breakIt(doc);
      expect(validate(modelSchema, doc)).toEqual(expected);
    });
  }
});
