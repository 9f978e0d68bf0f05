import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * Memory per byte of MOF: a flat schema of small classes (the densest shape) compiles in about 56 heap bytes
 * per input byte (it took over 100), and more MOF than the heap can compile stops at once with MOF1040,
 * instead of V8 aborting with "heap out of memory" minutes later (1,000,000 small classes, 45 MB, did after
 * 168 s).
 */
const bin = join(import.meta.dirname, "../../bin/mofgen.js");

function flat(classes: number): string {
  let mof = "";
  for (let i = 0; i < classes; i++) mof += `class C_${String(i).padStart(7, "0")} { [Key] string Name; };\n`;
  return mof;
}

function checkInHeap(dir: string, heapMegabytes: number, file: string) {
  return spawnSync(process.execPath, [`--max-old-space-size=${heapMegabytes}`, bin, "check", file], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 60_000,
  });
}

describe("memory per input byte", () => {
  it("checks 25,000 small classes (1 MB) in a 96 MB heap", () => {
    // About 30 MB of the heap is mofgen's own code; the schema needed more than the 66 MB left before.
    const r = checkInHeap(tempTree({ "flat.mof": flat(25_000) }), 96, "flat.mof");
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("0 errors");
    expect(r.status).toBe(0);
  }, 60_000);
});

describe("input larger than the heap can compile", () => {
  it("is refused with MOF1040 on the file that crosses the limit (MOFGEN_MAX_INPUT_BYTES)", async () => {
    const dir = tempTree({ "a.mof": flat(20), "b.mof": flat(20) });
    const limit = { MOFGEN_MAX_INPUT_BYTES: "1000" };
    const r = await runCli(["check", "a.mof", "b.mof"], dir, limit);
    expect(r.stdout).toContain(
      "b.mof - error MOF1040: the MOF files to compile come to 1,600 bytes, more than the 1,000",
    );
    expect(r.code).toBe(2);
    expect((await runCli(["check", "a.mof"], dir, limit)).code).toBe(0);
  });

  it("points at the include that crosses the limit", async () => {
    const dir = tempTree({ "root.mof": '#pragma include ("big.mof")\n', "big.mof": flat(40) });
    const r = await runCli(["model", "root.mof"], dir, { MOFGEN_MAX_INPUT_BYTES: "1000" });
    expect(r.stderr).toContain("root.mof:1:18 - error MOF1040");
    expect(r.stdout).toBe("");
    expect(r.code).toBe(2);
  });

  it("derives the limit from the heap: a 2 MB schema in a 64 MB heap is refused, not an abort", () => {
    const r = checkInHeap(tempTree({ "flat.mof": flat(50_000) }), 64, "flat.mof");
    expect(r.stdout).toContain("flat.mof - error MOF1040");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(2);
  }, 60_000);
});
