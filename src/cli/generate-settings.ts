import { isAbsolute, relative, resolve } from "node:path";
import { Diagnostics, diag } from "../diagnostics/catalog.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { TypeScriptExtension } from "../emit/ts/generated-file.js";
import type { Span } from "../source/span.js";
import type { CompileCliOptions } from "./compile.js";
import { type CompileFlags, compileSettings } from "./compile-flags.js";
import { configFileName, type DocsConfig, findConfig, type LoadedConfig, readConfig } from "./config.js";
import { realPathOf } from "./real-path.js";

/** What the command line says; absent values fall back to the configuration file, then to defaults. */
export interface GenerateFlags extends CompileFlags {
  readonly paths: readonly string[];
  readonly out?: string | undefined;
  readonly config?: string | undefined;
  /** False for `--no-docs`: no reference pages, whatever the configuration says. */
  readonly docs?: boolean | undefined;
}

/** Everything one generation needs, with absolute directories. */
export interface GenerateSettings extends CompileCliOptions {
  readonly outDir: string;
  readonly runtimeImport: string;
  readonly extension: TypeScriptExtension;
  readonly providers:
    | { readonly dir: string; readonly classes: readonly string[]; readonly classSpans?: readonly Span[] | undefined }
    | undefined;
  /** The reference pages to write under `<outDir>/docs/`, or undefined for none (`docs: false`, `--no-docs`). */
  readonly docs: DocsConfig | undefined;
  /** The configuration file read, if any (watch mode watches it too). */
  readonly configPath: string | undefined;
}

export type SettingsResult =
  | { readonly settings: GenerateSettings; readonly diagnostics: readonly Diagnostic[] }
  /** `code` 1: errors in the configuration; 2: it cannot be read, or the command line lacks what it needs. */
  | {
      readonly settings?: undefined;
      readonly diagnostics: readonly Diagnostic[];
      readonly code: 1 | 2;
      readonly usage?: string;
    };

/**
 * Merge the command line over the configuration file. The file is `--config FILE`, or the nearest
 * `mofgen.config.json` at or above the working directory when no PATH is given; with PATHs and no `--config` no file is read. Paths in the file
 * are relative to the file, paths on the command line to the working directory.
 */
export function resolveSettings(flags: GenerateFlags, cwd: string): SettingsResult {
  const configPath = configPathOf(flags, cwd);
  if (configPath === undefined && flags.paths.length === 0) {
    const usage = `no PATH given and no ${configFileName} in ${cwd} or a folder above it: give PATHs and --out DIR, or write the configuration (docs/config.schema.json)`;
    return { diagnostics: [], code: 2, usage };
  }
  const loaded: LoadedConfig | undefined = configPath === undefined ? undefined : readConfig(configPath);
  if (loaded?.unreadable) return { diagnostics: loaded.diagnostics, code: 2 };
  const diagnostics = [...(loaded?.diagnostics ?? [])];
  const config = loaded?.config ?? {};
  // Every mistake in one run: a key that is missing is reported beside the keys that are wrong (one that is
  // written but wrong was reported as such, and is not also missing).
  const missing = (key: string) => loaded?.written !== undefined && !loaded.written.has(key);

  const paths = flags.paths.length > 0 ? flags.paths.map((p) => resolve(cwd, p)) : config.inputs;
  if (paths === undefined && missing("inputs")) {
    diagnostics.push(diag(Diagnostics.ConfigMissingKey, loaded?.where, "inputs", "when no PATH is given"));
  }
  const out = flags.out !== undefined ? resolve(cwd, flags.out) : config.out;
  if (out === undefined && loaded === undefined) {
    return {
      diagnostics: [],
      code: 2,
      usage: "generate needs --out DIR when PATHs are given without a configuration file",
    };
  }
  if (out === undefined && missing("out")) {
    diagnostics.push(diag(Diagnostics.ConfigMissingKey, loaded?.where, "out", "(or --out DIR)"));
  }
  if (paths === undefined || out === undefined || diagnostics.some((d) => d.severity === "error")) {
    return { diagnostics: diagnostics.sort(compareDiagnostics), code: 1 };
  }
  const providers = config.providers && {
    dir: config.providers.out,
    classes: config.providers.classes,
    classSpans: config.providers.classSpans,
  };
  if (providers !== undefined && overlaps(providers.dir, out)) {
    return {
      diagnostics: [],
      code: 2,
      usage:
        "the providers directory and the output directory must not contain each other: regeneration owns the output directory",
    };
  }
  const settings: GenerateSettings = {
    paths,
    ...compileSettings({ ...flags, includeDirs: flags.includeDirs?.map((d) => resolve(cwd, d)) }, config),
    outDir: out,
    runtimeImport: config.runtimeImport ?? "@mofgen/runtime",
    extension: config.extension ?? ".ts",
    providers,
    docs: flags.docs === false || config.docs === false ? undefined : config.docs === true ? {} : (config.docs ?? {}),
    configPath,
  };
  return { settings, diagnostics };
}

/**
 * The configuration file to read: `--config FILE`, or, when no PATH is given, the nearest `mofgen.config.json`
 * in the working directory or a folder above it (undefined when there is none).
 */
export function configPathOf(flags: GenerateFlags, cwd: string): string | undefined {
  if (flags.config !== undefined) return resolve(cwd, flags.config);
  return flags.paths.length === 0 ? findConfig(cwd) : undefined;
}

/**
 * Compared as real paths: a link to the output directory (`ln -s gen provlink`, `"providers": {"out":
 * "provlink"}`) is the output directory, where regeneration would overwrite the user's implementations.
 */
function overlaps(a: string, b: string): boolean {
  const realA = realPathOf(a);
  const realB = realPathOf(b);
  return isInside(realA, realB) || isInside(realB, realA);
}

/** Whether `path` is `dir` or below it. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** The POSIX relative import path from the providers directory to the output directory (`../generated`). */
export function generatedImportPath(providersDir: string, outDir: string): string {
  const rel = relative(providersDir, outDir).split("\\").join("/");
  return rel === ".." || rel.startsWith("../") || isAbsolute(rel) ? rel : `./${rel}`;
}
