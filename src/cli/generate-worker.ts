import { existsSync } from "node:fs";
import { join } from "node:path";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { hasErrors } from "../diagnostics/diagnostic.js";
import type { DocsStyle } from "../emit/docs/options.js";
import type { TypeScriptOptions } from "../emit/ts/generated-file.js";
import type { SchemaModel } from "../model/types.js";
import type { SourceFile } from "../source/source-file.js";
import { type CompileCliOptions, compile } from "./compile.js";
import { type SharedUnits, type SharePlan, workerShareHooks } from "./emit-share.js";
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
