import { join } from "node:path";
import { Diagnostics } from "../diagnostics/catalog.js";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { applyPolicy, type DiagnosticPolicy } from "../diagnostics/policy.js";
import { checkOutputPaths, docsFolder } from "../emit/file-names.js";
import type { GeneratedFile, TypeScriptOptions } from "../emit/ts/generated-file.js";
import type { SourceFile } from "../source/source-file.js";
import { appendAll } from "../util/arrays.js";
import type { WriteResult } from "./apply-plan.js";
import { plural } from "./args.js";
import { compile, whyNothing } from "./compile.js";
import { readTemplates, referencePages, type UserTemplates } from "./docs-inputs.js";
import { generateCache, type PendingEntry } from "./generate-cache.js";
import { providerChecks } from "./generate-providers.js";
import {
  type GenerateFlags,
  type GenerateSettings,
  generatedImportPath,
  resolveSettings,
} from "./generate-settings.js";
import { type CliIo, relativizer } from "./io.js";
import { moduleFormatCheck } from "./module-format.js";
import { checkOutput, interruptedNote, writeOutput } from "./output-session.js";
import { type OutputFormat, reportDiagnostics } from "./report-diagnostics.js";
import { configLine } from "./settings.js";
import type { WarmGenerate } from "./warm-generate.js";
import { isUpToDate, type OutputPlan } from "./write-output.js";

export interface GenerateOptions extends GenerateFlags {
  /** Compute everything, write nothing, exit 1 when the output directory would change. */
  readonly check: boolean;
  readonly watch: boolean;
  /** Diagnostics format: pretty on stderr, or a JSON / SARIF document on stdout. */
  readonly format: OutputFormat;
  readonly color?: boolean;
  /** `--verbose`: say which configuration file was used (it may be in a folder above the working directory). */
  readonly verbose?: boolean;
}

export interface GenerateRun {
  readonly code: number;
  /** The settings used, when the configuration could be read (watch mode watches their inputs). */
  readonly settings?: GenerateSettings;
  /** A command-line problem, for the caller to print as a usage error (exit 2). */
  readonly usage?: string;
  /**
   * Every MOF file the compile read, roll-ups' includes too (absolute paths): watch mode watches them, since a
   * file that `cim_schema_2.49.0.mof` includes need not sit under any path given on the command line.
   */
  readonly readFiles?: readonly string[];
}

/**
 * `mofgen generate` once: compile the inputs and write their TypeScript into the output directory, printing
 * diagnostics and a summary. Exit 0 when done (or, with --check, when nothing would change); 1 for errors in the
 * MOF or the configuration, a file in the way, or (--check) a difference; 2 for unreadable inputs and files
 * that could not be written.
 */
