import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";

export interface ResolvedInclude {
  readonly path: string;
  /** True when the file was found only by ignoring case (Windows-authored include lists rely on it). */
  readonly caseMismatch: boolean;
}

/**
 * Finds include files the way mofcomp and cimmof do: relative to the including file first, then in each
 * `--include` directory. Backslashes are separators. On a case-sensitive file system, when the exact name
 * does not exist, each path segment is matched case-insensitively (directory listings are cached).
 */
export class IncludeResolver {
  private readonly listings = new Map<string, readonly string[] | null>();

  constructor(private readonly includeDirs: readonly string[]) {}

  /** The directories searched for `name` included from `fromFile`, in order (for messages). */
  searchDirs(fromFile: string): string[] {
    return [dirname(fromFile), ...this.includeDirs.map((d) => resolve(d))];
  }

  resolve(name: string, fromFile: string): ResolvedInclude | undefined {
    const normalized = name.replace(/\\/g, "/");
    if (isAbsolute(normalized)) return this.lookup(normalized);
    for (const dir of this.searchDirs(fromFile)) {
      const found = this.lookup(join(dir, normalized));
      if (found) return found;
    }
    return undefined;
  }

  private lookup(path: string): ResolvedInclude | undefined {
    if (isFile(path)) return { path: resolve(path), caseMismatch: false };
    const insensitive = this.caseInsensitive(resolve(path));
    return insensitive ? { path: insensitive, caseMismatch: true } : undefined;
  }

  private caseInsensitive(absolute: string): string | undefined {
    const parts = absolute.split(sep).filter((p) => p.length > 0);
    let current: string = sep;
    for (const part of parts) {
      const exact = join(current, part);
      if (existsSync(exact)) {
        current = exact;
        continue;
      }
      const entries = this.list(current);
      const lower = part.toLowerCase();
      const match = entries?.find((e) => e.toLowerCase() === lower);
      if (match === undefined) return undefined;
      current = join(current, match);
    }
    return isFile(current) ? current : undefined;
  }

  private list(dir: string): readonly string[] | null {
    let entries = this.listings.get(dir);
    if (entries === undefined) {
      try {
        entries = readdirSync(dir);
      } catch {
        entries = null;
      }
      this.listings.set(dir, entries);
    }
    return entries;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
