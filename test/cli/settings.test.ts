import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pageSettings } from "../../src/cli/settings.js";
import { headlines, runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * generate and docs find, read and layer mofgen.config.json by one rule (src/cli/settings.ts): each path of the
 * lookup is run through both commands, which must answer alike — same exit code, same diagnostics at the same
 * line and column — where the rule is shared.
 */

const mof = "class EX_A { [Key] string Id; };\n";
const commands = [
  { name: "generate", args: ["generate"] },
  { name: "docs", args: ["docs"] },
] as const;

/** generate's output (TypeScript under gen/) or docs' (pages under mofgen-docs/ in the working directory). */
function wroteClass(command: string, project: string, cwd: string): boolean {
  return command === "generate"
    ? existsSync(join(project, "gen/root/cimv2/EX_A.ts"))
    : existsSync(join(cwd, "mofgen-docs/root.cimv2/ex-a.md"));
}

describe.each(commands)("$name reads mofgen.config.json by the one rule", ({ name, args }) => {
  const mistakes: readonly [string, string, readonly string[]][] = [
    [
      "a file without inputs is MOF4905 at the top-level object",
      '\n  { "out": "gen", "docs": false }',
      ["mofgen.config.json:2:3 - error MOF4905: 'inputs' is required when no PATH is given"],
    ],
    [
      "every mistake in the file is reported in one run, each at its place",
      '{"out": "gen", "dialct": "wmi"}',
      [
        "mofgen.config.json:1:1 - error MOF4905: 'inputs' is required when no PATH is given",
        "mofgen.config.json:1:16 - error MOF4902: unknown configuration key 'dialct'; did you mean 'dialect'?",
      ],
    ],
  ];
  it.each(mistakes)("%s, exit 1, without a stack trace", async (_, config, expected) => {
    const r = await runCli([...args, "--no-color"], tempTree({ "mofgen.config.json": config }));
    expect(r.code).toBe(1);
    expect(headlines(r.stderr)).toEqual(expected);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("underlines the object that lacks a key", async () => {
    const r = await runCli([...args, "--no-color"], tempTree({ "mofgen.config.json": '\n  { "out": "gen" }' }));
    expect(r.stderr).toContain('2 |   { "out": "gen" }\n  |   ^\n');
  });

  it("finds the configuration by walking up from the working directory; its paths are relative to it", async () => {
    const dir = tempTree({
      "mofgen.config.json": JSON.stringify({ inputs: ["mof/"], out: "gen" }),
      "mof/a.mof": mof,
      "src/deep/.keep": "",
    });
    const cwd = join(dir, "src/deep");
    const r = await runCli([...args, "--no-color"], cwd);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(wroteClass(name, dir, cwd)).toBe(true);
  });

  it("takes --config over the walk, relative to the working directory", async () => {
    const dir = tempTree({
      "mofgen.config.json": JSON.stringify({ inputs: ["missing.mof"], out: "gen" }),
      "conf/other.json": JSON.stringify({ inputs: ["../mof/a.mof"], out: "../gen" }),
      "mof/a.mof": mof,
    });
    const r = await runCli([...args, "--config", "conf/other.json", "--no-color"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(wroteClass(name, dir, dir)).toBe(true);
  });

  it("says --config names no file as MOF1003 with the system's reason, exit 2", async () => {
    const dir = tempTree({ "mofgen.config.json": JSON.stringify({ inputs: ["a.mof"], out: "gen" }) });
    const r = await runCli([...args, "--config", "nope.json", "--no-color"], dir);
    expect(r.code).toBe(2);
    expect(headlines(r.stderr)).toEqual([
      `nope.json - error MOF1003: cannot read '${join(dir, "nope.json")}': no such file or directory`,
    ]);
  });

  it("with neither PATH nor configuration, says where it looked: a usage error, exit 2", async () => {
    const dir = tempTree({ "a/.keep": "" });
    const r = await runCli(args.slice(), join(dir, "a"));
    expect(r.code).toBe(2);
    const give = name === "generate" ? "give PATHs and --out DIR" : "give PATHs";
    expect(r.stderr).toBe(
      `mofgen: no PATH given and no mofgen.config.json in ${join(dir, "a")} or a folder above it: ${give}, ` +
        "or write the configuration (docs/config.schema.json)\nRun 'mofgen --help' for usage.\n",
    );
  });

  it("reads no file when PATHs are given, and the file's settings when --config is given too", async () => {
    // The include directory comes from the file only: without it the include cannot be found.
    const dir = tempTree({
      "mofgen.config.json": JSON.stringify({ inputs: ["nothing.mof"], out: "gen", include: ["inc"] }),
      "a.mof": '#pragma include ("b.mof")\n',
      "inc/b.mof": mof,
    });
    const out = name === "generate" ? ["--out", "gen"] : [];
    const without = await runCli([...args, "a.mof", ...out, "--no-color"], dir);
    expect(without.code).toBe(1);
    expect(headlines(without.stderr)).toEqual([
      `a.mof:1:18 - error MOF1004: cannot find include file 'b.mof' (searched ${dir})`,
    ]);
    const withConfig = await runCli([...args, "a.mof", "--config", "mofgen.config.json", "--no-color"], dir);
    expect(withConfig.stderr).toBe("");
    expect(withConfig.code).toBe(0);
    expect(wroteClass(name, dir, dir)).toBe(true);
  });
});

describe("the docs object of mofgen.config.json", () => {
  const project = (docs: unknown) =>
    tempTree({
      "mofgen.config.json": JSON.stringify({ inputs: ["a.mof"], out: "gen", docs }),
      "a.mof": mof,
      "file-tpl/class.hbs": "from the file: {{name}}\n",
      "flag-tpl/class.hbs": "from the flag: {{name}}\n",
    });
  const page = (dir: string) => readFileSync(join(dir, "mofgen-docs/root.cimv2/ex-a.md"), "utf8");

  it("gives docs its templates, and the command line overrides them", async () => {
    const dir = project({ templates: "file-tpl" });
    expect((await runCli(["docs"], dir)).code).toBe(0);
    expect(page(dir)).toBe("from the file: EX\\_A\n");
    expect((await runCli(["docs", "--templates", "flag-tpl"], dir)).code).toBe(0);
    expect(page(dir)).toBe("from the flag: EX\\_A\n");
  });

  it("is generate's too, and its `false` turns off generate's pages, never the docs command's", async () => {
    const withPages = project({ templates: "file-tpl" });
    expect((await runCli(["generate"], withPages)).code).toBe(0);
    expect(readFileSync(join(withPages, "gen/docs/root.cimv2/ex-a.md"), "utf8")).toBe("from the file: EX\\_A\n");
    const off = project(false);
    expect((await runCli(["generate"], off)).code).toBe(0);
    expect(existsSync(join(off, "gen/docs"))).toBe(false);
    expect((await runCli(["docs"], off)).code).toBe(0);
    expect(page(off)).toContain("\n# EX\\_A class\n");
  });

  it("is read strictly for docs as for generate: a wrong docs key is an error at its place", async () => {
    for (const command of ["generate", "docs"]) {
      const r = await runCli([command, "--no-color"], project({ stlye: "dmtf" }));
      expect(r.code).toBe(1);
      expect(headlines(r.stderr)).toEqual([
        "mofgen.config.json:1:41 - error MOF4902: unknown configuration key 'stlye'; did you mean 'style'?",
      ]);
    }
  });
});

describe("pageSettings", () => {
  const file = { overlay: { path: "/p/o.json" }, locale: "ms_409", style: "dmtf" } as const;

  it("takes each setting from the command line, else from the file", () => {
    expect(pageSettings({ locale: "ms_407", templates: { path: "/t" }, style: undefined }, file)).toEqual({
      overlay: { path: "/p/o.json" },
      locale: "ms_407",
      style: "dmtf",
      templates: { path: "/t" },
    });
  });

  it("reads `docs: true`, `false` and an absent key as no settings of the file's", () => {
    for (const docs of [true, false, undefined])
      expect(pageSettings({ style: "microsoft" }, docs)).toEqual({ style: "microsoft" });
  });
});
