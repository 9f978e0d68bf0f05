import {
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { GeneratedFile } from "../emit/ts/generated-file.js";
import {
  comparePaths,
  hasGeneratedHeader,
  isSafeRelativePath,
  manifestName,
  manifestText,
  readManifest,
} from "./generate-manifest.js";

/**
 * The only code in mofgen that writes files. Two steps, so that `--check` and a refused run share everything
 * but the writing: `planOutput` reads the disk and decides what each file needs; `applyPlan` carries it out.
 */

export interface OutputTarget {
  /** Absolute directory of the `owner: "mofgen"` files. */
  readonly outDir: string;
  /** Absolute directory of the `owner: "user"` files (provider implementations). */
  readonly providersDir?: string | undefined;
  /** The methods an existing provider implementation lacks, by name (the provider emitter knows how to tell). */
  readonly missingMethods?: (existing: string, generated: GeneratedFile) => readonly string[];
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
  /** Absolute path. */
  readonly path: string;
  readonly exists: boolean;
  readonly content: string;
}

export interface OutputPlan {
  readonly target: OutputTarget;
  /** The generated files and the stale ones to remove, in path order. */
  readonly files: readonly PlannedFile[];
  readonly manifest: PlannedFile;
  readonly userFiles: readonly PlannedUserFile[];
  /** Errors here (a file in the way that mofgen did not write) mean nothing may be written. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface WriteResult {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
  /** Absolute paths of the provider implementations created. */
  readonly created: readonly string[];
  /** One error per file that could not be written or removed. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Decide, from what is on disk, what writing `files` into the target needs. Reads, never writes. */
export function planOutput(files: readonly GeneratedFile[], target: OutputTarget): OutputPlan {
  const generated = files.filter((f) => f.owner === "mofgen");
  checkPaths(generated, "mofgen");
  const old = readManifest(target.outDir);
  const diagnostics: Diagnostic[] = [...old.diagnostics];
  const planned: PlannedFile[] = [];
  for (const file of generated) {
    const change = compareWithDisk(target.outDir, file.path, file.content, old.files, diagnostics);
    planned.push({ path: file.path, change, content: file.content });
  }
  const produced = new Set(generated.map((f) => f.path));
  for (const path of old.files) {
    if (!produced.has(path) && isFile(join(target.outDir, path))) planned.push({ path, change: "remove" });
  }
  planned.sort((a, b) => comparePaths(a.path, b.path));
  const manifestContent = manifestText(produced);
  const manifest: PlannedFile = {
    path: manifestName,
    change: compareWithDisk(target.outDir, manifestName, manifestContent, new Set([manifestName]), diagnostics),
    content: manifestContent,
  };
  return { target, files: planned, manifest, userFiles: planUserFiles(files, target, diagnostics), diagnostics };
}

/** Whether the output directory already holds exactly what the plan would write. */
export function isUpToDate(plan: OutputPlan): boolean {
  return plan.manifest.change === "unchanged" && plan.files.every((f) => f.change === "unchanged");
}

/**
 * Carry out a plan whose diagnostics hold no error: write added and changed files (each atomically: a temporary
 * file in the same directory, then a rename), remove stale ones and the directories they leave empty, write the
 * manifest, and create missing provider implementations. A failure is reported and the rest still done.
 */
export function applyPlan(plan: OutputPlan): WriteResult {
  const { outDir } = plan.target;
  const diagnostics: Diagnostic[] = [];
  const failedRemovals: string[] = [];
  let written = 0;
  let removed = 0;
  for (const file of plan.files) {
    const path = join(outDir, file.path);
    if (file.change === "add" || file.change === "change") {
      if (attempt(diagnostics, "write", path, () => writeAtomically(path, file.content ?? ""))) written++;
    } else if (file.change === "remove") {
      if (attempt(diagnostics, "remove", path, () => removeAndPrune(path, outDir))) removed++;
      else failedRemovals.push(file.path);
    }
  }
  // Files that stayed on disk (a removal that failed) stay listed, so that a later run can still remove them.
  const listed = [...plan.files.filter((f) => f.change !== "remove").map((f) => f.path), ...failedRemovals];
  const manifest = manifestText(listed);
  const manifestPath = join(outDir, manifestName);
  if (plan.manifest.change !== "unchanged" || failedRemovals.length > 0) {
    attempt(diagnostics, "write", manifestPath, () => writeIfDifferent(manifestPath, manifest));
  }
  const created: string[] = [];
  for (const file of plan.userFiles) {
    // False when the file appeared since planning: it is the user's now, and stays as it is.
    if (!file.exists && attempt(diagnostics, "create", file.path, () => createOnce(file.path, file.content))) {
      created.push(file.path);
    }
  }
  return {
    written,
    unchanged: plan.files.filter((f) => f.change === "unchanged").length,
    removed,
    created,
    diagnostics,
  };
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
    existing = readFileSync(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "add";
    // Something unreadable or a directory: ours (listed) means replace it and let the write report; else refuse.
    if (!owned.has(path)) diagnostics.push(withPath(diag(Diagnostics.OutputNotGenerated, undefined), full));
    return "change";
  }
  if (existing.equals(Buffer.from(content, "utf8"))) return "unchanged";
  if (!owned.has(path) && !hasGeneratedHeader(existing.toString("utf8"))) {
    diagnostics.push(withPath(diag(Diagnostics.OutputNotGenerated, undefined), full));
  }
  return "change";
}

function planUserFiles(
  files: readonly GeneratedFile[],
  target: OutputTarget,
  diagnostics: Diagnostic[],
): PlannedUserFile[] {
  const user = files.filter((f) => f.owner === "user");
  checkPaths(user, "user");
  if (user.length === 0) return [];
  const dir = target.providersDir;
  if (dir === undefined)
    throw new Error("the generator produced provider implementations without a providers directory");
  return user.map((file) => {
    const path = join(dir, file.path);
    let existing: string | undefined;
    try {
      existing = readFileSync(path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") return { path, exists: true, content: file.content };
    }
    if (existing === undefined) return { path, exists: false, content: file.content };
    const missing = target.missingMethods?.(existing, file) ?? [];
    if (missing.length > 0) {
      diagnostics.push(withPath(diag(Diagnostics.ProviderMethodsMissing, undefined, missing.join(", ")), path));
    }
    return { path, exists: true, content: file.content };
  });
}

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

/** Run a file operation; false (and a diagnostic) when it throws, else what it returns (true when it has none). */
function attempt(diagnostics: Diagnostic[], what: string, path: string, action: () => boolean | undefined): boolean {
  try {
    return action() ?? true;
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    diagnostics.push(withPath(diag(Diagnostics.OutputWriteFailed, undefined, what, describeError(reason)), path));
    return false;
  }
}

function describeError(code: string): string {
  const known: Readonly<Record<string, string>> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EISDIR: "a directory is in the way",
    ENOTDIR: "a file is in the way of a directory",
    EEXIST: "a file is in the way of a directory",
    ENOSPC: "no space left on the device",
    EROFS: "read-only file system",
  };
  return known[code] ?? code;
}

let tempCounter = 0;

/** A temporary name beside the target, so that the rename stays on one file system and is atomic. */
function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${tempCounter++}.mofgen-tmp`);
}

function writeTemp(path: string, content: string): string {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPath(path);
  try {
    writeFileSync(temp, content, { flag: "wx" });
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  return temp;
}

function writeAtomically(path: string, content: string): undefined {
  const temp = writeTemp(path, content);
  try {
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  return undefined;
}

function writeIfDifferent(path: string, content: string): undefined {
  try {
    if (readFileSync(path, "utf8") === content) return undefined;
  } catch {
    // Missing or unreadable: write it.
  }
  return writeAtomically(path, content);
}

/** Create a file that must not exist: a hard link from the temporary file fails rather than replace one. */
function createOnce(path: string, content: string): boolean {
  const temp = writeTemp(path, content);
  try {
    linkSync(temp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Remove a file, then each parent directory up to (not including) `root` that it leaves empty. */
function removeAndPrune(path: string, root: string): undefined {
  unlinkSync(path);
  for (let dir = dirname(path); dir.startsWith(root + sep); dir = dirname(dir)) {
    if (readdirSync(dir).length > 0) break;
    rmdirSync(dir);
  }
  return undefined;
}
