import { type Dirent, readdirSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";

export interface ResolvedInclude {
  readonly path: string;
  /** True when the file was found only by ignoring case (Windows-authored include lists rely on it). */
  readonly caseMismatch: boolean;
}

/** One directory's entries: exact names, and names by lower case for the case-insensitive fallback. */
interface Listing {
  readonly kinds: ReadonlyMap<string, "file" | "dir">;
  readonly byLowerCase: ReadonlyMap<string, string>;
}

/**
 * Finds include files the way mofcomp and cimmof do: relative to the including file first, then in each
 * `--include` directory. Backslashes are separators. On a case-sensitive file system, when the exact name
 * does not exist, each path segment is matched case-insensitively.
 *
 * Lookups go through cached directory listings rather than a stat per candidate: a roll-up file includes
 * 1,633 files from a dozen directories, so a dozen `readdir` calls replace thousands of `stat` calls.
 */
export class IncludeResolver {
  private readonly listings = new Map<string, Listing | null>();
  private readonly includeDirs: readonly string[];

  constructor(includeDirs: readonly string[]) {
    this.includeDirs = includeDirs.map((d) => resolve(d));
  }

  /** The directories searched for `name` included from `fromFile`, in order (for messages). */
  searchDirs(fromFile: string): string[] {
    return [dirname(fromFile), ...this.includeDirs];
  }

  resolve(name: string, fromFile: string): ResolvedInclude | undefined {
    const normalized = name.replace(/\\/g, "/");
    if (isAbsolute(normalized)) return this.lookup(resolve(normalized));
    for (const dir of this.searchDirs(fromFile)) {
      const found = this.lookup(resolve(dir, normalized));
      if (found) return found;
    }
    return undefined;
  }

  /** Walk an absolute path segment by segment through the listings, exact names first. */
  private lookup(absolute: string): ResolvedInclude | undefined {
    const parts = absolute.split(sep).filter((p) => p.length > 0);
    let current: string = sep;
    let caseMismatch = false;
    for (let i = 0; i < parts.length; i++) {
      const listing = this.list(current);
      if (listing === null) return undefined;
      const part = parts[i] as string;
      let name: string | undefined = listing.kinds.has(part) ? part : undefined;
      if (name === undefined) {
        name = listing.byLowerCase.get(part.toLowerCase());
        if (name === undefined) return undefined;
        caseMismatch = true;
      }
      const last = i === parts.length - 1;
      if (listing.kinds.get(name) !== (last ? "file" : "dir")) return undefined;
      current = join(current, name);
    }
    return { path: current, caseMismatch };
  }

  private list(dir: string): Listing | null {
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      listing = readListing(dir);
      this.listings.set(dir, listing);
    }
    return listing;
  }
}

function readListing(dir: string): Listing | null {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const kinds = new Map<string, "file" | "dir">();
  const byLowerCase = new Map<string, string>();
  for (const e of entries) {
    const kind = e.isSymbolicLink()
      ? linkTarget(join(dir, e.name))
      : e.isDirectory()
        ? "dir"
        : e.isFile()
          ? "file"
          : undefined;
    if (kind === undefined) continue;
    kinds.set(e.name, kind);
    if (!byLowerCase.has(e.name.toLowerCase())) byLowerCase.set(e.name.toLowerCase(), e.name);
  }
  return { kinds, byLowerCase };
}

/** What a symbolic link points to (links are rare, so they cost one stat each). */
function linkTarget(path: string): "file" | "dir" | undefined {
  try {
    const s = statSync(path);
    return s.isDirectory() ? "dir" : s.isFile() ? "file" : undefined;
  } catch {
    return undefined;
  }
}
