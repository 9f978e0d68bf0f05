import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldName, sameName } from "../../runtime/src/values/cim-name.js";

/**
 * The one MOF name rule (runtime `cim-name.ts`): Unicode default caseless matching, full case folding. Compiler and
 * runtime both use it; before, the model lower-cased with `toLowerCase()` and the runtime folded ASCII only, so
 * `Maße`/`MASSE` or `ϐ`/`Β` were one name in one phase and two in another.
 */
describe("foldName", () => {
  it.each([
    ["\u01C4", "\u01C5", "\u01C6"], // Ǆ ǅ ǆ: upper, title and lower case of one letter
    ["\u03A3\u0391\u03A3", "\u03C3\u03B1\u03C2", "\u03C3\u03B1\u03C3"], // ΣΑΣ σας σασ: final sigma is a case form
    ["\u212Aey", "Key", "key"], // KELVIN SIGN
    ["Ma\u00DFe", "MASSE", "Ma\u1E9Ee"], // ß, SS and ẞ (CAPITAL SHARP S)
    ["\u0130d", "i\u0307d", "I\u0307D"], // İ is i + COMBINING DOT ABOVE
    ["X\u03D0", "X\u0392", "x\u03B2"], // ϐ (curled beta) folds to β, which toLowerCase keeps apart
    ["\u017Fignal", "Signal", "SIGNAL"], // ſ LONG S
    ["\u13A0", "\uAB70", "\u13A0"], // Cherokee folds to its upper-case letters
  ])("%s, %s and %s are one name", (a, b, c) => {
    expect(sameName(a, b) && sameName(b, c) && sameName(a, c)).toBe(true);
    expect(new Set([foldName(a), foldName(b), foldName(c)]).size).toBe(1);
  });

  it.each([
    ["\u0131d", "id"], // dotless ı: only Turkic folding (status T, not used) makes it i
    ["\u0130d", "id"],
    ["Ma\u00DFe", "Mase"],
    ["\u00C5", "A\u030A"], // no normalisation: case folding only
  ])("%s and %s are two names", (a, b) => {
    expect(sameName(a, b)).toBe(false);
  });

  it("gives the folded forms of CaseFolding.txt", () => {
    expect(foldName("Ma\u00DFe")).toBe("masse");
    expect(foldName("\u1E9E")).toBe("ss");
    expect(foldName("\uFB03x")).toBe("ffix"); // ﬃ ligature
    expect(foldName("\u1F88")).toBe("\u1F00\u03B9"); // ᾈ: ἀ + iota
    expect(foldName("\u0149")).toBe("\u02BCn"); // ŉ
    expect(foldName("\u03A3")).toBe("\u03C3");
    expect(foldName("\u13F8")).toBe("\u13F0");
    expect(foldName("Msvm_ComputerSystem")).toBe("msvm_computersystem");
    expect(foldName("\uD800x")).toBe("\uD800x"); // a lone surrogate is kept, not dropped
  });

  it("agrees with the engine's simple case folding on every code point it changes, and is idempotent", () => {
    // A regular expression with the `iu` flags matches by CaseFolding.txt's simple folding (ECMA-262
    // Canonicalize): every code point must fold to a form in its own simple-folding class, and the case partners
    // the engine knows must fold alike.
    const simplyEqual = (a: string, b: string) => new RegExp(`^${codePointPattern(a)}$`, "iu").test(b);
    let changed = 0;
    for (let code = 0x80; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCodePoint(code);
      const folded = foldName(ch);
      const partners = [ch.toLowerCase(), ch.toUpperCase()].filter((p) => p !== ch && [...p].length === 1);
      if (folded === ch && partners.length === 0) continue;
      changed++;
      expect(foldName(folded), ch).toBe(folded);
      if ([...folded].length === 1) expect(simplyEqual(ch, folded), `${ch} -> ${folded}`).toBe(true);
      for (const p of partners) if (simplyEqual(ch, p)) expect(foldName(p), `${ch} ~ ${p}`).toBe(folded);
    }
    expect(changed).toBeGreaterThan(1400);
  });
});

function codePointPattern(ch: string): string {
  return `\\u{${(ch.codePointAt(0) as number).toString(16)}}`;
}

describe("sameName", () => {
  it("is foldName(a) === foldName(b), also where its ASCII shortcut compares in place", () => {
    const unit = fc.constantFrom(
      "a",
      "A",
      "z",
      "Z",
      "@",
      "`",
      "[",
      "{",
      "_",
      "1",
      "\u212A",
      "k",
      "\u00DF",
      "s",
      "S",
      "\u03A3",
      "\u03C2",
    );
    const name = fc.string({ unit, maxLength: 6 });
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(sameName(a, b)).toBe(foldName(a) === foldName(b));
      }),
      { numRuns: 5000 },
    );
    expect(sameName("@", "`")).toBe(false);
    expect(sameName("[x", "{X")).toBe(false);
  });
});
