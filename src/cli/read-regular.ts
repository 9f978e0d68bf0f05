import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";

/**
 * Read a file that the writer compares or checks (a generated file, the manifest, the lock, a provider
 * implementation, a cache entry) only when it is a regular file. `readFileSync` on a FIFO waits for a writer
 * that never comes, in the main thread, where not even SIGTERM's handler can run: a `mkfifo out/index.ts` made
 * `generate` hang for good. The file is opened non-blocking and judged on its descriptor (no window between a
 * stat and the open); anything else (a directory too) throws with code `notRegularCode`, and the system's
 * errors (ENOENT, ENOTDIR, EACCES) are thrown as they are.
 *
 * With `maxBytes`, a file larger than that is not read: it throws with code `tooLargeCode` and the file's size
 * (`size`, when the system reports one). A file the user owns (a provider implementation) may be anything, a
 * link to a disk image too: without a bound, it would be read whole into memory.
 */
export function readRegularFile(path: string, maxBytes = Number.POSITIVE_INFINITY): Buffer {
  const { fd, stat } = openRegular(path);
  try {
    if (stat.size > maxBytes) throw tooLarge(path, maxBytes, stat.size);
    return readAll(fd, stat.size, path, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/**
 * The start of a regular file, and the size the system reports for it (0 for one whose size it does not report,
 * as in /proc): `limitFor(size)` says how many bytes of a file of that size to read, from its start, so that a
 * caller that needs only a header, or nothing at all once the size is known, never reads a huge file whole. A
 * file whose size is 0 is read up to `limitFor(0)` bytes or its end. Anything but a regular file throws as in
 * `readRegularFile`.
 */
export function readRegularHead(path: string, limitFor: (size: number) => number): { size: number; bytes: Buffer } {
  const { fd, stat } = openRegular(path);
  try {
    const limit = limitFor(stat.size);
    const want = stat.size > 0 ? Math.min(stat.size, limit) : limit;
    const bytes = Buffer.allocUnsafe(want);
    let at = 0;
    while (at < want) {
      const n = readSync(fd, bytes, at, want - at, at);
      if (n === 0) break; // The file's end (shrunk since the stat, or a size the system does not report).
      at += n;
    }
    return { size: stat.size, bytes: bytes.subarray(0, at) };
  } finally {
    closeSync(fd);
  }
}

/** A descriptor of the regular file at `path`, opened non-blocking; anything else throws (`notRegularCode`). */
export function openRegular(path: string): { fd: number; stat: Stats } {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  let stat: Stats;
  try {
    stat = fstatSync(fd);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  if (stat.isFile()) return { fd, stat };
  closeSync(fd);
  throw Object.assign(new Error("not a regular file (a directory, a FIFO, a device or a socket)"), {
    code: notRegularCode,
    path,
  });
}

/** The error code of a path that holds a directory, a FIFO, a device or a socket rather than a file. */
export const notRegularCode = "MOFGEN_NOT_REGULAR";

/** The error code of a file larger than the reader's `maxBytes`. */
export const tooLargeCode = "MOFGEN_TOO_LARGE";

/** As `readRegularFile`, as UTF-8 text. */
export function readRegularText(path: string, maxBytes?: number): string {
  return readRegularFile(path, maxBytes).toString("utf8");
}

/**
 * The whole file: `size` bytes, or, for a file whose size the system does not report (0, as in /proc), until its
 * end, which must come within `maxBytes`.
 */
function readAll(fd: number, size: number, path: string, maxBytes: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  while (at < size) {
    const n = readSync(fd, bytes, at, size - at, at);
    if (n === 0) return bytes.subarray(0, at); // Shrunk since the stat.
    at += n;
  }
  if (size > 0) return bytes;
  const chunks: Buffer[] = [];
  let total = 0;
  for (let n = 1; n > 0; ) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    n = readSync(fd, chunk, 0, chunk.length, null);
    total += n;
    if (total > maxBytes) throw tooLarge(path, maxBytes);
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks);
}

function tooLarge(path: string, maxBytes: number, size?: number): Error {
  return Object.assign(new Error(`larger than ${maxBytes} bytes`), { code: tooLargeCode, path, size });
}
