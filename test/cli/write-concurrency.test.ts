import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { manifestName } from "../../src/cli/generate-manifest.js";
import { runCli } from "../helpers/cli.js";
import { fileTree, tempTree } from "../helpers/tmp.js";

/**
 * Issue 13, items 4 and 5: one writer per output directory (a lock), and no trace left by a killed or
 * interrupted run that a later run or `--check` would not see. Real processes of the built CLI (`npm run build`
 * first), real SIGKILL and SIGINT; MOFGEN_TEST_WRITE_PAUSE_MS (test-only) holds a run while its temporary
 * files exist, so that the signal lands mid-write every time.
 */
const bin = join(import.meta.dirname, "../../bin/mofgen.js");
const classes = (prefix: string, n: number, extra = "") =>
  Array.from({ length: n }, (_, i) => `class ${prefix}${i} { [Key] string Id;${extra} };\n`).join("");
const args = (mof: string) => ["generate", mof, "--out", "out", "--no-docs"];
const isTemp = (path: string) => path.endsWith(".mofgen-tmp");

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(
  cwd: string,
  argv: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(process.execPath, [bin, ...argv], { cwd, env: { ...process.env, NO_COLOR: "1", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exit = new Promise<Exit>((done) => child.on("close", (code, signal) => done({ code, signal, stdout, stderr })));
  return { child, exit };
}

/** Resolves once a mofgen temporary file exists below `dir`: the run is in the middle of writing. */
async function tempFileAppears(dir: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (fileTree(dir).some(isTemp)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("no temporary file appeared");
}

function manifestFiles(outDir: string): string[] {
  return (JSON.parse(readFileSync(join(outDir, manifestName), "utf8")) as { files: string[] }).files;
}

/** A process id that no process has now: a child that has exited. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(pid.stdout);
}

const lock = (pid: number) => JSON.stringify({ pid, hostname: hostname(), started: "2024-01-01T00:00:00.000Z" });

describe("temporary files of earlier runs (item 5)", () => {
  // First in the file, so that the process's own temporary-name counter of old builds would start at 0.
  it("lists and removes a leftover of a previous run with the same PID (PID 1 in a container)", async () => {
    const leftovers = Array.from({ length: 200 }, (_, n) => [`out/.index.ts.${process.pid}.${n}.mofgen-tmp`, "x"]);
    const dir = tempTree({ "a.mof": classes("A", 2), ...Object.fromEntries(leftovers) });
    writeFileSync(join(dir, "out/root.ts.1-0123456789ab-0.mofgen-tmp"), "not ours: no leading dot\n");
    writeFileSync(join(dir, `out/.A0.ts.${deadPid()}-0123456789ab-0.mofgen-tmp`), "ours\n");
    const check = await runCli([...args("a.mof"), "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("201 leftover temporary files");
    expect(check.stdout).toContain(`  leftover out/.index.ts.${process.pid}.0.mofgen-tmp\n`);

    const run = await runCli(args("a.mof"), dir);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toContain("Removed 201 temporary files left by an interrupted run");
    expect(fileTree(join(dir, "out")).filter(isTemp)).toEqual(["root.ts.1-0123456789ab-0.mofgen-tmp"]);
    expect((await runCli([...args("a.mof"), "--check"], dir)).code).toBe(0);
  });

  it("SIGKILL mid-write: --check lists the leftover, the next run removes it", async () => {
    const dir = tempTree({ "a.mof": classes("A", 3) });
    const killed = start(dir, args("a.mof"), { MOFGEN_TEST_WRITE_PAUSE_MS: "5000" });
    await tempFileAppears(join(dir, "out"));
    killed.child.kill("SIGKILL");
    expect((await killed.exit).signal).toBe("SIGKILL");
    const left = fileTree(join(dir, "out")).filter(isTemp);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.index\.ts\.\d+-[0-9a-f]{12}-\d+\.mofgen-tmp$/);

    const check = await runCli([...args("a.mof"), "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`  leftover out/${left[0]}\n`);
    const run = await runCli(args("a.mof"), dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Removed 1 temporary file left by an interrupted run");
    expect(fileTree(join(dir, "out")).filter(isTemp)).toEqual([]);
  });

  it("SIGINT mid-write: removes its temporary files, says so in one line, exits 130, output unchanged", async () => {
    const dir = tempTree({ "a.mof": classes("A", 3) });
    expect((await runCli(args("a.mof"), dir)).code).toBe(0);
    const before = fileTree(join(dir, "out")).map((f) => [f, readFileSync(join(dir, "out", f), "utf8")]);
    writeFileSync(join(dir, "a.mof"), classes("A", 3, " string Name;"));
    const run = start(dir, args("a.mof"), { MOFGEN_TEST_WRITE_PAUSE_MS: "5000" });
    await tempFileAppears(join(dir, "out"));
    run.child.kill("SIGINT");
    const exit = await run.exit;
    expect([exit.code, exit.stderr]).toEqual([
      130,
      "mofgen: interrupted; removed 1 temporary file, the output is unchanged\n",
    ]);
    expect(fileTree(join(dir, "out")).map((f) => [f, readFileSync(join(dir, "out", f), "utf8")])).toEqual(before);
  });
});

describe("one writer per output directory (item 4)", () => {
  it("waits for a live lock holder, then stops with an error naming it; nothing written", async () => {
    const dir = tempTree({ "a.mof": classes("A", 1), "out/.mofgen-lock": lock(process.ppid) });
    const run = await runCli(args("a.mof"), dir, { MOFGEN_LOCK_WAIT: "0.3" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`mofgen: waiting for another mofgen run (process ${process.ppid} on ${hostname()}`);
    expect(run.stderr).toContain(
      `out/.mofgen-lock - error MOF4917: another mofgen run (process ${process.ppid} on ${hostname()}, since 2024-01-01T00:00:00.000Z) is writing to this output directory; waited 0 s for it.`,
    );
    expect(fileTree(join(dir, "out"))).toEqual([".mofgen-lock"]);
  });

  it("reports an output directory (and lock) it cannot create like any write it cannot do (MOF4912, exit 2), not as an internal error", async () => {
    const dir = tempTree({ "a.mof": classes("A", 1), out: "a file where the directory should be\n" });
    const run = await runCli(args("a.mof"), dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "out - error MOF4912: cannot create the output directory: a file is in the way of a directory",
    );
    expect(run.stdout).toBe("Nothing written: out/ cannot be written (see above).\n");
    expect(readFileSync(join(dir, "out"), "utf8")).toBe("a file where the directory should be\n");
  });

  it("takes over the lock of a process that is gone, or of an earlier run with this very PID", async () => {
    for (const pid of [deadPid(), process.pid]) {
      const dir = tempTree({ "a.mof": classes("A", 1), "out/.mofgen-lock": lock(pid) });
      const run = await runCli(args("a.mof"), dir, { MOFGEN_LOCK_WAIT: "0" });
      expect([run.code, run.stderr]).toEqual([0, ""]);
      expect(existsSync(join(dir, "out/.mofgen-lock"))).toBe(false);
    }
  });

  it("--check does not take a live writer's temporary file for a leftover", async () => {
    const dir = tempTree({ "a.mof": classes("A", 1) });
    expect((await runCli(args("a.mof"), dir)).code).toBe(0);
    writeFileSync(join(dir, `out/.index.ts.${process.ppid}-0123456789ab-0.mofgen-tmp`), "being written\n");
    const check = await runCli([...args("a.mof"), "--check"], dir);
    expect([check.code, check.stdout]).toEqual([0, expect.stringContaining("is up to date")]);
  });

  it("two real runs at once: one waits for the other; every file on disk is listed and --check agrees", async () => {
    const dir = tempTree({ "a.mof": classes("A", 30), "b.mof": classes("B", 30) });
    // The pause holds the first writer's lock long enough that the second one certainly meets it.
    const env = { MOFGEN_TEST_WRITE_PAUSE_MS: "10" };
    const runs = await Promise.all([start(dir, args("a.mof"), env).exit, start(dir, args("b.mof"), env).exit]);
    expect(runs.map((r) => [r.code, r.stderr.replace(/^mofgen: waiting .*\n/, "")])).toEqual([
      [0, ""],
      [0, ""],
    ]);
    const onDisk = fileTree(join(dir, "out")).filter((f) => f !== manifestName);
    expect(manifestFiles(join(dir, "out"))).toEqual(onDisk);
    const last = onDisk.includes("root/cimv2/A0.ts") ? "a.mof" : "b.mof";
    expect(onDisk.some((f) => f.includes(last === "a.mof" ? "/B0" : "/A0"))).toBe(false);
    const check = await runCli([...args(last), "--check"], dir);
    expect([check.code, check.stdout]).toEqual([0, expect.stringContaining("is up to date")]);
  });

  it("--check reports a file with mofgen's header that no manifest lists; generate leaves it, with a warning", async () => {
    const dir = tempTree({ "a.mof": classes("A", 1) });
    expect((await runCli(args("a.mof"), dir)).code).toBe(0);
    copyFileSync(join(dir, "out/root/cimv2/A0.ts"), join(dir, "out/root/cimv2/Old.ts"));
    const check = await runCli([...args("a.mof"), "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("1 unlisted generated file");
    expect(check.stdout).toContain("  unlisted out/root/cimv2/Old.ts\n");
    expect(check.stderr).toContain("out/root/cimv2/Old.ts - warning MOF4918");
    const run = await runCli(args("a.mof"), dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning MOF4918");
    expect(readdirSync(join(dir, "out/root/cimv2"))).toContain("Old.ts");
  });
});
