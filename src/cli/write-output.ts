import { lstatSync } from "node:fs";
import { join, resolve } from "node:path";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { GeneratedFile } from "../emit/ts/generated-file.js";
import { compareCodeUnits } from "../util/compare.js";
import {
  hasGeneratedHeader,
  isSafeRelativePath,
  manifestName,
  manifestText,
  readManifest,
} from "./generate-manifest.js";
import type { KnownOutput } from "./known-output.js";
import { isLiveProcess, lockName } from "./output-lock.js";
import { scanOutput } from "./output-scan.js";
import { readRegularFile, readRegularText } from "./read-regular.js";
import { type LinkOnPath, linkToMissingFolder, PathGuard, realPathOf } from "./real-path.js";

/**
 * Where mofgen writes files. Two steps, so that `--check` and a refused run share everything but the writing:
 * `planOutput` (here) reads the disk and decides what each file needs; `applyPlan` (apply-plan.ts) carries it
 * out. Every path is taken below the real output directory, and a symbolic link on the way to a file is refused:
 * a link inside the output must not let a run write, create or remove anything elsewhere.
 */

export interface OutputTarget {
  /** Absolute directory of the `owner: "mofgen"` files. */
  readonly outDir: string;
  /** Absolute directory of the `owner: "user"` files (provider implementations). */
  readonly providersDir?: string | undefined;
  /** The methods an existing provider implementation lacks, by name (the provider emitter knows how to tell). */
  readonly missingMethods?: (existing: string, generated: GeneratedFile) => readonly string[];
  /**
   * Whether the run holds the output directory's lock: then every mofgen temporary file found is a leftover;
   * without it (`--check`) those of a live process may be a writer's at work.
   */
  readonly locked?: boolean;
  /** A watch session's knowledge of files it wrote: those it knows to be up to date are not read again. */
  readonly known?: KnownOutput | undefined;
}

export type Change = "add" | "change" | "unchanged" | "remove";

/** A file under the output directory: `path` is relative to it, POSIX. */
export interface PlannedFile {
  readonly path: string;
  readonly change: Change;
  /** What to write (add, change). */
  readonly content?: string;
}

export interface PlannedUserFile {
  /** Absolute path, below the providers directory as given (for messages). */
  readonly path: string;
  /** Relative POSIX path below the real providers directory (`OutputPlan.providersDir`), where it is created. */
  readonly rel: string;
  readonly exists: boolean;
  readonly content: string;
}

