import { availableParallelism, loadavg } from "node:os";
import type { GeneratedFile } from "../emit/ts/generated-file.js";
import type { SchemaModel } from "../model/types.js";
import { mainShareHooks, mergeShare, type ShareHooks, type SharePlan } from "./emit-share.js";
import { type EmitWorker, emitShare, startEmitWorker, type WorkerInputs } from "./generate-worker.js";
import type { CliIo } from "./io.js";

/**
 * The main thread's side of a shared generate (issue 15): whether to start the worker, which plan it gets, the
 * hooks for this thread's emitters, and the merge, with the fallbacks that keep the files the same whatever the
 * worker does. The worker itself is generate-worker.ts.
 */

/**
 * Inputs smaller than this (the MOF text every file of the compile holds, in UTF-16 code units) are emitted in
 * one thread: below it, starting the worker and loading the bundle there cost more than the share saves.
 */
const shareThreshold = 1_000_000;

/**
 * The plans, balanced from CIM 2.49's emit times (in-process: class modules about 1.0 s, provider bases 0.45 s,
 * all pages 1.4 s, of which the class and method pages nearly all) and the worker's start (bundle and code cache,
 * 0.1-0.2 s on a quiet machine): each thread should finish its share at about the same time after its compile.
 * With pages, the worker renders the class and method pages and the main thread makes the TypeScript (1.45 s
 * either side); without, the worker makes the provider bases and a fifth of the class modules (0.15 + 0.45 + 0.2
 * against 0.8 s); `mofgen docs` gives it just under half the class pages, for its start.
 */
const plans: { readonly docs: SharePlan; readonly noDocs: SharePlan; readonly pagesOnly: SharePlan } = {
  docs: { module: 0, base: 0, pages: 1 },
  noDocs: { module: 0.2, base: 1, pages: 0 },
  pagesOnly: { module: 0, base: 0, pages: 0.45 },
};

/** Forced on (`MOFGEN_WORKER=1`), decided by the inputs' size, or not started: the machine has no core to spare. */
type ShareMode = "always" | "auto" | "busy";

/**
 * Whether the machine has no core to spare for the worker: fewer than three cores, or a load average (the last
 * minute's) that leaves less than one idle, as `make -l` judges load. The worker compiles the whole schema a second
 * time, so it pays only with a core that nothing else wants. Two cores are not enough: a one-thread generate
 * already takes about 1.1 cores of CPU (V8's garbage collector and the file writes run beside it), and on the
 * 2-core development machines the worker made a cold CIM 2.49 --no-docs slower in every pair measured, at loads
 * from 1.75 (3.1 s alone, 5.2 s with it: the main thread's compile ran 40% slower beside it) to 6 (6.8-7.3 s
 * against 11.3-12.1 s). `MOFGEN_WORKER=1` still uses it there. (Windows reports a load of 0.)
 */
function coresBusy(): boolean {
  const cores = availableParallelism();
  return cores < 3 || (loadavg()[0] ?? 0) > cores - 1;
}

/** A cold generate's sharing of the emitting, from before the compile to the merged files. */
export class EmitShare {
  readonly #inputs: WorkerInputs;
  readonly #mode: ShareMode;
  #worker: EmitWorker | undefined;
  #hooks: ReturnType<typeof mainShareHooks> | undefined;
  /** When the share started (the worker with it) and when this thread's compile ended, for the stats. */
  readonly #started: number;
  #compiled = 0;
  /**
   * What happened, for `MOFGEN_WORKER_STATS=1`: how many units were the worker's, who made them, how long the
   * main thread waited for them, each thread's compile and emit times and how long the worker took to start (so
   * that a plan can be balanced); or why the main thread made them.
   */
  stats: object = {};

  /**
   * Start sharing a run (the worker starts compiling at once), or undefined when `MOFGEN_WORKER=0` turns it off.
   * `MOFGEN_WORKER=1` shares whatever the inputs' size and the machine's load, and waits for the worker however
   * far behind it is; by default only inputs of `shareThreshold` or more, on a machine with a core to spare, and
   * a worker still compiling when this thread has emitted its part is stopped and its share made here.
   */
  static start(inputs: Omit<WorkerInputs, "plan">, env: CliIo["env"]): EmitShare | undefined {
    const setting = env.MOFGEN_WORKER;
    if (setting === "0") return undefined;
    const plan =
      inputs.typeScript === undefined ? plans.pagesOnly : inputs.docs === undefined ? plans.noDocs : plans.docs;
    return new EmitShare({ ...inputs, plan }, setting === "1" ? "always" : coresBusy() ? "busy" : "auto");
  }

