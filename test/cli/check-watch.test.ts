import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempTree } from "../helpers/tmp.js";
import { watchCliPerTest } from "../helpers/watch-cli.js";

/** `mofgen check --watch` in a real process (the built CLI, test/helpers/watch-cli.ts): resident mode on the command line. */
const watch = watchCliPerTest();
const checkWatch = (dir: string, args: string[]) => watch(["check", "--watch", ...args], dir);

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
