import { isAbsolute, relative } from "node:path";
import type { TypeScriptExtension } from "../emit/ts/generated-file.js";
import type { Span } from "../source/span.js";
import type { CompileCliOptions } from "./compile.js";
import type { DocsConfig } from "./config.js";
import { realPathOf } from "./real-path.js";
import {
  configPathOf,
  pageSettings,
  resolveSettings as resolveCommonSettings,
  type SettingsFlags,
  type SettingsResult,
} from "./settings.js";

/** What the command line says; absent values fall back to the configuration file, then to defaults. */
export interface GenerateFlags extends SettingsFlags {
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

/**
 * generate's settings: the shared lookup and layering (settings.ts), then what only generate has: the output
 * directory it needs, the providers directory that must lie apart from it, and the pages unless turned off.
 */
export function resolveSettings(flags: GenerateFlags, cwd: string): SettingsResult<GenerateSettings> {
  const resolved = resolveCommonSettings({ command: "generate", needsOut: true }, flags, cwd);
  if (resolved.settings === undefined) return resolved;
  const { compile, out, config, configPath } = resolved.settings;
  if (out === undefined) throw new Error("resolveSettings: generate's output directory was not resolved");
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
    ...compile,
    outDir: out,
    runtimeImport: config.runtimeImport ?? "@mofgen/runtime",
    extension: config.extension ?? ".ts",
    providers,
    docs: flags.docs === false || config.docs === false ? undefined : pageSettings({}, config.docs),
    configPath,
  };
  return { settings, diagnostics: resolved.diagnostics };
}

/** Where watch.ts looks for the file to watch: settings.ts's one rule. */
export { configPathOf };

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
