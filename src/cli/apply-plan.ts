import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import {
  attempt,
  createOnce,
  removeAndPrune,
  renameStaged,
  replaceIfDifferent,
  stageFile,
  WriteFailures,
} from "./file-ops.js";
import { manifestName, manifestText } from "./generate-manifest.js";
import type { Interruption } from "./interrupt.js";
import { OutputFolders } from "./output-folders.js";
import { PathGuard } from "./real-path.js";
import type { OutputPlan, PlannedFile } from "./write-output.js";

export interface ApplyOptions {
  /** Ctrl+C / SIGTERM caught during the run: the writer stops at its next file. */
  readonly interruption?: Interruption | undefined;
  /**
   * Test-only (MOFGEN_TEST_WRITE_PAUSE_MS): a pause after each temporary file is written, so that a test can
   * kill or interrupt a real run while its temporary files exist. Never set in normal use.
   */
  readonly pauseMs?: number | undefined;
}

export interface WriteResult {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
  /** Temporary files of earlier, killed runs that this run removed. */
  readonly leftoversRemoved: number;
  /** Absolute paths of the provider implementations created. */
  readonly created: readonly string[];
  /** One error per cause of the files that could not be written or removed (each file's, when it was alone). */
  readonly diagnostics: readonly Diagnostic[];
  /** How many files (the manifest and provider implementations included) could not be written or removed. */
  readonly failed: number;
  /** Set when a signal stopped the run: how many temporary files it removed, and whether any file changed. */
  readonly interrupted?: {
    readonly signal: "SIGINT" | "SIGTERM";
    readonly tempsRemoved: number;
    readonly changed: boolean;
  };
}

/**
 * Carry out a plan whose diagnostics hold no error, in three steps: write every added and changed file to a
 * temporary file beside it; rename them all into place; remove stale files and the directories they leave
 * empty. Then write the manifest and create missing provider implementations. A failure is reported and the
 * rest still done. Interrupted in the first step, the run removes its temporary files and the output is as it
 * was; later, it stops where it is and the manifest lists every file of mofgen's on disk.
 */
export async function applyPlan(plan: OutputPlan, options: ApplyOptions = {}): Promise<WriteResult> {
  const folders = new OutputFolders(plan.outDir);
  const diagnostics = new WriteFailures();
  const pace = new Pace(options);
  const leftoversRemoved = plan.leftovers.filter((path) =>
    attempt(diagnostics, "remove", path, () => rmSync(path, { force: true })),
  ).length;

  const staged: { file: PlannedFile; temp: string }[] = [];
  for (const file of plan.files) {
    if (file.change !== "add" && file.change !== "change") continue;
    if (await pace.interrupted()) break;
    attempt(diagnostics, "write", join(plan.outDir, file.path), () => {
      staged.push({ file, temp: stageFile(folders, file.path, file.content ?? "") });
    });
  }
  const done = new Set<PlannedFile>();
  for (const { file, temp } of staged) {
    if (await pace.interrupted()) break;
    const path = join(plan.outDir, file.path);
    if (attempt(diagnostics, "write", path, () => renameStaged(folders, temp, file.path))) done.add(file);
  }
  // Whatever was not renamed into place (interrupted, or the rename failed) is removed.
  const leftBehind = staged.filter((s) => !done.has(s.file));
  for (const { temp } of leftBehind) rmSync(temp, { force: true });
  const written = done.size;

  for (const file of plan.files) {
    if (file.change !== "remove") continue;
    if (await pace.interrupted()) break;
    if (attempt(diagnostics, "remove", join(plan.outDir, file.path), () => removeAndPrune(folders, file.path)))
      done.add(file);
  }
  // Stopped before any file changed, the old manifest still says what is on disk: the output stays as it was.
  if (!pace.stopped || done.size > 0) writeManifest(plan, folders, done, diagnostics);

  const created: string[] = [];
  // No provider implementations without a providers directory (planning throws): the fallback is never used.
  const providers = new PathGuard(plan.providersDir ?? plan.outDir);
  for (const file of pace.stopped ? [] : plan.userFiles) {
    // False when the file appeared since planning: it is the user's now, and stays as it is.
    const create = () => createOnce(providers, file.rel, file.content);
    if (!file.exists && attempt(diagnostics, "create", file.path, create)) created.push(file.path);
  }
  const signal = options.interruption?.signal;
  return {
    written,
    unchanged: plan.files.filter((f) => f.change === "unchanged").length,
    removed: done.size - written,
    leftoversRemoved,
    created,
    diagnostics: diagnostics.diagnostics(),
    failed: diagnostics.count,
    ...(pace.stopped &&
      signal !== undefined && { interrupted: { signal, tempsRemoved: leftBehind.length, changed: done.size > 0 } }),
  };
}

/**
 * The manifest lists every file of mofgen's that is on disk after the run: the unchanged and changed ones (the
 * old content stays when a write failed), the added ones that were written, the stale ones not removed.
 */
function writeManifest(
  plan: OutputPlan,
  folders: OutputFolders,
  done: ReadonlySet<PlannedFile>,
  diagnostics: WriteFailures,
): void {
  const listed = plan.files.filter((f) =>
    f.change === "add" ? done.has(f) : f.change === "remove" ? !done.has(f) : true,
  );
  // Headerless as what is on disk is: the new content where it was written (or is unchanged), else the old file.
  const headerless = new Set(
    listed
      .filter((f) => (f.change === "unchanged" || done.has(f) ? plan.headerless.new : plan.headerless.old).has(f.path))
      .map((f) => f.path),
  );
  const path = join(plan.outDir, manifestName);
  attempt(diagnostics, "write", path, () => {
    folders.folderOf(manifestName);
    return replaceIfDifferent(
      path,
      manifestText(
        listed.map((f) => f.path),
        headerless,
      ),
    );
  });
}

/** Lets signals in between files: the writes are synchronous, so a handler runs only when the writer yields. */
class Pace {
  #last = performance.now();
  /** Whether `interrupted` said so: the writer stopped there. */
  stopped = false;

  constructor(private readonly options: ApplyOptions) {}

  /** Yield now and then (after ~20 ms of work; before every file when a test asks for pauses); true once a signal came. */
  async interrupted(): Promise<boolean> {
    const pauseMs = this.options.pauseMs ?? 0;
    if (performance.now() - this.#last > 20) {
      await new Promise(setImmediate);
      this.#last = performance.now();
    }
    // The test pause ends early at a signal, as a slow disk's write would.
    for (const end = performance.now() + pauseMs; performance.now() < end && !this.#signalled(); ) {
      await new Promise((resume) => setTimeout(resume, 10));
    }
    this.stopped = this.#signalled();
    return this.stopped;
  }

  #signalled(): boolean {
    return this.options.interruption?.signal !== undefined;
  }
}