export async function generateOnce(options: GenerateOptions, io: CliIo, warm?: WarmGenerate): Promise<GenerateRun> {
  const started = performance.now();
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(2);
  const out = new Report(options, io);
  if (options.verbose) out.info(configLine(options, io.cwd));
  const resolved = resolveSettings(options, io.cwd);
  appendAll(out.diagnostics, resolved.diagnostics);
  if (resolved.settings === undefined) {
    out.flush();
    return resolved.usage === undefined ? { code: resolved.code } : { code: resolved.code, usage: resolved.usage };
  }
  const settings = resolved.settings;
  out.policy = settings.policy;
  const moduleFormat = moduleFormatCheck(settings.outDir, settings.extension);
  appendAll(out.diagnostics, moduleFormat);
  // Known before anything is written: a level that makes it an error stops the run there, as a MOF error would.
  if (settings.policy !== undefined && hasErrors(applyPolicy(moduleFormat, settings.policy))) {
    out.line('Nothing generated: the .ts files would be CommonJS (use "extension": ".mts").');
    return { code: out.flush(1), settings };
  }
  // Read before compiling, as `mofgen docs` does: an unreadable templates directory stops the run at once.
  const templates = readTemplates(settings.docs?.templates);
  appendAll(out.diagnostics, templates.diagnostics);
  if (templates.unreadable) {
    out.line("Nothing generated: the docs templates could not be read.");
    return { code: out.flush(2), settings };
  }
  // A watch session does not use the cache: each edit would store tens of megabytes that the next edit replaces.
  const cache = options.watch ? undefined : generateCache(settings, templates, io);
  const cached = cache?.lookup();
  let made: Made;
  let pending: PendingEntry | undefined;
  if (cached !== undefined) {
    appendAll(out.diagnostics, cached.diagnostics);
    // The cache is off when there are provider implementations to check, so no user file is ever asked about.
    made = { ...cached, missingMethods: () => [] };
  } else {
    const firstOwn = out.diagnostics.length;
    const fresh = await make(settings, templates, out, io, warm);
    if ("code" in fresh) return { ...fresh, settings };
    pending = cache?.prepare({ ...fresh, diagnostics: out.diagnostics.slice(firstOwn) }, fresh.sources);
    // Without the sources: nothing but the files need outlive the compile.
    made = { files: fresh.files, count: fresh.count, readFiles: fresh.readFiles, missingMethods: fresh.missingMethods };
  }
  const { files, count, readFiles } = made;
  const target = {
    outDir: settings.outDir,
    providersDir: settings.providers?.dir,
    missingMethods: made.missingMethods,
    known: warm?.output,
  };
  const run = options.check ? await checkOutput(files, target, io) : await writeOutput(files, target, io);
  // Stored after the output, when only the files are left of the compile; not when a signal stopped the writer.
  if (run.kind !== "written" || run.result.interrupted === undefined) pending?.store();
  if (run.kind === "locked") {
    out.diagnostics.push(run.diagnostic);
    // The lock is the run's first write: when it fails for a write's reason (read-only, permission), say so.
    const unwritable = run.diagnostic.code === Diagnostics.OutputWriteFailed.code;
    const why = unwritable ? "cannot be written (see above)" : "could not be locked";
    out.line(`Nothing ${options.check ? "checked" : "written"}: ${out.dir(settings.outDir)} ${why}.`);
    return { code: out.flush(run.code), settings, readFiles };
  }
  appendAll(out.diagnostics, run.plan.diagnostics);
  if (run.kind === "planned")
    return { code: out.flush(out.checkListing(run.plan, count, elapsed())), settings, readFiles };
  if (run.kind === "refused") {
    out.line(`Nothing written to ${out.dir(settings.outDir)}.`);
    return { code: out.flush(1), settings, readFiles };
  }
  const { result } = run;
  appendAll(out.diagnostics, result.diagnostics);
  const interrupted = interruptedNote(result);
  if (interrupted !== undefined) {
    out.flush();
    io.stderr(interrupted.line);
    return { code: interrupted.code, settings, readFiles };
  }
  out.summary(settings, count, result, elapsed());
  return { code: out.flush(result.diagnostics.length > 0 ? 2 : 0), settings, readFiles };
}

/** What compiling and emitting made: the files and their counts, and what the compile read. */
interface Made {
  readonly files: readonly GeneratedFile[];
  readonly count: Counts;
  readonly readFiles: readonly string[];
  readonly missingMethods: (existing: string, generated: GeneratedFile) => readonly string[];
  /** The compiled MOF files (the cache stores their text's hash); none when the files came from the cache. */
  readonly sources?: readonly SourceFile[];
}

/** Compile and emit; on errors, print why nothing was generated and return the exit code. */
async function make(
  settings: GenerateSettings,
  templates: UserTemplates,
  out: Report,
  io: CliIo,
  warm: WarmGenerate | undefined,
): Promise<
  | (Made & { readonly sources: readonly SourceFile[] })
  | { readonly code: number; readonly readFiles?: readonly string[] }
