import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { manifestName } from "../../src/cli/generate-manifest.js";
import { headlines, runCli } from "../helpers/cli.js";
import { fileTree, tempTree } from "../helpers/tmp.js";

/**
 * What stands at a path the manifest lists as mofgen's is not mofgen's for that alone: a directory made there
 * (with the user's files in it) is refused at planning, like a file in the way of a folder (MOF4911), so that
 * nothing is written rather than the output half written. Real runs on the real file system (`--no-docs`).
 */
const mof = "class A { [Key] string Id; };\nclass B { [Key] string Id; };\n";
const edited = "class A { [Key] string Id; string X; };\nclass B { [Key] string Id; string Y; };\n";
const generate = (dir: string, ...args: string[]) =>
  runCli(["generate", "a.mof", "--out", "out", "--no-docs", ...args], dir);

/** Every file below `root` with its text. */
function contents(root: string): Record<string, string> {
  return Object.fromEntries(fileTree(root).map((p) => [p, readFileSync(join(root, p), "utf8")]));
}

const isDirectory = (path: string) =>
  `${path} - error MOF4911: is a directory where mofgen must write a file: mofgen never removes a directory ` +
  "(or what it holds) to make room for a file; move it or choose another output directory";

describe("a directory at the place of a file that mofgen writes", () => {
  it("is refused at planning when the manifest lists the path: nothing written, the directory untouched", async () => {
    const dir = tempTree({ "a.mof": mof });
    expect((await generate(dir)).code).toBe(0);
    rmSync(join(dir, "out/root/cimv2/B.ts"));
    mkdirSync(join(dir, "out/root/cimv2/B.ts"));
    writeFileSync(join(dir, "out/root/cimv2/B.ts/mine.txt"), "precious\n");
    // Both classes change: without the check, A.ts was written and B.ts failed (half an output, exit 2).
    writeFileSync(join(dir, "a.mof"), edited);
    const before = contents(join(dir, "out"));

    const run = await generate(dir);
    expect(run.code).toBe(1);
    expect(headlines(run.stderr)).toEqual([isDirectory("out/root/cimv2/B.ts")]);
    expect(run.stdout).toBe("Nothing written to out/.\n");
    expect(contents(join(dir, "out"))).toEqual(before);
    expect(before["root/cimv2/B.ts/mine.txt"]).toBe("precious\n");

    const check = await generate(dir, "--check");
    expect(check.code).toBe(1);
    expect(headlines(check.stderr)).toEqual([isDirectory("out/root/cimv2/B.ts")]);
  });

  it("is refused the same way where no manifest lists the path", async () => {
    const dir = tempTree({ "a.mof": mof, "out/root/cimv2/A.ts/mine.txt": "precious\n" });
    const run = await generate(dir);
    expect(run.code).toBe(1);
    expect(headlines(run.stderr)).toEqual([isDirectory("out/root/cimv2/A.ts")]);
    expect(fileTree(join(dir, "out"))).toEqual(["root/cimv2/A.ts/mine.txt"]);
  });

  it("is refused at the manifest's own place, before any file is written", async () => {
    const dir = tempTree({ "a.mof": mof });
    expect((await generate(dir)).code).toBe(0);
    rmSync(join(dir, "out", manifestName));
    mkdirSync(join(dir, "out", manifestName));
    writeFileSync(join(dir, "out", manifestName, "mine.txt"), "precious\n");
    writeFileSync(join(dir, "a.mof"), edited);
    const before = contents(join(dir, "out"));

    const run = await generate(dir);
    expect(run.code).toBe(1);
    expect(headlines(run.stderr)).toContain(isDirectory(`out/${manifestName}`));
    expect(run.stdout).toBe("Nothing written to out/.\n");
    expect(contents(join(dir, "out"))).toEqual(before);
  });

  it("is left as it is at a listed path the run no longer writes, and no longer listed", async () => {
    const dir = tempTree({ "a.mof": mof });
    expect((await generate(dir)).code).toBe(0);
    rmSync(join(dir, "out/root/cimv2/B.ts"));
    mkdirSync(join(dir, "out/root/cimv2/B.ts"));
    writeFileSync(join(dir, "out/root/cimv2/B.ts/mine.txt"), "precious\n");
    writeFileSync(join(dir, "a.mof"), "class A { [Key] string Id; };\n");

    const run = await generate(dir);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(readFileSync(join(dir, "out/root/cimv2/B.ts/mine.txt"), "utf8")).toBe("precious\n");
    const listed = (JSON.parse(readFileSync(join(dir, "out", manifestName), "utf8")) as { files: string[] }).files;
    expect(listed).not.toContain("root/cimv2/B.ts");
    expect((await generate(dir, "--check")).code).toBe(0);
  });
});
