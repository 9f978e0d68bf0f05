import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold, foldsTo } from "../../src/model/types.js";

/** foldsTo is the definition `fold(name) === key`, computed without the table. */
describe("foldsTo", () => {
  it.each([
    ["ValueMap", "valuemap", true],
    ["VALUES", "values", true],
    ["Values", "valuemap", false],
    ["Value_1", "value_1", true],
    ["Value@1", "value`1", false],
    ["[Key]", "{key}", false],
    ["\u212Aey", "key", true], // KELVIN SIGN folds to an ASCII k
    ["\u0130d", "i\u0307d", true], // folding İ adds a character: the lengths differ
    ["Stra\u00DFe", "stra\u00DFe", false], // ß folds to ss
    ["Stra\u00DFe", "strasse", true],
    ["STRASSE", "strasse", true],
    ["STRASSEN", "strasse", false],
    ["STRASS", "strasse", false],
  ])("%s -> %s: %s", (name, key, expected) => {
    expect(foldsTo(name, key)).toBe(expected);
  });

  it("agrees with the definition on any names, folded keys among them", () => {
    const word = fc.string({
      unit: fc.constantFrom("a", "B", "_", "1", "@", "[", "\u212A", "\u0130", "\u00C9", "k", "\u00DF", "s", "S"),
    });
    fc.assert(
      fc.property(word, word, fc.boolean(), (name, other, same) => {
        const key = same ? fold(name) : fold(other);
        expect(foldsTo(name, key)).toBe(fold(name) === key);
      }),
      { numRuns: 2000 },
    );
  });
});
