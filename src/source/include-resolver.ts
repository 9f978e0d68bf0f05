import { type Dirent, readdirSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve, sep } from "node:path";
import { RealPathCache, realPath } from "./real-path.js";
import { statStamp } from "./stamp.js";

export interface ResolvedInclude {
  readonly path: string;
  /** True when the file was found only by ignoring case (Windows-authored include lists rely on it). */
  readonly caseMismatch: boolean;
  /**
   * False when no regular file of that name was found but a directory, FIFO, device or socket was: it is
   * reported as "not a regular file" rather than "cannot find", and never read.
   */
  readonly regular: boolean;
  /**
   * The file's real path (`realPath`), its identity: the real path of its directory (one `realpath` per
   * directory, cached) joined with its name, or the link's own real path when the entry is a symbolic link.
   * A `realpath` per include cost 150 ms on the 1,633 includes of DMTF CIM 2.49.
   */
  readonly realPath: string;
}

/** What a directory entry is, following symbolic links: `other` for FIFOs, devices and sockets. */
type EntryKind = "file" | "dir" | "other";

/** One directory's entries: exact names, and names by lower case for the case-insensitive fallback. */
interface Listing {
  readonly kinds: ReadonlyMap<string, EntryKind>;
  readonly byLowerCase: ReadonlyMap<string, string>;
  /** Entries that are symbolic links: their real path is not their directory's plus their name. */
  readonly links: ReadonlySet<string>;
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
  private readonly directories = new Map<string, ResolvedInclude | null>();
  private readonly realDirs = new RealPathCache();
  private readonly includeDirs: readonly string[];

  /** `known`: a session's listings of earlier compiles, reused while a directory's stamp has not moved. */
  constructor(
    includeDirs: readonly string[],
    private readonly known?: DirectoryListings,
  ) {
    this.includeDirs = includeDirs.map((d) => resolve(d));
  }

  /** The directories searched for `name` included from `fromFile`, in order (for messages). */
  searchDirs(fromFile: string): string[] {
    const own = dirname(fromFile);
    return this.includeDirs.length === 0 ? [own] : [own, ...this.includeDirs];
  }

  /** The first regular file of that name in the search order, else the first entry of that name that is not one. */
  resolve(name: string, fromFile: string): ResolvedInclude | undefined {
    const normalized = name.replace(/\\/g, "/");
    const candidates = isAbsolute(normalized)
      ? [resolve(normalized)]
      : this.searchDirs(fromFile).map((dir) => this.under(dir, normalized));
    let notRegular: ResolvedInclude | undefined;
    for (const candidate of candidates) {
      const found = this.lookup(candidate);
      if (found?.regular) return found;
      notRegular ??= found;
    }
    return notRegular;
  }

  /** Directories known to be normalised absolute paths (`resolve` leaves them as they are), by path. */
  private readonly normalDirs = new Map<string, boolean>();

  /**
   * `resolve(dir, relative)`, by concatenation when that is the same: on POSIX, for a normalised directory and a
   * plain relative name (`Core/CIM_ManagedElement.mof`, as roll-ups write them: no empty, `.` or `..` segment).
   * A roll-up's 1,633 includes otherwise normalise the whole path three times each (here and in two joins).
   */
  private under(dir: string, relative: string): string {
    let normal = this.normalDirs.get(dir);
    if (normal === undefined) {
      normal = posix && resolve(dir) === dir;
      this.normalDirs.set(dir, normal);
    }
    return normal && plainRelative(relative) ? joinName(dir, relative) : resolve(dir, relative);
  }

  /**
   * An absolute path as it is spelt on disk: its directory (resolved once, then cached: a roll-up file's
   * includes share a dozen directories), then its own name in that directory's listing, exact name first.
   */
  private lookup(absolute: string, kind: "file" | "dir" = "file"): ResolvedInclude | undefined {
    const parentPath = dirname(absolute);
    if (parentPath === absolute)
      return { path: absolute, caseMismatch: false, regular: kind === "dir", realPath: absolute };
    const parent = this.directory(parentPath);
    const listing = parent && this.list(parent.path);
    if (parent === undefined || !listing) return undefined;
    const part = basename(absolute);
    let name: string | undefined = listing.kinds.has(part) ? part : undefined;
    let caseMismatch = parent.caseMismatch;
    if (name === undefined) {
      name = listing.byLowerCase.get(part.toLowerCase());
      if (name === undefined) return undefined;
      caseMismatch = true;
    }
    const found = listing.kinds.get(name);
    if (kind === "dir" && found !== "dir") return undefined;
    const path = joinName(parent.path, name);
    const real =
      kind === "dir"
        ? this.realDirs.get(path)
        : listing.links.has(name)
          ? realPath(path)
          : joinName(this.realDirs.get(parent.path), name);
    return { path, caseMismatch, regular: found === kind, realPath: real };
  }

