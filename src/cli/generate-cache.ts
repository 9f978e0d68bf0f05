import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Diagnostic, RelatedLocation, Severity } from "../diagnostics/diagnostic.js";
import type { GeneratedFile } from "../emit/ts/generated-file.js";
import { decodeMof } from "../source/encoding.js";
import { expandInputs } from "../source/inputs.js";
import { readSourceBytes } from "../source/read-source.js";
import { SourceFile } from "../source/source-file.js";
import type { Span } from "../source/span.js";
import { compareCodeUnits } from "../util/compare.js";
import type { UserTemplates } from "./docs-inputs.js";
import { readEntry, writeEntry } from "./generate-cache-file.js";
import type { GenerateSettings } from "./generate-settings.js";
import type { CliIo } from "./io.js";
import { makeDirectory } from "./make-dir.js";
import { VERSION } from "./usage.js";

/**
 * The generate cache: what one `generate` computed (the files' contents, the compile's warnings, the counts),
 * stored under a key of everything that decides it, so that a run on unchanged input skips compiling and
 * emitting (CIM 2.49: about 5 s of a 6 s run) and hands the same files to the same output session as before.
 * The lock, manifest, temp-file and symbolic-link rules all still apply: the cache replaces only the emitter.
 *
 * Content-addressed, like tsc's `.tsbuildinfo` or ESLint's `--cache`: a hit needs the same mofgen build, the same
 * settings and templates, the same text in every MOF file the compile read (hashed after decoding, as the
 * compiler saw it) and the same MOF names in every folder an input or include could be found in (a new file
 * there could change what an include or an input directory finds). Anything else is a miss and a full run. The file
 * lives in `node_modules/.cache/mofgen/` of the nearest folder up from the working directory that has a
 * `node_modules` (or in `MOFGEN_CACHE_DIR`); without one, or with `MOFGEN_CACHE=0`, nothing is cached. Deleting
 * it at any time is safe.
 *
 * Not cached: runs that generate provider implementations (whether a user's file lacks methods is read from that
 * file against the model), runs with errors, and runs with diagnostics outside the MOF files (an overlay's).
 */
export interface CachedRun {
  readonly files: readonly GeneratedFile[];
  /** The compile's and emitters' diagnostics (warnings: a run with errors is never stored). */
  readonly diagnostics: readonly Diagnostic[];
  readonly count: { readonly code: number; readonly pages: number | undefined };
  /** The MOF files the compile read, in order (watch mode watches them). */
  readonly readFiles: readonly string[];
}

export interface GenerateCache {
  /** The stored run when nothing that decides it has changed. */
  lookup(): CachedRun | undefined;
  /**
   * What to store of a run, taken right after the compile (the hashes of the compiled MOF files' text and of
   * the folders' listings, the warnings), or undefined when the run cannot be cached. Its `store` writes the
   * entry: called after the output is written, so that the compile's model and sources are garbage by then and
   * storing adds to the run's peak memory only its one write buffer.
   */
  prepare(run: CachedRun, sources: readonly SourceFile[]): PendingEntry | undefined;
  /** Where the cache file is (for tests and for people deleting it). */
  readonly path: string;
}

export interface PendingEntry {
  store(): void;
}

/** Bumped whenever the stored shape changes. */
const formatVersion = 2;

interface StoredSpan {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

interface StoredDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span?: StoredSpan;
  readonly path?: string;
  readonly related?: readonly { readonly message: string; readonly span: StoredSpan }[];
}

/** What an entry's header holds besides its files (generate-cache-file.ts holds those). */
interface Meta {
  readonly key: string;
  /** [path, hash of the decoded text] for every MOF file read. */
  readonly inputs: readonly (readonly [string, string])[];
  /** [folder, hash of its sorted names] for every folder an input or include could come from. */
  readonly folders: readonly (readonly [string, string])[];
  /** Hash of the inputs' expansion (directory inputs list every MOF file under them). */
  readonly expansion: string;
  readonly diagnostics: readonly StoredDiagnostic[];
  readonly count: CachedRun["count"];
}

