import { type FSWatcher, lstatSync, watch } from "node:fs";
import { basename, join } from "node:path";
import { statStamp } from "../source/stamp.js";
import { manifestName } from "./generate-manifest.js";
import { lockName } from "./output-lock.js";
import { tempFileWriter } from "./temp-files.js";
import type { OutputPlan } from "./write-output.js";

interface Seen {
  readonly content: string;
  /** The file's identity and times when last seen holding `content` (ctime changes on every write, by anyone). */
  readonly stamp: string;
  /** Stamped while the output directory's events were watched: any later change to it is an event. */
  readonly watched: boolean;
}

/**
 * What a watch session knows of its output directory: for each file, the content it had when this process last
 * wrote or compared it, with its inode, size and nanosecond modification and change times. Planning the next run
 * takes a file as unchanged without reading it when the content to write is the same and the file's stamp is
 * too; a file anyone else touched has another ctime and is read and compared as in any run. The output lock,
 * link checks, the manifest and the scan for stray files are as in every run: only the read is saved.
 *
 * With `events` (a watch session on file events, not polling), the file events of each output folder are watched
 * too, and a file stamped while its folder was watched is not even stat'ed again until an event names it: some
 * 4,800 `lstat` calls, 45 ms of each CIM 2.49 edit, become none. Our own writes are events like anyone's (those
 * files are stat'ed once more, then trusted again); an event this cannot place on a known file (a folder made,
 * renamed or removed, a stray name, a watcher's error) makes every file be stat'ed again. One plain watcher per
 * folder: Node 20's recursive `fs.watch` on Linux took 350 ms (synchronously) to start on 5,000 files.
 */
export class KnownOutput {
  #files = new Map<string, Seen>();
  #dir: string | undefined;
  /** Watchers by folder, relative to the output directory ("" for itself). */
  #watchers = new Map<string, FSWatcher>();
  /** Files named by events since they were last stat'ed. */
  #dirty = new Set<string>();

  constructor(private readonly events = false) {}

  /** Whether the file at `path` (relative to the real output directory `outDir`) surely holds `content`. */
  holds(outDir: string, path: string, content: string): boolean {
    if (outDir !== this.#dir) return false;
    const seen = this.#files.get(path);
    if (seen === undefined || seen.content !== content) return false;
    if (seen.watched && !this.#dirty.has(path)) return true;
    const watched = this.#watchers.has(folderOf(path));
    this.#dirty.delete(path);
    this.#stats++;
    const same = seen.stamp === stampOf(join(outDir, path));
    // Seen unchanged now and watched since: trusted until an event. Changed: stat'ed (and read) until rewritten.
    const trusted = same && watched;
    if (trusted !== seen.watched) this.#files.set(path, { ...seen, watched: trusted });
    return same;
  }

  /** After a run wrote `plan`: remember every file it wrote or found up to date. */
  remember(plan: OutputPlan): void {
    if (plan.outDir !== this.#dir) {
      this.#files = new Map();
      this.#stopWatching();
    }
    this.#dir = plan.outDir;
    // Watch before stamping: a change after a stamp is then surely an event.
    if (this.events) this.#watchFolders(plan);
    const next = new Map<string, Seen>();
    for (const file of plan.files) {
      if (file.change === "remove" || file.content === undefined) continue;
      const known = this.#files.get(file.path);
      // Planned unchanged with the content known: either its stamp was checked just now, or it was read and
      // compared (then an old stamp only means it is read again next time). Either way, no stat is needed.
      if (file.change === "unchanged" && known?.content === file.content) {
        next.set(file.path, known);
        continue;
      }
      this.#dirty.delete(file.path);
      const stamp = stampOf(join(plan.outDir, file.path));
      const watched = this.#watchers.has(folderOf(file.path));
      if (stamp !== undefined) next.set(file.path, { content: file.content, stamp, watched });
    }
    this.#files = next;
  }

  #stats = 0;

  /** How many files `holds` stat'ed since the last call (a watch session's statistics). */
  takeStatCount(): number {
    const n = this.#stats;
    this.#stats = 0;
    return n;
  }

  /** Forget everything (a run that failed half-way leaves files in a state not worth trusting). */
  forget(): void {
    this.#files = new Map();
  }

  /** Stop watching the output directory (the session ends). */
  close(): void {
    this.#stopWatching();
  }

  /** Watch every folder of the plan's files, and the folders above them, that is not watched yet. */
  #watchFolders(plan: OutputPlan): void {
    const folders = new Set<string>([""]);
    for (const file of plan.files) {
      for (let folder = folderOf(file.path); folder !== "" && !folders.has(folder); folder = folderOf(folder)) {
        folders.add(folder);
      }
    }
    for (const folder of folders) {
      if (this.#watchers.has(folder)) continue;
      try {
        const watcher = watch(join(plan.outDir, folder), (_event, name) => {
          if (name === null) return this.#distrust();
          this.#event(folder === "" ? name.toString() : `${folder}/${name.toString()}`);
        });
        watcher.on("error", () => {
          // The folder went away (or the watch failed): trust nothing, and watch it anew next time.
          watcher.close();
          this.#watchers.delete(folder);
          this.#distrust();
        });
        watcher.unref();
        this.#watchers.set(folder, watcher);
      } catch {
        // No events for this folder (gone, or a file system without them): its files are stat'ed every run.
      }
    }
  }

  #event(path: string): void {
    if (this.#files.has(path)) {
      this.#dirty.add(path);
      return;
    }
    const base = basename(path);
    // Our own temporary files (the renames onto their targets are events of their own), the manifest (read every
    // run) and the lock: nothing to do. Anything else may be a directory: trust nothing.
    if (tempFileWriter(base) === process.pid || path === manifestName || path === lockName) return;
    this.#distrust();
  }

  #distrust(): void {
    const all = new Map<string, Seen>();
    for (const [path, seen] of this.#files) all.set(path, seen.watched ? { ...seen, watched: false } : seen);
    this.#files = all;
  }

  #stopWatching(): void {
    for (const watcher of this.#watchers.values()) watcher.close();
    this.#watchers = new Map();
    this.#dirty = new Set();
  }
}

/** The folder of a relative output path ("" at the top). */
function folderOf(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut < 0 ? "" : path.slice(0, cut);
}

function stampOf(path: string): string | undefined {
  try {
    const s = lstatSync(path, { bigint: true });
    return s.isFile() ? statStamp(s) : undefined;
  } catch {
    return undefined;
  }
}
