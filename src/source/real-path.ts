import { realpathSync } from "node:fs";
import { resolve } from "node:path";

/**
 * A file's identity: its real path, with every symbolic link resolved. Two include names that reach one file
 * through symlinked directories (`d1/c.mof` and `d2/c.mof` with `d1 -> .` and `d2 -> .`) are one file, parsed
 * once, and including it from itself is a cycle. Falls back to the absolute path for a file that cannot be
 * resolved (reading it then reports why).
 */
export function realPath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}
