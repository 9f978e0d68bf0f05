import { linkSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { makeDirectory, refusedDirectoryCode } from "./make-dir.js";
import { folderChangedCode, type OutputFolders, throughLinkCode } from "./output-folders.js";
import { notRegularCode, readRegularText, tooLargeCode } from "./read-regular.js";
import type { PathGuard } from "./real-path.js";
import { writeTemp } from "./temp-files.js";

/** The file operations of the output writer, each refusing to go through a symbolic link in the output. */

/**
 * The write failures of one run, grouped by what failed and why. A read-only file system, a directory without
 * permission or a file in the way of a directory fails every file below it for one cause: that cause is
 * reported once, at the folder that holds all those files, with their number, not once per file (a Hyper-V
 * schema is 1,500 files).
 */
export class WriteFailures {
  readonly #groups = new Map<string, { what: string; reason: string; paths: string[] }>();
  #count = 0;

  /** How many operations failed. */
  get count(): number {
    return this.#count;
  }

  add(what: string, path: string, error: unknown): void {
    const reason = describeError((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    const key = `${what}\0${reason}`;
    const group = this.#groups.get(key) ?? { what, reason, paths: [] };
    group.paths.push(path);
    this.#groups.set(key, group);
    this.#count++;
  }

  /** One MOF4912 per cause: the file when one failed, else the folder holding every file that failed for it. */
  diagnostics(): Diagnostic[] {
    return [...this.#groups.values()].map(({ what, reason, paths }) => {
      const [first = ""] = paths;
      if (paths.length === 1) return withPath(diag(Diagnostics.OutputWriteFailed, undefined, what, reason), first);
      const where = commonFolder(paths);
      return withPath(diag(Diagnostics.OutputWriteFailed, undefined, what, reason, paths.length), where);
    });
  }
}

/** The deepest folder that holds every path. */
function commonFolder(paths: readonly string[]): string {
  let common = dirname(paths[0] ?? "");
  for (const p of paths) {
    while (common !== dirname(common) && !p.startsWith(common + sep)) common = dirname(common);
  }
  return common;
}

/** Run a file operation; false (and the failure recorded) when it throws or returns false, else true. */
export function attempt(failures: WriteFailures, what: string, path: string, action: () => unknown): boolean {
  try {
    return action() !== false;
  } catch (e) {
    failures.add(what, path, e);
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
    ENOENT: "no such file or directory (was the output directory removed during the run?)",
    EDQUOT: "disk quota exceeded",
    ELOOP: "too many symbolic links on the way (a loop?)",
    [throughLinkCode]: "a symbolic link is on the way (it appeared after planning)",
    [folderChangedCode]:
      "a folder on the way was replaced (by a symbolic link or another folder) while mofgen was writing: nothing is written there",
    [refusedFileCode]:
      "the system refuses to create a file in this folder (a virtual file system such as /proc or /sys?)",
    [notRegularCode]: "something other than a file (a directory, a symbolic link, a FIFO, a device) is in the way",
    [tooLargeCode]: "a file far larger than any that mofgen writes there is in the way (not read): move or remove it",
    [refusedDirectoryCode]:
      "the system refuses to create a directory in the folder above (a virtual file system such as /proc or /sys?)",
  };
  return known[code] ?? code;
}

/** The error code of a file that the system would not create although the folder for it exists. */
export const refusedFileCode = "MOFGEN_FILE_REFUSED";

/**
 * Check again, just before touching it, that no directory on the way to `rel` is a link: the plan refused
 * those, and this catches one made since.
 */
function refuseLinks(guard: PathGuard, rel: string): void {
  if (guard.linkOnPath(rel) !== undefined) throw Object.assign(new Error("symbolic link"), { code: throughLinkCode });
}

/**
 * Write `content` to a temporary file beside `root/rel` (its folders made when missing, and checked: no link, the
 * same folders as before, `OutputFolders`); returns the temporary path.
 */
export function stageFile(folders: OutputFolders, rel: string, content: string): string {
  folders.folderOf(rel, true);
  return writeTemp(join(folders.root, rel), content);
}

/** Rename a staged temporary file onto `root/rel`, its folder checked again first. */
export function renameStaged(folders: OutputFolders, temp: string, rel: string): undefined {
  folders.folderOf(rel);
  renameSync(temp, join(folders.root, rel));
  return undefined;
}

/** Replace a file at the output's root (the manifest) atomically, unless it already holds `content`. */
export function replaceIfDifferent(path: string, content: string): undefined {
  try {
    // Bounded by the new content's length: a longer file is different, and is not read whole to find that out.
    if (readRegularText(path, Buffer.byteLength(content, "utf8")) === content) return undefined;
  } catch {
    // Missing, unreadable or longer: write it.
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

/** Remove `root/rel` (its folder checked), then each parent directory up to (not including) the root that it leaves empty. */
export function removeAndPrune(folders: OutputFolders, rel: string): undefined {
  folders.folderOf(rel);
  const path = join(folders.root, rel);
  unlinkSync(path);
  for (let dir = dirname(path); dir.startsWith(folders.root + sep); dir = dirname(dir)) {
    if (readdirSync(dir).length > 0) break;
    rmdirSync(dir);
    folders.forget(dir);
  }
  return undefined;
}

/**
 * Create `root/rel`, which must not exist (a provider implementation: the user's once made). A hard link from
 * the temporary file fails rather than replace anything, and no link on the way is gone through.
 */
export function createOnce(guard: PathGuard, rel: string, content: string): boolean {
  refuseLinks(guard, rel);
  const path = join(guard.root, rel);
  makeDirectory(dirname(path));
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
