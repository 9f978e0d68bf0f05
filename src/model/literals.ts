/**
 * MOF string and char16 literals: DSP0004 escapes, and long strings split into adjacent literals (which the
 * parser concatenates back, so splitting never changes a value).
 */

/** The named escapes of DSP0004; every other character that cannot stand as itself is written `\xHHHH`. */
const namedEscapes: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\f": "\\f",
  "\r": "\\r",
};

/**
 * Characters written as `\xHHHH`: C0 and C1 controls, DEL, line and paragraph separators, the byte order
 * mark, the non-characters U+FFFE/U+FFFF and lone surrogates (a well-formed pair is printed as itself).
 */
function needsHexEscape(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0xfeff ||
    code === 0xfffe ||
    code === 0xffff ||
    (code >= 0xd800 && code <= 0xdfff)
  );
}

/** Always four hex digits: a shorter escape would swallow a hex digit that follows it ("\x41" + "B"). */
function hexEscape(code: number): string {
  return `\\x${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The escaped pieces of `value`, one per character (a surrogate pair is one piece), so that a split between
 * pieces never cuts an escape sequence or a pair in two.
 */
function escapedPieces(value: string, quote: '"' | "'"): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pieces.push(value.slice(i, i + 2));
        i++;
        continue;
      }
    }
    const named = namedEscapes[c];
    if (named !== undefined) pieces.push(named);
    else if (c === quote) pieces.push(`\\${quote}`);
    else if (needsHexEscape(code)) pieces.push(hexEscape(code));
    else pieces.push(c);
  }
  return pieces;
}

/** The body of a string literal (without quotes), escaped. */
export function escapeString(value: string): string {
  return escapedPieces(value, '"').join("");
}

/** `"value"` with MOF escapes. */
export function stringLiteral(value: string): string {
  return `"${escapeString(value)}"`;
}

/** `'c'` with MOF escapes. */
export function char16Literal(value: string): string {
  return `'${escapedPieces(value, "'").join("")}'`;
}

/**
 * `value` as one or more adjacent string literals, each body at most `width` characters where possible (the
 * first at most `firstWidth`: it continues a line). A string that fits stays whole; a longer one is cut after
 * a line break (`\n`) wherever it has one, otherwise after the last space that keeps the piece within its
 * width, otherwise at the width.
 */
export function stringLiterals(value: string, width: number, firstWidth = width): string[] {
  const pieces = escapedPieces(value, '"');
  const total = pieces.reduce((n, p) => n + p.length, 0);
  if (total <= firstWidth) return [`"${pieces.join("")}"`];
  const literals: string[] = [];
  let start = 0;
  while (start < pieces.length) {
    const limit = literals.length === 0 ? firstWidth : width;
    let length = 0;
    let end = start;
    let lastSpace = -1;
    let newline = -1;
    while (end < pieces.length) {
      const p = pieces[end] as string;
      if (length + p.length > limit && end > start) break;
      length += p.length;
      end++;
      if (p === "\\n") {
        newline = end;
        break;
      }
      if (p === " ") lastSpace = end;
    }
    const cut = newline > 0 || end === pieces.length ? end : lastSpace > start ? lastSpace : end;
    literals.push(`"${pieces.slice(start, cut).join("")}"`);
    start = cut;
  }
  return literals;
}
