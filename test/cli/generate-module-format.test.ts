import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * Generated `.ts` modules below a CommonJS package.json do not compile (TS1287, TS1295: issue 12, "nothing says
 * why"); the run says why and what to do, warning MOF4919 on that package.json, and still generates.
 */

const mof = "class Test_A { [Key] string Id; };";
const warning = /package\.json - warning MOF4919: makes the output directory CommonJS .*"extension": "\.mts"/;

async function generate(files: Record<string, string>, args: string[] = []) {
  const dir = tempTree({ "a.mof": mof, ...files });
  return runCli(["generate", "a.mof", "--out", "app/gen", "--no-docs", ...args], dir);
}

describe("mofgen generate in a CommonJS package", () => {
  it.each<[string, Record<string, string>]>([
    ['"type": "commonjs" (npm init -y)', { "package.json": '{ "name": "app", "type": "commonjs" }' }],
    ["no type at all", { "package.json": '{ "name": "app" }' }],
    ["the nearest package.json, above the output directory", { "app/package.json": "{}" }],
  ])("warns with %s, and generates anyway", async (_, files) => {
    const r = await generate(files);
    expect(r.stderr).toMatch(warning);
    expect(r.stdout).toMatch(/^Generated \d+ TypeScript files in app\/gen\//);
    expect(r.code).toBe(0);
  });

  it.each<[string, Record<string, string>]>([
    ['"type": "module"', { "package.json": '{ "type": "module" }' }],
    ["a nearer ES module package.json", { "package.json": "{}", "app/package.json": '{ "type": "module" }' }],
  ])("says nothing under %s", async (_, files) => {
    const r = await generate(files);
    expect(r.stderr).not.toContain("MOF4919");
    expect(r.code).toBe(0);
  });

  it("is silenced by --quiet or --diagnostic MOF4919=off, and fails the run when raised to an error", async () => {
    const commonjs = { "package.json": '{ "name": "app" }' };
    for (const args of [["--quiet"], ["--diagnostic", "MOF4919=off"]]) {
      const r = await generate(commonjs, args);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
    const dir = tempTree({ "a.mof": mof, ...commonjs });
    const raised = await runCli(
      ["generate", "a.mof", "--out", "app/gen", "--no-docs", "--diagnostic", "MOF4919=error"],
      dir,
    );
    expect(raised.stderr).toMatch(/package\.json - error MOF4919: /);
    expect(raised.stdout).toBe('Nothing generated: the .ts files would be CommonJS (use "extension": ".mts").\n');
    expect(raised.code).toBe(1);
    expect(existsSync(join(dir, "app/gen"))).toBe(false);
  });

  it('says nothing when the configuration asks for "extension": ".mts"', async () => {
    const config = JSON.stringify({ inputs: ["a.mof"], out: "app/gen", extension: ".mts", docs: false });
    const dir = tempTree({ "a.mof": mof, "package.json": '{ "type": "commonjs" }', "mofgen.config.json": config });
    const r = await runCli(["generate"], dir);
    expect(r.stderr).not.toContain("MOF4919");
    expect(r.stdout).toMatch(/^Generated \d+ TypeScript files in app\/gen\//);
  });
});
