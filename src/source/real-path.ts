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

/** `realPath` once per path (a roll-up file's 1,633 includes share a dozen directories and one includer). */
export class RealPathCache {
  private readonly known = new Map<string, string>();

  get(path: string): string {
    let real = this.known.get(path);
    if (real === undefined) {
      real = realPath(path);
      this.known.set(path, real);
    }
    return real;
  }

  /** Record a real path found another way (the resolver's, for an included file). */
  set(path: string, real: string): void {
    this.known.set(path, real);
  }
}
