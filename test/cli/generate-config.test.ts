import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/cli/config.js";
import { headlines, runCli } from "../helpers/cli.js";
import { type SchemaNode, validate } from "../helpers/json-schema.js";
import { tempTree } from "../helpers/tmp.js";

const repo = join(import.meta.dirname, "../..");
const configSchema = JSON.parse(readFileSync(join(repo, "docs/config.schema.json"), "utf8")) as SchemaNode;

describe("mofgen.config.json", () => {
  it("reports every mistake at once, each at its line and column, in file order, and writes nothing", async () => {
    const config = [
      "{",
      '  "inputs": "schemas/",',
      '  "out": 5,',
      '  "dialct": "wmi",',
      '  "dialect": "cim",',
      '  "providers": { "out": "p", "clases": ["A"] },',
      '  "builtinQualifiers": "yes",',
      '  "include": ["inc", ""],',
      '  "out": "x"',
      "}",
    ].join("\n");
    const dir = tempTree({ "mofgen.config.json": config });
    const r = await runCli(["generate"], dir);
    expect(r.code).toBe(1);
    expect(headlines(r.stderr)).toEqual([
      "mofgen.config.json:2:13 - error MOF4903: 'inputs' must be a non-empty array of paths, not a string",
      "mofgen.config.json:3:10 - error MOF4903: 'out' must be a non-empty string, not a number",
      "mofgen.config.json:4:3 - error MOF4902: unknown configuration key 'dialct'; did you mean 'dialect'?",
      'mofgen.config.json:5:14 - error MOF4903: \'dialect\' must be "wmi" or "dmtf", not "cim"',
      "mofgen.config.json:6:16 - error MOF4905: 'providers.classes' is required in 'providers'",
      "mofgen.config.json:6:30 - error MOF4902: unknown configuration key 'clases'; did you mean 'classes'?",
      "mofgen.config.json:7:24 - error MOF4903: 'builtinQualifiers' must be true or false, not a string",
      "mofgen.config.json:8:22 - error MOF4903: 'include[1]' must be a non-empty string, not an empty string",
      "mofgen.config.json:9:3 - error MOF4904: 'out' is given twice",
    ]);
    // A code frame under each, no stack trace, nothing generated.
    expect(r.stderr).toContain('4 |   "dialct": "wmi",\n  |   ^^^^^^^^\n');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });

  const syntax: readonly [string, string, string][] = [
    ['{\n  "out": "gen",\n}', "c.json:2:15", "trailing comma before '}' (JSON allows none)"],
    ['{ "out": "gen" "inputs": [] }', "c.json:1:16", "expected ',' or '}' after the value"],
    ['{ "out": gen }', "c.json:1:10", "expected a JSON value, found 'gen'"],
    ["{ // comment\n}", "c.json:1:3", "expected a key in double quotes"],
    ['{ "out": "gen', "c.json:1:10", "unterminated string: missing closing '\"'"],
    ["", "c.json:1:1", "unexpected end of the file: expected a JSON value"],
    ['{"a": [1, 2,]}', "c.json:1:12", "trailing comma before ']' (JSON allows none)"],
    ['{"a": "\\q"}', "c.json:1:8", "invalid escape '\\q' in a string"],
    [`${"[".repeat(300)}`, "c.json:1:201", "nested more than 200 levels deep"],
  ];
  for (const [text, where, message] of syntax) {
    it(`reports a JSON syntax error at its place: ${message}`, async () => {
      const dir = tempTree({ "c.json": text });
      const r = await runCli(["generate", "--config", "c.json"], dir);
      expect(r.code).toBe(1);
      expect(headlines(r.stderr)).toEqual([`${where} - error MOF4901: configuration is not valid JSON: ${message}`]);
    });
  }

  it("reads positions past a byte-order mark as the editor shows them", () => {
    const { diagnostics } = parseConfig('\uFEFF{"out": 1}', "/x/c.json");
    const span = diagnostics[0]?.span;
    expect(span?.file.position(span.start)).toEqual({ line: 1, column: 9 });
  });

  it("names what is missing: inputs without PATH, out without --out", async () => {
    const dir = tempTree({ "a.json": '{ "out": "gen" }', "b.json": '{ "inputs": ["x.mof"] }' });
    expect(headlines((await runCli(["generate", "--config", "a.json"], dir)).stderr)).toEqual([
      "a.json:1:1 - error MOF4905: 'inputs' is required when no PATH is given",
    ]);
    expect(headlines((await runCli(["generate", "--config", "b.json"], dir)).stderr)).toEqual([
      "b.json:1:1 - error MOF4905: 'out' is required (or --out DIR)",
    ]);
  });

  it("exits 2 with a usage message when there is neither PATH nor configuration, or --config cannot be read", async () => {
    const dir = tempTree({});
    const none = await runCli(["generate"], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^mofgen: no PATH given and no mofgen.config.json in .* or a folder above it/);
    const missing = await runCli(["generate", "--config", "nope.json"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^nope.json - error MOF1003: cannot read '.*nope.json': no such file or directory\n/,
    );
    const noOut = await runCli(["generate", "x.mof"], dir);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("generate needs --out DIR when PATHs are given without a configuration file");
  });

  it("refuses a providers directory inside the output directory", async () => {
    const config = { inputs: ["a.mof"], out: "gen", providers: { out: "gen/impl", classes: ["A"] } };
    const dir = tempTree({ "c.json": JSON.stringify(config), "a.mof": "class A { };" });
    const r = await runCli(["generate", "--config", "c.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("must not contain each other");
  });
});

describe("docs/config.schema.json", () => {
  it("accepts the repository's mofgen.config.json, which points to it", () => {
    const config = JSON.parse(readFileSync(join(repo, "mofgen.config.json"), "utf8")) as Record<string, unknown>;
    expect(config.$schema).toBe("./docs/config.schema.json");
    expect(validate(configSchema, config)).toEqual([]);
    expect(parseConfig(JSON.stringify(config), join(repo, "mofgen.config.json")).diagnostics).toEqual([]);
  });

  const full = {
    $schema: "x",
    inputs: ["a"],
    out: "o",
    include: ["i"],
    dialect: "dmtf",
    builtinQualifiers: true,
    runtimeImport: "r",
    extension: ".mts",
    providers: { out: "p", classes: ["C"] },
    docs: { overlay: "o.json", templates: "t", locale: "ms_409" },
    diagnostics: { MOF3010: "off", MOF1104: "error" },
  };

  it("and the reader accept docs as true, false or an object with any of its keys", () => {
    for (const docs of [true, false, {}, { locale: "409" }]) {
      expect(validate(configSchema, { ...full, docs })).toEqual([]);
      expect(parseConfig(JSON.stringify({ ...full, docs }), "/x/c.json").diagnostics).toEqual([]);
    }
  });

  it("and the reader agree on a configuration with every key", () => {
    expect(validate(configSchema, full)).toEqual([]);
    expect(parseConfig(JSON.stringify(full), "/x/c.json").diagnostics).toEqual([]);
  });

  // Each broken configuration must be refused by both: the schema and the reader describe one format.
  const broken: readonly [string, unknown][] = [
    ["an unknown key", { ...full, output: "o" }],
    ["an unknown providers key", { ...full, providers: { out: "p", classes: ["C"], extra: 1 } }],
    ["providers without classes", { ...full, providers: { out: "p" } }],
    ["providers without out", { ...full, providers: { classes: ["C"] } }],
    ["an empty classes list", { ...full, providers: { out: "p", classes: [] } }],
    ["a string for inputs", { ...full, inputs: "a" }],
    ["no inputs at all in the list", { ...full, inputs: [] }],
    ["an empty path", { ...full, include: [""] }],
    ["an unknown dialect", { ...full, dialect: "cim" }],
    ["a string for a boolean", { ...full, builtinQualifiers: "true" }],
    ["an empty runtime import", { ...full, runtimeImport: "" }],
    ["an extension that is not .ts or .mts", { ...full, extension: ".js" }],
    ["an extension without its dot", { ...full, extension: "mts" }],
    ["a number for out", { ...full, out: 1 }],
    ["an array for the whole", [full]],
    ["a string for docs", { ...full, docs: "yes" }],
    ["an unknown docs key", { ...full, docs: { theme: "dark" } }],
    ["an empty docs overlay path", { ...full, docs: { overlay: "" } }],
    ["an array of docs templates", { ...full, docs: { templates: ["t"] } }],
    ["a diagnostic level that is not one", { ...full, diagnostics: { MOF3010: "silent" } }],
    ["a diagnostic code that is not one", { ...full, diagnostics: { W3010: "off" } }],
  ];
  for (const [what, config] of broken) {
    it(`and the reader both refuse ${what}`, () => {
      expect(validate(configSchema, config)).not.toEqual([]);
      expect(parseConfig(JSON.stringify(config), "/x/c.json").diagnostics.length).toBeGreaterThan(0);
    });
  }
});
