/**
 * Literal round trips, shared by the property tests (frontend.property.test.ts) and `npm run fuzz`: values
 * written as MOF literals (escaped strings, adjacent strings with whitespace and comments between them, integers
 * in every radix) that must decode back to the values they were written from.
 */
import fc from "fast-check";
import type { Sizes } from "./generators.js";

function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c);
}

/**
 * Write `s` as the body of a MOF string (or char16) literal. `style` picks, per code unit, whether a printable
 * character is written raw or as an escape, so the generator covers both; `\x` escapes use as few hex digits as
 * the next character allows (one to four).
 */
export function escapeMof(s: string, style: readonly number[], quote: '"' | "'"): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    const pick = style.length === 0 ? 0 : (style[i % style.length] as number);
    const named: Record<string, string> = {
      "\\": "\\\\",
      '"': '\\"',
      "\n": "\\n",
      "\t": "\\t",
      "\r": "\\r",
      "\b": "\\b",
      "\f": "\\f",
    };
    if (ch === "'") named["'"] = quote === "'" || pick % 2 === 1 ? "\\'" : "'";
    const fixed = named[ch];
    const control = code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff);
    if (fixed !== undefined && !(control && pick % 3 === 2)) out += fixed;
    else if (control || pick % 5 === 4) {
      const x = pick % 2 === 0 ? "x" : "X";
      const hex = code.toString(16);
      const digits = isHexDigit(s[i + 1]) ? hex.padStart(4, "0") : hex;
      out += `\\${x}${pick % 3 === 0 ? digits.toUpperCase() : digits}`;
    } else out += ch;
  }
  return out;
}

/** Characters that need escapes, hex digits that could extend a `\x` escape, lone surrogates, astral planes. */
const trickyUnits = ["\\", '"', "'", "\n", "\r", "\t", "\b", "\f", "\x00", "\x01", "\x1f", "\x7f", "A", "a", "F", "f"];
trickyUnits.push("0", "9", "x", "X", " ", "\u00e9", "\u00a0", "\ufeff", "\ud800", "\udc00", "\u{10ffff}", "\u{1f600}");

export function anyText(sizes: Sizes): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: sizes.textLength }),
    fc.string({ unit: "binary", maxLength: sizes.unitTextLength }),
    fc.string({ unit: fc.constantFrom(...trickyUnits), maxLength: sizes.unitTextLength }),
  );
}

/** How `escapeMof` writes each code unit. */
export const style = fc.array(fc.nat({ max: 59 }), { maxLength: 16 });

/** What may stand between adjacent string literals. */
const gap = fc
  .array(fc.constantFrom(" ", "  ", "\t", "\n", "\r\n", "\r", "/* c */", "/**/", "// line\n", "/* a\nb */"), {
    minLength: 0,
    maxLength: 3,
  })
  .map((g) => g.join(""));

export type StringPiece = [text: string, style: number[], gap: string];

/** One to six strings, each with its escape style and the gap before it (not used for the first). */
export function stringPieces(sizes: Sizes): fc.Arbitrary<StringPiece[]> {
  return fc.array(fc.tuple(anyText(sizes), style, gap), { minLength: 1, maxLength: 6 });
}

/** The pieces as adjacent string literals, and the string they concatenate to. */
export function concatenation(pieces: readonly StringPiece[]): { literal: string; expected: string } {
  const literal = pieces.map(([s, st, g], i) => `${i > 0 ? g : ""}"${escapeMof(s, st, '"')}"`).join("");
  return { literal, expected: pieces.map(([s]) => s).join("") };
}

/** A class whose one property has a `Description` qualifier with the given value. */
export function describedClass(literal: string): string {
  return `class A { [Description(${literal})] string P; };`;
}

export type Radix = 2 | 8 | 10 | 16;

/** A 64-bit integer (signed or unsigned), a radix, and whether to write the radix marks and digits upper case. */
export const integerParts = fc.tuple(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
  fc.constantFrom<Radix>(2, 8, 10, 16),
  fc.boolean(),
);

/** `n` as a MOF integer literal in radix `r`: `0x1F`, `017`, `101b` and so on, with a minus sign when negative. */
export function integerLiteral(n: bigint, r: Radix, upper: boolean): string {
  const digits = (n < 0n ? -n : n).toString(r);
  const body =
    r === 16
      ? `0${upper ? "X" : "x"}${upper ? digits.toUpperCase() : digits}`
      : r === 8
        ? `0${digits}`
        : r === 2
          ? `${digits}${upper ? "B" : "b"}`
          : digits;
  return (n < 0n ? "-" : "") + body;
}

/** A class whose one property (`sint64` for negative `n`, else `uint64`) defaults to `literal`. */
export function integerClass(n: bigint, literal: string): string {
  return `class A { ${n < 0n ? "sint64" : "uint64"} P = ${literal}; };`;
}

/** MOF text holding one literal, and the value it must decode to (checked by `checkLiteral`). */
export interface LiteralCase {
  readonly text: string;
  readonly expected: string | bigint;
}

/** Adjacent string literals in a qualifier, or an integer literal as a default (`npm run fuzz`). */
export function literalCase(sizes: Sizes): fc.Arbitrary<LiteralCase> {
  const strings = stringPieces(sizes).map((ps): LiteralCase => {
    const { literal, expected } = concatenation(ps);
    return { text: describedClass(literal), expected };
  });
  const integers = integerParts.map(
    ([n, r, upper]): LiteralCase => ({ text: integerClass(n, integerLiteral(n, r, upper)), expected: n }),
  );
  return fc.oneof(strings, integers);
}
