import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Diagnostics, diag } from "../diagnostics/catalog.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { DiagnosticPolicy } from "../diagnostics/policy.js";
import type { CompileCliOptions } from "./compile.js";
import { type CompileFlags, compileSettings } from "./compile-flags.js";
import { configFileName, type DocsConfig, type GenerateConfig, type LoadedConfig, readConfig } from "./config.js";
import { relativizer } from "./io.js";

/**
 * The one way a command that reads `mofgen.config.json` (generate and docs) finds it, reads it and layers it:
 * the command line, then the file, then the defaults. Every mistake comes back the same way, whichever command
 * asked: a diagnostic at its place in the file (exit 1), or a usage message when the command line itself lacks
 * what is needed (exit 2). check, model, format and diff read no configuration (compile-flags.ts gives them the
 * defaults), so a schema checks the same wherever it is run.
 */

/** What the command line says of the settings; each absent value falls back to the file's, then to its default. */
export interface SettingsFlags extends CompileFlags {
  readonly paths: readonly string[];
  readonly out?: string | undefined;
  readonly config?: string | undefined;
}

/** The settings both commands share, with absolute paths, and the file's other keys for the command's own. */
export interface Settings {
  /** The inputs and compile options: each flag, else the file's value, else the default (compile-flags.ts). */
  readonly compile: CompileCliOptions & { readonly policy: DiagnosticPolicy };
  /** `--out`, else the file's `out`; only for a command that writes where `out` says (`needsOut`). */
  readonly out: string | undefined;
  /** The file's values (`{}` without a file). */
  readonly config: GenerateConfig;
  /** The configuration file read, if any (watch mode watches it too). */
  readonly configPath: string | undefined;
}

export type SettingsResult<T> =
  | { readonly settings: T; readonly diagnostics: readonly Diagnostic[] }
  /** `code` 1: errors in the configuration; 2: it cannot be read, or the command line lacks what it needs. */
  | {
      readonly settings?: undefined;
      readonly diagnostics: readonly Diagnostic[];
      readonly code: 1 | 2;
      readonly usage?: string;
    };

/** What a command needs of the lookup. */
export interface SettingsUse {
  readonly command: "generate" | "docs";
  /** generate writes where `--out` or `out` says; docs has its own default directory and ignores `out`. */
  readonly needsOut: boolean;
}

/**
 * The configuration file that applies: `--config FILE`, or, when no PATH is given, the nearest
 * `mofgen.config.json` in the working directory or a folder above it (undefined when there is none). With PATHs
 * and no `--config` no file is read: the command line says everything.
 */
export function configPathOf(flags: Pick<SettingsFlags, "paths" | "config">, cwd: string): string | undefined {
  if (flags.config !== undefined) return resolve(cwd, flags.config);
  return flags.paths.length === 0 ? findConfig(cwd) : undefined;
}

/**
 * What `--verbose` says (generate and docs): the configuration file that applies, found by the rule above, which
 * may be in a folder above the working directory.
 */
export function configLine(flags: Pick<SettingsFlags, "paths" | "config">, cwd: string): string {
  const path = configPathOf(flags, cwd);
  if (path !== undefined) return `Using configuration ${relativizer(cwd)(path)}`;
  return flags.paths.length > 0
    ? "Using no configuration file (PATHs given without --config)"
    : "No configuration file found";
}

/**
 * The nearest `mofgen.config.json` in `cwd` or a folder above it, as tsc finds tsconfig.json and ESLint its flat
 * config, so that a command works from any folder of a project. The walk stops at the file system's root.
 */
export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; ) {
    const candidate = join(dir, configFileName);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Find and read the configuration, and merge the command line over it. Paths in the file are relative to the
 * file, paths on the command line to the working directory.
 */
export function resolveSettings(use: SettingsUse, flags: SettingsFlags, cwd: string): SettingsResult<Settings> {
  const configPath = configPathOf(flags, cwd);
  if (configPath === undefined && flags.paths.length === 0) {
    const give = use.needsOut ? "give PATHs and --out DIR" : "give PATHs";
    const usage = `no PATH given and no ${configFileName} in ${cwd} or a folder above it: ${give}, or write the configuration (docs/config.schema.json)`;
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
  const out = !use.needsOut ? undefined : flags.out !== undefined ? resolve(cwd, flags.out) : config.out;
  if (use.needsOut && out === undefined) {
    if (loaded === undefined) {
      const usage = `${use.command} needs --out DIR when PATHs are given without a configuration file`;
      return { diagnostics: [], code: 2, usage };
    }
    if (missing("out")) diagnostics.push(diag(Diagnostics.ConfigMissingKey, loaded.where, "out", "(or --out DIR)"));
  }
  if (paths === undefined || diagnostics.some((d) => d.severity === "error")) {
    return { diagnostics: diagnostics.sort(compareDiagnostics), code: 1 };
  }
  const compile = compileSettings({ ...flags, includeDirs: flags.includeDirs?.map((d) => resolve(cwd, d)) }, config);
  return { settings: { compile: { paths, ...compile }, out, config, configPath }, diagnostics };
}

/**
 * The reference pages' settings: each given on the command line (docs' `--overlay`, `--templates`, `--locale`,
 * `--style`), else the file's `docs` object's. `docs: true` or absent in the file means no settings of its own.
 */
export function pageSettings(given: GivenPageSettings, fromFile: GenerateConfig["docs"]): DocsConfig {
  const file: DocsConfig = typeof fromFile === "object" ? fromFile : {};
  const written = Object.entries(given).filter(([, value]) => value !== undefined);
  return { ...file, ...Object.fromEntries(written) };
}

/** The page settings as a command line gives them: undefined where absent. */
export type GivenPageSettings = { readonly [K in keyof DocsConfig]?: DocsConfig[K] | undefined };