/** The cache for these settings, or undefined when caching is off or has nowhere to live. */
export function generateCache(
  settings: GenerateSettings,
  templates: UserTemplates,
  io: CliIo,
  build: string = compilerBuild(),
): GenerateCache | undefined {
  if (io.env.MOFGEN_CACHE === "0" || settings.providers !== undefined) return undefined;
  const dir = cacheDir(io, build);
  if (dir === undefined) return undefined;
  // Not `.json` since the entry became a stream of records: an older mofgen, which reads `.json`, keeps its own.
  const path = join(dir, `generate-${sha256(settings.outDir).slice(0, 16)}.cache`);
  const key = keyOf(settings, templates, io, build);
  // Listed before compiling: a MOF file added to an input folder while the compile runs must make the next run
  // a miss, not be recorded as seen.
  const expansion = expansionHash(settings, io);
  return {
    path,
    lookup: () => lookup(path, key, expansion),
    prepare: (run, sources) => prepare(path, key, expansion, settings, run, sources),
  };
}

function cacheDir(io: CliIo, build: string): string | undefined {
  const named = io.env.MOFGEN_CACHE_DIR;
  if (named !== undefined && named !== "") return resolve(io.cwd, named);
  // Run from source (tests, with emitters that may be stand-ins), only a folder named on purpose is used.
  if (build.endsWith(" source")) return undefined;
  for (let dir = resolve(io.cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) return join(dir, "node_modules/.cache/mofgen");
    if (dirname(dir) === dir) return undefined;
  }
}

/** Everything but the MOF files that decides the output: mofgen's build, the settings, the docs inputs. */
function keyOf(settings: GenerateSettings, templates: UserTemplates, io: CliIo, build: string): string {
  const { docs } = settings;
  const overlay = docs?.overlay && { path: docs.overlay.path, text: fileHash(docs.overlay.path) };
  return sha256(
    JSON.stringify({
      formatVersion,
      build,
      paths: settings.paths,
      includeDirs: settings.includeDirs,
      dialect: settings.dialect,
      builtinQualifiers: settings.builtinQualifiers,
      namespace: settings.namespace ?? null,
      allowIncludeOutside: settings.allowIncludeOutside ?? false,
      maxInputBytes: io.env.MOFGEN_MAX_INPUT_BYTES ?? null,
      outDir: settings.outDir,
      runtimeImport: settings.runtimeImport,
      extension: settings.extension,
      // The cached warnings are the ones the policy let through, with the severities it set.
      policy: {
        quiet: settings.policy?.quiet ?? false,
        levels: [...(settings.policy?.levels ?? new Map())].sort(([a], [b]) => compareCodeUnits(a, b)),
      },
      docs: docs && {
        style: docs.style ?? null,
        overlay: overlay ?? null,
        templates: docs.templates?.path ?? null,
        templateSources: templates.sources,
        locale: docs.locale ?? null,
      },
    }),
  );
}

/**
 * The running mofgen: its version and the hash of its own code, the CLI bundle (dist/mofgen.cjs, which runs with
 * `__filename` set), so that a rebuilt mofgen with the same version number never reuses a cache written by the
 * previous build. Run from source (tests), the version and the word `source`.
 */
export function compilerBuild(): string {
  const bundled = typeof __filename === "string" && __filename.endsWith(".cjs");
  return `${VERSION} ${bundled ? fileHash(__filename) : "source"}`;
}

function fileHash(path: string): string {
  try {
    return sha256(readFileSync(path));
  } catch {
    return "unreadable";
  }
}

function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function textHash(source: { readonly encoding: string; readonly text: string }): string {
  return sha256(`${source.encoding}\n${source.text}`);
}

/**
 * The names in a folder that an input directory or an include could find: MOF and MFL files, and any name a
 * read file has (an include may name a file of any extension), compared without case (includes match names
 * case-insensitively). Other names do not count, so that the output folder or this cache appearing beside the
 * MOF files is not a change.
 */
function folderHash(folder: string, readNames: ReadonlySet<string>): string {
  try {
    const names = readdirSync(folder)
      .map((n) => n.toLowerCase())
      .filter((n) => n.endsWith(".mof") || n.endsWith(".mfl") || readNames.has(n));
    return sha256(names.sort().join("\n"));
  } catch {
    return "unreadable";
  }
}

function namesOf(paths: readonly string[]): Set<string> {
  return new Set(paths.map((p) => basename(p).toLowerCase()));
}

function expansionHash(settings: GenerateSettings, io: CliIo): string {
  return sha256(JSON.stringify(expandInputs(settings.paths, io.cwd)));
}

