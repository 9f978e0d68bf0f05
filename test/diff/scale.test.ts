import { describe, expect, it } from "vitest";
import { diffSchemas } from "../../src/diff/diff.js";
import { formatDiffMarkdown } from "../../src/diff/format/markdown.js";
import type { ClassModel, SchemaModel } from "../../src/model/types.js";
import { fold } from "../../src/model/types.js";
import { schemaOf } from "./helpers.js";

/** The schema with `count` more classes in its namespace, copies of its class `C` under new names. */
function withClasses(schema: SchemaModel, count: number): SchemaModel {
  const ns = schema.namespaces[0];
  const template = ns?.classByName.get("c");
  if (ns === undefined || template === undefined) throw new Error("the test schema declares class C");
  const classes: ClassModel[] = [...ns.classes];
  for (let i = 0; i < count; i++) classes.push({ ...template, name: `Added${i}` });
  const grown = { ...ns, classes, classByName: new Map(classes.map((c) => [fold(c.name), c])) };
  return { ...schema, namespaces: [grown], namespaceByName: new Map([[grown.name.toLowerCase(), grown]]) };
}

// Issue 13 item 10: `changes.push(...diffNamespace(...))` threw "Maximum call stack size exceeded" past ~120,000.
describe("a diff with more changes than fit in call arguments", () => {
  it("lists 130,000 added classes and formats them", () => {
    const before = schemaOf("class C { string P; };");
    const changes = diffSchemas(before, withClasses(before, 130_000));
    expect(changes.length).toBe(130_000);
    expect(new Set(changes.map((c) => c.type))).toEqual(new Set(["class-added"]));
    const markdown = formatDiffMarkdown(changes, { oldLabel: "a", newLabel: "b", relativize: (p) => p });
    expect(markdown).toContain("- **Added129999**");
  });
});
