/**
 * Characters that change how text is shown without being seen themselves: Unicode format characters (`Cf`: the
 * bidirectional controls U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C, zero-width spaces and joiners,
 * the soft hyphen, tag characters), control characters other than tab and line breaks, and the line and paragraph
 * separators. Written raw into generated code or pages, a bidirectional control makes a reviewer read something
 * other than what is there ("Trojan Source", CVE-2021-42574); so every emitter spells them visibly, and a MOF name
 * that holds one is reported.
 */
const invisible = /(?![\t\n\r])[\p{Cf}\p{Cc}\u2028\u2029]/u;
const invisibleAll = /(?![\t\n\r])[\p{Cf}\p{Cc}\u2028\u2029]/gu;

/** Whether the text holds an invisible character; the index of the first, or -1. */
export function firstInvisible(text: string): number {
  return text.search(invisible);
}

/** Anything but printable ASCII, tab and line breaks: only such text can hold an invisible character. */
const unusual = /[^\t\n\r\x20-\x7e]/;

/**
 * The text with each invisible character replaced by `spell(codePoint)`; the text itself when it has none. The
 * plain ASCII test first: it is several times faster than the Unicode one, and generated code asks this of every
 * string literal and comment line.
 */
export function spellInvisible(text: string, spell: (codePoint: number) => string): string {
  if (!unusual.test(text) || !invisible.test(text)) return text;
  return text.replace(invisibleAll, (ch) => spell(ch.codePointAt(0) as number));
}

/** `\u202E` (`\u{E0041}` above U+FFFF): valid in a TypeScript or JavaScript string, and readable in a comment. */
export function unicodeEscape(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase();
  return codePoint > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, "0")}`;
}

/** `U+202E`, as messages name a character. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

const bidiControls = new Set([
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

/** What kind of invisible character a code point is, in words for a message. */
export function invisibleKind(codePoint: number): string {
  return bidiControls.has(codePoint) ? "a bidirectional control character" : "an invisible character";
}
