import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { compileText } from "../../src/compile.js";
import { fold } from "../../src/model/types.js";
import { detach } from "../../src/util/detach.js";

// A full collection on demand: the flag takes effect for contexts made after it is set.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** A 20-character cut of a 16 MB text on the V8 heap, different on each call (no table has met it yet). */
let texts = 0;
function cutOfBigText(): string {
  const bytes = Buffer.alloc(16 * 1024 * 1024, 0x78);
  bytes.write(`Unique_Name_${++texts}_${process.hrtime.bigint()}`, 100, "latin1");
  // Made and cut in a frame of its own, so that no temporary of the caller's holds the text.
  return bytes.toString("utf8").slice(100, 120);
}

/**
 * MB of heap still in use after `keep` was given cuts of four 16 MB texts and the texts were dropped. V8 holds on
 * to the last such text for a while whatever `keep` does (about 16 MB); four texts kept are 64 MB.
 */
function retainedMB(keep: (cut: string) => unknown): number {
  const kept: unknown[] = [];
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 4; i++) kept.push(keep(cutOfBigText()));
  gc();
  const after = process.memoryUsage().heapUsed;
  expect(kept).toHaveLength(4);
  return (after - before) / (1024 * 1024);
}

describe("detach", () => {
  it("keeps what a cut string keeps alive to the cut itself", () => {
    // The measurement can see retention: a plain cut keeps its whole text.
    expect(retainedMB((cut) => cut)).toBeGreaterThan(48);
    expect(retainedMB((cut) => detach(cut))).toBeLessThan(24);
    const cut = "a name of some twenty characters".slice(2, 22);
    expect(detach(cut)).toBe(cut);
  });

  it("process-wide tables keep no source text: fold() and shared string values", () => {
    const keptByFold: string[] = [];
    expect(retainedMB((cut) => keptByFold.push(fold(cut)))).toBeLessThan(24);
    expect(retainedMB((cut) => keptByFold.push(fold(cut.toLowerCase())))).toBeLessThan(24);
  });

  it("a compile whose result is dropped keeps no source text, however new its names and values", () => {
    // What an editor session does many times: each text has a class, property and default value never seen
    // before (names reach fold's table; a short string default reaches the shared values).
    const compiled = (cut: string) => {
      const name = cut.replace(/[^A-Za-z0-9_]/g, "_");
      const text = `class ${name} { [Key] string ${name}_K = "${cut}"; };\n/* ${"x".repeat(16 * 1024 * 1024)} */\n`;
      const result = compileText(text.slice(0, text.length - 1));
      return result.diagnostics.length;
    };
    // Four texts kept would be 64 MB more; the last text (the parser's last input, until its next parse) may stay.
    expect(retainedMB(compiled)).toBeLessThan(40);
  });
});