  private directory(absolute: string): ResolvedInclude | undefined {
    let found = this.directories.get(absolute);
    if (found === undefined) {
      found = this.lookup(absolute, "dir") ?? null;
      this.directories.set(absolute, found);
    }
    return found ?? undefined;
  }

  private list(dir: string): Listing | null {
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      listing = this.known === undefined ? readListing(dir) : this.known.listing(dir);
      this.listings.set(dir, listing);
    }
    return listing;
  }
}

const posix = sep === "/";

/** No empty, `.` or `..` segment, not absolute, no trailing separator: resolving it only appends it. */
function plainRelative(name: string): boolean {
  if (name === "" || name.startsWith("/") || name.endsWith("/") || name.includes("//")) return false;
  return !/(?:^|\/)\.\.?(?:\/|$)/.test(name);
}

/**
 * `join(dir, name)` for a normalised absolute directory and a name that `plainRelative` accepts (a name read from
 * a directory listing always is: never empty, `.` or `..`, no separator): on POSIX that is plain concatenation,
 * without `join`'s normalisation.
 */
function joinName(dir: string, name: string): string {
  if (!posix) return join(dir, name);
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

/**
 * Directory listings kept by a resident session (watch mode, an editor) across compiles. Each compile lists the
 * directories of every include and their parents up to the root (for case-insensitive matches): some fifteen `readdir`
 * calls for CIM 2.49, 10-25 ms per compile when a parent is as big as a shared /tmp. A listing is reused while its
 * directory's stamp (`statStamp`) is the one taken before it was read: creating, deleting or renaming an entry moves
 * the directory's times. Two guards against what the stamp cannot see: a listing read less than a second after the
 * directory last changed is read again (file system clocks tick coarsely, so a change in the same tick would leave the
 * stamp alone; Git's "racy" rule), and the symbolic links of a kept listing are followed again on each reuse (their
 * targets change without the directory; links are few, and `/` has some on most systems).
 */
export class DirectoryListings {
  #entries = new Map<string, { readonly stamp: string; readonly listing: Listing | null }>();
  #used = new Map<string, { readonly stamp: string; readonly listing: Listing | null }>();

  listing(dir: string): Listing | null {
    const taken = directoryStamp(dir);
    if (taken === undefined) return readListing(dir);
    const known = this.#used.get(dir) ?? this.#entries.get(dir);
    if (known !== undefined && known.stamp === taken.stamp && linksHold(dir, known.listing)) {
      this.#used.set(dir, known);
      return known.listing;
    }
    const listing = readListing(dir);
    const settled = Date.now() - taken.changedMs > 1000;
    if (settled && listing !== null) this.#used.set(dir, { stamp: taken.stamp, listing });
    return listing;
  }

  /** A compile is done: forget the directories it did not list. */
  endCompile(): void {
    this.#entries = this.#used;
    this.#used = new Map();
  }
}

/** Whether each symbolic link of a listing still leads to what it led to (or still to nothing). */
function linksHold(dir: string, listing: Listing | null): boolean {
  if (listing === null) return true;
  for (const name of listing.links) if (linkTarget(join(dir, name)) !== listing.kinds.get(name)) return false;
  return true;
}

function directoryStamp(dir: string): { readonly stamp: string; readonly changedMs: number } | undefined {
  try {
    const s = statSync(dir, { bigint: true });
    if (!s.isDirectory()) return undefined;
    const changed = s.mtimeNs > s.ctimeNs ? s.mtimeNs : s.ctimeNs;
    return { stamp: statStamp(s), changedMs: Number(changed / 1_000_000n) };
  } catch {
    return undefined;
  }
}

function readListing(dir: string): Listing | null {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const kinds = new Map<string, EntryKind>();
  const byLowerCase = new Map<string, string>();
  const links = new Set<string>();
  for (const e of entries) {
    if (e.isSymbolicLink()) links.add(e.name);
    const kind = e.isSymbolicLink()
      ? linkTarget(join(dir, e.name))
      : e.isDirectory()
        ? "dir"
        : e.isFile()
          ? "file"
          : "other";
    if (kind === undefined) continue;
    kinds.set(e.name, kind);
    if (!byLowerCase.has(e.name.toLowerCase())) byLowerCase.set(e.name.toLowerCase(), e.name);
  }
  return { kinds, byLowerCase, links };
}

/** What a symbolic link points to (links are rare, so they cost one stat each); undefined when dangling. */
function linkTarget(path: string): EntryKind | undefined {
  try {
    const s = statSync(path);
    return s.isDirectory() ? "dir" : s.isFile() ? "file" : "other";
  } catch {
    return undefined;
  }
}
