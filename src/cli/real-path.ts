import { lstatSync, readlinkSync, realpathSync, type Stats, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Where a path really leads: the real path of its nearest existing ancestor, plus the part that does not exist
 * yet. A dangling symbolic link is followed to where it points, so that a link made before its target exists
 * (`ln -s gen provlink` before the first run) still counts as an alias of the target.
 */
export function realPathOf(path: string, hops = 0): string {
  try {
    return realpathSync.native(path);
  } catch {
    // Missing, or a link to something missing: resolve the parent, then this last step by hand.
  }
  const parent = dirname(path);
  if (parent === path) return path;
  const realParent = realPathOf(parent, hops);
  let link: string | undefined;
  try {
    link = readlinkSync(path);
  } catch {
    // Not a link: a name that does not exist yet.
  }
  // 40 hops is the kernel's own limit (ELOOP); past it the path leads nowhere and is taken as written.
  if (link === undefined || hops >= 40) return join(realParent, basename(path));
  return realPathOf(resolve(realParent, link), hops + 1);
}

/**
 * A dangling symbolic link on the way to `path` whose target lies in a folder that does not exist either: the
 * first such link (its absolute path, and what it points to), or undefined. Writing to `path` would make that
 * folder and the ones above it, somewhere the link only names in passing. A link made before its target (`ln -s
 * ../build/gen out` before the first build) is followed, and its target made, when the folder that holds the
 * target exists; a link into a folder that is not there (stale, mistyped, a checkout moved) is refused instead
 * of silently growing a tree at its far end.
 */
export function linkToMissingFolder(path: string, followed = { links: 0 }): LinkOnPath | undefined {
  if (exists(path)) return undefined;
  const parent = dirname(path);
  if (parent === path) return undefined;
  const above = linkToMissingFolder(parent, followed);
  if (above !== undefined) return above;
  let link: string;
  try {
    link = readlinkSync(path);
  } catch {
    return undefined; // Not a link: a name the writer creates, as asked.
  }
  // 40 links followed in all (the kernel's own limit) ends a loop: the write then fails with ELOOP and says so.
  if (++followed.links > 40) return undefined;
  const target = resolve(realPathOf(parent), link);
  const beyond = linkToMissingFolder(dirname(target), followed);
  if (beyond !== undefined) return beyond;
  if (!exists(dirname(target))) return { path, target: link };
  return linkToMissingFolder(target, followed);
}

/** Whether something is at `path`, links followed. */
function exists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** A symbolic link found on the way to a path: the link's absolute path and what it points to. */
export interface LinkOnPath {
  readonly path: string;
  readonly target: string;
}

/**
 * Checks the directories on the way to files below one real directory: the first of them that is a symbolic
 * link (to a directory or to anything else), so that nothing is read, written, created or removed through it;
 * and the first that is something other than a directory (a file, a FIFO), which a run could only fail to write
 * below, after writing the rest: planning refuses both, so that the output is never half written.
 * Each directory is looked at once: an output of 3,000 files shares a few dozen.
 */
export class PathGuard {
  /**
   * By directory relative to the root ("" for the root itself): the first obstacle on the way to it, if any (a
   * link, or the absolute path of a file in the way).
   */
  readonly #checked = new Map<string, LinkOnPath | string | undefined>([["", undefined]]);
  /** Directories (relative to the root) that were not there when looked at. */
  readonly #missing = new Set<string>();

  constructor(readonly root: string) {}

  /** The first linked directory on the way from the root to the relative POSIX path `rel` (its file excluded). */
  linkOnPath(rel: string): LinkOnPath | undefined {
    const obstacle = this.#obstacleOnDir(folderOf(rel));
    return typeof obstacle === "object" ? obstacle : undefined;
  }

  /**
   * The absolute path of the first thing on the way from the root to `rel` (its file excluded) that is neither a
   * directory nor a link, where the directory must be: a file (or a FIFO, a device) in the way of a folder.
   * Nothing is looked at beyond a link (`linkOnPath` reports it).
   */
  fileOnPath(rel: string): string | undefined {
    const obstacle = this.#obstacleOnDir(folderOf(rel));
    return typeof obstacle === "string" ? obstacle : undefined;
  }

  /**
   * Whether the directory of `rel` was missing when `linkOnPath(rel)` looked: then `rel` was too, and a fresh
   * output need not try to read its 3,000 files one by one to learn that.
   */
  folderMissing(rel: string): boolean {
    return this.#missing.has(folderOf(rel));
  }

  #obstacleOnDir(relDir: string): LinkOnPath | string | undefined {
    if (this.#checked.has(relDir)) return this.#checked.get(relDir);
    const obstacle = this.#obstacleOnDir(folderOf(relDir)) ?? this.#obstacleAt(relDir);
    this.#checked.set(relDir, obstacle);
    return obstacle;
  }

  #obstacleAt(relDir: string): LinkOnPath | string | undefined {
    const dir = join(this.root, relDir);
    // No exception for a missing directory: a fresh output asks about many. A missing one is remembered as no
    // obstacle: the writer creates it as a real directory (`mkdir`, which never makes a link).
    // ENOTDIR: something above is not a directory; it was looked at first and is the obstacle reported.
    const stat = lstatOrNothing(dir);
    if (stat === undefined) {
      this.#missing.add(relDir);
      return undefined;
    }
    if (stat.isSymbolicLink()) return { path: dir, target: readlinkSync(dir) };
    return stat.isDirectory() ? undefined : dir;
  }
}

/** The folder of a relative POSIX path ("" for the root). */
function folderOf(rel: string): string {
  return rel.slice(0, Math.max(0, rel.lastIndexOf("/")));
}

function lstatOrNothing(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw e;
  }
}