> {
  const compileStarted = performance.now();
  const { program, schema, diagnostics } = compile(settings, io, warm?.parseCache, warm?.modelCache);
  if (warm !== undefined) {
    warm.parseCache.retain(program.files.map((f) => f.source.path));
    const classes = warm.modelCache.takeCounts();
    warm.last = {
      ...warm.parseCache.takeCounts(),
      reusedClasses: classes.reused,
      resolvedClasses: classes.resolved,
      compileMs: Math.round(performance.now() - compileStarted),
    };
  }
  const emitStarted = performance.now();
  const readFiles = program.files.map((f) => f.source.path);
  appendAll(out.diagnostics, diagnostics);
  if (program.inputErrors || hasErrors(diagnostics)) {
    out.line(`Nothing generated: ${whyNothing(program.inputErrors, diagnostics)}.`);
    return { code: out.flush(program.inputErrors ? 2 : 1), readFiles };
  }
  // The emitters load Handlebars, and the reader of the user's provider files ts-morph (the TypeScript compiler,
  // ~10 MB): only this command pays for them, on demand, and for ts-morph only when there are providers.
  const [{ generateTypeScript }, providerEmitter, providerReader, docsEmitter] = await Promise.all([
    import("../emit/ts/generate.js"),
    import("../emit/ts/provider-modules.js"),
    settings.providers !== undefined && import("../emit/ts/provider-check.js"),
    settings.docs && import("../emit/docs/generate.js"),
  ]);
  warm?.beginEmit(program, schema, settings, templates);
  const pages =
    docsEmitter &&
    settings.docs &&
    referencePages(
      docsEmitter.renderDocs,
      schema,
      { ...settings.docs, templates, policy: settings.policy },
      warm?.memo.classPages,
    );
  appendAll(out.diagnostics, pages?.diagnostics ?? []);
  if (pages?.failure !== undefined) {
    out.line(`Nothing generated: ${pages.failure.reason}.`);
    return { code: out.flush(pages.failure.code), readFiles };
  }
  const tsOptions = typeScriptOptions(settings);
  const providers = providerChecks({ ...providerEmitter, ...providerReader }, schema, tsOptions, settings);
  appendAll(out.diagnostics, providers.diagnostics);
  const code = generateTypeScript(schema, tsOptions, warm?.memo);
  if (warm?.last !== undefined)
    warm.last = { ...warm.last, emit: warm.memo.end(), emitMs: Math.round(performance.now() - emitStarted) };
  const docs = (pages?.files ?? []).map((f) => ({ ...f, path: `${docsDir}/${f.path}` }));
  const files = [...code, ...docs];
  // The output directory and the providers directory are two trees: each must hold its paths apart.
  const unsafe = ["mofgen", "user"].flatMap((owner) => {
    const paths = files.filter((f) => f.owner === owner).map((f) => f.path);
    return warm === undefined ? checkOutputPaths(paths) : warm.checkPaths(owner, paths, checkOutputPaths);
  });
  if (unsafe.length > 0) {
    for (const d of unsafe) out.diagnostics.push(d);
    out.line("Nothing generated: some output paths cannot be written on every file system.");
    return { code: out.flush(1), readFiles };
  }
  const count: Counts = { code: code.filter((f) => f.owner === "mofgen").length, pages: pages && docs.length };
  const sources = program.files.map((f) => f.source);
  return { files, count, readFiles, missingMethods: providers.missingMethods, sources };
}

/**
 * Warnings and notes of one code that a generate run shows before counting the rest in one line: enough to see
 * what and where, without the same dozens of lines on every run (`mofgen check` shows them all).
 */
const warningsPerCode = 3;

/** The folder of the output directory that holds the reference pages (`generated/docs/`). */
export const docsDir = docsFolder;

/** What a run generates: TypeScript files, and reference pages unless docs are off (undefined). */
interface Counts {
  readonly code: number;
  readonly pages: number | undefined;
}

function typeScriptOptions(settings: GenerateSettings): TypeScriptOptions {
  const { providers } = settings;
  return {
    runtimeImport: settings.runtimeImport,
    extension: settings.extension,
    providers: providers && {
      classes: providers.classes,
      generatedImport: generatedImportPath(providers.dir, settings.outDir),
    },
  };
}

/**
 * What a run prints. Pretty: diagnostics on stderr, the summary and listings on stdout. JSON / SARIF: the one
 * document on stdout, the summary on stderr, so that stdout stays machine-readable.
 */
class Report {
  readonly diagnostics: Diagnostic[] = [];
  /**
   * `--quiet` and the levels, once the settings are known. The compile and the pages apply them before deciding
   * to stop; the checks of the output (MOF4913-MOF4922) come after the files are planned, so they are judged
   * here: silenced or lowered, or raised to an error that fails the run (exit 1).
   */
  policy: DiagnosticPolicy | undefined;
  readonly #lines: string[] = [];
  readonly #relativize: (path: string) => string;

  constructor(
    private readonly options: GenerateOptions,
    private readonly io: CliIo,
  ) {
    this.#relativize = relativizer(io.cwd);
  }

  line(text: string): void {
    this.#lines.push(text);
  }