/** The folders whose listing decides what the inputs and includes find: each read file's, and -I folders. */
function foldersOf(settings: GenerateSettings, readFiles: readonly string[]): string[] {
  return [...new Set([...readFiles.map((f) => dirname(f)), ...settings.includeDirs])].sort();
}

function lookup(path: string, key: string, expansion: string): CachedRun | undefined {
  const found = readEntry(path, (meta) => replay(meta as Meta, key, expansion));
  return found && { ...found.value, files: found.files };
}

/**
 * The run's diagnostics and read files, when the entry's meta matches the key and every MOF file and folder
 * is as it was; read before any of the entry's contents, so that a miss does not read them.
 */
function replay(entry: Meta, key: string, expansion: string): Omit<CachedRun, "files"> | undefined {
  if (entry.key !== key || !Array.isArray(entry.inputs) || entry.expansion !== expansion) return undefined;
  const readNames = namesOf(entry.inputs.map(([f]) => f));
  for (const [folder, hash] of entry.folders) if (folderHash(folder, readNames) !== hash) return undefined;
  const sources = new Map<string, SourceFile>();
  for (const [file, hash] of entry.inputs) {
    const read = readSourceBytes(file);
    if ("reason" in read) return undefined;
    const decoded = decodeMof(read.bytes);
    const source = new SourceFile(file, decoded.text, decoded.encoding, decoded.loneSurrogates);
    if (textHash(source) !== hash) return undefined;
    sources.set(file, source);
  }
  const spanOf = (s: StoredSpan): Span => {
    const file = sources.get(s.path);
    if (file === undefined) throw new Error(`generate cache: ${s.path} is not an input`);
    return { file, start: s.start, end: s.end };
  };
  // A span naming a file that is not an input throws: readEntry takes it for a damaged entry, a miss.
  const diagnostics = entry.diagnostics.map((d): Diagnostic => {
    const related = d.related?.map((r): RelatedLocation => ({ message: r.message, span: spanOf(r.span) }));
    return {
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(d.span !== undefined && { span: spanOf(d.span) }),
      ...(d.path !== undefined && { path: d.path }),
      ...(related !== undefined && { related }),
    };
  });
  return { diagnostics, count: entry.count, readFiles: entry.inputs.map(([f]) => f) };
}

function prepare(
  path: string,
  key: string,
  expansion: string,
  settings: GenerateSettings,
  run: CachedRun,
  sources: readonly SourceFile[],
): PendingEntry | undefined {
  const known = new Map(sources.map((s) => [s.path, s]));
  const stored = (s: Span): StoredSpan | undefined =>
    known.get(s.file.path) === s.file ? { path: s.file.path, start: s.start, end: s.end } : undefined;
  const diagnostics: StoredDiagnostic[] = [];
  for (const d of run.diagnostics) {
    if (d.severity === "error") return undefined;
    const span = d.span && stored(d.span);
    const related = d.related?.map((r) => ({ message: r.message, span: stored(r.span) }));
    // A diagnostic about a file that is not a MOF input (an overlay, the configuration) cannot be replayed.
    if ((d.span !== undefined && span === undefined) || related?.some((r) => r.span === undefined)) return undefined;
    diagnostics.push({
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(span !== undefined && { span }),
      ...(d.path !== undefined && { path: d.path }),
      ...(related !== undefined && { related: related as { message: string; span: StoredSpan }[] }),
    });
  }
  // Hashed now, as the compile saw them: a MOF file added or edited while the output is written must make the
  // next run a miss, not be recorded as seen.
  const meta: Meta = {
    key,
    inputs: sources.map((s) => [s.path, textHash(s)] as const),
    folders: foldersOf(settings, run.readFiles).map((f) => [f, folderHash(f, namesOf(run.readFiles))] as const),
    expansion,
    diagnostics,
    count: run.count,
  };
  const { files } = run;
  return { store: () => store(path, meta, files) };
}

function store(path: string, meta: Meta, files: readonly GeneratedFile[]): void {
  // Written aside and renamed, so that a reader never sees half an entry; any failure only means no cache.
  const temp = `${path}.${process.pid}.tmp`;
  try {
    makeDirectory(dirname(path));
    writeEntry(temp, meta, files);
    renameSync(temp, path);
    // The entry an older mofgen kept for this output folder, in one JSON document: one entry per folder.
    rmSync(`${path.slice(0, -".cache".length)}.json`, { force: true });
  } catch {
    rmSync(temp, { force: true });
  }
}
