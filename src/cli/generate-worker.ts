import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { hasErrors } from "../diagnostics/diagnostic.js";
import type { DocsStyle } from "../emit/docs/options.js";
import type { GeneratedFile, TypeScriptOptions } from "../emit/ts/generated-file.js";
import type { SchemaModel } from "../model/types.js";
import type { SourceFile } from "../source/source-file.js";
import { type CompileCliOptions, compile } from "./compile.js";
import {
  mainShareHooks,
  mergeShare,
  type SharedUnits,
  type ShareHooks,
  type SharePlan,
  workerShareHooks,
} from "./emit-share.js";
import type { CliIo } from "./io.js";

/**
 * The second core for `generate` (issue 15): a worker thread that compiles the same inputs as the main thread, at
 * the same time, and emits an assigned share of the files (emit-share.ts), sending back only paths and texts. The
 * main thread emits the rest, merges, and alone reports diagnostics and writes through the output session. A
 * worker that cannot start, fails or dies costs nothing but time: the main thread then makes that share itself,
 * with the same hooks, so the files are the same either way.
 */

/** Set by the CLI bundle (scripts/bundle.mjs): only the bundle has a worker script beside it to start. */
declare const MOFGEN_BUNDLED_VERSION: string | undefined;

/** Everything the worker needs to compile and emit as the main thread does: plain data, cloned to the thread. */
export interface WorkerInputs {
  readonly cwd: string;
  /** The environment the compile reads (MOFGEN_MAX_INPUT_BYTES), and the test hook MOFGEN_TEST_WORKER_FAIL. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The compile's options without the diagnostic policy: the worker reports nothing, the main thread does. */
  readonly compile: Omit<CompileCliOptions, "policy">;
  /** The TypeScript's options, or undefined when the run writes none (`mofgen docs`). */
  readonly typeScript: TypeScriptOptions | undefined;
  /** The pages' inputs, or undefined when the run writes none. */
  readonly docs:
    | {
        readonly templates: Readonly<Record<string, string>>;
        readonly overlay: string | undefined;
        readonly locale: string | undefined;
        readonly style: DocsStyle | undefined;
      }
    | undefined;
  readonly plan: SharePlan;
}

/** The MOF text a compile read, in UTF-16 code units: what decides whether the second core pays. */
export function sourceLength(files: readonly { readonly source: SourceFile }[]): number {
  let length = 0;
  for (const f of files) length += f.source.text.length;
  return length;
}

/** What a worker needs of every run: where, the environment the compile reads, and the compile's options. */
export function workerCompile(options: CompileCliOptions, io: CliIo): Pick<WorkerInputs, "cwd" | "env" | "compile"> {
  const { MOFGEN_MAX_INPUT_BYTES, MOFGEN_TEST_WORKER_FAIL } = io.env;
  return {
    cwd: io.cwd,
    env: { MOFGEN_MAX_INPUT_BYTES, MOFGEN_TEST_WORKER_FAIL },
    compile: {
      paths: options.paths,
      includeDirs: options.includeDirs,
      dialect: options.dialect,
      builtinQualifiers: options.builtinQualifiers,
      namespace: options.namespace,
      allowIncludeOutside: options.allowIncludeOutside,
    },
  };
}

/**
 * What the worker posts: `{ compiled: true }` when its compile is done (it is emitting), then, when done, its units
 * (none when its compile had errors) and where its time went.
 */
interface WorkerMessage {
  readonly units: SharedUnits | undefined;
  /** When the worker began (its bundle loaded; ms since the epoch, as the main thread counts) and its phases. */
  readonly timing: { readonly began: number; readonly compileMs: number; readonly emitMs: number };
}

/** A started worker: its message when it is done, or undefined when it failed (the caller makes its units). */
export interface EmitWorker {
  readonly done: Promise<WorkerMessage | undefined>;
  /**
   * Whether its compile is done (it said so) or it has ended: either way, waiting for `done` costs no compile, and
   * beats making its share.
   */
  compiled(): boolean;
  /** Stop it (the run ended early, or the inputs are too small to be worth sharing). */
  stop(): void;
}

/**
 * The worker's heap limit. Its model is a second copy of the main thread's, so without a limit of its own a large
 * input would need twice the memory that the input limit (MOF1040, program/input-budget.ts) was set for. With it,
 * the worker's compile takes at most a sixteenth of this in MOF (64 heap bytes per input byte): past that it
 * reports MOF1040 to nobody and the main thread emits alone; a worker that still runs out of heap is ended by
 * Node (ERR_WORKER_OUT_OF_MEMORY) and counts as failed. CIM 2.49 (5.5 MB) peaks at a few hundred MB.
 */
const workerHeapMb = 1024;

