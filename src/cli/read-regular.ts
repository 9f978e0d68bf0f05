import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/**
 * Read a file that the writer compares or checks (a generated file, the manifest, the lock, a provider
 * implementation, a cache entry) only when it is a regular file. `readFileSync` on a FIFO waits for a writer
 * that never comes, in the main thread, where not even SIGTERM's handler can run: a `mkfifo out/index.ts` made
 * `generate` hang for good. The file is opened non-blocking and judged on its descriptor (no window between a
 * stat and the open); anything else (a directory too) throws with code `notRegularCode`, and the system's
 * errors (ENOENT, ENOTDIR, EACCES) are thrown as they are.
 */
export function readRegularFile(path: string): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw Object.assign(new Error("not a regular file (a directory, a FIFO, a device or a socket)"), {
        code: notRegularCode,
        path,
      });
    }
    return readAll(fd, stat.size);
  } finally {
    closeSync(fd);
  }
}

/** The error code of a path that holds a directory, a FIFO, a device or a socket rather than a file. */
export const notRegularCode = "MOFGEN_NOT_REGULAR";

/** As `readRegularFile`, as UTF-8 text. */
export function readRegularText(path: string): string {
  return readRegularFile(path).toString("utf8");
}

/** The whole file: `size` bytes, or, for a file whose size the system does not report (0), until its end. */
function readAll(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  while (at < size) {
    const n = readSync(fd, bytes, at, size - at, at);
    if (n === 0) return bytes.subarray(0, at); // Shrunk since the stat.
    at += n;
  }
  if (size > 0) return bytes;
  const chunks: Buffer[] = [];
  for (let n = 1; n > 0; ) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    n = readSync(fd, chunk, 0, chunk.length, null);
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks);
}
