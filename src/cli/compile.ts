import { compile as compileSchema } from "../compile.js";
import { Diagnostics } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { applyPolicy, type DiagnosticPolicy } from "../diagnostics/policy.js";
import type { Dialect } from "../dialect/dialect.js";
import type { ModelCache } from "../model/model-cache.js";
import type { SchemaModel } from "../model/types.js";
import type { ParseCache } from "../program/parse-cache.js";
import type { Program } from "../program/program.js";
import type { CliIo } from "./io.js";

export interface CompileCliOptions {
  readonly paths: readonly string[];
  readonly includeDirs: readonly string[];
  readonly dialect: Dialect;
  readonly builtinQualifiers: boolean;
  readonly namespace: string | undefined;
  /** `--allow-include-outside`: includes may read files outside the input, including and -I folders. */
  readonly allowIncludeOutside?: boolean | undefined;
  /** `--quiet` and the severity overrides; absent: every diagnostic as the catalog and dialect say. */
  readonly policy?: DiagnosticPolicy | undefined;
}

export interface Compiled {
  readonly program: Program;
  readonly schema: SchemaModel;
  /** Every diagnostic of every phase, in file and source order. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parse and resolve, as `check`, `model` and later commands all do: the public `compile()` with the CLI's I/O.
 * A watch session passes its parse cache, so that only changed files are parsed again, and its model cache, so
 * that only the classes an edit can change are resolved again.
 */
export function compile(
  options: CompileCliOptions,
  io: CliIo,
  parseCache?: ParseCache,
  modelCache?: ModelCache,
): Compiled {
  const compiled = compileSchema(options.paths, {
    ...(parseCache !== undefined && { parseCache }),
    ...(modelCache !== undefined && { modelCache }),
    includeDirs: options.includeDirs,
    dialect: options.dialect,
    cwd: io.cwd,
    allowIncludeOutside: options.allowIncludeOutside ?? false,
    ...maxInputBytes(io.env),
    builtinQualifiers: options.builtinQualifiers,
    ...(options.namespace !== undefined && { namespace: options.namespace }),
  });
  if (options.policy === undefined) return compiled;
  return { ...compiled, diagnostics: applyPolicy(compiled.diagnostics, options.policy) };
}

/**
 * `MOFGEN_MAX_INPUT_BYTES` sets the input limit (MOF1040) instead of the heap-derived one: tests use it to
 * reach the limit with a small file. Anything but a positive integer is ignored.
 */
function maxInputBytes(env: CliIo["env"]): { maxInputBytes?: number } {
  const value = Number(env.MOFGEN_MAX_INPUT_BYTES);
  return Number.isSafeInteger(value) && value > 0 ? { maxInputBytes: value } : {};
}

/**
 * Why a compile produced nothing to write, in the words of its first cause: the summary line of generate and docs
 * ("Nothing generated: ...", "Nothing written: ...").
 */
export function whyNothing(inputErrors: boolean, diagnostics: readonly Diagnostic[]): string {
  if (inputErrors) return "an input could not be read";
  if (diagnostics.some((d) => d.code === Diagnostics.NoMofFiles.code && d.severity === "error")) {
    return "an input folder holds no MOF file";
  }
  return "the MOF has errors";
}
