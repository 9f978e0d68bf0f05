import { describe, expect, it } from "vitest";
import { WarmGenerate } from "../../src/cli/warm-generate.js";
import { checkOutputPaths } from "../../src/emit/file-names.js";

describe("WarmGenerate.checkPaths (output path checks remembered across watch runs)", () => {
  it("checks a tree's paths again only when the list changed, with the findings a fresh check gives", () => {
    const warm = new WarmGenerate();
    let checks = 0;
    const check = (paths: readonly string[]) => {
      checks++;
      return checkOutputPaths(paths);
    };
    const ok = ["index.ts", "root/cimv2/A.ts", "root/cimv2/index.ts"];
    // A device name on Windows, and two paths that are one file once case is folded.
    const unsafe = [...ok, "root/cimv2/CON.ts", "root/cimv2/a.ts"];
    const runs: [string, readonly string[]][] = [
      ["mofgen", ok],
      ["mofgen", ok],
      ["user", ok],
      ["mofgen", unsafe],
      ["mofgen", unsafe],
      ["mofgen", ok],
    ];
    const found = runs.map(([owner, paths]) => warm.checkPaths(owner, paths, check));
    for (const [i, [, paths]] of runs.entries()) expect(found[i]).toEqual(checkOutputPaths(paths));
    expect(found[3]?.length).toBe(2);
    expect(found[5]).toEqual([]);
    // Checked: the first list per owner, the unsafe list, and the return to the first (one list per owner kept).
    expect(checks).toBe(4);
  });
});
