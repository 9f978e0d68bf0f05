import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasGeneratedHeader, manifestName } from "../../src/cli/generate-manifest.js";
import { runCli } from "../helpers/cli.js";
import { fileTree, tempTree } from "../helpers/tmp.js";

/**
 * Issue 13, items 1-3: the output writer must never lose a file of the user's, through a symbolic link inside
 * the output directory, a providers directory that is the output directory under another name, or a header
 * that merely mentions mofgen. Real links on the real file system; the real emitters (`--no-docs` for speed).
 */
const mof = "class A { [Key] string Id; };\nclass B { [Key] string Id; };\n";
const generate = (dir: string, ...args: string[]) =>
  runCli(["generate", "a.mof", "--out", "out", "--no-docs", ...args], dir);

function listManifest(outDir: string, extra: string[]): void {
  const path = join(outDir, manifestName);
  const manifest = JSON.parse(readFileSync(path, "utf8")) as { files: string[] };
  writeFileSync(path, JSON.stringify({ ...manifest, files: [...manifest.files, ...extra] }));
}

describe("a symbolic link to a directory inside the output (item 1)", () => {
  it("is never written, created or removed through: an error naming the link, nothing written", async () => {
    const dir = tempTree({ "a.mof": mof, "elsewhere/important.txt": "precious\n" });
    expect((await generate(dir)).code).toBe(0);
    // The attack: out/root becomes a link to another folder, and the manifest lists a file there.
    renameSync(join(dir, "out/root"), join(dir, "old-root"));
    symlinkSync(join(dir, "elsewhere"), join(dir, "out/root"));
    listManifest(join(dir, "out"), ["root/important.txt"]);
    const before = fileTree(join(dir, "out"));

    const run = await generate(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `out/root - error MOF4916: is a symbolic link (to '${join(dir, "elsewhere")}') inside the output directory`,
    );
    expect(run.stderr.match(/MOF4916/g)).toHaveLength(1);
    expect(run.stdout).toBe("Nothing written to out/.\n");
    expect(readdirSync(join(dir, "elsewhere"))).toEqual(["important.txt"]);
    expect(readFileSync(join(dir, "elsewhere/important.txt"), "utf8")).toBe("precious\n");
    expect(fileTree(join(dir, "out"))).toEqual(before);
  });

  it("refuses a stale manifest entry behind a link even when no generated file goes there", async () => {
    const dir = tempTree({ "a.mof": mof, "mine/keep.ts": "// the user's\n" });
    expect((await generate(dir)).code).toBe(0);
    symlinkSync(join(dir, "mine"), join(dir, "out/linked"));
    listManifest(join(dir, "out"), ["linked/keep.ts"]);
    const run = await generate(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("out/linked - error MOF4916");
    expect(readFileSync(join(dir, "mine/keep.ts"), "utf8")).toBe("// the user's\n");
  });

  it("follows a link that is the output directory itself, as the user asked", async () => {
    const dir = tempTree({ "a.mof": mof });
    mkdirSync(join(dir, "real-out"));
    symlinkSync(join(dir, "real-out"), join(dir, "out"));
    expect((await generate(dir)).code).toBe(0);
    expect(fileTree(join(dir, "real-out"))).toContain("root/cimv2/A.ts");
    expect((await generate(dir, "--check")).code).toBe(0);
  });
});

describe("providers.out compared by real path (item 2)", () => {
  const config = (out: string, providers: string) =>
    JSON.stringify({ inputs: ["a.mof"], out, docs: false, providers: { out: providers, classes: ["A"] } });
  const refusal = "the providers directory and the output directory must not contain each other";

  it("refuses a providers directory that is a link into the output directory, made before or after it", async () => {
    const dir = tempTree({ "a.mof": mof, "mofgen.config.json": config("gen", "provlink") });
    // Made before the output directory exists: a dangling link still names it.
    symlinkSync("gen/root", join(dir, "provlink"));
    const dangling = await runCli(["generate"], dir);
    expect([dangling.code, dangling.stderr]).toEqual([2, expect.stringContaining(refusal)]);
    expect(existsSync(join(dir, "gen"))).toBe(false);
    mkdirSync(join(dir, "gen/root"), { recursive: true });
    const existing = await runCli(["generate"], dir);
    expect([existing.code, existing.stderr]).toEqual([2, expect.stringContaining(refusal)]);
    expect(fileTree(join(dir, "gen"))).toEqual([]);
  });

  it("refuses an output directory that is a link into the providers directory", async () => {
    const dir = tempTree({ "a.mof": mof, "mofgen.config.json": config("genlink", "impl"), "impl/A.ts": "// mine\n" });
    symlinkSync(join(dir, "impl"), join(dir, "genlink"));
    const run = await runCli(["generate"], dir);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining(refusal)]);
    expect(fileTree(join(dir, "impl"))).toEqual(["A.ts"]);
  });
});

