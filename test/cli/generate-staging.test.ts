import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Stager } from "../../src/cli/stager.js";
import { runCli } from "../helpers/cli.js";
import { fileTree, tempTree } from "../helpers/tmp.js";

/**
 * Issue 15: a cold run into a fresh output directory stages each file on a worker thread while the rest is
 * emitted, then renames them into place. The output must be the one any other run writes, and a refused or
 * interrupted run must leave nothing behind: no temporary file, no folder.
 */
const bin = join(import.meta.dirname, "../../bin/mofgen.js");
const classes = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `class ${prefix}${i} { [Key] string Id; uint32 Go(); };\n`).join("");
const noCache = { MOFGEN_CACHE: "0" };

function contents(root: string): [string, string][] {
  return fileTree(root).map((f) => [f, readFileSync(join(root, f), "utf8")]);
}

function start(cwd: string, argv: string[], env: Record<string, string>): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(process.execPath, [bin, ...argv], { cwd, env: { ...process.env, NO_COLOR: "1", ...env } });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exit = new Promise<Exit>((done) => child.on("close", (code, signal) => done({ code, signal, stderr })));
  return { child, exit };
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

describe("generate into a fresh output directory (issue 15)", () => {
  it("writes byte for byte what a run into a folder that holds a file writes, docs included", async () => {
    const dir = tempTree({ "a.mof": classes("A", 30), "old/unrelated.txt": "not mofgen's\n" });
    const fresh = await runCli(["generate", "a.mof", "--out", "new"], dir, noCache);
    const held = await runCli(["generate", "a.mof", "--out", "old"], dir, noCache);
    expect([fresh.code, fresh.stderr]).toEqual([0, ""]);
    expect([held.code, held.stderr]).toEqual([0, ""]);
    const written = contents(join(dir, "new"));
    expect(written.length).toBeGreaterThan(60);
    expect(written.some(([f]) => f.endsWith(".mofgen-tmp"))).toBe(false);
    expect([["unrelated.txt", "not mofgen's\n"], ...written].sort()).toEqual(contents(join(dir, "old")).sort());
    expect((await runCli(["generate", "a.mof", "--out", "new", "--check"], dir, noCache)).code).toBe(0);
  });

  it("refused after staging (a path too long for some file systems): no file and no folder left", async () => {
    const deep = Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(97 + i)}${"n".repeat(109)}`).join("/");
    const dir = tempTree({
      "a.mof": `${classes("A", 20)}#pragma namespace("root/${deep}")\nclass B { [key] string K; };\n`,
    });
    const run = await runCli(["generate", "a.mof", "--out", "out"], dir, noCache);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("MOF4931");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("interrupted (SIGINT) while staging: exits 130, removes its temporary files, leaves no output folder", async () => {
    const dir = tempTree({ "a.mof": classes("A", 3) });
    const run = start(dir, ["generate", "a.mof", "--out", "out", "--no-docs"], {
      ...noCache,
      MOFGEN_TEST_WRITE_PAUSE_MS: "5000",
    });
    for (let i = 0; i < 1000 && !fileTree(join(dir, "out")).some((f) => f.endsWith(".mofgen-tmp")); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    run.child.kill("SIGINT");
    const exit = await run.exit;
    expect([exit.code, exit.stderr]).toEqual([
      130,
      "mofgen: interrupted; removed 1 temporary file, the output is unchanged\n",
    ]);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe("Stager", () => {
  it("writes files on a worker, under vitest too, and hands back exactly the ones staged with that content", async () => {
    const root = tempTree({});
    const stager = Stager.start(root, undefined);
    expect(stager).toBeDefined();
    if (stager === undefined) return;
    stager.stage({ path: "a/b/one.ts", content: "one\n", owner: "mofgen" });
    stager.stage({ path: "two.ts", content: "two €\n".repeat(5000), owner: "mofgen" });
    stager.stage({ path: "mine.ts", content: "user\n", owner: "user" });
    stager.stage({ path: "../escape.ts", content: "no\n", owner: "mofgen" });
    await stager.settle(undefined);
    const one = stager.take("a/b/one.ts", "one\n");
    expect(one).toBeDefined();
    expect(readFileSync(one ?? "", "utf8")).toBe("one\n");
    expect(stager.take("two.ts", "other")).toBeUndefined();
    expect(stager.take("mine.ts", "user\n")).toBeUndefined();
    // The one not taken is removed; the one taken is the caller's; folders left empty go.
    expect(await stager.close()).toBe(1);
    expect(fileTree(root)).toEqual([one?.slice(root.length + 1)]);
  });
});
