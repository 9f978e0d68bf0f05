import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { headlines, runCli } from "../helpers/cli.js";
import { fileTree, tempTree } from "../helpers/tmp.js";

const project = {
  "mofgen.config.json": JSON.stringify({ inputs: ["mof/"], out: "gen", docs: false }),
  "mof/a.mof": "class A { [key] string K; };\n",
  "src/deep/er/.keep": "",
};

describe("finding mofgen.config.json", () => {
  it("walks up from the working directory to the nearest configuration, as tsc and ESLint do", async () => {
    const dir = tempTree(project);
    const r = await runCli(["generate", "--verbose"], join(dir, "src/deep/er"));
    expect(r.code).toBe(0);
    // Paths in the file stay relative to the file, not to where mofgen was run.
    expect(r.stdout.split("\n")[0]).toBe(`Using configuration ${join(dir, "mofgen.config.json")}`);
    expect(fileTree(join(dir, "gen"))).toContain("root/cimv2/A.ts");
    expect(existsSync(join(dir, "src/deep/er/gen"))).toBe(false);
  });

  it("docs --verbose names the same file, and says when PATHs leave none to read", async () => {
    const dir = tempTree(project);
    const r = await runCli(["docs", "--verbose", "--out", "pages"], join(dir, "src/deep/er"));
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(`Using configuration ${join(dir, "mofgen.config.json")}`);
    expect(existsSync(join(dir, "src/deep/er/pages/root.cimv2/a.md"))).toBe(true);
    const paths = await runCli(["docs", "--verbose", "mof/a.mof", "--out", "pages"], dir);
    expect(paths.stdout.split("\n")[0]).toBe("Using no configuration file (PATHs given without --config)");
  });

  it("takes the nearest of two configurations", async () => {
    const dir = tempTree({
      ...project,
      "src/mofgen.config.json": JSON.stringify({ inputs: ["../mof/a.mof"], out: "inner", docs: false }),
    });
    const r = await runCli(["generate", "--verbose"], join(dir, "src/deep"));
    expect(r.stdout.split("\n")[0]).toBe(`Using configuration ${join(dir, "src/mofgen.config.json")}`);
    expect(existsSync(join(dir, "src/inner/root/cimv2/A.ts"))).toBe(true);
    expect(existsSync(join(dir, "gen"))).toBe(false);
  });

  it("stops at the file system's root and says where it looked", async () => {
    const dir = tempTree({ "a/b/.keep": "" });
    const r = await runCli(["generate"], join(dir, "a/b"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no PATH given and no mofgen.config.json in ${join(dir, "a/b")} or a folder above it`);
  });

  it("reads no configuration when PATHs are given, and --verbose says so", async () => {
    const dir = tempTree(project);
    const r = await runCli(["generate", "--verbose", "mof/a.mof", "--out", "o", "--no-docs"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("Using no configuration file (PATHs given without --config)");
  });
});

describe("inputs that give nothing to compile", () => {
  // docs says the same of an empty folder as generate, not that the MOF has errors.
  it.each([
    ["generate", "gen", "Nothing generated"],
    ["docs", "pages", "Nothing written"],
  ])("%s: a folder with no MOF file is an error, exit 1, and nothing is written", async (command, out, nothing) => {
    const dir = tempTree({ "empty/readme.txt": "no MOF here" });
    const r = await runCli([command, "empty", "--out", out], dir);
    expect(r.code).toBe(1);
    expect(headlines(r.stderr)).toEqual([
      `empty - error MOF1006: no .mof files under '${join(dir, "empty")}': there is nothing to compile`,
    ]);
    expect(r.stdout).toBe(`${nothing}: an input folder holds no MOF file.\n`);
    expect(existsSync(join(dir, out))).toBe(false);
  });

  it("check reports an empty folder as an error too", async () => {
    const dir = tempTree({});
    mkdirSync(join(dir, "empty"));
    const r = await runCli(["check", "empty"], dir);
    expect(r.code).toBe(1);
    expect(headlines(r.stdout)[0]).toMatch(/^empty - error MOF1006: /);
  });

  it("a missing input says cannot read, with the system's reason, and that it could not be read", async () => {
    const dir = tempTree({});
    const r = await runCli(["generate", "nothere.mof", "--out", "gen"], dir);
    expect(r.code).toBe(2);
    expect(headlines(r.stderr)).toEqual([
      `nothere.mof - error MOF1003: cannot read '${join(dir, "nothere.mof")}': no such file or directory`,
    ]);
    expect(r.stdout).toBe("Nothing generated: an input could not be read.\n");
    expect(r.stdout).not.toContain("the MOF has errors");
  });
});

describe("configuration mistakes", () => {
  it("offer the key meant, as MOF type typos do", async () => {
    const dir = tempTree({
      "mofgen.config.json": '{"inptus": ["a"], "out": "g", "dilect": "wmi", "outt": "x", "zzz": 1}',
    });
    const r = await runCli(["generate"], dir);
    expect(r.code).toBe(1);
    expect(headlines(r.stderr)).toEqual([
      "mofgen.config.json:1:1 - error MOF4905: 'inputs' is required when no PATH is given",
      "mofgen.config.json:1:2 - error MOF4902: unknown configuration key 'inptus'; did you mean 'inputs'?",
      "mofgen.config.json:1:31 - error MOF4902: unknown configuration key 'dilect'; did you mean 'dialect'?",
      "mofgen.config.json:1:48 - error MOF4902: unknown configuration key 'outt'; did you mean 'out'?",
      "mofgen.config.json:1:61 - error MOF4902: unknown configuration key 'zzz'; the keys here are '$schema', 'inputs', 'out', 'include', 'includeOutsideRoots', 'dialect', 'builtinQualifiers', 'runtimeImport', 'extension', 'providers', 'docs', 'diagnostics'",
    ]);
  });

  it("are all reported in one run: a missing out beside an unknown key", async () => {
    const dir = tempTree({ "mofgen.config.json": '{"inputs": ["a.mof"], "dialct": "wmi"}' });
    const r = await runCli(["generate"], dir);
    expect(r.code).toBe(1);
    expect(headlines(r.stderr)).toEqual([
      "mofgen.config.json:1:1 - error MOF4905: 'out' is required (or --out DIR)",
      "mofgen.config.json:1:23 - error MOF4902: unknown configuration key 'dialct'; did you mean 'dialect'?",
    ]);
  });

  it("a key written with a wrong value is reported once, not also as missing", async () => {
    const dir = tempTree({ "mofgen.config.json": '{"inputs": "a.mof", "out": 3}' });
    const r = await runCli(["generate"], dir);
    expect(headlines(r.stderr)).toEqual([
      "mofgen.config.json:1:12 - error MOF4903: 'inputs' must be a non-empty array of paths, not a string",
      "mofgen.config.json:1:28 - error MOF4903: 'out' must be a non-empty string, not a number",
    ]);
  });
});
