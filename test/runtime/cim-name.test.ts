import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldName, isMofName, mofNamePattern, sameName } from "../../runtime/src/values/cim-name.js";
import { isIdentPart, isIdentStart } from "../../src/lexer/scanner.js";

/**
 * The one MOF name rule (runtime `cim-name.ts`), used by compiler and runtime alike: ASCII case-insensitive, as
 * DSP0004 and issue 13 item 23 ask. `A`-`Z` fold to `a`-`z`; every other code point is only itself, so a name that
 * differs from another only in a non-ASCII case pair (or by a KELVIN SIGN for `K`) is another name. Each example
 * below fails under Unicode case folding or under `toLowerCase()`, except where it says it checks ASCII case only.
 */
describe("foldName", () => {
  it.each([
    ["TEST_STRASSE", "Test_Strasse", "test_strasse"], // ASCII case only
    ["Msvm_ComputerSystem", "MSVM_COMPUTERSYSTEM", "msvm_computersystem"], // ASCII case only
    ["Gr\u00FC\u00DFe", "GR\u00FC\u00DFE", "gr\u00FC\u00DFe"], // ASCII letters fold beside non-ASCII ones
    ["\u00C4BC", "\u00C4bc", "\u00C4Bc"],
  ])("%s, %s and %s are one name", (a, b, c) => {
    expect(sameName(a, b) && sameName(b, c) && sameName(a, c)).toBe(true);
    expect(new Set([foldName(a), foldName(b), foldName(c)]).size).toBe(1);
  });

  it.each([
    ["\u212Aill", "Kill"], // KELVIN SIGN: issue 13 item 23
    ["\u212Aey", "key"],
    ["Ma\u00DFe", "MASSE"], // ß and SS
    ["Ma\u00DFe", "Ma\u1E9Ee"], // ß and ẞ (CAPITAL SHARP S)
    ["\u00C4", "\u00E4"], // Ä and ä
    ["\u03A3\u0391\u03A3", "\u03C3\u03B1\u03C3"], // ΣΑΣ and σασ
    ["\u03C3\u03B1\u03C2", "\u03C3\u03B1\u03C3"], // final and medial sigma
    ["X\u03D0", "X\u0392"], // ϐ (curled beta) and Β
    ["X\u03D0", "x\u03B2"],
    ["\u017Fignal", "Signal"], // ſ LONG S
    ["\u01C4", "\u01C6"], // Ǆ and ǆ
    ["\u0130d", "i\u0307d"], // İ and i + COMBINING DOT ABOVE
    ["\u0131d", "id"], // dotless ı
    ["\u13A0", "\uAB70"], // Cherokee upper and lower case
    ["\u00C5", "A\u030A"], // no normalisation either
  ])("%s and %s are two names", (a, b) => {
    expect(sameName(a, b)).toBe(false);
    expect(sameName(b, a)).toBe(false);
    expect(foldName(a)).not.toBe(foldName(b));
  });

  it("lower-cases A-Z and leaves every other code point as it is", () => {
    expect(foldName("Msvm_ComputerSystem")).toBe("msvm_computersystem");
    expect(foldName("GR\u00DC\u00DFE")).toBe("gr\u00DC\u00DFe"); // Ü stays upper case, ß stays ß
    expect(foldName("\u212A\u0130\u00C0")).toBe("\u212A\u0130\u00C0");
    expect(foldName("\u03A3\u0391\u03A3")).toBe("\u03A3\u0391\u03A3");
    expect(foldName("@[`{Z")).toBe("@[`{z"); // the neighbours of A-Z and a-z are not letters
    expect(foldName("\uD800X")).toBe("\uD800x"); // a lone surrogate is kept, not dropped
  });
});

/** The rule written out per code unit: the oracle the implementation is checked against. */
function asciiFold(name: string): string {
  let out = "";
  for (const ch of name) out += ch >= "A" && ch <= "Z" ? String.fromCharCode(ch.charCodeAt(0) + 32) : ch;
  return out;
}

const unit = fc.oneof(
  fc.constantFrom(
    "a",
    "A",
    "z",
    "Z",
    "k",
    "K",
    "s",
    "S",
    "@",
    "`",
    "[",
    "{",
    "_",
    "1",
    "\u212A",
    "\u00DF",
    "\u1E9E",
    "\u00C4",
    "\u00E4",
    "\u03A3",
    "\u03C3",
    "\u03C2",
    "\u017F",
    "\u0130",
    "\u0131",
  ),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
);
const name = fc.string({ unit, maxLength: 6 });

describe("sameName", () => {
  it("is foldName(a) === foldName(b) on any names, non-ASCII ones among them", () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(sameName(a, b)).toBe(foldName(a) === foldName(b));
        expect(sameName(b, a)).toBe(sameName(a, b));
      }),
      { numRuns: 5000 },
    );
    // Pairs that differ in ASCII case only, to reach the true side often.
    fc.assert(
      fc.property(name, (a) => {
        const respelt = a.replace(/[a-z]/g, (c) => c.toUpperCase());
        expect(sameName(a, respelt)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(sameName("@", "`")).toBe(false);
    expect(sameName("[x", "{X")).toBe(false);
  });

  it("foldName is the ASCII rule: A-Z lower-cased, nothing else changed, idempotent", () => {
    fc.assert(
      fc.property(name, (a) => {
        expect(foldName(a)).toBe(asciiFold(a));
        expect(foldName(foldName(a))).toBe(foldName(a));
      }),
      { numRuns: 5000 },
    );
  });
});

/**
 * Which texts are MOF names (DSP0004 Annex A IDENTIFIER): the runtime's rule, checked code unit by code unit against
 * the compiler's lexer so that every name a compiled schema holds can be sent and served.
 */
describe("isMofName", () => {
  const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;

  it("agrees with the compiler's lexer on every code point up to U+FFEF, first and later", () => {
    const disagree: string[] = [];
    for (let c = 0; c <= 0xffef; c++) {
      if (isSurrogate(c)) continue; // the lexer reports lone surrogates itself (surrogates.ts)
      const ch = String.fromCharCode(c);
      if (isMofName(ch) !== isIdentStart(c)) disagree.push(`first U+${c.toString(16)}`);
      if (isMofName(`a${ch}`) !== isIdentPart(c)) disagree.push(`later U+${c.toString(16)}`);
    }
    expect(disagree).toEqual([]);
  });

  it("refuses what Annex A leaves out and the lexer reads leniently (DEVIATIONS.md 25): past U+FFEF, surrogates", () => {
    for (const c of [0xfff0, 0xfffd, 0xffff, 0xd800, 0xdbff, 0xdc00, 0xdfff]) {
      expect(isIdentPart(c)).toBe(true);
      expect(isMofName(`a${String.fromCharCode(c)}`)).toBe(false);
    }
    expect(isMofName("a\u{1F600}")).toBe(false);
  });

  it("mofNamePattern, for regular-expression scanners, is the same rule", () => {
    const whole = new RegExp(`^${mofNamePattern}$`);
    const disagree: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `a${ch}`, `${ch}1`]) if (whole.test(text) !== isMofName(text)) disagree.push(text);
    }
    expect(disagree).toEqual([]);
  });
});
