import { hasErrors } from "../diagnostics/diagnostic.js";
import { formatModelJson } from "../emit/model-json.js";
import { printMof } from "../emit/mof/print.js";
import { printPretty } from "./check.js";
import { type CompileCliOptions, compile } from "./compile.js";
import { type CliIo, useColor } from "./io.js";

export interface ModelOptions extends CompileCliOptions {
  readonly color?: boolean;
  /** `json` (the model) or `mof` (the canonical MOF printer: `mofgen format`). */
  readonly format: "json" | "mof";
}

/**
 * `mofgen model` (JSON) and `mofgen format` (canonical MOF): the resolved model on stdout. Problems go to stderr; with errors nothing is printed
 * on stdout and the exit code is 1, so that a build step never consumes a model of a broken schema.
 */
export function runModel(options: ModelOptions, io: CliIo): number {
  const { program, schema, diagnostics } = compile(options, io);
  printPretty(diagnostics, io, useColor(io, options.color), io.stderr);
  if (program.inputErrors) return 2;
  if (hasErrors(diagnostics)) return 1;
  io.stdout(options.format === "mof" ? printMof(schema, { dialect: options.dialect }) : formatModelJson(schema));
  return 0;
}
