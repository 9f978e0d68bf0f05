import { type Dirent, lstatSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { GeneratedFile } from "../emit/ts/generated-file.js";
import { FilesInTheWay, linkedAway, linkRefusal } from "./output-links.js";
import { isLiveProcess } from "./output-lock.js";
import { readRegularText, tooLargeCode } from "./read-regular.js";
import { PathGuard, realPathOf } from "./real-path.js";
import { tempFileWriter } from "./temp-files.js";

/** A provider implementation (an `owner: "user"` file): created when missing, then the user's for good. */
export interface PlannedUserFile {
  /** Absolute path, below the providers directory as given (for messages). */
  readonly path: string;
  /** Relative POSIX path below the real providers directory (`OutputPlan.providersDir`), where it is created. */
  readonly rel: string;
  readonly exists: boolean;
  readonly content: string;
}

export interface ProvidersPlan {
  readonly files: PlannedUserFile[];
  /** The real path of the providers directory, when there are provider implementations. */
  readonly dir?: string;
  /** Temporary files that killed runs left beside the implementations they were creating (absolute paths). */
  readonly leftovers: string[];
}

/**
 * The provider implementations to create: those missing under the real providers directory. They are the user's
 * once created, so the output's guards apply: nothing is read or created through a symbolic link on the way
 * (MOF4916), nor below a file in the way of a folder (MOF4911: the implementation could not be created, and the
 * file may be the user's), and a name taken by anything (a dangling link, a FIFO) counts as the user's file.
 */
export function planUserFiles(
  user: readonly GeneratedFile[],
  target: {
    readonly providersDir?: string | undefined;
    readonly missingMethods?: (existing: string, generated: GeneratedFile) => readonly string[];
  },
  diagnostics: Diagnostic[],
): ProvidersPlan {
  if (user.length === 0) return { files: [], leftovers: [] };
  const given = target.providersDir;
  if (given === undefined)
    throw new Error("the generator produced provider implementations without a providers directory");
  const taken = (file: GeneratedFile) => ({ path: join(given, file.path), rel: file.path, content: file.content });
  const away = linkedAway(given, "providers");
  if (away !== undefined) {
    diagnostics.push(away);
    return { files: user.map((file) => ({ ...taken(file), exists: true })), leftovers: [] };
  }
  const dir = realPathOf(given);
  const guard = new PathGuard(dir);
  const refuse = linkRefusal(diagnostics, "the providers directory");
  const inTheWay = new FilesInTheWay();
  const folders = new Set<string>();
  const files = user.map((file): PlannedUserFile => {
    const at = taken(file);
    const link = guard.linkOnPath(file.path);
    if (link !== undefined) {
      refuse(link);
      return { ...at, exists: true };
    }
    const blocker = guard.fileOnPath(file.path);
    if (blocker !== undefined) {
      inTheWay.add(blocker);
      return { ...at, exists: true };
    }
    if (!guard.folderMissing(file.path)) folders.add(dirname(join(dir, file.path)));
    const existing = readUserFile(join(dir, file.path));
    if (existing === undefined) return { ...at, exists: false };
    if (typeof existing === "object") {
      const limit = Diagnostics.ProviderFileTooLarge;
      diagnostics.push(withPath(diag(limit, undefined, providerFileLimitText, existing.size), at.path));
      return { ...at, exists: true };
    }
    const missing = existing === unreadable ? [] : (target.missingMethods?.(existing, file) ?? []);
    if (missing.length > 0) {
      diagnostics.push(withPath(diag(Diagnostics.ProviderMethodsMissing, undefined, missing.join(", ")), at.path));
    }
    return { ...at, exists: true };
  });
  inTheWay.report(diagnostics);
  return { files, dir, leftovers: [...folders].flatMap(deadTemps) };
}

/**
 * The largest provider implementation that is read to check its methods. Hand-written classes are a few
 * kilobytes; the bound is for what else the name may hold (a link to a disk image, a log), which must never be
 * read whole. 1 MiB, not more: TypeScript's parser, which reads the file, took 2.2 s on 8 MiB of class
 * declarations and 4.3 s on 8 MiB of NUL bytes.
 */
export const providerFileLimit = 1024 * 1024;
const providerFileLimitText = "1 MiB";

/**
 * A provider implementation's text; undefined when nothing has its name; `unreadable` when something else has;
 * its size (when known) when it is larger than `providerFileLimit`.
 */
function readUserFile(path: string): string | typeof unreadable | { size: number | undefined } | undefined {
  try {
    return readRegularText(path, providerFileLimit);
  } catch (e) {
    const error = e as NodeJS.ErrnoException & { size?: number };
    if (error.code === tooLargeCode) return { size: error.size };
    if (error.code !== "ENOENT") return unreadable;
  }
  // ENOENT through a dangling link at the file's own place: the name is taken all the same.
  return lstatSync(path, { throwIfNoEntry: false }) === undefined ? undefined : unreadable;
}

const unreadable = Symbol("unreadable");

/**
 * mofgen's temporary files in one folder of implementations whose writer is gone (a run killed while creating
 * one). No lock covers the providers directory (creating is exclusive there), so a live process's are its own.
 */
function deadTemps(folder: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => {
      const pid = entry.isFile() ? tempFileWriter(entry.name) : undefined;
      return pid !== undefined && (pid === process.pid || !isLiveProcess(pid));
    })
    .map((entry) => join(folder, entry.name));
}
