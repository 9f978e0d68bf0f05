import { isAscii } from "node:buffer";
import type { Encoding } from "./source-file.js";

export interface DecodedText {
  readonly text: string;
  readonly encoding: Encoding;
  /**
   * Offset (in `text`) of the first byte that was not valid UTF-8, when the file fell back to Windows-1252.
   * Windows-1252 maps one byte to one character, so the byte index is also the text offset.
   */
  readonly invalidUtf8At?: number;
  /** True when UTF-16 was recognised without a byte-order mark (from the zero-byte pattern). */
  readonly guessedUtf16?: boolean;
  /**
   * Offsets (in `text`) of lone UTF-16 surrogates, each read as U+FFFD: in a name they would make two
   * different names one, so the lexer reports each place (`SourceFile.loneSurrogates`).
   */
  readonly loneSurrogates?: readonly number[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder("utf-16le", { fatal: true, ignoreBOM: true });
const utf16be = new TextDecoder("utf-16be", { fatal: true, ignoreBOM: true });
/**
 * Windows-1252 differs from Latin-1 only in 0x80-0x9F (curly quotes, dashes, the euro sign...). Node 20's
 * TextDecoder("windows-1252") decodes those bytes as Latin-1 control characters, so the table is ours.
 * Unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the same code point, as the WHATWG encoding does.
 */
const cp1252High =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeCp1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return latin1.replace(/[\u0080-\u009f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80] as string);
}

/**
 * Decode MOF bytes: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (or recognisably without), and
 * Windows-1252 for older DMTF and Windows files that are not valid UTF-8.
 */
export function decodeMof(bytes: Uint8Array): DecodedText {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    const text = tryUtf8(bytes.subarray(3));
    if (text !== undefined) return { text, encoding: "utf-8-bom" };
    return fallback(bytes.subarray(3));
  }
  if (b0 === 0xff && b1 === 0xfe) return decodeUtf16(bytes.subarray(2), "le");
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes.subarray(2), "be");
  const guessed = guessUtf16(bytes);
  if (guessed !== undefined) return { ...decodeUtf16(bytes, guessed), guessedUtf16: true };
  const text = tryUtf8(bytes);
  if (text !== undefined) return { text, encoding: "utf-8" };
  return fallback(bytes);
}

/**
 * UTF-16: the strict decoder first (well-formed files, nearly all); otherwise the code units as they are, each
 * lone surrogate replaced by U+FFFD and its offset kept, and a trailing odd byte read as U+FFFD as the WHATWG
 * decoder reads it.
 */
function decodeUtf16(bytes: Uint8Array, order: "le" | "be"): DecodedText {
  const encoding = order === "le" ? "utf-16le" : "utf-16be";
  try {
    return { text: (order === "le" ? utf16le : utf16be).decode(bytes), encoding };
  } catch {
    const units = Buffer.from(bytes.subarray(0, bytes.length & ~1));
    if (order === "be") units.swap16();
    const loneSurrogates: number[] = [];
    const text = units.toString("utf16le").replace(loneSurrogate, (_unit: string, offset: number) => {
      loneSurrogates.push(offset);
      return "\ufffd";
    });
    return { text: bytes.length % 2 === 1 ? `${text}\ufffd` : text, encoding, loneSurrogates };
  }
}

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function tryUtf8(bytes: Uint8Array): string | undefined {
  // Fast path: pure ASCII (the vast majority of MOF) needs no validation. Node's native check, not a loop in
  // JavaScript: a cold command would interpret that loop over every byte of the schema.
  if (isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function fallback(bytes: Uint8Array): DecodedText {
  return {
    text: decodeCp1252(bytes),
    encoding: "windows-1252",
    invalidUtf8At: firstInvalidUtf8(bytes),
  };
}

/**
 * Index of the first byte of the first ill-formed UTF-8 sequence (the length when there is none). Well-formed
 * is Unicode's Table 3-7: the second byte's range depends on the first, which rules out overlong forms
 * (E0 80..9F, F0 80..8F), UTF-16 surrogates (ED A0..BF) and code points above U+10FFFF (F4 90..BF, F5..FF).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const form = utf8Forms.find((f) => b >= f.lead[0] && b <= f.lead[1]);
    if (form === undefined || i + form.length > bytes.length) return i;
    const second = bytes[i + 1] as number;
    if (second < form.second[0] || second > form.second[1]) return i;
    for (let k = 2; k < form.length; k++) {
      if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    }
    i += form.length;
  }
  return bytes.length;
}

/** Unicode Table 3-7, "Well-Formed UTF-8 Byte Sequences": lead byte range, second byte range, length. */
const utf8Forms: readonly { lead: [number, number]; second: [number, number]; length: number }[] = [
  { lead: [0xc2, 0xdf], second: [0x80, 0xbf], length: 2 },
  { lead: [0xe0, 0xe0], second: [0xa0, 0xbf], length: 3 },
  { lead: [0xe1, 0xec], second: [0x80, 0xbf], length: 3 },
  { lead: [0xed, 0xed], second: [0x80, 0x9f], length: 3 },
  { lead: [0xee, 0xef], second: [0x80, 0xbf], length: 3 },
  { lead: [0xf0, 0xf0], second: [0x90, 0xbf], length: 4 },
  { lead: [0xf1, 0xf3], second: [0x80, 0xbf], length: 4 },
  { lead: [0xf4, 0xf4], second: [0x80, 0x8f], length: 4 },
];

/** UTF-16 without BOM: ASCII text shows a zero byte in every other position. */
function guessUtf16(bytes: Uint8Array): "le" | "be" | undefined {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 8) return undefined;
  // Without a zero byte among the first n there is nothing to count (every MOF file but UTF-16 ones): one native
  // search instead of a loop that a cold command interprets over 512 bytes of every file.
  const firstZero = bytes.indexOf(0);
  if (firstZero < 0 || firstZero >= n) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.9 && evenZeros === 0) return "le";
  if (evenZeros > pairs * 0.9 && oddZeros === 0) return "be";
  return undefined;
}
