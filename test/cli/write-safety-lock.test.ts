import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { headlines, runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * A run that writes nothing (refused at planning, interrupted before any file changed) leaves the disk as it
 * found it: no lock, and none of the folders it made for the output directory, whether it made them at the start
 * or again after the run it waited for had removed them. Real processes of the built CLI (`npm run build` first)
 * for the wait; MOFGEN_TEST_WRITE_PAUSE_MS (test-only) holds the first run while it writes.
 */
const bin = join(import.meta.dirname, "../../bin/mofgen.js");
const mof = "class A { [Key] string Id; };\n";
/** A configuration that planning refuses: a file where the providers folder root/ must be (MOF4911). */
const refused = (out: string) =>
  JSON.stringify({ inputs: ["a.mof"], out, docs: false, providers: { out: "prov", classes: ["A"] } });
const inTheWay = "prov/root - error MOF4911: is in the way of a folder that mofgen must create for 1 file";

interface Started {
  readonly child: ChildProcess;
  /** What it wrote to stderr so far. */
  readonly stderr: () => string;
  readonly exit: Promise<number | null>;
}

function start(cwd: string, argv: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, [bin, ...argv], { cwd, env: { ...process.env, NO_COLOR: "1", ...env } });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exit = new Promise<number | null>((done) => child.on("close", (code) => done(code)));
  return { child, stderr: () => stderr, exit };
}

async function until(what: string, ready: () => boolean): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (ready()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("a run that writes nothing", () => {
  it("removes the folders it made above the output directory too (--out build/gen)", async () => {
    const dir = tempTree({ "a.mof": mof, "prov/root": "mine\n", "mofgen.config.json": refused("build/gen") });
    const run = await runCli(["generate"], dir);
    expect(run.code).toBe(1);
    expect(headlines(run.stderr)[0]).toContain(inTheWay);
    expect(run.stdout).toBe("Nothing written to build/gen/.\n");
    expect(readdirSync(dir).sort()).toEqual(["a.mof", "mofgen.config.json", "prov"]);
  });

  it("keeps the folders that were there before it, and what they hold", async () => {
    const config = refused("build/gen");
    const dir = tempTree({
      "a.mof": mof,
      "prov/root": "mine\n",
      "build/keep.txt": "x\n",
      "mofgen.config.json": config,
    });
    const run = await runCli(["generate"], dir);
    expect(run.code).toBe(1);
    expect(readdirSync(join(dir, "build"))).toEqual(["keep.txt"]);
  });

  it("removes the output directory it made again after the run it waited for removed it", async () => {
    const dir = tempTree({ "a.mof": mof, "prov/root": "mine\n", "b.json": refused("out") });
    // The first run makes out/, takes its lock and is stopped before it writes: it removes what it made.
    const first = start(dir, ["generate", "a.mof", "--out", "out", "--no-docs"], {
      MOFGEN_TEST_WRITE_PAUSE_MS: "5000",
    });
    await until("the first run's lock", () => existsSync(join(dir, "out/.mofgen-lock")));
    // The second waits for the lock, makes out/ again once the first removed it, and is refused at planning.
    const second = start(dir, ["generate", "--config", "b.json"], { MOFGEN_LOCK_WAIT: "30" });
    await until("the second run to wait", () => second.stderr().includes("waiting for another mofgen run"));
    first.child.kill("SIGINT");
    expect(await first.exit).toBe(130);
    expect(await second.exit).toBe(1);
    expect(second.stderr()).toContain(inTheWay);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});
