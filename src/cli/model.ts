import { hasErrors } from "../diagnostics/diagnostic.js";
import { modelJsonChunks } from "../emit/model-json.js";
import { printMof } from "../emit/mof/print.js";
import { type CompileCliOptions, compile } from "./compile.js";
import type { CliIo } from "./io.js";
import { reportDiagnostics } from "./report-diagnostics.js";

export interface ModelOptions extends CompileCliOptions {
  readonly color?: boolean;
  /** `json` (the model) or `mof` (the canonical MOF printer: `mofgen format`). */
  readonly format: "json" | "mof";
}

/**
 * `mofgen model` (JSON) and `mofgen format` (canonical MOF): the resolved model on stdout. Problems go to stderr; with errors nothing is printed
 * on stdout and the exit code is 1, so that a build step never consumes a model of a broken schema.
 */
export async function runModel(options: ModelOptions, io: CliIo): Promise<number> {
  const { program, schema, diagnostics } = compile(options, io);
  reportDiagnostics(diagnostics, io, { color: options.color, stream: "stderr" });
  if (program.inputErrors) return 2;
  if (hasErrors(diagnostics)) return 1;
  if (options.format === "mof") {
    io.stdout(printMof(schema, { dialect: options.dialect }));
    return 0;
  }
  // The JSON can outgrow one string (a deep inheritance chain repeats every inherited member per class):
  // write it as it is built, waiting whenever the reader is slower.
  for (const chunk of modelJsonChunks(schema)) {
    io.stdout(chunk);
    await io.drain?.();
  }
  return 0;
}