  private constructor(inputs: WorkerInputs, mode: ShareMode) {
    this.#inputs = inputs;
    this.#mode = mode;
    this.#started = performance.now();
    if (mode !== "busy") this.#worker = startEmitWorker(inputs);
  }

  /**
   * After the main thread's compile: the hooks for its emitters when sharing pays for these inputs; undefined
   * (and the worker stopped) when it does not.
   */
  hooks(sourceLength: number): ShareHooks | undefined {
    if (this.#mode === "busy") {
      this.stats = { units: 0, madeBy: "main", worker: "no spare core" };
      return undefined;
    }
    if (this.#mode === "auto" && sourceLength < shareThreshold) {
      this.stats = { units: 0, madeBy: "main", worker: "not needed" };
      this.stop();
      return undefined;
    }
    // No worker to share with (run from the sources): one thread, unless MOFGEN_WORKER=1 asks for the share's path
    // anyway, as the tests do to exercise it in-process.
    if (this.#mode === "auto" && this.#worker === undefined) {
      this.stats = { units: 0, madeBy: "main", worker: "none" };
      return undefined;
    }
    this.#compiled = performance.now();
    this.#hooks = mainShareHooks(this.#inputs.plan);
    return this.#hooks;
  }

  /** The run ends without emitting (errors): the worker's work is not wanted. */
  stop(): void {
    this.#worker?.stop();
    this.#worker = undefined;
  }

  /**
   * The main thread's lists (TypeScript, pages) with the worker's units merged in. When the worker failed or its
   * units do not fit, the main thread makes that share itself: the same files, later.
   */
  async merge(schema: SchemaModel, lists: readonly (readonly GeneratedFile[])[]): Promise<GeneratedFile[][]> {
    const hooks = this.#hooks;
    if (hooks === undefined) throw new Error("internal: EmitShare.merge before hooks");
    const emitted = performance.now();
    // Messages that came while this thread emitted are delivered on the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.#mode === "auto" && this.#worker !== undefined && !this.#worker.compiled()) {
      // The worker is still compiling (a slow start, a busy machine): its share takes this thread less time than
      // the worker's compile and share would.
      this.stop();
      this.stats = { units: hooks.expected.size, madeBy: "main", worker: "behind" };
      return this.#ownShare(schema, lists, hooks.expected);
    }
    const message = await this.#worker?.done;
    const waitedMs = Math.round(performance.now() - emitted);
    const main = {
      compileMs: Math.round(this.#compiled - this.#started),
      emitMs: Math.round(emitted - this.#compiled),
    };
    const worker = this.#worker === undefined ? "none" : message?.units === undefined ? "failed" : "done";
    this.#worker = undefined;
    if (message?.units !== undefined) {
      try {
        const merged = mergeShare(lists, hooks.expected, message.units);
        const { began, compileMs, emitMs } = message.timing;
        const startMs = Math.round(began - (performance.timeOrigin + this.#started));
        this.stats = {
          units: hooks.expected.size,
          madeBy: "worker",
          waitedMs,
          main,
          worker: { startMs, compileMs, emitMs },
        };
        return merged;
      } catch {
        // A worker whose units disagree with this thread's placeholders: as if it had failed.
      }
    }
    this.stats = { units: hooks.expected.size, madeBy: "main", worker: worker === "done" ? "disagreed" : worker };
    return this.#ownShare(schema, lists, hooks.expected);
  }

  /** The worker's share made by this thread, with the worker's hooks: the same files. */
  async #ownShare(
    schema: SchemaModel,
    lists: readonly (readonly GeneratedFile[])[],
    expected: ReadonlyMap<string, string>,
  ): Promise<GeneratedFile[][]> {
    const own = await emitShare(schema, this.#inputs);
    if (own === undefined) throw new Error("internal: the pages failed only when emitting the worker's share");
    return mergeShare(lists, expected, own);
  }
}
