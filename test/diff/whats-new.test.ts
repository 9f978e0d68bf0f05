import { join, posix } from "node:path";
import { describe, expect, it } from "vitest";
import { docsLinks } from "../../src/cli/diff-links.js";
import { compileText } from "../../src/compile.js";
import { diffSchemas } from "../../src/diff/diff.js";
import { formatDiffMarkdown } from "../../src/diff/format/markdown.js";
import { renderDocs } from "../../src/emit/docs/generate.js";
import type { DocsStyle } from "../../src/emit/docs/options.js";
import { resolveSchema } from "../../src/model/resolve.js";
import type { SchemaModel } from "../../src/model/types.js";
import { buildProgram } from "../../src/program/program.js";
import { corpus } from "../helpers/corpora.js";

/**
 * The "What's new" page of Hyper-V's classes from Windows Server 2019 to 23H2 (`hyperv/os-versions`), with the
 * labels and links a documentation writer would publish it with: a golden file, and a check that every link
 * resolves against the pages `mofgen docs` writes for the new side (the page, and the property's heading on it),
 * in both styles.
 */

const base = "../reference";

function compile(path: string): SchemaModel {
  const { schema, diagnostics } = resolveSchema(buildProgram([path], { dialect: "wmi" }), { dialect: "wmi" });
  expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return schema;
}

/** Every `](target)` of the page. */
function links(text: string): string[] {
  return [...text.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((m) => m[1] ?? "");
}

/** GitHub's anchors of the `#### Name` headings of a page (the names are MOF names: lower case is the slug). */
function anchors(page: string): Set<string> {
  return new Set([...page.matchAll(/^#### (.+)$/gm)].map((m) => (m[1] ?? "").replace(/\\/g, "").toLowerCase()));
}

describe("What's new in Hyper-V from Windows Server 2019 to 23H2", () => {
  const dir = corpus("hyperv");
  if (dir === undefined) {
    it.skip("needs the hyperv corpus", () => {});
    return;
  }
  const before = compile(join(dir, "os-versions/server2019/WindowsVirtualization.V2.mof"));
  const after = compile(join(dir, "os-versions/server23h2/WindowsVirtualization.V2.mof"));
  const changes = diffSchemas(before, after, {});
  const page = formatDiffMarkdown(changes, {
    oldLabel: "Windows Server 2019",
    newLabel: "Windows Server 2022",
    relativize: (p) => p,
    docsLink: docsLinks(base, after),
  });

  it("is exactly test/diff/expected/hyperv-whats-new.md", async () => {
    await expect(page).toMatchFileSnapshot(join(import.meta.dirname, "expected/hyperv-whats-new.md"));
  });

  it("names the sides by their labels and groups new properties per class in one line, with types", () => {
    expect(page.split("\n")[0]).toBe("# What's new from Windows Server 2019 to Windows Server 2022");
    const bios = page.split("\n").filter((l) => l.startsWith("- [**Msvm\\_BIOSElement**]"));
    expect(bios).toHaveLength(1);
    expect(bios[0]).toMatch(/\[BootPciExpress\]\([^)]+#bootpciexpress\) \(boolean\), .* and \[WatchdogEnabled\]/);
    expect(page).toContain("## Breaking changes\n\n| Element | Change | Why |");
  });

  for (const style of ["microsoft", "dmtf"] as const satisfies readonly DocsStyle[]) {
    it(`links every element to a page mofgen docs --style ${style} writes for the new side`, () => {
      const { files, problems } = renderDocs(after, { style });
      expect(problems).toEqual([]);
      const pages = new Map(files.map((f) => [f.path, f.content]));
      const targets = links(page);
      expect(targets.length).toBeGreaterThan(90);
      const broken: string[] = [];
      for (const target of targets) {
        expect(target.startsWith(`${base}/`), target).toBe(true);
        const [file = "", anchor] = target.slice(base.length + 1).split("#");
        const text = pages.get(posix.normalize(file));
        if (text === undefined || (anchor !== undefined && !anchors(text).has(anchor))) broken.push(target);
      }
      expect(broken).toEqual([]);
    });
  }
});

describe("the What's new page escapes what the user and the schema write", () => {
  it("escapes a '|' once, after the backslashes: in the title and in a table cell", () => {
    const old = `class EX_Disk { uint32 Run([In, ValueMap {"1", "2"}, Values {"Read|Write", "Back\\\\slash"}] uint16 Mode); };`;
    const now = `class EX_Disk { uint32 Run([In, ValueMap {"2"}, Values {"Back\\\\slash"}] uint16 Mode); };`;
    const side = (text: string) => compileText(text, { path: "x.mof" }).schema;
    const page = formatDiffMarkdown(diffSchemas(side(old), side(now)), {
      oldLabel: "a|b",
      newLabel: "c\\d",
      relativize: (p) => p,
    });
    expect(page.split("\n")[0]).toBe("# What's new from a\\|b to c\\\\d");
    const row = page.split("\n").find((l) => l.includes("value removed from an input map"));
    expect(row).toContain("value removed from an input map: Read\\|Write |");
  });
});
