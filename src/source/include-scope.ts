import { dirname, sep } from "node:path";
import { realPath } from "./real-path.js";

/**
 * Where includes may reach by default: below the including file's folder, below an input root (a directory
 * named as input, or the folder of a file named as input) or below an `--include` folder, all compared by real
 * path so that a symbolic link cannot lead out. Anything else (`/proc/self/environ`, `~/.npmrc`) is refused
 * before it is read, since the lines of a file that is read may be shown in code frames that CI logs publish.
 */
export class IncludeScope {
  private readonly roots: readonly string[];

  constructor(roots: readonly string[]) {
    this.roots = [...new Set(roots.map(realPath))];
  }

  /** Whether the file at real path `file`, included from the file at real path `from`, may be read. */
  allows(file: string, from: string): boolean {
    return isWithin(file, dirname(from)) || this.roots.some((root) => isWithin(file, root));
  }
}

/** Whether `path` is `dir` or below it; both are real paths, so normalised, and a prefix test is exact. */
function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}