describe("mofgen's exact header (item 3)", () => {
  it("does not overwrite a file whose first line merely mentions generated and mofgen", async () => {
    const mine = "// NOT generated by mofgen: hand-written, keep\nexport const a = 1;\n";
    const dir = tempTree({ "a.mof": mof, "out/root/cimv2/A.ts": mine });
    const run = await generate(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("out/root/cimv2/A.ts - error MOF4911");
    expect(readFileSync(join(dir, "out/root/cimv2/A.ts"), "utf8")).toBe(mine);
  });

  it("recognises exactly what the emitters write first: every committed generated file", () => {
    const root = join(import.meta.dirname, "../../generated");
    const files = (JSON.parse(readFileSync(join(root, manifestName), "utf8")) as { files: string[] }).files;
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) expect(hasGeneratedHeader(readFileSync(join(root, f), "utf8")), f).toBe(true);
    for (const text of [
      "// generated by mofgen\n",
      "/* Generated by mofgen from x */\n",
      "// Generated by mofgen from x\n// keep\n",
      "<!-- mofgen generated this -->\n",
      "# Generated by mofgen from x: edit the MOF or the overlay, not this page. -->\n",
    ]) {
      expect(hasGeneratedHeader(text), text).toBe(false);
    }
  });
});

describe("an output or providers directory that is a dangling symbolic link", () => {
  const providers = (out: string) =>
    JSON.stringify({ inputs: ["a.mof"], out: "gen", docs: false, providers: { out, classes: ["A"] } });
  const away =
    "error MOF4912: cannot create the %s directory: it is a symbolic link to 'build/gen', in a folder that does not exist";

  it("is followed when the folder of its target exists: the target is made, as a build folder would be", async () => {
    const dir = tempTree({ "a.mof": mof, "build/keep.txt": "x\n" });
    symlinkSync("build/gen", join(dir, "out"));
    expect((await generate(dir)).code).toBe(0);
    expect(fileTree(join(dir, "build/gen"))).toContain("root/cimv2/A.ts");
    expect((await generate(dir, "--check")).code).toBe(0);
  });

  it("is refused when the folder of its target is missing too: MOF4912 at the link, no folder made", async () => {
    const dir = tempTree({ "a.mof": mof });
    symlinkSync("build/gen", join(dir, "out"));
    const run = await generate(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`out - ${away.replace("%s", "output")}`);
    expect(run.stdout).toBe("Nothing written: out/ cannot be written (see above).\n");
    expect(existsSync(join(dir, "build"))).toBe(false);
    // --check says so too, rather than list every file as one to add.
    const check = await generate(dir, "--check");
    expect(check.code).toBe(2);
    expect(check.stderr).toContain(`out - ${away.replace("%s", "output")}`);
    expect(check.stdout).toBe("Nothing checked: out/ cannot be written (see above).\n");
  });

  it("is refused the same way for providers.out, and nothing is written anywhere", async () => {
    const dir = tempTree({ "a.mof": mof, "mofgen.config.json": providers("prov") });
    symlinkSync("build/gen", join(dir, "prov"));
    const run = await runCli(["generate"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`prov - ${away.replace("%s", "providers")}`);
    expect(existsSync(join(dir, "build"))).toBe(false);
    expect(existsSync(join(dir, "gen"))).toBe(false);
  });
});
