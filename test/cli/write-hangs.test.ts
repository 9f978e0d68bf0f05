import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fileTree, tempTree } from "../helpers/tmp.js";

/**
 * An output path that the writer cannot use must end the run with a diagnostic, never hang it: directories that
 * the system will not create (/proc), a lock name taken by something that is no lock, a FIFO where a file is
 * compared. Each case runs the built CLI (`npm run build` first) in its own process, killed with SIGKILL after
 * 20 s: a hang here is synchronous (a loop, or `open` on a FIFO), which no test timeout in this process (nor
 * SIGTERM, whose handler never gets to run) could stop.
 */
const bin = join(import.meta.dirname, "../../bin/mofgen.js");
const mof = "class A { [Key] string Id; };\n";
const hasProc = process.platform === "linux" && existsSync("/proc/self");

function generate(dir: string, args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [bin, "generate", ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 20_000,
    killSignal: "SIGKILL",
    env: { ...process.env, NO_COLOR: "1", MOFGEN_CACHE: "0", MOFGEN_LOCK_WAIT: "0", ...env },
  });
  // Killed means hung: say so rather than compare empty output.
  expect(run.signal, "the run hung and was killed").toBeNull();
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function mkfifo(path: string): void {
  expect(spawnSync("mkfifo", [path]).status).toBe(0);
}

describe.skipIf(!hasProc)("directories the system will not create", () => {
  it("an output directory below /proc: MOF4912 at once, not Node's endless recursive mkdir", () => {
    const dir = tempTree({ "a.mof": mof });
    const run = generate(dir, ["a.mof", "--no-docs", "--out", "/proc/mofgen-none/out"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "/proc/mofgen-none - error MOF4912: cannot create the output directory: the system refuses to create a directory in the folder above",
    );
    expect(run.stdout).toBe("Nothing written: /proc/mofgen-none/out/ cannot be written (see above).\n");
  });

  it("an existing folder that takes no new file (/proc/self): the lock's retries end in MOF4912", () => {
    const dir = tempTree({ "a.mof": mof });
    const run = generate(dir, ["a.mof", "--no-docs", "--out", "/proc/self"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /\/proc\/\d+\/\.mofgen-lock - error MOF4912: cannot create the lock: the system refuses to create a file in this folder/,
    );
  });

  it("a cache directory below /proc only means no cache", () => {
    const dir = tempTree({ "a.mof": mof });
    const run = generate(dir, ["a.mof", "--no-docs", "--out", "out"], {
      MOFGEN_CACHE: "1",
      MOFGEN_CACHE_DIR: "/proc/mofgen-none/cache",
    });
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(fileTree(join(dir, "out"))).toContain("root/cimv2/A.ts");
  });
});

describe("a lock name taken by something that is no lock", () => {
  const foreign: [string, (path: string) => void][] = [
    ["a dangling symbolic link", (path) => symlinkSync("nowhere/at/all", path)],
    ["a directory", (path) => mkdirSync(path)],
    ["a FIFO", mkfifo],
  ];
  for (const [what, make] of foreign) {
    it(`${what}: MOF4912 naming it, left as it is, nothing written`, () => {
      const dir = tempTree({ "a.mof": mof, "out/keep.txt": "mine\n" });
      make(join(dir, "out/.mofgen-lock"));
      const run = generate(dir, ["a.mof", "--no-docs", "--out", "out"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        "out/.mofgen-lock - error MOF4912: cannot create the lock: something other than a file (a directory, a symbolic link, a FIFO, a device) is in the way",
      );
      expect(readdirSync(join(dir, "out")).sort()).toEqual([".mofgen-lock", "keep.txt"]);
      // --check takes no lock and must not block reading it either.
      expect(generate(dir, ["a.mof", "--no-docs", "--out", "out", "--check"]).code).toBe(1);
    });
  }
});

describe("a FIFO where the writer reads a file", () => {
  it("at a generated file's path: refused like any file mofgen did not write (MOF4911), never opened", () => {
    const dir = tempTree({ "a.mof": mof });
    mkdirSync(join(dir, "out"));
    mkfifo(join(dir, "out/index.ts"));
    const run = generate(dir, ["a.mof", "--no-docs", "--out", "out"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("out/index.ts - error MOF4911: exists but was not written by mofgen");
    expect(run.stdout).toBe("Nothing written to out/.\n");
  });

  it("at the manifest's path: the manifest is ignored (MOF4913) and written anew", () => {
    const dir = tempTree({ "a.mof": mof });
    mkdirSync(join(dir, "out"));
    mkfifo(join(dir, "out/.mofgen-manifest.json"));
    const run = generate(dir, ["a.mof", "--no-docs", "--out", "out"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("out/.mofgen-manifest.json - warning MOF4913: manifest ignored (not a regular file");
    expect(readFileSync(join(dir, "out/.mofgen-manifest.json"), "utf8")).toContain('"index.ts"');
  });

  it("at a provider implementation's path: the user's, never opened nor replaced", () => {
    const config = { inputs: ["a.mof"], out: "gen", docs: false, providers: { out: "prov", classes: ["A"] } };
    const dir = tempTree({ "a.mof": mof, "mofgen.config.json": JSON.stringify(config) });
    mkdirSync(join(dir, "prov/root/cimv2"), { recursive: true });
    mkfifo(join(dir, "prov/root/cimv2/A.ts"));
    const run = generate(dir, ["--no-docs"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("Created");
    expect(fileTree(join(dir, "prov"))).toEqual([]);
  });
});

// Root ignores permissions: the folder is made immutable (chattr +i, refused even to root), as in
// generate-unwritable.test.ts.
const canChattr = process.platform === "linux" && spawnSync("chattr", ["--help"]).error === undefined;
const immutable: string[] = [];
afterEach(() => {
  for (const d of immutable.splice(0)) spawnSync("chattr", ["-i", d]);
});

describe.skipIf(!canChattr)("a stale lock in a folder that will not let it go", () => {
  it("is MOF4912 with the system's reason, not an endless take-over", () => {
    const gone = Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout);
    const stale = JSON.stringify({ pid: gone, hostname: hostname(), started: "2024-01-01T00:00:00.000Z" });
    const dir = tempTree({ "a.mof": mof, "out/.mofgen-lock": stale });
    if (spawnSync("chattr", ["+i", join(dir, "out")]).status !== 0) {
      console.warn("skipped: chattr +i failed");
      return;
    }
    immutable.push(join(dir, "out"));
    const run = generate(dir, ["a.mof", "--no-docs", "--out", "out"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("out/.mofgen-lock - error MOF4912: cannot create the lock: operation not permitted");
    expect(readFileSync(join(dir, "out/.mofgen-lock"), "utf8")).toBe(stale);
  });
});
