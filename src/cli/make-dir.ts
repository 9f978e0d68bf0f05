import { mkdirSync, type Stats, statSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Create a directory and the missing ones above it, in a bounded number of steps. Node 20's
 * `mkdirSync(path, { recursive: true })` never returns on a path such as `/proc/foo/bar`: `mkdir /proc/foo`
 * fails with ENOENT, so Node makes the parent (`/proc`: EEXIST) and tries the child again, forever. Here each
 * missing directory is made once, from the nearest existing ancestor down; a directory that another process
 * removes while we make the next one costs one more pass, and after `passes` of them the failure is thrown.
 *
 * Returns the first directory it created (undefined when the directory was already there), as
 * `mkdirSync(..., { recursive: true })` does. Throws the system's error (ENOTDIR: a file is in the way, EACCES,
 * EROFS), or one with code `refusedDirectoryCode` when the system refuses a directory below one that exists.
 */
export function makeDirectory(path: string, passes = 3): string | undefined {
  let first: string | undefined;
  for (let pass = 1; ; pass++) {
    try {
      const made = makeMissing(path);
      return first ?? made;
    } catch (e) {
      const failure = e as NodeJS.ErrnoException & { made?: string };
      first ??= failure.made;
      // ENOENT below a directory that was there a moment ago: removed meanwhile (another run's clean-up), or a
      // file system that refuses new directories (/proc, /sys). One more pass tells the two apart.
      if (failure.code !== "ENOENT" || pass >= passes) throw refusedIfEnoent(failure);
    }
  }
}

/** The error code of a directory that the system would not create although the folder above it exists. */
export const refusedDirectoryCode = "MOFGEN_DIR_REFUSED";

function makeMissing(path: string): string | undefined {
  const missing: string[] = [];
  for (let dir = path; !isDirectory(dir); dir = dirname(dir)) {
    // The root itself is missing only on a broken system: let mkdir say so.
    missing.push(dir);
    if (dirname(dir) === dir) break;
  }
  let first: string | undefined;
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
      first ??= dir;
    } catch (e) {
      // Made by someone else since we looked: fine if it is a directory (a file there fails as ENOTDIR below).
      if ((e as NodeJS.ErrnoException).code === "EEXIST" && isDirectory(dir)) continue;
      throw Object.assign(e as Error, { made: first });
    }
  }
  return first;
}

/**
 * Whether `path` is a directory (through links): false when it is missing, or when something above it is not a
 * directory (the walk up then finds that); ENOTDIR naming `path` when it is a file (or anything else).
 */
function isDirectory(path: string): boolean {
  let stat: Stats | undefined;
  try {
    stat = statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOTDIR") return false;
    throw e;
  }
  if (stat === undefined) return false;
  if (stat.isDirectory()) return true;
  throw Object.assign(new Error(`not a directory: ${path}`), { code: "ENOTDIR", path });
}

function refusedIfEnoent(e: NodeJS.ErrnoException): Error {
  if (e.code !== "ENOENT") return e;
  return Object.assign(new Error(`the system refuses to create ${e.path ?? "a directory"}`), {
    code: refusedDirectoryCode,
    path: e.path,
  });
}
