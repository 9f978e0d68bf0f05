import { describe, expect, it } from "vitest";
import { compileText } from "../../src/index.js";

/**
 * MOF names compare by the one rule (`foldName`, full Unicode case folding) in the model too: `Maße` and `MASSE`,
 * `Xϐ` and `XΒ` are one name. The model lower-cased with `toLowerCase()` before, which keeps `ß` apart from `ss` and
 * `ϐ` from `β`, while the runtime folded ASCII only: the same two names were equal in no phase, or in one only.
 */
function codes(text: string): string[] {
  return compileText(text).diagnostics.map((d) => `${d.code} ${d.message}`);
}

describe("names equal under case folding are one name in the model", () => {
  it("reports a property declared twice in two foldings, as it does for ASCII case", () => {
    expect(codes("class A { string Size; string SIZE; };")).toEqual(["MOF2006 property 'SIZE' is declared twice"]);
    expect(codes("class A { string Ma\u00DFe; string MASSE; };")).toEqual([
      "MOF2006 property 'MASSE' is declared twice",
    ]);
  });

  it("matches an override to the inherited property in another folding", () => {
    const text = 'class A { string Ma\u00DFe; }; class B : A { [Override("MASSE")] string MASSE; };';
    expect(codes(text)).toEqual([]);
    const b = compileText(text).schema.namespaces[0]?.classes.find((c) => c.name === "B");
    expect(b?.properties.map((p) => [p.name, p.classOrigin])).toEqual([["MASSE", "B"]]);
  });

  it("finds a superclass and a method named in another folding", () => {
    expect(codes('class X\u03D0 { uint32 Run(); }; class Y : X\u0392 { [Override("RUN")] uint32 RUN(); };')).toEqual(
      [],
    );
  });
});
