import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach } from "vitest";

/**
 * The built CLI (`npm run build` first; CI builds before testing) in watch mode, as a real process: what it prints
 * on stdout and stderr together, waits for patterns in it, and its exit. Each wait has its own timeout, so a hang
 * fails with what was printed. `generate --watch` and `check --watch` are tested through it.
 */
export const builtCli = join(import.meta.dirname, "../../bin/mofgen.js");

export interface Watched {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves when the output has `count` matches of `pattern`; rejects after `ms` with the output so far. */
  until(pattern: RegExp, count: number, ms?: number): Promise<void>;
  exited(ms?: number): Promise<number | null>;
}

/**
 * A `watch(args, dir, env)` for one test file: each process it starts is killed after its test if it is still
 * running, so a failed wait never leaves a watcher behind.
 */
export function watchCliPerTest(): (args: readonly string[], dir: string, env?: Record<string, string>) => Watched {
  const running: ChildProcess[] = [];
  afterEach(() => {
    for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  });
  return (args, dir, env = {}) => {
    const child = spawn(process.execPath, [builtCli, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.push(child);
    return watched(child);
  };
}

function watched(child: ChildProcess): Watched {
  let text = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString("utf8");
    for (const l of listeners) l();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  return {
    child,
    output: () => text,
    // Generous: a wait guards against a hang, and a loaded 2-core machine can take over 15 s to start the CLI.
    until: (pattern, count, ms = 40_000) =>
      new Promise((resolve, reject) => {
        const global = new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`);
        const check = () => {
          if ((text.match(global)?.length ?? 0) >= count) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${count} x ${pattern}; output:\n${text}`));
        }, ms);
        listeners.add(check);
        check();
      }),
    exited: (ms = 10_000) =>
      new Promise((resolve, reject) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => reject(new Error(`did not exit; output:\n${text}`)), ms);
        child.on("exit", (code) => {
          clearTimeout(timer);
          resolve(code);
        });
      }),
  };
}
