import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the build scripts, without type declarations.
import { findSpreadArguments, spreadArguments } from "../../scripts/lint-spread.mjs";

/** Issue 13 item 10: spreading an unbounded array into call arguments overflows the stack past ~120,000 items. */
describe("lint-spread (npm run lint)", () => {
  const lines = (text: string) => spreadArguments("t.ts", text).map((s: { line: number }) => s.line);

  it("finds spreads in call and new arguments", () => {
    const text = [
      "out.push(...items);",
      "const m = Math.max(0, ...xs.map((x) => x.length));",
      "list.splice(0, list.length, ...kept);",
      "const d = new Date(...parts);",
      "f(a, g(...b));",
    ].join("\n");
    expect(lines(text)).toEqual([1, 2, 3, 4, 5]);
  });

  it("leaves array literals, rest parameters passed on and marked bounded spreads alone", () => {
    const text = [
      "const all = [...a, ...b];",
      "function diag(e: E, ...args: string[]) { return e.message(...args); }",
      "// spread-ok: at most 8,192 code units per call",
      "s += String.fromCharCode(...units.subarray(i, i + 8192));",
      "t += String.fromCharCode(...small); // spread-ok: at most 4",
      "function g(args: string[]) { return h(...args); }",
    ].join("\n");
    expect(lines(text)).toEqual([6]);
  });

  it("finds none in src/ and scripts/", () => {
    expect(findSpreadArguments(["src", "scripts"])).toEqual([]);
  });
});
