import { lstatSync } from "node:fs";
import { join } from "node:path";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { GeneratedFile } from "../emit/ts/generated-file.js";
import { compareCodeUnits } from "../util/compare.js";
import {
  hasGeneratedHeader,
  isSafeRelativePath,
  type Manifest,
  manifestName,
  manifestText,
  readManifest,
} from "./generate-manifest.js";
import type { KnownOutput } from "./known-output.js";
import { type Head, headedKinds, headerBytes, headerProbe, lostHeader, startsWithHeader } from "./output-header.js";
import { FilesInTheWay, linkRefusal } from "./output-links.js";
import { isLiveProcess, lockName } from "./output-lock.js";
import { scanOutput } from "./output-scan.js";
import { type PlannedUserFile, planUserFiles } from "./plan-providers.js";
import { readRegularHead } from "./read-regular.js";
import { PathGuard, realPathOf } from "./real-path.js";
import { headText, utf8Of } from "./utf8-file.js";

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

export interface OutputPlan {
  readonly target: OutputTarget;
  /** The real path of the output directory (symbolic links resolved): every file operation goes below it. */
  readonly outDir: string;
  /** The generated files and the stale ones to remove, in path order. */
  readonly files: readonly PlannedFile[];
  readonly manifest: PlannedFile;
  /** The files without mofgen's header: as the old manifest recorded them, and as this run writes them. */
  readonly headerless: { readonly old: ReadonlySet<string>; readonly new: ReadonlySet<string> };
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
  const inTheWay = new FilesInTheWay();
  const planned: PlannedFile[] = [];
  // The files written without mofgen's header (a template's pages without `{{generatedNote}}`): the manifest
  // records them, so that a later run tells them from files of ours whose header a user took out.
  const headerless = new Set(generated.filter((f) => !hasGeneratedHeader(headText(f))).map((f) => f.path));
  for (const file of generated) {
    const link = guard.linkOnPath(file.path);
    if (link !== undefined) refuse(link);
    const blocker = guard.fileOnPath(file.path);
    if (blocker !== undefined) inTheWay.add(blocker);
    const change = link
      ? "change"
      : blocker !== undefined || guard.folderMissing(file.path)
        ? "add"
        : target.known?.holds(outDir, file.path, file.content)
          ? "unchanged"
          : compareWithDisk(outDir, file, !headerless.has(file.path), old, diagnostics);
    // The text when asked for: a file from the cache is decoded only if it is written.
    planned.push({
      path: file.path,
      change,
      get content() {
        return file.content;
      },
    });
  }
  inTheWay.report(diagnostics);
  const produced = new Set(generated.map((f) => f.path));
  const headed = headedKinds(headerless);
  for (const path of old.files) {
    if (produced.has(path)) continue;
    // A listed path that leads through a link would remove a file outside the output directory.
    const link = guard.linkOnPath(path);
    if (link !== undefined) refuse(link);
    else if (!isFile(join(outDir, path))) continue;
    else if (!old.headerless.has(path) && headed(path) && lostHeader(join(outDir, path))) {
      // Its header taken out, by a user keeping the file: it stays, no longer listed (the user's from now on).
      diagnostics.push(withPath(diag(Diagnostics.OutputHeaderRemovedKept, undefined), join(outDir, path)));
    } else planned.push({ path, change: "remove" });
  }
  planned.sort((a, b) => compareCodeUnits(a.path, b.path));
  const manifestContent = manifestText(produced, headerless);
  const ownManifest = { files: new Set([manifestName]), headerless: new Set([manifestName]) };
  const manifest: PlannedFile = {
    path: manifestName,
    change: compareWithDisk(outDir, { path: manifestName, content: manifestContent }, false, ownManifest, diagnostics),
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
  const userFiles = files.filter((f) => f.owner === "user");
  checkPaths(userFiles, "user");
  const user = planUserFiles(userFiles, target, diagnostics);
  return {
    target,
    outDir,
    files: planned,
    manifest,
    headerless: { old: old.headerless, new: headerless },
    userFiles: user.files,
    providersDir: user.dir,
    leftovers: [...leftovers, ...user.leftovers],
    unlisted: scan.unlisted,
    diagnostics,
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

/**
 * What writing `file` needs, from what is at its path. `headed`: whether its new content starts with mofgen's
 * header. A file that `old` (the manifest) lists is ours to overwrite, unless mofgen wrote it with its header
 * (not recorded headerless), would write the header again, and it no longer has it: someone took it out.
 */
function compareWithDisk(
  outDir: string,
  file: Pick<GeneratedFile, "path" | "content">,
  headed: boolean,
  old: Pick<Manifest, "files" | "headerless">,
  diagnostics: Diagnostic[],
): Change {
  const { path } = file;
  const full = join(outDir, path);
  // A file from the cache is compared as the bytes it holds, never decoded; an emitter's text once encoded.
  const utf8 = utf8Of(file);
  const length = utf8?.length ?? Buffer.byteLength(file.content, "utf8");
  const ours = old.files.has(path);
  // A file of ours whose header says nothing (written without, or to be written without): simply different.
  const plain = ours && (!headed || old.headerless.has(path));
  let existing: Head;
  try {
    // Only what the decision needs: the file whole when it is as long as the new content; else, unless `plain`,
    // the start that holds mofgen's header (a short probe for a file of ours).
    existing = readRegularHead(full, (size) =>
      size === length ? length : !ours ? headerBytes : plain ? 0 : headerProbe,
    );
  } catch (e) {
    return unreadable(full, ours, e, diagnostics);
  }
  const same = () => (utf8 === undefined ? holdsText(existing.bytes, file.content) : existing.bytes.equals(utf8));
  if (existing.size === length && same()) return "unchanged";
  if (plain || startsWithHeader(full, existing)) return "change";
  // Not listed and without the header: never mofgen's. Listed, but the header is gone: the user's edits, maybe
  // (an empty file holds nothing to lose).
  if (!ours) diagnostics.push(withPath(diag(Diagnostics.OutputNotGenerated, undefined), full));
  else if (existing.bytes.length > 0)
    diagnostics.push(withPath(diag(Diagnostics.OutputHeaderRemoved, undefined), full));
  return "change";
}

/** What planning makes of a generated file's path that cannot be read as a regular file (`error`). */
function unreadable(full: string, ours: boolean, error: unknown, diagnostics: Diagnostic[]): Change {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return "add";
  // A directory, even at a listed path: the rename onto it would fail only after the files before it were
  // written (half an output), and making room would remove what it holds, which is the user's.
  if (isDirectory(full)) {
    diagnostics.push(withPath(diag(Diagnostics.OutputNotGenerated, undefined, "directory"), full));
  } else if (!ours) {
    // Anything else (a FIFO, a device, a file without read permission) that is not ours is refused; ours
    // (listed) is replaced: the rename replaces the name (a link too, never what it points to).
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

/** A real directory at `path` (a link to one is a name that a rename replaces). */
function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
