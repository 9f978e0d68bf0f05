import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseOverlay } from "../../src/cli/docs-overlay.js";
import { type SchemaNode, validate } from "../helpers/json-schema.js";
import { compileText } from "../helpers/model.js";

/**
 * docs/overlay.schema.json and the overlay reader describe one format: whatever one refuses, the other refuses
 * too. The whole overlay is checked against the whole schema (its key pattern included), as an editor checks it.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const schema = JSON.parse(readFileSync(join(repo, "docs/overlay.schema.json"), "utf8")) as SchemaNode;
const model = compileText(`
class EX_Pool {
  [Key] string Id;
  boolean On = TRUE;
  uint32 Grow([In] uint64 Size);
};
`).schema;

const errors = (overlay: unknown) =>
  parseOverlay(JSON.stringify(overlay), "o.json", model).diagnostics.filter((d) => d.severity === "error");

describe("docs/overlay.schema.json and the overlay reader", () => {
  it("both accept the example overlay and an overlay using every field", () => {
    const example = readFileSync(join(repo, "test/cli/docs-overlay.example.json"), "utf8");
    expect(validate(schema, JSON.parse(example))).toEqual([]);
    const full = {
      $schema: "./overlay.schema.json",
      "*": { requirements: { minimumClient: "Windows 10", dll: "x.dll" } },
      EX_Pool: { notes: ["a", "b"], examples: [{ title: "t", language: "powershell", code: "Get-X" }] },
      "EX_Pool.Id": { notes: "n" },
      "EX_Pool.Grow": { requirements: { minimumServer: "Windows Server 2016" } },
      "EX_Pool.Grow.Size": { notes: "by how much" },
      "EX_Pool.On": { syntax: { booleans: "title", arrays: "bare" } },
    };
    const syntax = {
      "*": { syntax: { properties: "declared", qualifierOrder: "written", arrays: "tight" } },
      EX_Pool: { syntax: { properties: ["Id", "On"], booleans: "upper" } },
    };
    expect(validate(schema, syntax)).toEqual([]);
    expect(errors(syntax)).toEqual([]);
    expect(validate(schema, full)).toEqual([]);
    expect(errors(full)).toEqual([]);
  });

  it("accepts the overlays of README.md's Overlay section", () => {
    const readme = readFileSync(join(repo, "README.md"), "utf8");
    const start = readme.indexOf("### Overlay");
    const section = readme.slice(start, readme.indexOf("\n## ", start));
    const examples = [...section.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((m) => JSON.parse(m[1] ?? ""));
    expect(examples).toHaveLength(2);
    for (const example of examples) expect(validate(schema, example)).toEqual([]);
  });

  const broken: readonly [string, unknown][] = [
    ["an array for the whole", [{ notes: "x" }]],
    ["a number for notes", { EX_Pool: { notes: 3 } }],
    ["a number among the notes", { EX_Pool: { notes: ["a", 1] } }],
    ["an unknown field", { EX_Pool: { extra: true } }],
    ["a string for an entry", { EX_Pool: "notes" }],
    ["an example without code", { EX_Pool: { examples: [{ title: "t" }] } }],
    ["a number for an example's code", { EX_Pool: { examples: [{ code: 1 }] } }],
    ["an object for examples", { EX_Pool: { examples: { code: "x" } } }],
    ["an unknown requirements row", { EX_Pool: { requirements: { os: "x" } } }],
    ["a number in a requirements row", { EX_Pool: { requirements: { dll: 1 } } }],
    ["a string for requirements", { EX_Pool: { requirements: "Windows" } }],
    ["a number for $schema", { $schema: 1 }],
    ["an unknown properties word", { EX_Pool: { syntax: { properties: "inherited" } } }],
    ["a number among the properties", { EX_Pool: { syntax: { properties: ["Id", 1] } } }],
    ["an unknown booleans word", { EX_Pool: { syntax: { booleans: "lower" } } }],
    ["an unknown arrays word", { "EX_Pool.On": { syntax: { arrays: "none" } } }],
    ["an unknown syntax field", { EX_Pool: { syntax: { defaults: "x" } } }],
    ["a string for syntax", { EX_Pool: { syntax: "declared" } }],
    // Under keys that name nothing in this schema: the entry is skipped (MOF4804), its shape still checked.
    ["a number for notes, under a class the schema lacks", { EX_Gone: { notes: 3 } }],
    ["an unknown properties word, under a class the schema lacks", { EX_Gone: { syntax: { properties: "decalred" } } }],
    [
      "a number in a requirements row, under a member the schema lacks",
      { "EX_Pool.Gone": { requirements: { dll: 1 } } },
    ],
    ["an unknown field, under a parameter the schema lacks", { "EX_Pool.Grow.Gone": { extra: true } }],
  ];
  it("the reader also refuses what only it can know: settings on the wrong target, names the class lacks", () => {
    const said = (overlay: unknown) => errors(overlay).map((d) => d.message);
    expect(said({ "EX_Pool.On": { syntax: { properties: "declared" } } })).toEqual([
      "'EX_Pool.On.syntax.properties' is a setting of a class page (or '*'), not of a member",
    ]);
    expect(said({ "EX_Pool.Grow": { syntax: { booleans: "upper" } } })).toEqual([
      "'EX_Pool.Grow.syntax': only a class, a property or '*' has a line in a class Syntax block",
    ]);
    expect(said({ EX_Pool: { syntax: { properties: ["Id", "Off"] } } })).toEqual([
      "'EX_Pool.syntax.properties': class 'EX_Pool' has no property 'Off'",
    ]);
  });

  it("skips, without an error, a well-formed entry whose key names nothing in the schema", () => {
    const elsewhere = {
      EX_Gone: { notes: "n", syntax: { properties: ["A", "B"], qualifierOrder: "written" } },
      "EX_Gone.Run": { requirements: { dll: "x.dll" } },
      "EX_Pool.Gone": { syntax: { booleans: "upper" } },
      "EX_Pool.Grow.Gone": { notes: ["p"] },
    };
    expect(validate(schema, elsewhere)).toEqual([]);
    const read = parseOverlay(JSON.stringify(elsewhere), "o.json", model);
    expect(read.diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(Array(4).fill("MOF4804 warning"));
    expect([...read.overlay.entries.keys()]).toEqual([]);
  });

  it("names every choice of a syntax setting, as a sentence lists them", () => {
    const said = (overlay: unknown) => errors(overlay).map((d) => d.message);
    // A misspelt word gets the same list as a wrong array: both words and the array form.
    const properties = `'EX_Pool.syntax.properties' must be "all", "declared" or an array of property names`;
    expect(said({ EX_Pool: { syntax: { properties: "decalred" } } })).toEqual([properties]);
    expect(said({ EX_Pool: { syntax: { properties: ["Id", 1] } } })).toEqual([properties]);
    expect(said({ EX_Pool: { syntax: { booleans: 3, qualifierOrder: "mof" } } })).toEqual([
      `'EX_Pool.syntax.booleans' must be "title" or "upper"`,
      `'EX_Pool.syntax.qualifierOrder' must be "grammar" or "written"`,
    ]);
    expect(said({ "EX_Pool.On": { syntax: { arrays: "wide" } } })).toEqual([
      `'EX_Pool.On.syntax.arrays' must be "spaced", "tight" or "bare"`,
    ]);
  });

  for (const [what, overlay] of broken) {
    it(`both refuse ${what}`, () => {
      expect(validate(schema, overlay)).not.toEqual([]);
      expect(errors(overlay).length).toBeGreaterThan(0);
    });
  }
});
