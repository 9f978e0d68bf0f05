/**
 * The one rule for comparing MOF names (classes, properties, methods, parameters, keys, qualifiers, namespaces,
 * keywords), used by the compiler and the runtime alike so that two names the model calls equal are equal on the
 * wire, in the differ and in a provider: names are case-insensitive but case-preserving (DSP0004), and the case
 * rule is ASCII's: `A`-`Z` and `a`-`z` are one letter each, every other code point is only itself. Unicode case
 * mapping is deliberately not used (issue 13, item 23): under it `\u212Aill` (KELVIN SIGN) would find the method
 * `Kill`, `ſ` (LONG S) would spell the keyword `class`, and a caller's name that differs from the schema's in a
 * way no MOF compiler treats as a case difference would reach a provider under the schema's spelling. So `Ä` and
 * `ä`, `Σ` and `σ` are two names here, in the model as on the wire.
 */
export function foldName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x80) return foldAsciiLetters(name);
    // An ASCII name: the engine's lower-casing is exactly the ASCII rule, and copies nothing when already lower.
  }
  return name.toLowerCase();
}

/** A name with non-ASCII code points: only `A`-`Z` are lower-cased. */
function foldAsciiLetters(name: string): string {
  return /[A-Z]/.test(name) ? name.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()) : name;
}

/**
 * Whether two names are the same MOF name: `foldName(a) === foldName(b)`, compared in place without folding
 * copies, since lookups ask this of every member of a class for every name they find.
 */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const lower = x | 0x20;
    if (lower !== (y | 0x20) || lower < 0x61 || lower > 0x7a) return false;
  }
  return true;
}

/**
 * Whether `text` is a MOF name (DSP0004 Annex A `IDENTIFIER`): a first character `A`-`Z`, `a`-`z`, `_` or
 * U+0080..U+FFEF, then those or `0`-`9`. The same range as the compiler's lexer (`isIdentStart` in
 * src/lexer/scanner.ts, kept in step by a test), so every name a compiled schema holds can be sent and served:
 * U+00A0 and U+FEFF are left out as the lexer reads them as white space, and surrogates (UTF-16 halves, alone or
 * as a pair spelling a code point above U+FFFF) are left out as they are outside the range.
 */
export function isMofName(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isNameChar(text.charCodeAt(i), i === 0)) return false;
  return true;
}

/** The length of the MOF name at the start of `text` from `start` (0 when none starts there). */
export function mofNameLength(text: string, start: number): number {
  let end = start;
  while (end < text.length && isNameChar(text.charCodeAt(end), end === start)) end++;
  return end - start;
}

function isNameChar(c: number, first: boolean): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (!first && c >= 48 && c <= 57);
  return c <= 0xffef && c !== 0xa0 && c !== 0xfeff && (c < 0xd800 || c > 0xdfff);
}

const nameStart = "A-Za-z_\\u0080-\\u009F\\u00A1-\\uD7FF\\uE000-\\uFEFE\\uFF00-\\uFFEF";

/** `isMofName`'s rule as a regular expression fragment (no anchors, no groups), for scanners built on one. */
export const mofNamePattern = `[${nameStart}][${nameStart}0-9]*`;
