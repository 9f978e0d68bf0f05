import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import type { GeneratedFile } from "../emit/ts/generated-file.js";
import { applyPlan, type WriteResult } from "./apply-plan.js";
import { plural } from "./args.js";
import { catchInterrupts, interruptedExitCode } from "./interrupt.js";
import type { CliIo } from "./io.js";
import { linkedAway } from "./output-links.js";
import { type LockWait, lockOutput, lockWaitMs, waitForWriter } from "./output-lock.js";
import { realPathOf } from "./real-path.js";
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
): Promise<OutputRun> {
  const far = linkedAway(target.outDir, "output");
  if (far !== undefined) return { kind: "locked", diagnostic: far, code: 2 };
  const lock = await lockOutput(realPathOf(target.outDir), lockWait(io, target.outDir));
  if (!("release" in lock)) return { kind: "locked", diagnostic: lock, code: lock.code === "MOF4917" ? 1 : 2 };
  const interruption = catchInterrupts();
  try {
    const plan = planOutput(files, { ...target, locked: true });
    if (hasErrors(plan.diagnostics)) return { kind: "refused", plan };
    const pause = Number(io.env.MOFGEN_TEST_WRITE_PAUSE_MS ?? 0);
    const result = await applyPlan(plan, { interruption, pauseMs: pause > 0 ? pause : undefined });
    // A watch session notes what it wrote while the lock still keeps other runs out.
    if (result.failed > 0 || result.interrupted !== undefined) target.known?.forget();
    else target.known?.remember(plan);
    return { kind: "written", plan, result };
  } finally {
    interruption.dispose();
    lock.release();
  }
}

/** `--check`: waits for a writer at work (it takes no lock: it writes nothing), then plans. */
export async function checkOutput(
  files: readonly GeneratedFile[],
  target: OutputTarget,
  io: CliIo,
): Promise<OutputRun> {
  // What generate would refuse before writing, --check reports rather than listing files "to add" there.
  const far = linkedAway(target.outDir, "output");
  if (far !== undefined) return { kind: "locked", diagnostic: far, code: 2 };
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
