import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { headlines, runCli } from "../helpers/cli.js";
import { fileTree, tempTree } from "../helpers/tmp.js";

/** A schema of `n` classes in root/cimv2, with `note` in every class so that a new note changes every file. */
function schema(n: number, note: string): Record<string, string> {
  const classes = Array.from({ length: n }, (_, i) => `[Description("${note}")] class C${i} { [key] string K; };`);
  return {
    "mofgen.config.json": JSON.stringify({ inputs: ["mof/"], out: "gen", docs: false }),
    "mof/a.mof": `${classes.join("\n")}\n`,
  };
}

/**
 * Run generate in `dir` and, once it has written its first temporary file (planning is over), turn every file
 * below `folder` into a directory. Renaming a file over a directory fails for root too (EISDIR): a write failure,
 * one cause for every file, that no permission bit is needed for. Planning refuses a directory it sees at a
 * file's place (write-safety-owned.test.ts); this one appears after planning, as one made while a large output is
 * written would. MOFGEN_TEST_WRITE_PAUSE_MS makes the writer yield between files.
 */
async function generateWhileDirectoriesAppear(dir: string, folder: string) {
  let done = false;
  const run = runCli(["generate"], dir, { MOFGEN_TEST_WRITE_PAUSE_MS: "1" }).finally(() => {
    done = true;
  });
  const isTemp = (path: string) => path.endsWith(".mofgen-tmp");
  while (!done && !fileTree(join(dir, "gen")).some(isTemp)) await new Promise((r) => setTimeout(r, 1));
  for (const rel of fileTree(folder).filter((p) => !isTemp(p))) {
    rmSync(join(folder, rel));
    mkdirSync(join(folder, rel));
  }
  return run;
}

describe("an output directory that cannot be written", () => {
  it("reports one cause once, at the folder of its files, with their number, and never claims Generated", async () => {
    const dir = tempTree(schema(30, "one"));
    expect((await runCli(["generate"], dir)).code).toBe(0);
    // A new description changes every class module (not the provider bases and indexes): all 30 fail for one cause.
    writeFileSync(join(dir, "mof/a.mof"), schema(30, "two")["mof/a.mof"] as string);
    const r = await generateWhileDirectoriesAppear(dir, join(dir, "gen/root/cimv2"));
    expect(r.code).toBe(2);
    const lines = headlines(r.stderr);
    expect(lines).toEqual([
      "gen/root/cimv2 - error MOF4912: cannot write 30 files in this folder and below: a directory is in the way",
    ]);
    expect(r.stdout).toMatch(
      /^Nothing written to gen\/: 30 files could not be written \(0 written, 33 unchanged, 0 removed\)\.\n$/,
    );
    expect(r.stdout).not.toContain("Generated");
  });

  it("says which part was written when only some files could be", async () => {
    const dir = tempTree(schema(3, "one"));
    expect((await runCli(["generate"], dir)).code).toBe(0);
    writeFileSync(join(dir, "mof/b.mof"), '#pragma namespace("root/other")\nclass D { [key] string K; };\n');
    writeFileSync(join(dir, "mof/a.mof"), schema(3, "two")["mof/a.mof"] as string);
    const r = await generateWhileDirectoriesAppear(dir, join(dir, "gen/root/cimv2"));
    expect(r.code).toBe(2);
    expect(headlines(r.stderr)).toEqual([
      "gen/root/cimv2 - error MOF4912: cannot write 3 files in this folder and below: a directory is in the way",
    ]);
    expect(r.stdout).toMatch(
      /^Generated \d+ TypeScript files in gen\/ only in part: 3 files could not be written \(\d+ written/,
    );
  });
});

// The real cause of the issue: a folder the run may not write (a read-only mount, a folder without permission).
// Root ignores permissions, so the test makes the folder immutable (Linux chattr +i, refused even to root).
const canChattr = process.platform === "linux" && spawnSync("chattr", ["--help"]).error === undefined;
const immutable: string[] = [];
afterEach(() => {
  for (const d of immutable.splice(0)) spawnSync("chattr", ["-i", d]);
});

describe.skipIf(!canChattr)("an output folder the system refuses (chattr +i)", () => {
  it("is reported once, naming the system's reason, and nothing is claimed as generated", async () => {
    const dir = tempTree(schema(25, "one"));
    expect((await runCli(["generate"], dir)).code).toBe(0);
    writeFileSync(join(dir, "mof/a.mof"), Object.values(schema(25, "two"))[1] as string);
    const folder = join(dir, "gen/root/cimv2");
    mkdirSync(folder, { recursive: true });
    const made = spawnSync("chattr", ["+i", folder]);
    if (made.status !== 0) {
      // Not every file system or container allows it: say so rather than pass silently.
      console.warn(`skipped: chattr +i failed: ${made.stderr}`);
      return;
    }
    immutable.push(folder);
    const r = await runCli(["generate"], dir);
    expect(r.code).toBe(2);
    expect(headlines(r.stderr)).toEqual([
      "gen/root/cimv2 - error MOF4912: cannot write 25 files in this folder and below: operation not permitted",
    ]);
    expect(r.stdout).not.toContain("Generated");
  });

  it("an output directory that cannot be written at all is one error, at the lock, and the summary says so", async () => {
    const dir = tempTree(schema(3, "one"));
    const out = join(dir, "gen");
    mkdirSync(out);
    if (spawnSync("chattr", ["+i", out]).status !== 0) {
      console.warn("skipped: chattr +i failed");
      return;
    }
    immutable.push(out);
    const r = await runCli(["generate"], dir);
    expect(r.code).toBe(2);
    expect(headlines(r.stderr)).toEqual([
      "gen/.mofgen-lock - error MOF4912: cannot create the lock: operation not permitted",
    ]);
    expect(r.stdout).toBe("Nothing written: gen/ cannot be written (see above).\n");
  });
});
