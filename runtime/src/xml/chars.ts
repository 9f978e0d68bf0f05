/**
 * The characters XML 1.0 can carry (XML 1.0 §2.2 `Char`): tab, newline, carriage return, U+0020..U+D7FF,
 * U+E000..U+FFFD and U+10000..U+10FFFF. No escape brings the others (the other C0 controls, U+FFFE, U+FFFF, lone
 * surrogates) into an XML 1.0 document: `&#1;` is as ill-formed as the raw character. So the writer refuses them
 * with an error naming the character, rather than sending a message every conforming peer must reject; the `u`
 * flag makes a lone surrogate one code point, which the class then matches.
 */
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The index and code of the first character XML 1.0 cannot carry, or undefined when there is none. */
export function findNonXmlChar(text: string): { readonly index: number; readonly code: number } | undefined {
  const m = notXmlChar.exec(text);
  if (m === null) return undefined;
  return { index: m.index, code: m[0].codePointAt(0) ?? 0 };
}

/** `U+0001`, as messages name a character. */
export function charName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}
