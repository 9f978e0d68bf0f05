import { constants as bufferConstants } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import { describeIoError } from "./io-errors.js";

/**
 * The largest source file mofgen reads: 256 MiB. Decoding never yields more UTF-16 code units than the file has
 * bytes (UTF-8 and Windows-1252 give at most one per byte, UTF-16 one per two), so any file up to V8's string
 * limit (about 512 MiB on 64-bit Node) could be held as text; but compiling takes about 100 bytes of memory per
 * input byte, so a larger file would exhaust the heap long before it finished. DMTF CIM 2.49, 1,634 files in
 * all, is 5.5 MB.
 */
export const maxSourceBytes = Math.min(256 * 1024 * 1024, bufferConstants.MAX_STRING_LENGTH);

export type SourceBytes = { readonly bytes: Uint8Array } | { readonly reason: string };

/** Why a path that `stat` describes cannot be a source file, or undefined when it can. */
export function unreadableReason(stat: Stats): string | undefined {
  if (!stat.isFile()) return notRegularReason(stat);
  if (stat.size > maxSourceBytes) return tooLarge(stat.size);
  return undefined;
}

/** Whether `path` (following symbolic links) is a regular file that mofgen would read. */
export function sourceFileProblem(path: string): string | undefined {
  try {
    return unreadableReason(statSync(path));
  } catch (e) {
    return describeIoError(e);
  }
}

/**
 * Read a source file, never more than `maxSourceBytes` and never anything but a regular file: a FIFO, a device
 * (`/dev/zero`, `/dev/urandom`, a `.mof` symbolic link to one) or a directory is refused without reading it.
 * The file is opened non-blocking (opening a FIFO would otherwise wait for a writer) and checked on its
 * descriptor, so a file swapped after a `stat` cannot slip through. Files whose size the system does not know
 * (`/proc` files report 0) are read until their end, up to the same limit.
 */
export function readSourceBytes(path: string): SourceBytes {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { reason: describeIoError(e) };
  }
  try {
    const stat = fstatSync(fd);
    const reason = unreadableReason(stat);
    if (reason !== undefined) return { reason };
    return readAll(fd, stat.size);
  } catch (e) {
    return { reason: describeIoError(e) };
  } finally {
    closeSync(fd);
  }
}

/**
 * A UTF-8 text file (a configuration, an overlay, a template) read with the same checks; throws an Error
 * whose message says why not, for callers that report read errors from a `catch`. A file that starts with a
 * UTF-16 byte-order mark is read as UTF-16: Windows PowerShell 5.1 writes that (`Out-File`, `>`), and read as
 * UTF-8 its every other byte is a NUL. The mark stays at the start, as a UTF-8 one does, for the caller to drop.
 */
export function readTextFile(path: string): string {
  const read = readSourceBytes(path);
  if ("reason" in read) throw new Error(read.reason);
  const [b0, b1] = read.bytes;
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder("utf-16le", { ignoreBOM: true }).decode(read.bytes);
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder("utf-16be", { ignoreBOM: true }).decode(read.bytes);
  return Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength).toString("utf8");
}

function readAll(fd: number, size: number): SourceBytes {
  return readAllFrom((buffer, offset, length) => readSync(fd, buffer, offset, length, null), size);
}

/** Reads up to `length` bytes into `buffer` at `offset` and says how many it read: 0 at the end of the file. */
export type ReadInto = (buffer: Uint8Array, offset: number, length: number) => number;

/** The bytes of a file whose stat reported `size`, read through `read` (a descriptor's `readSync`). */
export function readAllFrom(read: ReadInto, size: number): SourceBytes {
  // One byte more than the size, so that a file that grew since the stat is noticed and read on.
  let buffer = Buffer.allocUnsafe(Math.min(size + 1, maxSourceBytes + 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxSourceBytes) return { reason: tooLarge(length) };
      const bigger = Buffer.allocUnsafe(Math.min(Math.max(length * 2, 64 * 1024), maxSourceBytes + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = read(buffer, length, buffer.length - length);
    if (n === 0) break;
    length += n;
    // A regular file that gave exactly the size its stat reported, in a buffer one byte larger, has ended: one
    // read call per file instead of two (the second only to be told so; 1,634 of them for CIM 2.49). A file that
    // grew fills the spare byte and is read on; one that shrank reads on to its end as before.
    if (length === size && size > 0 && length < buffer.length) break;
  }
  if (length > maxSourceBytes) return { reason: tooLarge(length) };
  return { bytes: buffer.subarray(0, length) };
}

function notRegularReason(stat: Stats): string {
  if (stat.isDirectory()) return "not a regular file (a directory)";
  if (stat.isFIFO()) return "not a regular file (a named pipe)";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "not a regular file (a device)";
  if (stat.isSocket()) return "not a regular file (a socket)";
  return "not a regular file";
}

/** `size` is the file's size, or one more than the limit when reading found it larger than its stat said. */
function tooLarge(size: number): string {
  const mib = (n: number) => `${Math.floor(n / (1024 * 1024))} MiB`;
  const what = size > maxSourceBytes + 1 ? mib(size) : `over ${mib(maxSourceBytes)}`;
  return `file too large (${what}; mofgen reads source files of up to ${mib(maxSourceBytes)})`;
}
