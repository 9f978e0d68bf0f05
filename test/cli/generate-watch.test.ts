import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileTree, tempTree } from "../helpers/tmp.js";
import { builtCli, watchCliPerTest } from "../helpers/watch-cli.js";

/**
 * `generate --watch` in a real process: the built CLI (test/helpers/watch-cli.ts), with platform file events and
 * with polling.
 */
/** The built CLI runs at all (a missing or broken build should fail here, not as a timeout). */
function builtCliRuns(): boolean {
  return spawnSync(process.execPath, [builtCli, "--version"], { encoding: "utf8", timeout: 10_000 }).status === 0;
}

const watch = watchCliPerTest();
const watchIn = (dir: string, args: string[], env: Record<string, string> = {}) =>
  watch(["generate", "--watch", ...args], dir, env);

const generated = /^Generated \d+ TypeScript files? and \d+ pages? in out\//m;

for (const mode of ["file events", "polling"] as const) {
  describe(`mofgen generate --watch (${mode})`, () => {
    it("regenerates after a change, survives a syntax error, and exits 0 on SIGINT", async () => {
      expect(builtCliRuns(), "bin/mofgen.js does not run: npm run build first").toBe(true);
      const dir = tempTree({ "mof/a.mof": "class A { string P; };\n" });
      const env: Record<string, string> = mode === "polling" ? { MOFGEN_WATCH_POLL: "1" } : {};
      const w = watchIn(dir, ["mof", "--out", "out"], env);
      await w.until(/^Watching mof\/ for changes/m, 1);
      expect(w.output()).toMatch(generated);

      writeFileSync(join(dir, "mof/a.mof"), "class A { string P; };\nclass B { };\n");
      await w.until(/^Change detected: regenerating$/m, 1);
      await w.until(generated, 2);

      // Recursive: a directory made after watching began is watched too.
      mkdirSync(join(dir, "mof/sub"));
      await new Promise((r) => setTimeout(r, 300));
      writeFileSync(join(dir, "mof/sub/d.mof"), "class D { };\n");
      await w.until(generated, 3);

      writeFileSync(join(dir, "mof/a.mof"), "class A { string P };\n");
      // Diagnostics go to stderr and the summary to stdout: two pipes, so wait for both.
      await w.until(/^Nothing generated: the MOF has errors\.$/m, 1);
      await w.until(/^mof\/a\.mof:1:20 - error MOF1201/m, 1);

      writeFileSync(join(dir, "mof/b.mof"), "class C { };\n");
      writeFileSync(join(dir, "mof/a.mof"), "class A { string P; };\n");
      await w.until(generated, 4);

      w.child.kill("SIGINT");
      expect(await w.exited()).toBe(0);
      expect(w.output()).toMatch(/Stopped watching\.\n$/);
      expect(w.output()).not.toMatch(/internal error|\n\s+at /);
    });
  });
}

describe("mofgen generate --watch with a configuration", () => {
  it("regenerates when mofgen.config.json changes, and reports a broken one without stopping", async () => {
    const dir = tempTree({
      "mofgen.config.json": JSON.stringify({ inputs: ["a.mof"], out: "out" }),
      "a.mof": "class A { };\n",
      "b.mof": "class B { };\n",
    });
    const w = watchIn(dir, []);
    await w.until(/^Watching a\.mof, mofgen\.config\.json for changes/m, 1);
    writeFileSync(join(dir, "mofgen.config.json"), '{ "inputs": ["a.mof"], "out": 1 }');
    await w.until(/mofgen\.config\.json:1:31 - error MOF4903/, 1);
    writeFileSync(join(dir, "mofgen.config.json"), JSON.stringify({ inputs: ["a.mof", "b.mof"], out: "out" }));
    await w.until(/^Watching a\.mof, b\.mof, mofgen\.config\.json for changes/m, 1);
    w.child.kill("SIGINT");
    expect(await w.exited()).toBe(0);
  });
});

describe("mofgen generate --watch with a docs overlay", () => {
  it("watches the overlay the configuration names, and regenerates when it changes", async () => {
    const dir = tempTree({
      "mofgen.config.json": JSON.stringify({ inputs: ["a.mof"], out: "out", docs: { overlay: "notes.json" } }),
      "a.mof": "class A { };\n",
      "notes.json": "{}",
    });
    const w = watchIn(dir, []);
    await w.until(/^Watching a\.mof, mofgen\.config\.json, notes\.json for changes/m, 1);
    writeFileSync(join(dir, "notes.json"), '{ "A": { "notes": 1 } }');
    await w.until(/notes\.json:1:19 - error MOF4805/, 1);
    w.child.kill("SIGINT");
    expect(await w.exited()).toBe(0);
  });
});