/** Start the worker; undefined when there is none to start (mofgen run from its sources, not from the bundle). */
export function startEmitWorker(inputs: WorkerInputs): EmitWorker | undefined {
  const script = workerScript();
  if (script === undefined) return undefined;
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: inputs, resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } });
  } catch {
    return undefined;
  }
  let compiled = false;
  const done = new Promise<WorkerMessage | undefined>((resolve) => {
    worker.on("message", (m: WorkerMessage | { readonly compiled: true }) => {
      compiled = true;
      if ("compiled" in m) return;
      // Done: what is left (saving its code cache on a first run) must not keep the command from exiting.
      worker.unref();
      resolve(m);
    });
    // Whatever the worker throws or however it ends, the main thread carries on alone: the first event decides.
    const failed = () => {
      compiled = true;
      resolve(undefined);
    };
    worker.once("error", failed);
    worker.once("messageerror", failed);
    worker.once("exit", failed);
  });
  return {
    done,
    compiled: () => compiled,
    stop: () => {
      void worker.terminate();
    },
  };
}

/**
 * The worker script: bin/generate-worker.js loads this same bundle (with its own V8 code cache) and calls
 * runGenerateWorker. The bundle is CommonJS, run with its folder as `__dirname` (bin/load-bundle.js).
 */
function workerScript(): string | undefined {
  if (typeof MOFGEN_BUNDLED_VERSION !== "string") return undefined;
  const script = join(__dirname, "../bin/generate-worker.js");
  return existsSync(script) ? script : undefined;
}

/** The worker thread's work: compile, emit its share, post the units (none when the compile has errors). */
export async function runGenerateWorker(): Promise<void> {
  const inputs = workerData as WorkerInputs;
  const fail = inputs.env.MOFGEN_TEST_WORKER_FAIL;
  if (fail === "throw") throw new Error("MOFGEN_TEST_WORKER_FAIL=throw");
  if (fail === "exit") process.exit(1);
  const io: CliIo = { stdout: () => {}, stderr: () => {}, cwd: inputs.cwd, env: inputs.env, stdoutIsTty: false };
  const started = performance.now();
  const { program, schema, diagnostics } = compile(inputs.compile, io);
  const compiled = performance.now();
  parentPort?.postMessage({ compiled: true });
  const units = program.inputErrors || hasErrors(diagnostics) ? undefined : await emitShare(schema, inputs);
  const timing = {
    began: performance.timeOrigin + started,
    compileMs: Math.round(compiled - started),
    emitMs: Math.round(performance.now() - compiled),
  };
  parentPort?.postMessage({ units, timing } satisfies WorkerMessage);
}

/**
 * The worker's share of the files for a compiled schema, as the worker makes it: run in the worker thread, or in
 * the main thread when the worker could not do it. Undefined when the pages fail (the main thread says why).
 */
export async function emitShare(schema: SchemaModel, inputs: WorkerInputs): Promise<SharedUnits | undefined> {
  const [{ generateTypeScript }, docsEmitter, { referencePages, noTemplates }] = await Promise.all([
    import("../emit/ts/generate.js"),
    inputs.docs && import("../emit/docs/generate.js"),
    import("./docs-inputs.js"),
  ]);
  const hooks = workerShareHooks(inputs.plan);
  if (docsEmitter && inputs.docs !== undefined) {
    const { templates, overlay, locale, style } = inputs.docs;
    const pages = referencePages(
      docsEmitter.renderDocs,
      schema,
      {
        templates: { ...noTemplates, sources: templates },
        ...(overlay !== undefined && { overlay: { path: overlay } }),
        locale,
        style,
      },
      hooks.classPages,
    );
    if (pages.failure !== undefined) return undefined;
  }
  if (inputs.typeScript !== undefined) generateTypeScript(schema, inputs.typeScript, hooks.typeScript);
  return hooks.units;
}

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

/** Forced on (`MOFGEN_WORKER=1`), decided by the inputs' size, or not started as the machine has no core to spare. */
type ShareMode = "always" | "auto" | "busy";

/**
 * Whether the machine has no core to spare: a single core, or a load average (the last minute's) of at least one
 * runnable process per core, as \`make -l\` judges. The worker compiles the whole schema a second time, so on a busy
 * machine it only takes time from the main thread: a cold CIM 2.49 --no-docs took 11.3-12.1 s with it and 6.8-7.3
 * s without, at a load of 6 on two cores. (Windows reports a load of 0: the worker is always used there.)
 */
function coresBusy(): boolean {
  const cores = availableParallelism();
  return cores < 2 || (loadavg()[0] ?? 0) >= cores;
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
      this.stats = { units: 0, madeBy: "main", worker: "cores busy" };
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