  /** A line printed at once, before the diagnostics: where the summary goes (stdout when pretty, else stderr). */
  info(text: string): void {
    (this.options.format === "pretty" ? this.io.stdout : this.io.stderr)(`${text}\n`);
  }

  dir(path: string): string {
    return `${this.#relativize(path)}/`;
  }

  /** Print everything gathered; returns `code` for the caller's convenience. */
  flush(code = 0): number {
    const { format } = this.options;
    // Judging twice changes nothing: what the compile raised is an error, and an error stays one.
    const shown = this.policy === undefined ? this.diagnostics : applyPolicy(this.diagnostics, this.policy);
    reportDiagnostics(shown, this.io, {
      format,
      color: this.options.color,
      stream: "stderr",
      perCode: warningsPerCode,
    });
    const text = this.#lines.map((l) => `${l}\n`).join("");
    if (text !== "") (format === "pretty" ? this.io.stdout : this.io.stderr)(text);
    return code === 0 && hasErrors(shown) ? 1 : code;
  }

  summary(settings: GenerateSettings, count: Counts, result: WriteResult, seconds: string): void {
    const tally = `${result.written} written, ${result.unchanged} unchanged, ${result.removed} removed`;
    const failed = plural(result.failed, "file");
    if (result.failed === 0) {
      this.line(`Generated ${what(count)} in ${this.dir(settings.outDir)} (${tally}) in ${seconds} s`);
    } else if (result.written + result.removed === 0) {
      // Never "Generated" when nothing could be written: the errors above say why.
      this.line(`Nothing written to ${this.dir(settings.outDir)}: ${failed} could not be written (${tally}).`);
    } else {
      this.line(
        `Generated ${what(count)} in ${this.dir(settings.outDir)} only in part: ${failed} could not be written ` +
          `(${tally}) in ${seconds} s`,
      );
    }
    if (result.created.length > 0 && settings.providers !== undefined) {
      this.line(
        `Created ${plural(result.created.length, "provider implementation")} in ${this.dir(settings.providers.dir)}:`,
      );
      for (const path of result.created) this.line(`  ${this.#relativize(path)}`);
    }
    if (result.leftoversRemoved > 0) {
      this.line(`Removed ${plural(result.leftoversRemoved, "temporary file")} left by an interrupted run`);
    }
  }

  /** The --check listing; returns the exit code (0 up to date, 1 otherwise). */
  checkListing(plan: OutputPlan, count: Counts, seconds: string): number {
    const outDir = plan.target.outDir;
    const changes = [...plan.files, plan.manifest].filter((f) => f.change !== "unchanged");
    const missing = plan.userFiles.filter((f) => !f.exists);
    const upToDate = isUpToDate(plan) && !hasErrors(plan.diagnostics);
    if (upToDate) {
      this.line(`${this.dir(outDir)} is up to date (${what(count)}, checked in ${seconds} s)`);
    } else {
      const n = (c: string) => changes.filter((f) => f.change === c).length;
      const traces = [
        plan.leftovers.length > 0 ? `, ${plural(plan.leftovers.length, "leftover temporary file")}` : "",
        plan.unlisted.length > 0 ? `, ${plural(plan.unlisted.length, "unlisted generated file")}` : "",
      ].join("");
      this.line(
        `${this.dir(outDir)} is out of date: ${n("add")} to add, ${n("change")} to change, ${n("remove")} to remove` +
          `${traces} (run 'mofgen generate' to update it)`,
      );
      const verb = { add: "added  ", change: "changed", remove: "removed", unchanged: "" } as const;
      for (const f of changes) this.line(`  ${verb[f.change]}  ${this.#relativize(join(outDir, f.path))}`);
      for (const path of plan.leftovers) this.line(`  leftover ${this.#relativize(path)}`);
      for (const rel of plan.unlisted) this.line(`  unlisted ${this.#relativize(join(plan.outDir, rel))}`);
    }
    for (const f of missing)
      this.line(`  info: provider implementation ${this.#relativize(f.path)} is missing; generate creates it`);
    return upToDate ? 0 : 1;
  }
}

/** "96 TypeScript files and 130 pages": the written, unchanged and removed counts that follow cover both. */
function what(count: Counts): string {
  const code = plural(count.code, "TypeScript file");
  return count.pages === undefined ? code : `${code} and ${plural(count.pages, "page")}`;
}
