import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/cli/config.js";
import { headlines, runCli } from "../helpers/cli.js";
import { corpus } from "../helpers/corpora.js";
import { tempTree } from "../helpers/tmp.js";

const codesOf = (text: string) => headlines(text).map((l) => / - (\w+ MOF\d{4}):/.exec(l)?.[1]);

// Six unknown escapes (MOF1104 warnings), one ValueMap/Values mismatch (MOF3010, a warning in WMI mode).
const noisy = [
  ...Array.from({ length: 6 }, (_, i) => `[Description("a\\q${i}")] class W${i} { [key] string K; };`),
  'class V { [key] string K; [ValueMap {"1", "2"}, Values {"one"}] uint8 P; };',
].join("\n");

describe("--quiet", () => {
  it("check prints errors only", async () => {
    const dir = tempTree({ "a.mof": `${noisy}\nclass E { unit8 Q; };\n` });
    const loud = await runCli(["check", "a.mof"], dir);
    expect(codesOf(loud.stdout)).toContain("warning MOF1104");
    const quiet = await runCli(["check", "--quiet", "a.mof"], dir);
    expect(quiet.code).toBe(1);
    expect(codesOf(quiet.stdout)).toEqual(["error MOF1202"]);
  });

  it("generate prints nothing but its summary when there are only warnings", async () => {
    const dir = tempTree({ "a.mof": noisy });
    const r = await runCli(["generate", "-q", "a.mof", "--out", "gen", "--no-docs"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Generated \d+ TypeScript files in gen\//);
  });
});

describe("severity per code", () => {
  it("the configuration silences one code and keeps the others", async () => {
    const config = { inputs: ["a.mof"], out: "gen", docs: false, diagnostics: { MOF1104: "off" } };
    const dir = tempTree({ "a.mof": noisy, "mofgen.config.json": JSON.stringify(config) });
    const r = await runCli(["generate"], dir);
    expect(r.code).toBe(0);
    expect(codesOf(r.stderr)).toEqual(["warning MOF3010"]);
  });

  it("raises a warning to an error, which stops generation like any error", async () => {
    const config = { inputs: ["a.mof"], out: "gen", docs: false, diagnostics: { MOF3010: "error" } };
    const dir = tempTree({ "a.mof": noisy, "mofgen.config.json": JSON.stringify(config) });
    const r = await runCli(["generate"], dir);
    expect(r.code).toBe(1);
    expect(codesOf(r.stderr)).toContain("error MOF3010");
    expect(r.stdout).toBe("Nothing generated: the MOF has errors.\n");
  });

  it("the command line wins over the configuration", async () => {
    const config = { inputs: ["a.mof"], out: "gen", docs: false, diagnostics: { MOF1104: "off", MOF3010: "off" } };
    const dir = tempTree({ "a.mof": noisy, "mofgen.config.json": JSON.stringify(config) });
    const r = await runCli(["generate", "--diagnostic", "MOF3010=info"], dir);
    expect(codesOf(r.stderr)).toEqual(["info MOF3010"]);
  });

  it("never lowers an error: a compile with an error has no model to generate from", async () => {
    const dir = tempTree({ "a.mof": "class E { unit8 Q; };\n" });
    const r = await runCli(["check", "--diagnostic", "MOF1202=off", "a.mof"], dir);
    expect(r.code).toBe(1);
    expect(codesOf(r.stdout)).toEqual(["error MOF1202"]);
  });

  it("refuses an unknown code or level on the command line (exit 2), naming the code meant", async () => {
    const dir = tempTree({ "a.mof": noisy });
    const code = await runCli(["check", "--diagnostic", "MOF3100=off", "a.mof"], dir);
    expect(code.code).toBe(2);
    expect(code.stderr).toContain("--diagnostic: 'MOF3100' is no mofgen diagnostic code; did you mean 'MOF3010'?");
    const level = await runCli(["check", "--diagnostic", "MOF3010=silent", "a.mof"], dir);
    expect(level.code).toBe(2);
    expect(level.stderr).toContain("the level must be one of off, info, warning, error (got 'silent')");
  });

  it("the configuration checker reports an unknown code and a wrong level at their place", () => {
    const text = '{"diagnostics": {"MOF3100": "off", "MOF3010": "silent", "MOF1104": 0}}';
    const found = parseConfig(text, "/x/c.json").diagnostics.map((d) => {
      const p = d.span?.file.position(d.span.start);
      return `${p?.line}:${p?.column} ${d.code} ${d.message}`;
    });
    expect(found).toEqual([
      "1:18 MOF4906 'MOF3100' is no mofgen diagnostic code; did you mean 'MOF3010'?",
      `1:47 MOF4903 'diagnostics.MOF3010' must be "off", "info", "warning" or "error", not "silent"`,
      `1:68 MOF4903 'diagnostics.MOF1104' must be "off", "info", "warning" or "error", not a number`,
    ]);
  });
});

describe("repeated warnings in generate", () => {
  it("show three of a code, then one line counting the rest; check still shows every one", async () => {
    const dir = tempTree({ "a.mof": noisy });
    const r = await runCli(["generate", "a.mof", "--out", "gen", "--no-docs"], dir);
    expect(r.code).toBe(0);
    expect(codesOf(r.stderr)).toEqual(["warning MOF1104", "warning MOF1104", "warning MOF1104", "warning MOF3010"]);
    expect(r.stderr).toContain(
      'and 3 more MOF1104 warnings not shown (`mofgen check` lists them; --quiet, or "diagnostics": { "MOF1104": "off" } in the configuration, silences them)',
    );
    const check = await runCli(["check", "a.mof"], dir);
    expect(codesOf(check.stdout).filter((c) => c === "warning MOF1104")).toHaveLength(6);
  });

  const hyperv = corpus("hyperv");
  it.skipIf(hyperv === undefined)(
    "the Hyper-V v2 schema: at most three blocks of each code",
    async () => {
      const dir = tempTree({});
      const all = join(hyperv ?? "", "v2/all.mof");
      const r = await runCli(["generate", all, "--out", "gen", "--no-docs"], dir);
      expect(r.code).toBe(0);
      const codes = codesOf(r.stderr);
      const perCode = new Map<string, number>();
      for (const c of codes) perCode.set(c ?? "", (perCode.get(c ?? "") ?? 0) + 1);
      expect(Math.max(...perCode.values())).toBeLessThanOrEqual(3);
      // Every warning is accounted for: shown, or counted in an "and N more" line (check counts 39).
      const counted = [...r.stderr.matchAll(/^and (\d+) more MOF\d{4} warnings? not shown/gm)].map((m) => Number(m[1]));
      expect(codes.length + counted.reduce((a, b) => a + b, 0)).toBe(39);
      expect(r.stderr.split("\n").length).toBeLessThan(100);
    },
    60_000,
  );

  it.skipIf(hyperv === undefined)(
    "the Hyper-V v2 schema with the README's settings: the summary alone",
    async () => {
      const diagnostics = {
        MOF2007: "off",
        MOF2008: "off",
        MOF3008: "off",
        MOF3009: "off",
        MOF3011: "off",
        MOF3012: "off",
      };
      const config = { inputs: [join(hyperv ?? "", "v2/all.mof")], out: "gen", docs: false, diagnostics };
      const dir = tempTree({ "mofgen.config.json": JSON.stringify(config) });
      const r = await runCli(["generate"], dir);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(
        /^Generated \d+ TypeScript files in gen\/ \(\d+ written, 0 unchanged, 0 removed\) in [\d.]+ s\n$/,
      );
    },
    60_000,
  );
});

describe("mofgen diff", () => {
  it("takes --diagnostic too: a warning raised to an error stops the diff as any compile error does", async () => {
    const dir = tempTree({ "old.mof": "class A { [key] string K; };\n", "new.mof": noisy });
    expect((await runCli(["diff", "old.mof", "new.mof", "--fail-on", "none"], dir)).code).toBe(0);
    const r = await runCli(["diff", "old.mof", "new.mof", "--diagnostic", "MOF3010=error"], dir);
    expect(r.code).toBe(1);
    expect(codesOf(r.stderr)).toContain("error MOF3010");
  });
});