describe("mofgen generate --watch with a roll-up", () => {
  for (const mode of ["file events", "polling"] as const) {
    it(`watches the files the roll-up includes, outside the named paths (${mode})`, async () => {
      const dir = tempTree({
        "all.mof": '#pragma include ("classes/a.mof")\n#pragma include ("classes/b.mof")\n',
        "classes/a.mof": "class A { };\n",
        "classes/b.mof": "class B : A { };\n",
        "classes/unrelated.mof": "class U { };\n",
      });
      const env: Record<string, string> = mode === "polling" ? { MOFGEN_WATCH_POLL: "1" } : {};
      const w = watchIn(dir, ["all.mof", "--out", "out", "--no-docs"], env);
      await w.until(/^Watching all\.mof and 2 files they include for changes/m, 1);
      const once = /^Generated \d+ TypeScript files? in out\//m;
      expect(w.output()).toMatch(once);
      // A file that no include reaches is not watched: only a change to an included file regenerates.
      writeFileSync(join(dir, "classes/unrelated.mof"), "class U { string P; };\n");
      writeFileSync(join(dir, "classes/b.mof"), "class B : A { string Q; };\n");
      await w.until(/^Change detected: regenerating$/m, 1);
      await w.until(once, 2);
      expect(readFileSync(join(dir, "out/root/cimv2/B.ts"), "utf8")).toMatch(/\bQ\b/);
      // An include added to the roll-up is watched from the next run on.
      writeFileSync(join(dir, "classes/c.mof"), "class C { };\n");
      writeFileSync(
        join(dir, "all.mof"),
        `${readFileSync(join(dir, "all.mof"), "utf8")}#pragma include ("classes/c.mof")\n`,
      );
      await w.until(/^Watching all\.mof and 3 files they include for changes/m, 1);
      w.child.kill("SIGINT");
      expect(await w.exited()).toBe(0);
      expect(w.output().match(/^Change detected/gm)?.length).toBe(2);
    });
  }
});

describe("mofgen generate --watch after a series of edits", () => {
  it("leaves output byte-identical to a full run after each edit: classes, superclasses, maps, a syntax error", async () => {
    const dir = tempTree({
      "all.mof": '#pragma include ("a.mof")\n#pragma include ("b.mof")\n',
      "a.mof": "class A { [Key] string Id; };\nclass A2 { uint8 N; };\n",
      "b.mof": "class B : A { string Q; };\n",
    });
    const w = watchIn(dir, ["all.mof", "--out", "out"], { MOFGEN_WATCH_STATS: "1" });
    await w.until(/^Watching all\.mof and 2 files they include for changes/m, 1);
    const map = '[ValueMap{"0", "1"}, Values{"Off", "On"}] uint16 S;';
    // Each edit regenerates warm (parsed files, modules and pages reused): after each, the output must equal a
    // full run's from the same input in a fresh folder. `false` marks an edit with a syntax error (no output).
    const edits: [string, string, boolean][] = [
      ["b.mof", "class B : A { string Q; };\nclass C : B { };\n", true], // add a class
      ["b.mof", "class B : A { string Q; };\nclass D : B { };\n", true], // rename it
      ["b.mof", "class B : A2 { string Q; };\nclass D : B { };\n", true], // change a superclass
      // An included file: a new class, and a map equal to one declared later (shared names move).
      ["a.mof", `class A { [Key] string Id; };\nclass A2 { uint8 N; };\nclass A3 : A2 { ${map} };\n`, true],
      // A class and a comment inserted in the middle of a file: it is parsed from the edit on (spliceParse).
      [
        "a.mof",
        `class A { [Key] string Id; };\n/* new */\nclass A1 : A { string Z; };\nclass A2 { uint8 N; };\nclass A3 : A2 { ${map} };\n`,
        true,
      ],
      ["b.mof", `class B : A2 { string Q; ${map} };\nclass D : B { };\n`, true],
      ["b.mof", "class B : A2 { string Q };\n", false], // a syntax error: nothing generated
      ["b.mof", "class B : A2 { string Q; };\n", true], // fixed, and D deleted
      ["all.mof", '#pragma include ("a.mof")\n', true], // the roll-up drops a file: B's files go
    ];
    let runs = 1;
    for (const [i, [file, text, ok]] of edits.entries()) {
      writeFileSync(join(dir, file), text);
      if (!ok) {
        await w.until(/^Nothing generated: the MOF has errors\.$/m, 1);
        continue;
      }
      runs++;
      await w.until(generated, runs);
      const full = spawnSync(process.execPath, [builtCli, "generate", "all.mof", "--out", `full-${i}`], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", MOFGEN_CACHE: "0" },
      });
      expect(full.status, full.stderr).toBe(0);
      expect(contents(join(dir, "out")), `after edit ${i}`).toEqual(contents(join(dir, `full-${i}`)));
    }
    w.child.kill("SIGINT");
    expect(await w.exited()).toBe(0);
    const watched = contents(join(dir, "out"));
    expect(Object.keys(watched)).not.toContain("root/cimv2/D.ts");
    expect(Object.keys(watched)).not.toContain("root/cimv2/B.ts");
    expect(watched["root/cimv2/A3.ts"]).toMatch(/superclass: "A2"/);
    expect(watched["root/cimv2/A1.ts"]).toMatch(/superclass: "A"/);
    // Edits after a file's first declarations were spliced into its previous parse (MOFGEN_WATCH_STATS lines).
    expect(w.output()).toMatch(/^mofgen: watch run: \{[^\n]*"spliced":1/m);
  }, 240_000);
});

/** Every file under `root` with its text. */
function contents(root: string): Record<string, string> {
  return Object.fromEntries(fileTree(root).map((p) => [p, readFileSync(join(root, p), "utf8")]));
}
