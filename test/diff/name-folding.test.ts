import { describe, expect, it } from "vitest";
import { diffTexts, summary } from "./helpers.js";

/**
 * The differ pairs classes and members by the one MOF name rule (`foldName`, full Unicode case folding): a name
 * respelt in another case is no change, for `ß`/`SS` and `ϐ`/`Β` as for ASCII letters. Lower-casing paired
 * `Size`/`SIZE` but reported `Maße` -> `MASSE` as a property removed and another added (breaking).
 */
describe("diff pairs names by case folding", () => {
  it.each([
    ["class A { string Size; };", "class A { string SIZE; };"],
    ["class A { string Ma\u00DFe; };", "class A { string MASSE; };"],
    ["class X\u03D0 { uint32 Run([In] uint32 Stra\u00DFe); };", "class X\u0392 { uint32 RUN([In] uint32 STRASSE); };"],
  ])("%s -> %s is no change", (before, after) => {
    expect(summary(diffTexts(before, after))).toEqual([]);
  });

  it("still reports a property whose name folding does not join", () => {
    expect(summary(diffTexts("class A { string Ma\u00DFe; };", "class A { string Mase; };"))).toHaveLength(2);
  });
});