export interface OutputPlan {
  readonly target: OutputTarget;
  /** The real path of the output directory (symbolic links resolved): every file operation goes below it. */
  readonly outDir: string;
  /** The generated files and the stale ones to remove, in path order. */
  readonly files: readonly PlannedFile[];
  readonly manifest: PlannedFile;
  readonly userFiles: readonly PlannedUserFile[];
  /** The real path of the providers directory, when there are provider implementations. */
  readonly providersDir?: string | undefined;
  /** Temporary files of killed runs (absolute paths), which a run removes and `--check` lists. */
  readonly leftovers: readonly string[];
  /** Files with mofgen's header that no manifest lists and this run does not write (relative paths). */
  readonly unlisted: readonly string[];
  /** Errors here (a file in the way that mofgen did not write, a link on the way) mean nothing may be written. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Decide, from what is on disk, what writing `files` into the target needs. Reads, never writes. */
export function planOutput(files: readonly GeneratedFile[], target: OutputTarget): OutputPlan {
  const generated = files.filter((f) => f.owner === "mofgen");
  checkPaths(generated, "mofgen");
  const outDir = realPathOf(target.outDir);
  const guard = new PathGuard(outDir);
  const old = readManifest(outDir);
  const diagnostics: Diagnostic[] = [...old.diagnostics];
  const refuse = linkRefusal(diagnostics, "the output directory");
  const planned: PlannedFile[] = [];
  for (const file of generated) {
    const link = guard.linkOnPath(file.path);
    if (link !== undefined) refuse(link);
    const change = link
      ? "change"
      : guard.folderMissing(file.path)
        ? "add"
        : target.known?.holds(outDir, file.path, file.content)
          ? "unchanged"
          : compareWithDisk(outDir, file.path, file.content, old.files, diagnostics);
    planned.push({ path: file.path, change, content: file.content });
  }
  const produced = new Set(generated.map((f) => f.path));
  for (const path of old.files) {
    if (produced.has(path)) continue;
    // A listed path that leads through a link would remove a file outside the output directory.
    const link = guard.linkOnPath(path);
    if (link !== undefined) refuse(link);
    else if (isFile(join(outDir, path))) planned.push({ path, change: "remove" });
  }
  planned.sort((a, b) => compareCodeUnits(a.path, b.path));
  const manifestContent = manifestText(produced);
  const manifest: PlannedFile = {
    path: manifestName,
    change: compareWithDisk(outDir, manifestName, manifestContent, new Set([manifestName]), diagnostics),
    content: manifestContent,
  };
  const known = (rel: string) => old.files.has(rel) || produced.has(rel) || rel === manifestName || rel === lockName;
  const scan = scanOutput(outDir, known);
  // Without the lock, a live process's temporary files may be a writer's at work; our own process writes none yet.
  const leftovers = scan.temps
    .filter((t) => target.locked === true || t.pid === process.pid || !isLiveProcess(t.pid))
    .map((t) => t.path);
  for (const rel of scan.unlisted)
    diagnostics.push(withPath(diag(Diagnostics.OutputUnlisted, undefined), join(outDir, rel)));
  const user = planUserFiles(files, target, diagnostics);
  return {
    target,
    outDir,
    files: planned,
    manifest,
    userFiles: user.files,
    providersDir: user.dir,
    leftovers,
    unlisted: scan.unlisted,
    diagnostics,
  };
}

/**
 * MOF4912 at a dangling link on the way to `dir` that points into a folder that does not exist: creating `dir`
 * would grow a tree where the link only names it (real-path.ts says why a careful writer stops there).
 */
export function linkedAway(dir: string, which: "output" | "providers"): Diagnostic | undefined {
  const link = linkToMissingFolder(resolve(dir));
  if (link === undefined) return undefined;
  const reason =
    `it is a symbolic link to '${link.target}', in a folder that does not exist: mofgen creates ` +
    "the directory a link names, never the folders above it (create them, or fix the link)";
  return withPath(diag(Diagnostics.OutputWriteFailed, undefined, `create the ${which} directory`, reason), link.path);
}

/** Reports each link once, however many files lie behind it. */
function linkRefusal(diagnostics: Diagnostic[], where: string): (link: LinkOnPath) => void {
  const reported = new Set<string>();
  return (link) => {
    if (reported.has(link.path)) return;
    reported.add(link.path);
    diagnostics.push(withPath(diag(Diagnostics.OutputThroughLink, undefined, link.target, where), link.path));
  };
}

/** Whether the output directory already holds exactly what the plan would write, and nothing left over. */
export function isUpToDate(plan: OutputPlan): boolean {
  return (
    plan.manifest.change === "unchanged" &&
    plan.files.every((f) => f.change === "unchanged") &&
    plan.leftovers.length === 0 &&
    plan.unlisted.length === 0
  );
}

function compareWithDisk(
  outDir: string,
  path: string,
  content: string,
  owned: ReadonlySet<string>,
  diagnostics: Diagnostic[],
): Change {
  const full = join(outDir, path);
  let existing: Buffer;
  try {
    existing = readRegularFile(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "add";
    // Something unreadable or a directory: ours (listed) means replace it and let the write report; else refuse.
    if (!owned.has(path)) diagnostics.push(withPath(diag(Diagnostics.OutputNotGenerated, undefined), full));
    return "change";
  }
  if (holdsText(existing, content)) return "unchanged";
  if (!owned.has(path) && !hasGeneratedHeader(existing.toString("utf8"))) {
    diagnostics.push(withPath(diag(Diagnostics.OutputNotGenerated, undefined), full));
  }
  return "change";
}

/**
 * Whether the bytes are the text's UTF-8: the lengths first, then the text encoded into one buffer that every
 * comparison reuses, rather than a new Buffer per file (an unchanged output compares every file it holds).
 */
function holdsText(bytes: Buffer, text: string): boolean {
  const length = Buffer.byteLength(text, "utf8");
  if (bytes.length !== length) return false;
  if (scratch.length < length) scratch = Buffer.allocUnsafe(Math.max(length, 2 * scratch.length));
  scratch.write(text, 0, "utf8");
  return bytes.equals(scratch.subarray(0, length));
}

let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * The provider implementations to create: those missing under the real providers directory. They are the user's
 * once created, so the same guard as for the output applies: nothing is read or created through a symbolic link
 * on the way (MOF4916), and a name taken by anything (a dangling link, a FIFO) counts as the user's file.
 */
function planUserFiles(
  files: readonly GeneratedFile[],
  target: OutputTarget,
  diagnostics: Diagnostic[],
): { files: PlannedUserFile[]; dir?: string } {
  const user = files.filter((f) => f.owner === "user");
  checkPaths(user, "user");
  if (user.length === 0) return { files: [] };
  const given = target.providersDir;
  if (given === undefined)
    throw new Error("the generator produced provider implementations without a providers directory");
  const away = linkedAway(given, "providers");
  if (away !== undefined) {
    diagnostics.push(away);
    return {
      files: user.map((file) => ({
        path: join(given, file.path),
        rel: file.path,
        content: file.content,
        exists: true,
      })),
    };
  }
  const dir = realPathOf(given);
  const guard = new PathGuard(dir);
  const refuse = linkRefusal(diagnostics, "the providers directory");
  const planned = user.map((file): PlannedUserFile => {
    const at = { path: join(given, file.path), rel: file.path, content: file.content };
    const link = guard.linkOnPath(file.path);
    if (link !== undefined) {
      refuse(link);
      return { ...at, exists: true };
    }
    const existing = readUserFile(join(dir, file.path));
    if (existing === undefined) return { ...at, exists: false };
    const missing = existing === taken ? [] : (target.missingMethods?.(existing, file) ?? []);
    if (missing.length > 0) {
      diagnostics.push(withPath(diag(Diagnostics.ProviderMethodsMissing, undefined, missing.join(", ")), at.path));
    }
    return { ...at, exists: true };
  });
  return { files: planned, dir };
}

/** A provider implementation's text; undefined when nothing has its name; `taken` when something unreadable has. */
function readUserFile(path: string): string | typeof taken | undefined {
  try {
    return readRegularText(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") return taken;
  }
  // ENOENT through a dangling link at the file's own place: the name is taken all the same.
  return lstatSync(path, { throwIfNoEntry: false }) === undefined ? undefined : taken;
}

const taken = Symbol("taken");

/** Emitter output with a path that could escape its directory, or twice the same path, is a bug in mofgen. */
function checkPaths(files: readonly GeneratedFile[], owner: string): void {
  const seen = new Set<string>();
  for (const f of files) {
    if (!isSafeRelativePath(f.path) || f.path === manifestName || seen.has(f.path)) {
      throw new Error(`the generator produced an invalid or repeated ${owner} file path '${f.path}'`);
    }
    seen.add(f.path);
  }
}

function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}
