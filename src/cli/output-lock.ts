import { linkSync, lstatSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join, sep } from "node:path";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { refusedFileCode, writeFailure } from "./file-ops.js";
import { makeDirectory } from "./make-dir.js";
import { notRegularCode, readRegularText, tooLargeCode } from "./read-regular.js";
import { tempPathFor } from "./temp-files.js";

/**
 * One writer per output directory at a time. Two runs that interleave their writes leave files that neither
 * manifest lists (and that no later run would remove), so a run holds `.mofgen-lock` in the output directory
 * from planning to its last write. The file is created with O_EXCL and says who holds it (process id, host,
 * start time): a lock whose process is gone (same host, `kill(pid, 0)` fails with ESRCH) is taken over.
 *
 * A run finding a live lock waits for it (a `--watch` session regenerating, a second terminal) rather than
 * failing at once: the other run usually ends within seconds and then this one runs on its output. After
 * `MOFGEN_LOCK_WAIT` seconds (default 30; 0 fails at once, for CI) it stops with MOF4917 naming the holder.
 */
export const lockName = ".mofgen-lock";

interface Holder {
  readonly pid: number;
  readonly hostname: string;
  readonly started: string;
}

export interface OutputLock {
  release(): void;
}

export interface LockWait {
  /** Longest wait for a live holder, in milliseconds. */
  readonly waitMs: number;
  /** Told once, when the run starts waiting. */
  readonly onWait: (holder: string) => void;
}

/** The wait that `MOFGEN_LOCK_WAIT` (seconds) asks for. */
export function lockWaitMs(env: Readonly<Record<string, string | undefined>>): number {
  const seconds = Number(env.MOFGEN_LOCK_WAIT ?? "");
  return env.MOFGEN_LOCK_WAIT !== undefined && env.MOFGEN_LOCK_WAIT !== "" && seconds >= 0 ? seconds * 1000 : 30_000;
}

/** Take the lock of `outDir` (created if missing), waiting for a live holder; a diagnostic when it stays held. */
export async function lockOutput(outDir: string, wait: LockWait): Promise<OutputLock | Diagnostic> {
  const made = new MadeFolders(outDir);
  try {
    made.note(makeDirectory(outDir));
  } catch (e) {
    // A file where the directory should be, a folder where none can be made (/proc): MOF4912 at the path that
    // failed (`build` for `--out build/gen` when build is a file), which is the directory or one above it.
    const at = (e as NodeJS.ErrnoException).path;
    const culprit = at !== undefined && (at === outDir || outDir.startsWith(`${at}${sep}`)) ? at : outDir;
    return writeFailure("create the output directory", culprit, e);
  }
  const path = join(outDir, lockName);
  try {
    return await takeLock(outDir, path, made, wait);
  } catch (e) {
    // A read-only or full file system, a file where the directory should be: MOF4912, as for any write.
    return writeFailure("create the lock", path, e);
  }
}

async function takeLock(
  outDir: string,
  path: string,
  made: MadeFolders,
  wait: LockWait,
): Promise<OutputLock | Diagnostic> {
  const mine = `${JSON.stringify({ pid: process.pid, hostname: hostname(), started: new Date().toISOString() })}\n`;
  let remade = 0;
  const held = await waitWhileHeld(path, wait, true, () => {
    try {
      writeFileSync(path, mine, { flag: "wx" });
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EEXIST") return refuseForeign(path);
      if (code !== "ENOENT") throw e;
      // ENOENT: the run we waited for made the directory and removed it again, having written nothing; made
      // again, a few times. A folder that stays there and still takes no file (/proc/self) is no place to write.
      if (remade++ >= 3) {
        throw Object.assign(new Error("file refused"), { code: refusedFileCode });
      }
      made.note(makeDirectory(outDir));
      return false;
    }
  });
  if (held !== undefined) return held;
  return {
    release: () => {
      // Only our own lock: never one that another run took over (after ours was judged stale).
      if (readText(path) === mine) rmSync(path, { force: true });
      made.removeEmpty();
    },
  };
}

/**
 * The folders a run made for its output directory (`--out build/gen` may make `build` too), so that a run that
 * wrote nothing (refused, interrupted) leaves none of them behind, empty. That includes the ones it made again
 * after the run it waited for removed them: both runs wrote nothing, and the folders were not there before.
 */
class MadeFolders {
  /** The outermost folder made: it and those below it on the way to the output directory were all made. */
  #outermost: string | undefined;

  constructor(private readonly outDir: string) {}

