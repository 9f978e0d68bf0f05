import { describe, expect, it } from "vitest";
import { compileText } from "../../src/index.js";

/**
 * MOF names compare by the one rule (`foldName`: ASCII letters fold, nothing else) in the model too, as on the wire
 * (issue 13 item 23). `Size`/`SIZE` and `Straße`/`STRAßE` are one name; `Maße`/`MASSE`, `Ä`/`ä` and `Xϐ`/`XΒ` differ
 * in a non-ASCII case pair, so they are two names: two properties, and an override spelt the other way names no
 * inherited element. Unicode case folding would join all of them, `toLowerCase()` would join `Ä`/`ä`.
 */
function codes(text: string): string[] {
  return compileText(text).diagnostics.map((d) => `${d.code} ${d.message}`);
}

function members(text: string, className: string): string[][] {
  const found = compileText(text).schema.namespaces[0]?.classes.find((c) => c.name === className);
  return [...(found?.properties ?? []), ...(found?.methods ?? [])].map((p) => [p.name, p.classOrigin]);
}

describe("names equal under ASCII case are one name in the model, and no other names are", () => {
  it("reports a property declared twice in two ASCII cases, also beside non-ASCII letters", () => {
    expect(codes("class A { string Size; string SIZE; };")).toEqual(["MOF2006 property 'SIZE' is declared twice"]);
    expect(codes("class A { string Stra\u00DFe; string STRA\u00DFE; };")).toEqual([
      "MOF2006 property 'STRA\u00DFE' is declared twice",
    ]);
  });

  it.each([
    ["Ma\u00DFe", "MASSE"],
    ["\u00C4", "\u00E4"],
    ["X\u03D0", "X\u0392"],
    ["\u212Aey", "Key"],
  ])("keeps %s and %s as two properties", (a, b) => {
    const text = `class A { string ${a}; string ${b}; };`;
    expect(codes(text)).toEqual([]);
    expect(members(text, "A")).toEqual([
      [a, "A"],
      [b, "A"],
    ]);
  });

  it("matches an override spelt in another ASCII case, and not one spelt in another non-ASCII case", () => {
    const ascii = 'class A { string Ma\u00DFe; }; class B : A { [Override("MA\u00DFE")] string MA\u00DFE; };';
    expect(codes(ascii)).toEqual([]);
    expect(members(ascii, "B")).toEqual([["MA\u00DFE", "B"]]);
    const other = 'class A { string Ma\u00DFe; }; class B : A { [Override("MASSE")] string MASSE; };';
    expect(codes(other)).toEqual(["MOF2007 Override('MASSE') in 'B' names no inherited element"]);
    expect(members(other, "B")).toEqual([
      ["Ma\u00DFe", "A"],
      ["MASSE", "B"],
    ]);
  });

  it("finds a superclass and a method by ASCII case, and not through a non-ASCII case pair", () => {
    const ascii =
      'class X\u03D0 { uint32 R\u00E4n(); }; class Y : x\u03D0 { [Override("R\u00E4N")] uint32 R\u00E4N(); };';
    expect(codes(ascii)).toEqual([]);
    expect(members(ascii, "Y")).toEqual([["R\u00E4N", "Y"]]);
    expect(
      codes('class X\u03D0 { uint32 Run(); }; class Y : X\u0392 { [Override("RUN")] uint32 RUN(); };').map((c) =>
        c.slice(0, 7),
      ),
    ).toContain("MOF2002");
    expect(codes('class X { uint32 R\u00E4n(); }; class Y : X { [Override("R\u00C4N")] uint32 R\u00C4N(); };')).toEqual(
      ["MOF2007 Override('R\u00C4N') in 'Y' names no inherited element"],
    );
  });
});
