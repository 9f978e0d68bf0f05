import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

/** The locale setting reaches the value lists: `mofgen docs --locale` and the configuration's `docs.locale`. */
const fixture = join(import.meta.dirname, "../fixtures/localized-values");

describe("localised value labels through the command", () => {
  it("mofgen docs --locale 40c labels the values in French", async () => {
    const dir = tempTree({});
    const r = await runCli(["docs", "--locale", "40c", "--out", "pages", fixture], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "pages/root.example/ex-disk.md"), "utf8")).toContain("- **Inconnu** (2)\n");
  });

  it("says when no class of the inputs is amended in the locale asked for, and which locales are", async () => {
    const dir = tempTree({});
    const lines = (r: { stderr: string }) => r.stderr.split("\n").filter((l) => l.includes("MOF4806"));
    const misspelt = await runCli(["docs", "--locale", "ms_409", "--out", "pages", fixture], dir);
    expect(misspelt.code).toBe(0);
    expect(lines(misspelt)).toEqual([
      "warning MOF4806: no class of the inputs is amended in locale 'ms_409' (the inputs amend ms_40c): the pages keep the neutral descriptions and value labels",
    ]);
    // The neutral text it falls back to, and no warning for a spelling of a locale that is there.
    expect(readFileSync(join(dir, "pages/root.example/ex-disk.md"), "utf8")).toContain("- **Unknown** (2)\n");
    expect(lines(await runCli(["docs", "--locale", "0x40C", "--out", "pages", fixture], dir))).toEqual([]);
    const none = await runCli(["docs", "--locale", "409", "--out", "pages", join(fixture, "disk.mof")], dir);
    expect(lines(none)).toEqual([
      "warning MOF4806: no class of the inputs is amended in locale '409' (the inputs hold no .mfl amendment): the pages keep the neutral descriptions and value labels",
    ]);
  });

  it("lets --quiet and --diagnostic decide the pages' findings as they decide the compile's", async () => {
    const dir = tempTree({});
    const args = ["docs", "--locale", "409", "--out", "pages", join(fixture, "disk.mof")];
    for (const extra of [["--quiet"], ["--diagnostic", "MOF4806=off"]]) {
      const r = await runCli([...args, ...extra], dir);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
    const raised = await runCli([...args, "--diagnostic", "MOF4806=error"], join(dir));
    expect(raised.stderr).toContain("error MOF4806: no class of the inputs is amended in locale '409'");
    expect(raised.stdout).toBe("Nothing written: no class is amended in the locale asked for.\n");
    expect(raised.code).toBe(1);
    // A templates folder with no template in it (MOF4802), read before the compile, is judged too.
    mkdirSync(join(dir, "empty-templates"));
    const templates = await runCli([...args, "--templates", "empty-templates", "--quiet"], dir);
    expect(templates.stderr).toBe("");
    expect(templates.code).toBe(0);
    // The configuration's levels apply to generate's pages too, overlay findings included.
    const config = { inputs: [join(fixture, "disk.mof")], out: "gen", docs: { locale: "409", overlay: "o.json" } };
    const project = tempTree({
      "mofgen.config.json": JSON.stringify({ ...config, diagnostics: { MOF4806: "off", MOF4804: "info" } }),
      "o.json": JSON.stringify({ EX_Gone: { notes: "n" } }),
    });
    const generated = await runCli(["generate", "--quiet"], project);
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);
    const shown = await runCli(["generate", "--check"], project);
    expect(shown.stderr).toContain("info MOF4804: overlay key 'EX_Gone' is ignored");
    expect(shown.stderr).not.toContain("MOF4806");
  });

  it("mofgen generate with docs.locale in the configuration does the same", async () => {
    const config = { inputs: [fixture], out: "gen", docs: { locale: "ms_40c" } };
    const dir = tempTree({ "mofgen.config.json": JSON.stringify(config) });
    const r = await runCli(["generate"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const method = readFileSync(join(dir, "gen/docs/root.example/ex-disk/format.md"), "utf8");
    expect(method).toContain("- **Rapide** (1)\n");
    expect(method).toContain("- **Tâche démarrée** (4096)\n");
  });
});
