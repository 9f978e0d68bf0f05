import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/program/program.js";
import { expandInputs } from "../../src/source/inputs.js";
import { runCli } from "../helpers/cli.js";
import { where } from "../helpers/parse.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * Issue 13, item 16: only regular files of a sane size are read. A FIFO, a device or a directory named as a
 * file is MOF1003 "not a regular file", by path or at the include, and is never opened for a blocking read.
 */
const writers: ChildProcess[] = [];
afterEach(() => {
  for (const w of writers.splice(0)) w.kill("SIGKILL");
});

/**
 * A FIFO with a writer waiting on it: had mofgen read the FIFO it would get MOF text and finish (the test then
 * fails on what it read) rather than block forever.
 */
function fifoWithWriter(path: string): void {
  execFileSync("mkfifo", [path]);
  writers.push(spawn("sh", ["-c", 'printf "class FromFifo {};" > "$1"', "sh", path], { stdio: "ignore" }));
}

describe("files that are not regular files", () => {
  it("refuses a FIFO, a .mof link to /dev/zero and an oversized file named as inputs, without reading them", () => {
    const dir = tempTree({ "ok.mof": "class A {};" });
    fifoWithWriter(join(dir, "fifo.mof"));
    symlinkSync("/dev/zero", join(dir, "zero.mof"));
    writeFileSync(join(dir, "huge.mof"), "");
    truncateSync(join(dir, "huge.mof"), 600 * 1024 * 1024); // sparse: no disk used, 600 MB as far as stat knows
    const inputs = ["fifo.mof", "zero.mof", "huge.mof"];
    const reasons = [
      "not a regular file (a named pipe)",
      "not a regular file (a device)",
      "file too large (600 MiB; mofgen reads source files of up to 256 MiB)",
    ];
    expect(expandInputs(inputs, dir).map((e) => (e.kind === "unreadable" ? e.reason : e.kind))).toEqual(reasons);
    const program = buildProgram([...inputs, "ok.mof"], { cwd: dir });
    expect(program.inputErrors).toBe(true);
    expect(program.diagnostics.map((d) => [d.code, d.path, d.message])).toEqual(
      inputs.map((p, i) => ["MOF1003", p, `cannot read '${p}': ${reasons[i]}`]),
    );
    expect(program.files.map((f) => f.source.path)).toEqual([join(dir, "ok.mof")]);
  });

  it("says 'not a regular file', not 'cannot find', for an include of a directory, a FIFO or a device", () => {
    const dir = tempTree({
      "a.mof": ['#include "zero.mof"', '#pragma include ("sub")', '#pragma include ("fifo.mof")', "class A {};"].join(
        "\n",
      ),
    });
    mkdirSync(join(dir, "sub"));
    fifoWithWriter(join(dir, "fifo.mof"));
    symlinkSync("/dev/zero", join(dir, "zero.mof"));
    const program = buildProgram([join(dir, "a.mof")]);
    expect(program.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      `1:10 MOF1003 cannot read '${join(dir, "zero.mof")}': not a regular file (a device)`,
      `2:18 MOF1003 cannot read '${join(dir, "sub")}': not a regular file (a directory)`,
      `3:18 MOF1003 cannot read '${join(dir, "fifo.mof")}': not a regular file (a named pipe)`,
    ]);
    expect(program.files).toHaveLength(1);
  });

  it("refuses a FIFO named by --config or --overlay", async () => {
    const dir = tempTree({ "a.mof": "class A {};" });
    fifoWithWriter(join(dir, "config.json"));
    const config = await runCli(["generate", "--config", "config.json"], dir);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain("config.json - error MOF1003: cannot read '");
    expect(config.stderr).toContain("config.json': not a regular file (a named pipe)");
    fifoWithWriter(join(dir, "overlay.json"));
    const docs = await runCli(["docs", "a.mof", "--overlay", "overlay.json", "--out", "pages"], dir);
    expect(docs.code).toBe(2);
    expect(docs.stderr + docs.stdout).toContain("not a regular file (a named pipe)");
  });

  it("refuses them in the built command too, and never hangs (the process is killed after 30 s)", () => {
    const bin = join(import.meta.dirname, "../../bin/mofgen.js");
    const dir = tempTree({});
    fifoWithWriter(join(dir, "fifo.mof"));
    symlinkSync("/dev/zero", join(dir, "zero.mof"));
    const run = spawnSync(process.execPath, [bin, "check", "fifo.mof", "zero.mof"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 30_000,
      killSignal: "SIGKILL",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(2);
    expect(run.stdout).toContain("fifo.mof - error MOF1003: cannot read 'fifo.mof': not a regular file (a named pipe)");
    expect(run.stdout).toContain("zero.mof - error MOF1003: cannot read 'zero.mof': not a regular file (a device)");
  });
});
