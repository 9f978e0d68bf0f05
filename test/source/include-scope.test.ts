import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSettings } from "../../src/cli/generate-settings.js";
import { buildProgram } from "../../src/program/program.js";
import { runCli } from "../helpers/cli.js";
import { where } from "../helpers/parse.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * Issue 13, item 18: an include reads only files below the includer's folder, an input's folder or an -I
 * folder, and a file that is clearly not MOF is reported without showing its lines (code frames end up in CI
 * logs).
 */
const secret = "ghp_SECRET0123456789";

function project() {
  return tempTree({
    "outside/.npmrc": `registry=https://example.invalid/\n_authToken=${secret}\n`,
    "outside/env": `HOME=/root\0TOKEN=${secret}\0`,
    "outside/lib/qualifiers.mof": "class Q {};",
    "proj/schema.mof": '#pragma include ("../outside/.npmrc")\nclass A {};',
    "proj/env.mof": '#pragma include ("../outside/env")\nclass A {};',
    "proj/lib.mof": '#pragma include ("qualifiers.mof")\nclass A {};',
    "proj/uses-link.mof": '#pragma include ("innocent.mof")\nclass A {};',
    "proj/up.mof": '#pragma include ("../outside/lib/qualifiers.mof")\nclass A : Q {};',
    "proj/tree/all.mof": '#pragma include ("sub/one.mof")\n',
    "proj/tree/sub/one.mof": '#pragma include ("../two.mof")\nclass One {};',
    "proj/tree/two.mof": "class Two {};",
  });
}

describe("where includes may read", () => {
  it("refuses an include outside the allowed folders before reading it, and shows none of its lines", async () => {
    const dir = project();
    const r = await runCli(["check", "proj/schema.mof"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `proj/schema.mof:1:18 - error MOF1008: include '../outside/.npmrc' is '${join(dir, "outside/.npmrc")}', outside the folders includes may read`,
    );
    expect(r.stdout + r.stderr).not.toContain(secret);
    expect(r.stdout + r.stderr).not.toContain("registry=");
  });

  it("refuses an absolute include such as /proc/self/environ", () => {
    const dir = tempTree({ "a.mof": '#pragma include ("/proc/self/environ")\nclass A {};' });
    const program = buildProgram([join(dir, "a.mof")]);
    expect(program.diagnostics.map(where)).toEqual(["1:18 MOF1008"]);
    expect(program.files).toHaveLength(1);
  });

  it("compares real paths: a symbolic link inside the tree that leads out is refused", () => {
    const dir = project();
    symlinkSync(join(dir, "outside/.npmrc"), join(dir, "proj/innocent.mof"));
    const program = buildProgram([join(dir, "proj/uses-link.mof")]);
    expect(program.diagnostics.map(where)).toEqual(["1:18 MOF1008"]);
  });

  it("allows the includer's folder tree, the inputs' folders (also through '..') and -I folders", () => {
    const dir = project();
    const tree = buildProgram([join(dir, "proj/tree/all.mof")]);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.files).toHaveLength(3);
    const withLib = buildProgram([join(dir, "proj/lib.mof")], { includeDirs: [join(dir, "outside/lib")] });
    expect(withLib.diagnostics).toEqual([]);
  });

  it("reads outside with --allow-include-outside (or includeOutsideRoots), still without showing a non-MOF file", async () => {
    const dir = project();
    for (const args of [
      ["check", "--allow-include-outside", "proj/schema.mof"],
      ["check", "--allow-include-outside", "proj/env.mof"],
    ]) {
      const r = await runCli(args, dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^outside\/(\.npmrc|env) - error MOF1009: this is not MOF text \(/);
      expect(r.stdout + r.stderr).not.toContain(secret);
    }
    const allowed = buildProgram([join(dir, "proj/up.mof")], { allowIncludeOutside: true });
    expect(allowed.diagnostics).toEqual([]);
    const config = join(dir, "mofgen.config.json");
    writeFileSync(config, JSON.stringify({ inputs: ["proj/up.mof"], out: "gen", includeOutsideRoots: true }));
    expect(resolveSettings({ paths: [] }, dir).settings?.allowIncludeOutside).toBe(true);
    expect(resolveSettings({ paths: [], allowIncludeOutside: false }, dir).settings?.allowIncludeOutside).toBe(false);
  });
});
