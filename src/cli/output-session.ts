import { readdirSync } from "node:fs";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import type { GeneratedFile } from "../emit/ts/generated-file.js";
import { applyPlan, type WriteResult } from "./apply-plan.js";
import { plural } from "./args.js";
import { catchInterrupts, type Interruption, interruptedExitCode } from "./interrupt.js";
import type { CliIo } from "./io.js";
import { type LockWait, lockName, lockOutput, lockWaitMs, type OutputLock, waitForWriter } from "./output-lock.js";
import { realPathOf } from "./real-path.js";
import { Stager } from "./stager.js";
import { type OutputPlan, type OutputTarget, planOutput } from "./write-output.js";

/**
 * One run's use of the output directory, shared by `generate` and `docs`: take its lock, plan, write when the
 * plan holds no error, release the lock; or, for `--check`, wait for a running writer and plan only.
 */
export type OutputRun =
  /** Another run kept the lock (MOF4917, exit 1), or it could not be created (MOF4912, exit 2): nothing written. */
  | { readonly kind: "locked"; readonly diagnostic: Diagnostic; readonly code: 1 | 2 }
  /** `--check`'s plan. */
  | { readonly kind: "planned"; readonly plan: OutputPlan }
  /** The plan has errors (a file in the way, a link on the way): nothing was written. */
  | { readonly kind: "refused"; readonly plan: OutputPlan }
  | { readonly kind: "written"; readonly plan: OutputPlan; readonly result: WriteResult };

export async function writeOutput(
  files: readonly GeneratedFile[],
  target: OutputTarget,
  io: CliIo,
  held?: HeldOutput,
): Promise<OutputRun> {
  if (held !== undefined) return writeHeld(files, target, io, held);
  const lock = await lockOutput(realPathOf(target.outDir), lockWait(io, target.outDir));
  if (!("release" in lock)) return { kind: "locked", diagnostic: lock, code: lock.code === "MOF4917" ? 1 : 2 };
  const interruption = catchInterrupts();
  try {
    const plan = planOutput(files, { ...target, locked: true });
    if (hasErrors(plan.diagnostics)) return { kind: "refused", plan };
    const result = await applyPlan(plan, { interruption, pauseMs: testPauseMs(io) });
    // A watch session notes what it wrote while the lock still keeps other runs out.
    if (result.failed > 0 || result.interrupted !== undefined) target.known?.forget();
    else target.known?.remember(plan);
    return { kind: "written", plan, result };
  } finally {
    interruption.dispose();
    lock.release();
  }
}

/**
 * A fresh output directory (missing, or empty), locked before emission so that a worker can stage each file
 * while the rest is emitted (issue 15): `stager` takes the files; `writeOutput` then plans and renames them into
 * place; `close` removes whatever was staged and not renamed, and releases the lock. Undefined when the directory
 * is not fresh, or the lock or the worker cannot be had at once: the run then writes as any other.
 */
export async function holdFreshOutput(target: OutputTarget, io: CliIo): Promise<HeldOutput | undefined> {
  if (!isFresh(target.outDir)) return undefined;
  const outDir = realPathOf(target.outDir);
  // No wait: a run that took the lock since the look above is waited for (or reported) the usual way.
  const lock = await lockOutput(outDir, { waitMs: 0, onWait: () => {} });
  if (!("release" in lock)) return undefined;
  const stager = isFresh(outDir) ? Stager.start(outDir, testPauseMs(io)) : undefined;
  if (stager === undefined) {
    lock.release();
    return undefined;
  }
  return new HeldOutput(lock, catchInterrupts(), stager);
}

export class HeldOutput {
  #closed = false;

  constructor(
    readonly lock: OutputLock,
    readonly interruption: Interruption,
    readonly stager: Stager,
  ) {}

  /** Remove what was staged and not renamed into place, then release the lock; returns the files removed. */
  async close(): Promise<number> {
    if (this.#closed) return 0;
    this.#closed = true;
    try {
      return await this.stager.close();
    } finally {
      this.interruption.dispose();
      this.lock.release();
    }
  }
}

/** Nothing in it but (once taken) the lock. */
function isFresh(outDir: string): boolean {
  try {
    return readdirSync(outDir).every((name) => name === lockName);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT";
  }
}

/** `writeOutput` for a held fresh directory: the staged files are this run's own, and are renamed, not rewritten. */
async function writeHeld(
  files: readonly GeneratedFile[],
  target: OutputTarget,
  io: CliIo,
  held: HeldOutput,
): Promise<OutputRun> {
  const { stager, interruption } = held;
  try {
    await stager.settle(interruption);
    const plan = planOutput(files, { ...target, locked: true, staged: stager.temps() });
    if (hasErrors(plan.diagnostics)) return { kind: "refused", plan };
    const result = await applyPlan(plan, {
      interruption,
      pauseMs: testPauseMs(io),
      staged: (file) => stager.take(file.path, file.content),
    });
    const removed = await held.close();
    const stop = result.interrupted;
    return {
      kind: "written",
      plan,
      result:
        stop === undefined
          ? result
          : { ...result, interrupted: { ...stop, tempsRemoved: stop.tempsRemoved + removed } },
    };
  } finally {
    await held.close();
  }
}

/** Test-only (MOFGEN_TEST_WRITE_PAUSE_MS): see `ApplyOptions.pauseMs`. */
function testPauseMs(io: CliIo): number | undefined {
  const pause = Number(io.env.MOFGEN_TEST_WRITE_PAUSE_MS ?? 0);
  return pause > 0 ? pause : undefined;
}

/** `--check`: waits for a writer at work (it takes no lock: it writes nothing), then plans. */
export async function checkOutput(
  files: readonly GeneratedFile[],
  target: OutputTarget,
  io: CliIo,
): Promise<OutputRun> {
  const waited = await waitForWriter(realPathOf(target.outDir), lockWait(io, target.outDir));
  if (waited !== undefined) return { kind: "locked", diagnostic: waited, code: 1 };
  return { kind: "planned", plan: planOutput(files, target) };
}

function lockWait(io: CliIo, outDir: string): LockWait {
  return {
    waitMs: lockWaitMs(io.env),
    onWait: (holder) => io.stderr(`mofgen: waiting for another mofgen run (${holder}) to finish with ${outDir}\n`),
  };
}

/**
 * The one line printed when a signal stopped the writer, and the exit status: what was cleaned up and whether
 * the output is as it was or partly updated (its manifest always lists what is on disk, so a rerun finishes it).
 */
export function interruptedNote(result: WriteResult): { line: string; code: number } | undefined {
  const stop = result.interrupted;
  if (stop === undefined) return undefined;
  const state = stop.changed
    ? "the output is partly updated; run the command again to finish it"
    : "the output is unchanged";
  return {
    line: `mofgen: interrupted; removed ${plural(stop.tempsRemoved, "temporary file")}, ${state}\n`,
    code: interruptedExitCode(stop.signal),
  };
}
