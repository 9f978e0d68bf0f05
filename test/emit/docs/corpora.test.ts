import { join, posix } from "node:path";
import { describe, expect, it } from "vitest";
import { isSafeRelativePath } from "../../../src/cli/generate-manifest.js";
import { compile } from "../../../src/compile.js";
import type { Dialect } from "../../../src/dialect/dialect.js";
import { renderDocs } from "../../../src/emit/docs/generate.js";
import { corpus } from "../../helpers/corpora.js";

/**
 * Real schemas end to end: the whole DMTF CIM 2.49 schema and Microsoft's WindowsVirtualization.V2.mof
 * generate without a problem, every relative link of every page resolves to a generated page, and the file
 * names are safe and distinct even on a case-insensitive file system.
 */

const cases: readonly { name: string; folder: string; file: string; dialect: Dialect; pages: number }[] = [
  { name: "DMTF CIM 2.49", folder: "dmtf-cim-2.49", file: "cim_schema_2.49.0.mof", dialect: "dmtf", pages: 1600 },
  {
    name: "Hyper-V WindowsVirtualization.V2",
    folder: "hyperv",
    file: "v2/WindowsVirtualization.V2.mof",
    dialect: "wmi",
    pages: 200,
  },
];

/** Every `](target)` link outside code blocks whose target is a relative page. */
function links(text: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of text.split("\n")) {
    if (fence === undefined) {
      fence = /^(`{3,})/.exec(line)?.[1];
      if (fence !== undefined) continue;
      for (const m of line.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) out.push(m[1] ?? "");
    } else if (line === fence) fence = undefined;
  }
  return out;
}

for (const c of cases) {
  describe(`docs for ${c.name}`, () => {
    const dir = corpus(c.folder);
    if (dir === undefined) {
      it.skip(`needs the ${c.folder} corpus`, () => {});
      return;
    }
    const { schema, diagnostics } = compile([join(dir, c.file)], { dialect: c.dialect });
    const result = renderDocs(schema);
    const pages = new Map(result.files.map((f) => [f.path, f.content]));

    it("compiles and generates without a problem", () => {
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(result.problems).toEqual([]);
      expect(result.files.length).toBeGreaterThan(c.pages);
    });

    it("has safe file names, distinct on a case-insensitive file system", () => {
      const folded = new Set<string>();
      for (const f of result.files) {
        expect(isSafeRelativePath(f.path), f.path).toBe(true);
        expect(f.path, f.path).toMatch(/^[a-z0-9.~_/-]*(README|[a-z0-9~_-]+)\.md$/);
        expect(folded.has(f.path.toLowerCase()), f.path).toBe(false);
        folded.add(f.path.toLowerCase());
      }
    });

    it("resolves every relative link to a generated page", () => {
      let count = 0;
      const broken: string[] = [];
      for (const [path, text] of pages) {
        for (const target of links(text)) {
          count++;
          // An in-page anchor of the Members list: its heading must be on the page.
          if (target.startsWith("#")) {
            if (!text.includes(`\n### ${target.slice(1, 2).toUpperCase()}${target.slice(2)}\n`))
              broken.push(`${path} -> ${target}`);
            continue;
          }
          const resolved = posix.normalize(posix.join(posix.dirname(path), target));
          if (!pages.has(resolved)) broken.push(`${path} -> ${target}`);
        }
      }
      expect(broken.slice(0, 10)).toEqual([]);
      expect(count).toBeGreaterThan(result.files.length);
    });
  });
}
