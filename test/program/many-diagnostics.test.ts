import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/program/program.js";
import { tempTree } from "../helpers/tmp.js";

// Issue 13 item 10: past about 120,000 items, `diagnostics.push(...more)` throws "Maximum call stack size exceeded".
describe("a file with more diagnostics than fit in call arguments", () => {
  it("loads a string of 130,000 unknown escapes with one warning each", () => {
    const dir = tempTree({ "q.mof": `class A { string P = "${"\\q".repeat(130_000)}"; };\n` });
    const program = buildProgram([join(dir, "q.mof")]);
    expect(program.diagnostics.length).toBe(130_000);
    expect(new Set(program.diagnostics.map((d) => d.code))).toEqual(new Set(["MOF1104"]));
    expect(program.files.length).toBe(1);
  });
});
