import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allChangeTypes } from "../../src/diff/catalog.js";
import { runCli } from "../helpers/cli.js";
import { corpus } from "../helpers/corpora.js";
import { compileSchema, type SchemaNode, validate } from "../helpers/json-schema.js";

/** docs/diff.schema.json describes what `mofgen diff --format json` prints: real output must pass it. */
const diffSchema = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../docs/diff.schema.json"), "utf8"),
) as SchemaNode;
const small = join(import.meta.dirname, "fixtures/small");

async function diffJson(args: string[], cwd: string): Promise<Record<string, unknown>> {
  const r = await runCli(["diff", "--format", "json", "--fail-on", "none", ...args], cwd);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe("docs/diff.schema.json", () => {
  it("compiles in Ajv's strict mode (no unknown keyword), and lists exactly the catalog's change types", () => {
    expect(diffSchema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(() => compileSchema(diffSchema)).not.toThrow();
    const change = (diffSchema.$defs as Record<string, SchemaNode>).Change as SchemaNode;
    const type = (change.properties as Record<string, SchemaNode>).type as SchemaNode;
    expect([...(type.enum as string[])].sort()).toEqual([...allChangeTypes].sort());
  });

  it("accepts the diff of the small pair", async () => {
    const json = await diffJson(["v1.mof", "v2.mof"], small);
    expect((json.changes as unknown[]).length).toBe(10);
    expect(validate(diffSchema, json)).toEqual([]);
  });

  it("accepts the diff of two Hyper-V releases (server2019 -> server23h2)", async (ctx) => {
    const dir = corpus("hyperv");
    if (dir === undefined) return ctx.skip();
    const json = await diffJson(["server2019/all.mof", "server23h2/all.mof"], join(dir, "os-versions"));
    expect((json.changes as unknown[]).length).toBeGreaterThan(50);
    expect(validate(diffSchema, json)).toEqual([]);
  });

  it.each([
    ["an unknown change type", (c: Record<string, unknown>) => Object.assign(c, { type: "class-renamed" }), "type"],
    ["a missing path", (c: Record<string, unknown>) => delete c.path, 'missing required "path"'],
    [
      "a location without its line",
      (c: Record<string, unknown>) => Object.assign(c, { newLocation: { file: "a.mof", column: 1 } }),
      "newLocation",
    ],
    [
      "an extra field",
      (c: Record<string, unknown>) => Object.assign(c, { severity: "high" }),
      'unexpected property "severity"',
    ],
  ])("rejects %s", async (_what, breakIt, expected) => {
    const json = await diffJson(["v1.mof", "v2.mof"], small);
    breakIt((json.changes as Record<string, unknown>[])[0] as Record<string, unknown>);
    const errors = validate(diffSchema, json);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });
});
