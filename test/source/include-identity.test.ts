import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram, maxIncludeDepth } from "../../src/program/program.js";
import { where } from "../helpers/parse.js";
import { tempTree } from "../helpers/tmp.js";

/** Issue 13, items 8 and 11: files are known by their real path, and include chains are bounded. */
describe("include identity through symbolic links", () => {
  it("parses a file reached through a symlinked directory once", () => {
    const dir = tempTree({
      "all.mof": '#pragma include ("a.mof")\n#pragma include ("same/a.mof")\n',
      "a.mof": "class A {};",
    });
    symlinkSync(".", join(dir, "same"));
    const program = buildProgram([join(dir, "all.mof")]);
    expect(program.diagnostics).toEqual([]);
    expect(program.files.map((f) => f.source.path)).toEqual([join(dir, "all.mof"), join(dir, "a.mof")]);
  });

  it("reports a cycle through symlinked directories instead of recompiling exponentially", () => {
    const dir = tempTree({ "c.mof": '#pragma include ("d1/c.mof")\n#pragma include ("d2/c.mof")\nclass C {};' });
    // One link first: a chain d1/d1/d1/... until the system refuses the path, had the cycle gone unseen.
    symlinkSync(".", join(dir, "d1"));
    expect(buildProgram([join(dir, "c.mof")]).diagnostics.map(where)).toEqual(["1:18 MOF1005", "2:18 MOF1004"]);
    // Two links: every level doubles (2^40 compilations before the path is refused), had the cycle gone unseen.
    symlinkSync(".", join(dir, "d2"));
    const program = buildProgram([join(dir, "c.mof")]);
    expect(program.diagnostics.map(where)).toEqual(["1:18 MOF1005", "2:18 MOF1005"]);
    expect(program.files).toHaveLength(1);
  });

  it("takes a file named twice on the command line, once directly and once through a link, as one root", () => {
    const dir = tempTree({ "a.mof": "class A {};" });
    symlinkSync(".", join(dir, "link"));
    const program = buildProgram([join(dir, "a.mof"), join(dir, "link/a.mof")]);
    expect(program.diagnostics).toEqual([]);
    expect(program.roots).toHaveLength(1);
  });
});

describe("deep include chains", () => {
  it("stops #include and #pragma include chains 5,000 deep at the directive that goes too deep, without a stack overflow", () => {
    // One tree of 5,000 files serves both chains (creating files is the slow part): each file includes the next
    // with #pragma include when PRAGMA is defined (by p.mof, the macros flow down the chain), else with #include.
    const files: Record<string, string> = {
      "h.mof": '#include "f0.mof"\n',
      "p.mof": '#define PRAGMA\n#pragma include ("f0.mof")\n',
    };
    for (let i = 0; i < 5_000; i++) {
      const next = `f${i + 1}.mof`;
      files[`f${i}.mof`] =
        `#ifdef PRAGMA\n#pragma include ("${next}")\n#else\n#include "${next}"\n#endif\nclass C${i} {};\n`;
    }
    const dir = tempTree(files);
    // The root and 63 files of the chain are open when f62 includes f63.
    const last = join(dir, `f${maxIncludeDepth - 2}.mof`);
    for (const [root, at] of [
      ["h.mof", "4:10"],
      ["p.mof", "2:18"],
    ] as const) {
      const program = buildProgram([join(dir, root)]);
      expect(program.diagnostics.map((d) => [where(d), d.span?.file.path])).toEqual([[`${at} MOF1011`, last]]);
      expect(program.files).toHaveLength(maxIncludeDepth);
    }
  });
});
