import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { headlines, runCli } from "../helpers/cli.js";
import { fileTree, tempTree } from "../helpers/tmp.js";

/**
 * A file where mofgen must create a folder (`gen/docs` with docs on, `gen/<namespace>`, a providers folder) is
 * refused at planning, as a file at a generated file's place is (MOF4911): nothing is written, the file stays,
 * and the diagnostic names it. Writing would otherwise fail below it only after the rest was written.
 */
const mof = 'class A { [Key] string Id; };\n#pragma namespace("root/other")\nclass B { [Key] string Id; };\n';

function project(config: object, extra: Record<string, string> = {}): string {
  return tempTree({ "a.mof": mof, "mofgen.config.json": JSON.stringify({ inputs: ["a.mof"], ...config }), ...extra });
}

const inTheWay = (path: string, files: number) =>
  `${path} - error MOF4911: is in the way of a folder that mofgen must create for ${files} file${files === 1 ? "" : "s"}: mofgen never ` +
  "overwrites or removes a file to make a folder; move it or choose another directory";

describe("a file in the way of a folder of the output", () => {
  it("is refused at planning, for the docs folder and a namespace folder: nothing written, exit 1", async () => {
    const dir = project({ out: "gen", docs: true }, { "gen/docs": "mine\n", "gen/root/cimv2": "mine too\n" });
    const run = await runCli(["generate"], dir);
    expect(run.code).toBe(1);
    expect(headlines(run.stderr)).toEqual([inTheWay("gen/docs", 5), inTheWay("gen/root/cimv2", 4)]);
    expect(run.stdout).toBe("Nothing written to gen/.\n");
    expect(fileTree(join(dir, "gen"))).toEqual(["docs", "root/cimv2"]);
    expect(readFileSync(join(dir, "gen/docs"), "utf8")).toBe("mine\n");
  });

  it("is reported by --check too, which fails", async () => {
    const dir = project({ out: "gen", docs: false }, { "gen/root": "mine\n" });
    const run = await runCli(["generate", "--check"], dir);
    expect(run.code).toBe(1);
    expect(headlines(run.stderr)).toEqual([inTheWay("gen/root", 8)]);
  });

  it("is refused when it appears in an output that was generated before: the old output stays whole", async () => {
    const dir = project({ out: "gen", docs: false });
    expect((await runCli(["generate"], dir)).code).toBe(0);
    const before = fileTree(join(dir, "gen"));
    rmSync(join(dir, "gen/root/other"), { recursive: true });
    writeFileSync(join(dir, "gen/root/other"), "mine\n");
    const run = await runCli(["generate"], dir);
    expect(run.code).toBe(1);
    expect(headlines(run.stderr)).toEqual([inTheWay("gen/root/other", 4)]);
    expect(fileTree(join(dir, "gen"))).toEqual(
      before
        .filter((p) => !p.startsWith("root/other/"))
        .concat("root/other")
        .sort(),
    );
  });
});

describe("a file in the way of a folder of provider implementations", () => {
  it("is refused at planning rather than the implementation silently not created", async () => {
    const dir = project(
      { out: "gen", docs: false, providers: { out: "prov", classes: ["A", "B"] } },
      { "prov/root/cimv2": "mine\n" },
    );
    const run = await runCli(["generate"], dir);
    expect(run.code).toBe(1);
    expect(headlines(run.stderr)).toEqual([inTheWay("prov/root/cimv2", 1)]);
    expect(run.stdout).toBe("Nothing written to gen/.\n");
    expect(fileTree(join(dir, "prov"))).toEqual(["root/cimv2"]);
    expect(fileTree(join(dir, "gen"))).toEqual([]);
  });
});
