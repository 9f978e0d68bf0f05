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
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder("utf-16le", { ignoreBOM: true });
const utf16be = new TextDecoder("utf-16be", { ignoreBOM: true });
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
  if (b0 === 0xff && b1 === 0xfe) return { text: utf16le.decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (b0 === 0xfe && b1 === 0xff) return { text: utf16be.decode(bytes.subarray(2)), encoding: "utf-16be" };
  const guessed = guessUtf16(bytes);
  if (guessed === "le")
    return {
      text: utf16le.decode(bytes),
      encoding: "utf-16le",
      guessedUtf16: true,
    };
  if (guessed === "be")
    return {
      text: utf16be.decode(bytes),
      encoding: "utf-16be",
      guessedUtf16: true,
    };
  const text = tryUtf8(bytes);
  if (text !== undefined) return { text, encoding: "utf-8" };
  return fallback(bytes);
}

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

/** Index of the first byte that starts an invalid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    if (i + need >= bytes.length && need > 0) return i;
    for (let k = 1; k <= need; k++) {
      if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/** UTF-16 without BOM: ASCII text shows a zero byte in every other position. */
function guessUtf16(bytes: Uint8Array): "le" | "be" | undefined {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 8) return undefined;
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
