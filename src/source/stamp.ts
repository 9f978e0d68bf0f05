import type { BigIntStats } from "node:fs";

/**
 * What says a file or directory has not changed since it was last seen, for every cache that skips reading again
 * (a session's parses, the include listings, watch's output files): device, inode, size and the nanosecond
 * modification and change times. The change time moves on every write, whoever writes and whatever time they set.
 */
export function statStamp(s: BigIntStats): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}
