import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempTree } from "../helpers/tmp.js";

/** `mofgen check --watch` in a real process (the built CLI): the resident mode on the command line. */
const bin = join(import.meta.dirname, "../../bin/mofgen.js");
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});

function checkWatch(dir: string, args: string[]) {
  const child = spawn(process.execPath, [bin, "check", "--watch", ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let text = "";
  const waiting = new Set<() => void>();
  const onData = (b: Buffer) => {
    text += b.toString("utf8");
    for (const w of waiting) w();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const until = (pattern: RegExp, count: number) =>
    new Promise<void>((resolve, reject) => {
      const global = new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`);
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}:\n${text}`)), 40_000);
      const check = () => {
        if ((text.match(global)?.length ?? 0) < count) return;
        waiting.delete(check);
        clearTimeout(timer);
        resolve();
      };
      waiting.add(check);
      check();
    });
  const exited = () => new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, until, exited, output: () => text };
}

describe("mofgen check --watch", () => {
  it("checks again on each change to an input or an included file, and stops on SIGINT", async () => {
    const dir = tempTree({
      "all.mof": '#pragma include ("classes/a.mof")\n',
      "classes/a.mof": "class A { string P; };\n",
    });
    const w = checkWatch(dir, ["all.mof"]);
    await w.until(/^Watching all\.mof and 1 file they include for changes/m, 1);
    expect(w.output()).toMatch(/^Checked 2 files in [\d.]+ s: 0 errors, 0 warnings$/m);

    writeFileSync(join(dir, "classes/a.mof"), "class A { string P };\n");
    await w.until(/^classes\/a\.mof:1:20 - error MOF1201/m, 1);
    await w.until(/^Checked 2 files in [\d.]+ s: 1 error, 0 warnings$/m, 1);

    writeFileSync(join(dir, "classes/a.mof"), "class A { string P; };\n");
    await w.until(/^Checked 2 files in [\d.]+ s: 0 errors, 0 warnings$/m, 2);
    expect(w.output().match(/^Change detected: checking$/gm)?.length).toBe(2);

    w.child.kill("SIGINT");
    expect(await w.exited()).toBe(0);
    expect(w.output()).toMatch(/Stopped watching\.\n$/);
  }, 120_000);
});
