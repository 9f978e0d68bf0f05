import { describe, expect, it } from "vitest";
import { diffTexts, summary } from "./helpers.js";

/**
 * The differ pairs classes and members by the one MOF name rule (`foldName`: ASCII letters fold, nothing else, as
 * issue 13 item 23 asks of the wire): a name respelt in another ASCII case is no change, also beside non-ASCII
 * letters; a name respelt in a non-ASCII case pair (`ß`/`SS`, `Ä`/`ä`, `ϐ`/`Β`) is another name, so one element
 * removed and another added. Unicode case folding would pair all of these, `toLowerCase()` would pair `Ä`/`ä`.
 */
describe("diff pairs names by ASCII case", () => {
  it.each([
    ["class A { string Size; };", "class A { string SIZE; };"],
    ["class Test_Strasse { string Ma\u00DFe; };", "class TEST_STRASSE { string MA\u00DFE; };"],
    [
      "class X\u03D0 { uint32 Run([In] uint32 Stra\u00DFe); };",
      "class x\u03D0 { uint32 RUN([In] uint32 STRA\u00DFE); };",
    ],
  ])("%s -> %s is no change", (before, after) => {
    expect(summary(diffTexts(before, after))).toEqual([]);
  });

  it.each([
    ["class A { string Ma\u00DFe; };", "class A { string MASSE; };", "A.Ma\u00DFe", "A.MASSE"],
    ["class A { string \u00C4; };", "class A { string \u00E4; };", "A.\u00C4", "A.\u00E4"],
  ])("%s -> %s removes a property and adds another", (before, after, removed, added) => {
    expect(summary(diffTexts(before, after)).sort()).toEqual([
      `property-added ${added} non-breaking`,
      `property-removed ${removed} breaking`,
    ]);
  });

  it("reports a class or parameter respelt in a non-ASCII case pair as removed and added", () => {
    expect(summary(diffTexts("class X\u03D0 { uint32 Run(); };", "class X\u0392 { uint32 Run(); };")).sort()).toEqual([
      "class-added X\u0392 non-breaking",
      "class-removed X\u03D0 breaking",
    ]);
    expect(
      summary(
        diffTexts("class X { uint32 Run([In] uint32 Stra\u00DFe); };", "class X { uint32 RUN([In] uint32 STRASSE); };"),
      ).sort(),
    ).toEqual(["in-parameter-added X.RUN(STRASSE) dangerous", "parameter-removed X.RUN(Stra\u00DFe) breaking"]);
  });
});
