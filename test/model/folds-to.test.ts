import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold, foldsTo } from "../../src/model/types.js";

/** foldsTo is the definition `fold(name) === key` (ASCII letters fold, nothing else), computed without the table. */
describe("foldsTo", () => {
  it.each([
    ["ValueMap", "valuemap", true],
    ["VALUES", "values", true],
    ["Values", "valuemap", false],
    ["Value_1", "value_1", true],
    ["Value@1", "value`1", false],
    ["[Key]", "{key}", false],
    ["\u212Aey", "key", false], // KELVIN SIGN is no k: only A-Z fold (issue 13 item 23)
    ["\u212Aey", "\u212Aey", true],
    ["\u0130d", "i\u0307d", false], // İ is only itself
    ["\u0130D", "\u0130d", true],
    ["Stra\u00DFe", "stra\u00DFe", true], // ß is only itself, the ASCII letters fold around it
    ["STRA\u00DFE", "stra\u00DFe", true],
    ["Stra\u00DFe", "strasse", false],
    ["\u00C4rger", "\u00E4rger", false], // Ä is not ä
    ["STRASSE", "strasse", true],
    ["STRASSEN", "strasse", false],
    ["STRASS", "strasse", false],
  ])("%s -> %s: %s", (name, key, expected) => {
    expect(foldsTo(name, key)).toBe(expected);
  });

  it("agrees with the definition on any names, folded keys among them", () => {
    const word = fc.string({
      unit: fc.constantFrom(
        "a",
        "B",
        "_",
        "1",
        "@",
        "[",
        "\u212A",
        "\u0130",
        "\u00C9",
        "\u00E9",
        "k",
        "K",
        "\u00DF",
        "s",
        "S",
      ),
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
