/**
 * Text that a caller supplied (a class or method name, a string value), as a `CimError` message may show it: cut
 * to a bounded length, so a 10 MB method name makes a short message, and with every character that could change
 * how a log line reads escaped as `\uXXXX`: C0 and C1 controls (CR, LF, ANSI escape sequences), DEL, the
 * Unicode line and paragraph separators, the bidirectional controls that reorder text ("Trojan Source"), and
 * surrogates without their other half. Messages are read in terminals and log viewers; none of that text may act
 * there.
 */

/** How many UTF-16 units of caller text a message shows before `…`. */
export const messageTextLimit = 200;

const unsafe =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
  /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` cut to `limit` units (never inside a surrogate pair) with `…` added, and escaped as described above. */
export function messageText(text: string, limit = messageTextLimit): string {
  return cut(text, limit).replace(unsafe, unicodeEscape);
}

/** `messageText` in double quotes, with `"` and `\\` escaped too, so the reader sees where the text ends. */
export function quotedText(text: string, limit = messageTextLimit): string {
  return `"${cut(text, limit).replace(/["\\]/g, "\\$&").replace(unsafe, unicodeEscape)}"`;
}

function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const end = isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
  return `${text.slice(0, end)}…`;
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
