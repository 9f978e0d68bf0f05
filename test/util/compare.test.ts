import { describe, expect, it } from "vitest";
import { compareCodeUnits } from "../../src/util/compare.js";

describe("compareCodeUnits", () => {
  it.each([
    ["upper case before lower case (not locale order)", ["b", "a", "B", "A"], ["A", "B", "a", "b"]],
    ["accented letters after every ASCII letter", ["é", "z", "e"], ["e", "z", "é"]],
    // UTF-16 code units, not code points: a surrogate pair (U+1F600) sorts before U+FFFD.
    ["surrogate pairs before the top of the BMP", ["\uFFFD", "\u{1F600}"], ["\u{1F600}", "\uFFFD"]],
    ["a prefix before its extensions", ["ab", "a", "a/b", "a.b"], ["a", "a.b", "a/b", "ab"]],
  ])("%s", (_why, input, sorted) => {
    expect([...input].sort(compareCodeUnits)).toEqual(sorted);
  });

  it("is 0 only for equal strings", () => {
    expect(compareCodeUnits("CIM_A", "CIM_A")).toBe(0);
    expect(compareCodeUnits("CIM_A", "cim_a")).toBe(-1);
    expect(compareCodeUnits("cim_a", "CIM_A")).toBe(1);
  });
});
