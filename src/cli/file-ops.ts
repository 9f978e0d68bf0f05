import { linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { PathGuard } from "./real-path.js";
import { writeTemp } from "./temp-files.js";

/** The file operations of the output writer, each refusing to go through a symbolic link in the output. */

/** Run a file operation; false (and a diagnostic) when it throws or returns false, else true. */
export function attempt(diagnostics: Diagnostic[], what: string, path: string, action: () => unknown): boolean {
  try {
    return action() !== false;
  } catch (e) {
    diagnostics.push(writeFailure(what, path, e));
    return false;
  }
}

/** MOF4912 for a file operation that threw `error`. */
export function writeFailure(what: string, path: string, error: unknown): Diagnostic {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return withPath(diag(Diagnostics.OutputWriteFailed, undefined, what, describeError(reason)), path);
}

function describeError(code: string): string {
  const known: Readonly<Record<string, string>> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EISDIR: "a directory is in the way",
    ENOTDIR: "a file is in the way of a directory",
    EEXIST: "a file is in the way of a directory",
    ENOSPC: "no space left on the device",
    EROFS: "read-only file system",
    [throughLink]: "a symbolic link is on the way (it appeared after planning)",
  };
  return known[code] ?? code;
}

const throughLink = "MOFGEN_LINK";

/**
 * Check again, just before touching it, that no directory on the way to `rel` is a link: the plan refused
 * those, and this catches one made since.
 */
function refuseLinks(guard: PathGuard, rel: string): void {
  if (guard.linkOnPath(rel) !== undefined) throw Object.assign(new Error("symbolic link"), { code: throughLink });
}

/**
 * Write `content` to a temporary file beside `root/rel` (its directories created, once each: `made` remembers
 * them); returns the temporary path.
 */
export function stageFile(guard: PathGuard, rel: string, content: string, made = new Set<string>()): string {
  refuseLinks(guard, rel);
  const path = join(guard.root, rel);
  const dir = dirname(path);
  if (!made.has(dir)) mkdirSync(dir, { recursive: true });
  made.add(dir);
  return writeTemp(path, content);
}

/** Replace a file at the output's root (the manifest) atomically, unless it already holds `content`. */
export function replaceIfDifferent(path: string, content: string): undefined {
  try {
    if (readFileSync(path, "utf8") === content) return undefined;
  } catch {
    // Missing or unreadable: write it.
  }
  const temp = writeTemp(path, content);
  try {
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  return undefined;
}

/** Remove `root/rel`, then each parent directory up to (not including) the root that it leaves empty. */
export function removeAndPrune(guard: PathGuard, rel: string): undefined {
  refuseLinks(guard, rel);
  const path = join(guard.root, rel);
  unlinkSync(path);
  for (let dir = dirname(path); dir.startsWith(guard.root + sep); dir = dirname(dir)) {
    if (readdirSync(dir).length > 0) break;
    rmdirSync(dir);
  }
  return undefined;
}

/** Create a file that must not exist: a hard link from the temporary file fails rather than replace one. */
export function createOnce(path: string, content: string): boolean {
  mkdirSync(dirname(path), { recursive: true });
  const temp = writeTemp(path, content);
  try {
    linkSync(temp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    rmSync(temp, { force: true });
  }
}
