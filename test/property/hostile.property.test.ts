/**
 * The whole pipeline on hostile shapes (issue 13), at sizes that keep the suite quick: files on the real file
 * system with symlinked directories and include cycles, macro bombs, huge arrays, deep chains and long lines.
 * `npm run fuzz` runs the same generators (hostile.ts) under the same checks (pipeline.ts) at the sizes that once
 * crashed or hung mofgen. Each shape also has a fixed case here, so a broken shape fails every run, not just
 * the runs that happen to draw it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  deepChain,
  hostileCase,
  hostileTestSizes,
  hugeArray,
  hugeArrayForms,
  includeChain,
  includeGraph,
  longLine,
  macroBomb,
} from "./hostile.js";
import { checkPipeline } from "./pipeline.js";

const wmi = (shape: string, text: string) => ({
  shape,
  files: { "main.mof": text },
  symlinks: {},
  roots: ["main.mof"],
  dialect: "wmi" as const,
});

describe("the pipeline on hostile shapes", () => {
  it("keeps its invariants for random shapes", () => {
    fc.assert(
      fc.property(hostileCase(hostileTestSizes), (c) => {
        checkPipeline(c);
      }),
      { numRuns: 40 },
    );
  });

  it("reports a macro bomb instead of expanding it", () => {
    expect(checkPipeline(wmi("macro bomb", macroBomb(12, 40)))).toBeGreaterThan(0);
  });

  it.each(hugeArrayForms)("holds for a huge array: %s", (form) => {
    checkPipeline(wmi(form, hugeArray(form, hostileTestSizes.elements)));
  });

  it("holds for a deep inheritance chain and a long line of diagnostics", () => {
    expect(checkPipeline(wmi("deep chain", deepChain(hostileTestSizes.chainDepth)))).toBe(0);
    expect(checkPipeline(wmi("long line", longLine(hostileTestSizes.lineLength, false)))).toBeGreaterThan(1_000);
    expect(checkPipeline(wmi("long line", longLine(hostileTestSizes.lineLength, true)))).toBeGreaterThan(100);
  });

  it("holds for include cycles through symlinked directories and long include chains", () => {
    const edges = [
      [0, 1, true, 1],
      [0, 1, false, 2],
      [1, 2, true, 1],
      [1, 2, false, 2],
      [2, 0, true, 0],
    ] as const;
    expect(checkPipeline(includeGraph(3, edges))).toBeGreaterThan(0);
    checkPipeline(includeChain(hostileTestSizes.depth, true));
    checkPipeline(includeChain(hostileTestSizes.depth, false));
  });
});