  /** Note what `makeDirectory(outDir)` returned: the first folder it made, if any. */
  note(first: string | undefined): void {
    // Each is the output directory or a folder above it: the shorter is the outer one.
    if (first !== undefined && (this.#outermost === undefined || first.length < this.#outermost.length))
      this.#outermost = first;
  }

  /** Remove the output directory and the folders above it that this run made, as long as they are empty. */
  removeEmpty(): void {
    const outermost = this.#outermost;
    if (outermost === undefined) return;
    for (let dir = this.outDir; dir === outermost || dir.startsWith(`${outermost}${sep}`); dir = dirname(dir)) {
      try {
        rmdirSync(dir); // Fails on a folder that holds anything (ENOTEMPTY): it and those above it stay.
      } catch {
        return;
      }
      if (dir === outermost) return;
    }
  }
}

/** `--check` only reads, so it takes no lock; it waits for a live writer to finish, so as not to see it half done. */
export async function waitForWriter(outDir: string, wait: LockWait): Promise<Diagnostic | undefined> {
  const path = join(outDir, lockName);
  return waitWhileHeld(path, wait, false, () => readText(path) === undefined);
}

/**
 * Call `attempt` until it succeeds (or, unless `takeStale`, until the lock is found stale), taking over stale
 * locks and sleeping while a live process holds the lock; the diagnostic MOF4917 when the wait is over.
 */
async function waitWhileHeld(
  path: string,
  wait: LockWait,
  takeStale: boolean,
  attempt: () => boolean,
): Promise<Diagnostic | undefined> {
  const deadline = Date.now() + wait.waitMs;
  let told = false;
  // Tries without a pause in between: a lock released (or taken over) since the last try is tried again at
  // once, but only so often before a pause, so that no state of the disk can make this loop spin.
  let quick = 0;
  for (;;) {
    if (attempt()) return undefined;
    const text = readText(path);
    if (text === undefined && quick++ < quickTries) continue; // Released since: try again at once.
    const holder = text === undefined ? undefined : parseHolder(text);
    if (text !== undefined && (holder === undefined ? isOld(path) : isStale(holder))) {
      if (!takeStale) return undefined;
      takeOver(path, text);
      if (quick++ < quickTries) continue;
    }
    const who = describe(holder);
    if (Date.now() >= deadline) {
      return withPath(diag(Diagnostics.OutputLocked, undefined, who, Math.round(wait.waitMs / 1000)), path);
    }
    if (!told) wait.onWait(who);
    told = true;
    await new Promise((done) => setTimeout(done, 100));
    quick = 0;
  }
}

const quickTries = 10;

/**
 * The lock's name is taken (EEXIST): by a lock (false: wait or take it over), or by something mofgen never
 * makes there (a directory, a symbolic link, a FIFO), which no wait would end: that is an error to report.
 */
function refuseForeign(path: string): false {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return false;
  if (!stat.isFile()) throw Object.assign(new Error("not a lock file"), { code: notRegularCode });
  if (stat.size > lockLimit) throw Object.assign(new Error("not a lock file"), { code: tooLargeCode });
  return false;
}

/**
 * The largest lock that is read. mofgen's own is one line of JSON, a process id, a host name (at most 255
 * bytes) and a time: some 100 bytes. A larger file is no lock that mofgen wrote: reading it whole (it may be
 * anything) would cost memory for nothing, and waiting would not make it go, so it is reported (MOF4912).
 */
const lockLimit = 4096;

function parseHolder(text: string): Holder | undefined {
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    if (typeof h.pid === "number" && typeof h.hostname === "string" && typeof h.started === "string") {
      return { pid: h.pid, hostname: h.hostname, started: h.started };
    }
  } catch {
    // Not a lock mofgen wrote completely (it writes the file in one call just after creating it).
  }
  return undefined;
}

/** Gone: on this host, and no such process (or this very process: a run killed before with the same PID 1). */
function isStale(holder: Holder): boolean {
  if (holder.hostname !== hostname()) return false;
  return holder.pid === process.pid || !isLiveProcess(holder.pid);
}

/** Whether a process of that id runs on this host (EPERM: it does, as another user). */
export function isLiveProcess(pid: number): boolean {
  // 0 and negative ids name process groups to kill(), not a process.
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** A lock file without a readable holder is a run's between creating and filling it, unless it is old. */
function isOld(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > 10_000;
  } catch {
    return false;
  }
}

/**
 * Remove a stale lock so that O_EXCL can be tried again. Renamed aside first, and put back if it turns out to
 * be a fresh lock that another run took over in the meantime: two runs taking over at once must not both win.
 */
function takeOver(path: string, staleText: string): void {
  const aside = tempPathFor(path);
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return; // Someone else removed it first.
    // The folder will not let it go (read-only, immutable): waiting would not change that.
    throw e;
  }
  if (readText(aside) !== staleText) {
    try {
      linkSync(aside, path);
    } catch {
      // A third run holds the lock now: the fresh one moved aside is lost to its run's release, which checks.
    }
  }
  unlinkSync(aside);
}

function describe(holder: Holder | undefined): string {
  if (holder === undefined) return "unknown process";
  return `process ${holder.pid} on ${holder.hostname}, since ${holder.started}`;
}

/** The lock's text; undefined when there is none, or none that can be read without blocking or is too large. */
function readText(path: string): string | undefined {
  try {
    return readRegularText(path, lockLimit);
  } catch {
    return undefined;
  }
}
