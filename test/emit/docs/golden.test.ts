import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderDocs } from "../../../src/emit/docs/generate.js";
import type { DocsStyle } from "../../../src/emit/docs/options.js";
import { compileText } from "../../helpers/model.js";

/**
 * Whole pages of a small fixture, compared exactly with committed files (`vitest -u` rewrites them after a
 * deliberate change of the layout; review the diff).
 */

const here = dirname(fileURLToPath(import.meta.url));

function pages(style: DocsStyle = "microsoft"): Map<string, string> {
  const compiled = compileText(readFileSync(join(here, "golden/fixture.mof"), "utf8"));
  expect(compiled.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  const { files, problems } = renderDocs(compiled.schema, { style });
  expect(problems).toEqual([]);
  return new Map(files.map((f) => [f.path, f.content]));
}

describe("golden pages of the fixture schema", () => {
  const generated = pages();

  it("writes the index, the namespace index, a page per class and per declared method", () => {
    expect([...generated.keys()]).toEqual([
      "README.md",
      "root.example/README.md",
      "root.example/ex-element.md",
      "root.example/ex-pool.md",
      "root.example/ex-pool/allocate.md",
      "root.example/ex-bottomlesspool.md",
    ]);
  });

  for (const [path, golden] of [
    ["root.example/ex-pool.md", "ex-pool.md"],
    ["root.example/ex-pool/allocate.md", "ex-pool-allocate.md"],
    ["root.example/README.md", "namespace-readme.md"],
  ] as const) {
    it(`${path} is exactly golden/${golden}`, async () => {
      await expect(generated.get(path)).toMatchFileSnapshot(join(here, "golden", golden));
    });
  }
});

describe("golden pages of the fixture schema in the DMTF style", () => {
  const generated = pages("dmtf");

  for (const [path, golden] of [
    ["root.example/ex-pool.md", "ex-pool.dmtf.md"],
    ["root.example/ex-pool/allocate.md", "ex-pool-allocate.dmtf.md"],
  ] as const) {
    it(`${path} is exactly golden/${golden}`, async () => {
      await expect(generated.get(path)).toMatchFileSnapshot(join(here, "golden", golden));
    });
  }
});
