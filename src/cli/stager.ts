import { readdirSync, rmdirSync, unlinkSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { Worker } from "node:worker_threads";
import type { GeneratedFile } from "../emit/ts/generated-file.js";
import { isSafeRelativePath, manifestName } from "./generate-manifest.js";
import type { Interruption } from "./interrupt.js";
import { tempPathFor } from "./temp-files.js";

/**
 * The worker's whole source, plain JavaScript kept as text: a worker started with `eval` from it runs the same
 * from the bundle and from vitest's in-process sources, and loads node:fs and node:path only (the bundle would
 * cost more to load than the worker saves). Each message is one file: its temporary path and text, written as
 * temp-files.ts `writeTemp` does (`wx`: never over an existing file; a partial one removed). Folders are made one
 * at a time below the output directory, and one found on the way must be a real directory, not a link. A message
 * is a batch of files (temporary path, text, ...); `null` asks for the temporary paths that could not be written.
 */
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const { root, pauseMs } = workerData;
const made = new Set([root]);
const failed = [];
const sleeper = pauseMs > 0 ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
function folder(dir) {
  if (made.has(dir)) return;
  if (!dir.startsWith(root + path.sep)) throw new Error("outside the output directory");
  folder(path.dirname(dir));
  try {
    fs.mkdirSync(dir);
  } catch (e) {
    if (e.code !== "EEXIST" || !fs.lstatSync(dir).isDirectory()) throw e;
  }
  made.add(dir);
}
function write(temp, text) {
  folder(path.dirname(temp));
  const fd = fs.openSync(temp, "wx");
  try {
    let at = fs.writeSync(fd, text);
    if (at !== Buffer.byteLength(text)) {
      const bytes = Buffer.from(text);
      while (at < bytes.length) at += fs.writeSync(fd, bytes, at);
    }
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
}
parentPort.on("message", (batch) => {
  if (batch === null) return parentPort.postMessage(failed);
  for (let i = 0; i < batch.length; i += 2) {
    try {
      write(batch[i], batch[i + 1]);
    } catch {
      failed.push(batch[i]);
    }
    if (sleeper !== undefined) Atomics.wait(sleeper, 0, 0, pauseMs);
  }
});
`;

/** Files per message to the worker: a test's pause (one file, then the pause) lands with the first one. */
const filesPerMessage = 16;

/**
 * Stages the files of a cold run into a fresh output directory while they are still being emitted (issue 15):
 * creating a file on these disks costs 20-330 µs, 0.1-1 s for CIM 2.49's 3,160 files, and a worker thread doing
 * it with synchronous calls overlaps all of it with the main thread's emission (asynchronous fs would not: each
 * step of it waits for the main thread's event loop, which emission keeps busy). One worker: creates in one folder
 * do not go faster side by side. Each file goes to the temporary name the writer would give it, so the writer
 * renames it instead of writing it again, and a killed run's files are leftovers that a later run recognises.
 * A file the worker could not write is simply not staged: the writer writes it as it would have, and reports
 * its failure the same way.
 */
export class Stager {
  readonly #worker: Worker;
  readonly #root: string;
  /** Posted files by output-relative path: the temporary path and the text written there. */
  readonly #staged = new Map<string, { readonly temp: string; readonly content: string }>();
  /** Every temporary path posted, staged or not (the worker may have been stopped in the middle of one). */
  readonly #posted: string[] = [];
  readonly #adopted = new Set<string>();
  /** Files not yet posted: one message per few files, not per file, spares the worker wake-ups. */
  #batch: string[] = [];
  #broken = false;

  private constructor(worker: Worker, root: string) {
    this.#worker = worker;
    this.#root = root;
    worker.on("error", () => {
      this.#broken = true;
    });
  }

  /**
   * A stager writing below `root` (a real path, the output directory, locked by this run), or undefined when no
   * worker can start: then the files are written after emission, as for any other run. `pauseMs` is the test-only
   * pause after each file (MOFGEN_TEST_WRITE_PAUSE_MS).
   */
  static start(root: string, pauseMs: number | undefined): Stager | undefined {
    try {
      return new Stager(new Worker(workerSource, { eval: true, workerData: { root, pauseMs: pauseMs ?? 0 } }), root);
    } catch {
      return undefined;
    }
  }

  /** Hand a file to the worker: only mofgen's own, with a path the writer would accept (it checks them all again). */
  stage(file: GeneratedFile): void {
    const { path, content, owner } = file;
    if (this.#broken || owner !== "mofgen" || path === manifestName || !isSafeRelativePath(path)) return;
    if (this.#staged.has(path)) return;
    const temp = tempPathFor(join(this.#root, path));
    this.#staged.set(path, { temp, content });
    this.#posted.push(temp);
    this.#batch.push(temp, content);
    if (this.#batch.length >= 2 * filesPerMessage) this.#flush();
  }

  #flush(): void {
    if (this.#batch.length > 0) this.#worker.postMessage(this.#batch);
    this.#batch = [];
  }

  /**
   * Wait for the worker to write every file posted, then stop it. Resolves early when a signal comes (a test pause
   * can hold the worker for seconds): then, as after a worker failure, nothing counts as staged.
   */
  async settle(interruption: Interruption | undefined): Promise<void> {
    const failed = await new Promise<readonly string[] | undefined>((resolve) => {
      const poll = setInterval(() => {
        if (interruption?.signal !== undefined || this.#broken) finish(undefined);
      }, 10);
      const finish = (answer: readonly string[] | undefined) => {
        clearInterval(poll);
        resolve(answer);
      };
      this.#worker.once("message", (answer: readonly string[]) => finish(answer));
      this.#worker.once("exit", () => finish(undefined));
      this.#flush();
      this.#worker.postMessage(null);
    });
    await this.#worker.terminate();
    if (failed === undefined) this.#staged.clear();
    else {
      const gone = new Set(failed);
      for (const [path, { temp }] of this.#staged) if (gone.has(temp)) this.#staged.delete(path);
    }
  }

  /** The temporary paths staged: this run's own, not leftovers of an earlier one. */
  temps(): ReadonlySet<string> {
    return new Set(this.#posted);
  }

  /**
   * The staged temporary file holding exactly `content` for `path`, which the caller now owns: it renames it into
   * place or removes it.
   */
  take(path: string, content: string | undefined): string | undefined {
    const staged = this.#staged.get(path);
    if (staged === undefined || staged.content !== content) return undefined;
    this.#adopted.add(staged.temp);
    return staged.temp;
  }

  /**
   * Stop the worker; remove every temporary file not taken, and the folders left empty (a run that wrote nothing
   * leaves none, as it would without staging). Returns how many temporary files were removed.
   */
  async close(): Promise<number> {
    // Stopped first (again, when settled), so that no write lands after the removals.
    await this.#worker.terminate();
    let removed = 0;
    for (const temp of this.#posted) {
      if (this.#adopted.has(temp)) continue;
      try {
        unlinkSync(temp);
        removed++;
      } catch {
        // Never written (or already gone): nothing to remove.
      }
    }
    this.#pruneFolders();
    this.#posted.length = 0;
    this.#staged.clear();
    return removed;
  }

  /** The folders of the posted files, deepest first, each removed when empty (never the output directory). */
  #pruneFolders(): void {
    const folders = new Set<string>();
    for (const temp of this.#posted) {
      for (let dir = dirname(temp); dir.startsWith(this.#root + sep); dir = dirname(dir)) folders.add(dir);
    }
    const deepestFirst = [...folders].sort((a, b) => b.length - a.length);
    for (const dir of deepestFirst) {
      try {
        if (readdirSync(dir).length === 0) rmdirSync(dir);
      } catch {
        // Never made, or not ours to remove.
      }
    }
  }
}
