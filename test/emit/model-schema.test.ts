import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelToJson } from "../../src/emit/model-json.js";
import { resolveSchema } from "../../src/model/resolve.js";
import type { Dialect } from "../../src/parser/parse.js";
import { buildProgram, type Program, parseText } from "../../src/program/program.js";
import { corpus } from "../helpers/corpora.js";

/**
 * docs/model.schema.json describes what `modelToJson` produces. Checked with a small validator for exactly
 * the JSON Schema keywords the document uses (type, properties, required, items, enum, additionalProperties:
 * false, anyOf, $ref into $defs): real models must pass, and broken documents must fail with the expected
 * errors, so that the validator cannot pass everything.
 */

type SchemaNode = { readonly [keyword: string]: unknown };

const schemaPath = join(import.meta.dirname, "../../docs/model.schema.json");
const modelSchema = JSON.parse(readFileSync(schemaPath, "utf8")) as SchemaNode;

const annotations = new Set(["$schema", "$id", "title", "description", "$defs"]);
const assertions = new Set([
  "$ref",
  "type",
  "properties",
  "required",
  "items",
  "enum",
  "additionalProperties",
  "anyOf",
]);

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "null":
    case "boolean":
    case "string":
    case "array":
      return typeOf(value) === type;
    case "object":
      return typeOf(value) === "object";
    case "number":
      return typeof value === "number";
    case "integer":
      return Number.isInteger(value);
    default:
      throw new Error(`type "${type}" is not supported by this validator`);
  }
}

/** Every subschema of `node` (properties, items, anyOf, $defs), for the keyword check. */
function* subschemas(node: SchemaNode): Generator<SchemaNode> {
  yield node;
  const children: unknown[] = [];
  for (const key of ["properties", "$defs"]) {
    const map = node[key];
    if (map !== undefined) children.push(...Object.values(map as Record<string, unknown>));
  }
  if (node.items !== undefined) children.push(node.items);
  if (Array.isArray(node.anyOf)) children.push(...node.anyOf);
  for (const child of children) yield* subschemas(child as SchemaNode);
}

/** Errors of `value` against `schema` (`root` holds the $defs), as `path: message`; empty when valid. */
function validate(root: SchemaNode, value: unknown): string[] {
  const errors: string[] = [];
  check(root, root, value, "$", errors);
  return errors;
}

function check(root: SchemaNode, schema: SchemaNode, value: unknown, path: string, errors: string[]): void {
  for (const keyword of Object.keys(schema)) {
    if (!annotations.has(keyword) && !assertions.has(keyword)) {
      throw new Error(`keyword "${keyword}" at ${path} is not supported by this validator`);
    }
  }
  if (typeof schema.$ref === "string") check(root, resolveRef(root, schema.$ref), value, path, errors);
  if (typeof schema.type === "string" && !hasType(value, schema.type)) {
    errors.push(`${path}: expected ${schema.type}, got ${typeOf(value)}`);
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    errors.push(
      `${path}: ${JSON.stringify(value)} is not one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`,
    );
  }
  if (Array.isArray(schema.anyOf)) {
    const matches = schema.anyOf.some((branch) => {
      const branchErrors: string[] = [];
      check(root, branch as SchemaNode, value, path, branchErrors);
      return branchErrors.length === 0;
    });
    if (!matches) errors.push(`${path}: ${JSON.stringify(value)?.slice(0, 60)} matches none of the alternatives`);
  }
  if (typeOf(value) === "object") checkObject(root, schema, value as Record<string, unknown>, path, errors);
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) => {
      check(root, schema.items as SchemaNode, item, `${path}[${i}]`, errors);
    });
  }
}

function checkObject(
  root: SchemaNode,
  schema: SchemaNode,
  value: Record<string, unknown>,
  path: string,
  errors: string[],
): void {
  const properties = (schema.properties ?? {}) as Record<string, SchemaNode>;
  for (const name of (schema.required ?? []) as string[]) {
    if (!Object.hasOwn(value, name)) errors.push(`${path}: missing required "${name}"`);
  }
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
    throw new Error(`additionalProperties at ${path}: only false is supported by this validator`);
  }
  for (const [name, item] of Object.entries(value)) {
    const sub = properties[name];
    if (sub !== undefined) check(root, sub, item, `${path}.${name}`, errors);
    else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property "${name}"`);
  }
}

function resolveRef(root: SchemaNode, ref: string): SchemaNode {
  const m = /^#\/\$defs\/([A-Za-z]+)$/.exec(ref);
  const target = m?.[1] !== undefined ? (root.$defs as Record<string, SchemaNode>)[m[1]] : undefined;
  if (target === undefined) throw new Error(`cannot resolve $ref ${ref}`);
  return target;
}

function modelJsonOf(program: Program, dialect: Dialect): unknown {
  const { schema } = resolveSchema(program, { dialect });
  // Through text, as `mofgen model` prints it: what a reader of the JSON gets.
  return JSON.parse(JSON.stringify(modelToJson(schema)));
}

function modelJsonOfText(text: string): unknown {
  const file = parseText(text, "t.mof", { dialect: "wmi" });
  const program: Program = { files: [file], roots: [file], diagnostics: file.diagnostics, inputErrors: false };
  return modelJsonOf(program, "wmi");
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
  it("is a draft 2020-12 schema that uses only the keywords the validator implements", () => {
    expect(modelSchema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const used = new Set<string>();
    for (const node of subschemas(modelSchema)) for (const k of Object.keys(node)) used.add(k);
    expect([...used].filter((k) => !annotations.has(k) && !assertions.has(k))).toEqual([]);
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
    const json = modelJsonOf(buildProgram([join(dir, "v2/all.mof")], { dialect: "wmi" }), "wmi");
    expect((json as { classes: unknown[] }).classes.length).toBeGreaterThan(100);
    expect(validate(modelSchema, json)).toEqual([]);
  });

  it("accepts the model of dmtf-cim-2.49 (--dialect dmtf)", (ctx) => {
    const dir = corpus("dmtf-cim-2.49");
    if (dir === undefined) return ctx.skip();
    const json = modelJsonOf(buildProgram([dir], { dialect: "dmtf" }), "dmtf");
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
