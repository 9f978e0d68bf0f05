import { lstatSync, type Stats } from "node:fs";
import { dirname, join } from "node:path";
import { makeDirectory } from "./make-dir.js";

/**
 * The folders of the output directory that a run writes, renames and removes in, each known by its identity
 * (device and inode) from the first time the writer uses it. Planning refused every symbolic link on the way,
 * but writing 5,000 files takes seconds: a folder that is then moved away and replaced by a link (or by another
 * folder) must not let the next file of that folder be written, renamed over a file or removed at the link's far
 * end. So each operation first takes one `lstat` of its folder's path, which resolves every folder above it as
 * it is now: a replaced folder, or one above it replaced by a link, shows another identity, and the operation
 * fails for that file (MOF4912) instead. (Microseconds stay between that `lstat` and the operation: Node has no
 * `openat`/`renameat` to close them.)
 */
export class OutputFolders {
  /** Identities by absolute folder path. */
  readonly #ids = new Map<string, string>();

  /** `root` is the real path of the output directory: every path used is below it. */
  constructor(readonly root: string) {}

  /**
   * The folder of `root/rel` (its absolute path), checked as above; with `make`, made when missing, each folder
   * from the root down checked first (a folder seen for the first time must be a real one, below ones seen).
   */
  folderOf(rel: string, make = false): string {
    const dir = dirname(join(this.root, rel));
    this.#enter(dir, make);
    return dir;
  }

  /** A folder that the writer removed: a folder made again at its path later is a new one. */
  forget(dir: string): void {
    this.#ids.delete(dir);
  }

  #enter(dir: string, make: boolean): void {
    const seen = this.#ids.get(dir);
    if (seen !== undefined) {
      if (identity(lstatOrNothing(dir)) !== seen) throw changed();
      return;
    }
    if (dir !== this.root && dirname(dir) !== dir) this.#enter(dirname(dir), make);
    let stat = lstatOrNothing(dir);
    // The folder above is a real one just checked: only this one level can be missing, and is made.
    if (stat === undefined && make) {
      makeDirectory(dir);
      stat = lstatOrNothing(dir);
    }
    if (stat === undefined) throw Object.assign(new Error(`no such folder: ${dir}`), { code: "ENOENT", path: dir });
    if (stat.isSymbolicLink()) throw Object.assign(new Error(`symbolic link: ${dir}`), { code: throughLinkCode });
    if (!stat.isDirectory()) throw Object.assign(new Error(`not a directory: ${dir}`), { code: "ENOTDIR" });
    this.#ids.set(dir, identity(stat) as string);
  }
}

/** The error code of a symbolic link found on the way to a file that the writer touches (made after planning). */
export const throughLinkCode = "MOFGEN_LINK";

/** The error code of a folder of the output that is no longer the one the writer used before. */
export const folderChangedCode = "MOFGEN_FOLDER_CHANGED";

function changed(): Error {
  return Object.assign(new Error("folder replaced"), { code: folderChangedCode });
}

function identity(stat: Stats | undefined): string | undefined {
  return stat?.isDirectory() ? `${stat.dev}:${stat.ino}` : undefined;
}

function lstatOrNothing(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // ENOTDIR: something above is no folder now.
  }
}
