import { compareDiagnostics, type Diagnostic, hasErrors } from "./diagnostics/diagnostic.js";
import { defaultDialect } from "./dialect/dialect.js";
import { type ModelOptions, resolveSchema } from "./model/resolve.js";
import type { SchemaModel } from "./model/types.js";
import { buildProgram, type CompileOptions, type Program, parseText } from "./program/program.js";

/** What `compile()` takes: where to read (`CompileOptions`) and how to resolve (`ModelOptions`), in one object. */
export type CompileSettings = CompileOptions & Omit<ModelOptions, "dialect">;

export interface Compilation {
  /** The parsed files, with the dialect they were parsed in (`program.dialect`). */
  readonly program: Program;
  readonly schema: SchemaModel;
  /** Every diagnostic of every phase (loading, parsing, resolving), in file and source order. */
  readonly diagnostics: readonly Diagnostic[];
  /** True when a diagnostic is an error: the schema is then incomplete and should not be generated from. */
  readonly failed: boolean;
}

/**
 * Compile MOF: load the inputs (files or directories) with their includes, parse them, resolve the schema, and
 * gather the diagnostics of all three phases. The one entry that the CLI, the tests and library users share, so
 * the dialect is chosen once (the program records it and the model reads it from there). Never throws for bad
 * input: unreadable paths, syntax errors and schema errors are all diagnostics.
 */
export function compile(paths: readonly string[], settings: CompileSettings = {}): Compilation {
  return compileProgram(buildProgram(paths, settings), settings);
}

/**
 * `compile()` for one in-memory text, named `path` in diagnostics (default `<input>`). No includes are followed:
 * there is no file system to find them in.
 */
export function compileText(text: string, settings: CompileSettings & { readonly path?: string } = {}): Compilation {
  const file = parseText(text, settings.path, settings);
  const program: Program = {
    files: [file],
    roots: [file],
    diagnostics: file.diagnostics,
    inputErrors: false,
    dialect: settings.dialect ?? defaultDialect,
  };
  return compileProgram(program, settings);
}

/** `compile()` for a program already built (by `buildProgram`, or from in-memory texts with `parseText`). */
export function compileProgram(program: Program, settings: Omit<ModelOptions, "dialect"> = {}): Compilation {
  const model = resolveSchema(program, {
    ...(settings.builtinQualifiers !== undefined && { builtinQualifiers: settings.builtinQualifiers }),
    ...(settings.namespace !== undefined && { namespace: settings.namespace }),
    ...(settings.modelCache !== undefined && { modelCache: settings.modelCache }),
  });
  const diagnostics = [...program.diagnostics, ...model.diagnostics].sort(compareDiagnostics);
  return { program, schema: model.schema, diagnostics, failed: hasErrors(diagnostics) };
}
