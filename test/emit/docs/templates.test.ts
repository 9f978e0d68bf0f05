import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the build scripts, without type declarations.
import { templateModule } from "../../../scripts/docs-templates-lib.mjs";
import { renderDocs } from "../../../src/emit/docs/generate.js";
import { templateSources } from "../../../src/emit/docs/template-sources.js";
import { compileTemplates, pageTemplates, templateNames } from "../../../src/emit/docs/templates.js";
import { compileText } from "../../helpers/model.js";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");

const schema = compileText(`
[Description("A thing.")] class EX_Thing { [Key] string Id; uint32 Go(); };
`).schema;

describe("page templates", () => {
  it("template-sources.ts is generated from src/emit/docs/templates (run node scripts/docs-templates.mjs)", async () => {
    const { readFileSync } = await import("node:fs");
    const committed = readFileSync(join(repoRoot, "src/emit/docs/template-sources.ts"), "utf8");
    expect(committed).toBe((templateModule as (dir: string) => string)(join(repoRoot, "src/emit/docs/templates")));
  });

  it("has the four pages and their partials", () => {
    expect(templateNames).toEqual([
      "_examples",
      "_notes",
      "_requirements",
      "_value-list",
      "class",
      "index",
      "method",
      "namespace",
    ]);
    for (const page of pageTemplates) expect(templateSources[page]).toBeDefined();
  });

  it("lets a replacement template take the place of any template, partials included", () => {
    const { files, problems } = renderDocs(schema, {
      templates: { method: "{{name}} of {{className}}\n", _requirements: "(no table)\n" },
    });
    expect(problems).toEqual([]);
    const byPath = new Map(files.map((f) => [f.path, f.content]));
    expect(byPath.get("root.cimv2/ex-thing/go.md")).toBe("Go of EX\\_Thing\n");
    expect(byPath.get("root.cimv2/ex-thing.md")).toContain("## Requirements\n\n(no table)\n");
  });

  it("reports a template with a syntax error, and writes nothing", () => {
    const { files, problems } = renderDocs(schema, { templates: { class: "{{#each methods}}\n{{name}}\n" } });
    expect(files).toEqual([]);
    expect(problems).toEqual([
      { template: "class", severity: "error", message: expect.stringMatching(/^parse error: Expecting /), line: 3 },
    ]);
  });

  it("says where a block is closed by the wrong name: the line and column Handlebars gives", () => {
    const { problems } = renderDocs(schema, { templates: { method: "# {{name}}\n  {{#if name}}\nb {{/each}}\n" } });
    expect(problems).toEqual([
      { template: "method", severity: "error", message: "if doesn't match each", line: 2, column: 6 },
    ]);
  });

  it("reports a field the view does not have (strict mode) once, and writes nothing", () => {
    const { files, problems } = renderDocs(schema, { templates: { method: "{{nosuchfield}}\n" } });
    expect(files).toEqual([]);
    expect(problems).toEqual([
      {
        template: "method",
        severity: "error",
        message: expect.stringMatching(/while writing root\.cimv2\/ex-thing\/go\.md: "nosuchfield" not defined/),
      },
    ]);
  });

  it("warns about a file that replaces no template and renders with the defaults", () => {
    const { files, problems } = renderDocs(schema, { templates: { klass: "x" } });
    expect(files.length).toBe(4);
    expect(problems).toEqual([
      { template: "klass", severity: "warning", message: expect.stringContaining("'klass.hbs' replaces no template") },
    ]);
  });

  it("compiles the default set once and leaves the global Handlebars instance alone", async () => {
    expect(compileTemplates().templates).toBe(compileTemplates().templates);
    const global = (await import("handlebars")).default;
    expect(Object.keys(global.partials)).toEqual([]);
  });
});
