import { getHeapStatistics } from "node:v8";

/**
 * How much MOF one compilation may read: the heap it can use divided by what compiling a byte of MOF takes at
 * its peak. A flat schema of small classes (the densest shape: a class every 40 bytes) needs about 56 heap
 * bytes per input byte while its tokens, syntax tree and model are alive at once (`npm run bench`, "memory");
 * 64 leaves room for the rest of the process. Past the limit V8 would abort with "heap out of memory" after
 * minutes of work; a diagnostic at once is better. `--max-old-space-size` raises the heap, and the limit
 * with it.
 */
export const heapBytesPerInputByte = 64;

export function defaultMaxInputBytes(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / heapBytesPerInputByte);
}

/** Counts the bytes of every file read; says when the next file would take the total past the limit. */
export class InputBudget {
  private total = 0;

  constructor(readonly limit: number = defaultMaxInputBytes()) {}

  /** Adds `bytes`; false (and nothing added) when the total would exceed the limit. */
  take(bytes: number): boolean {
    if (this.total + bytes > this.limit) return false;
    this.total += bytes;
    return true;
  }

  /** The total so far plus `bytes`: what the refused file would have made it. */
  totalWith(bytes: number): number {
    return this.total + bytes;
  }
}

/** `48.2 MB` (decimal, as file managers show sizes), or `1,640 bytes` below a megabyte. */
export function megabytes(bytes: number): string {
  return bytes < 1e6 ? `${bytes.toLocaleString("en-US")} bytes` : `${(bytes / 1e6).toFixed(1)} MB`;
}
