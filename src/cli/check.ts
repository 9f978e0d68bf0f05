import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import type { ModelCache } from "../model/model-cache.js";
import type { ParseCache } from "../program/parse-cache.js";
import { colorChoice, oneOf, parseCommandLine, plural, UsageError } from "./args.js";
import { type CompileCliOptions, compile } from "./compile.js";
import { compileFlags, compileSettings } from "./compile-flags.js";
import type { CliIo } from "./io.js";
import { type OutputFormat, outputFormats, reportDiagnostics } from "./report-diagnostics.js";

export interface CheckOptions extends CompileCliOptions {
  readonly format: OutputFormat;
  readonly color?: boolean;
}

/** `mofgen check PATH... [--format pretty|json|sarif] [--watch]`: the command line. */
export async function checkCommand(args: readonly string[], io: CliIo, usage: string): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { format: { type: "string" }, watch: { type: "boolean" } });
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("check needs at least one PATH");
  const options: CheckOptions = {
    paths: positionals,
    ...compileSettings(compileFlags(values)),
    ...colorChoice(values),
    format: oneOf("--format", values.format, outputFormats, "pretty"),
  };
  if (!values.watch) return runCheck(options, io);
  // Imported when used: watch.ts imports this module (checkOnce).
  const { interruptSignal, watchCheck } = await import("./watch.js");
  return (await watchCheck(options, io, interruptSignal())).code;
}

/** `mofgen check`: exit 0 without errors, 1 with errors in the input, 2 when an input path cannot be read. */
export function runCheck(options: CheckOptions, io: CliIo): number {
  return checkOnce(options, io).code;
}

/**
 * One check, with the files it read (a watch session watches them). With a parse cache (`check --watch`),
 * only the files whose text changed since the last check are parsed again; with a model cache, only the classes
 * an edit can change are resolved again.
 */
export function checkOnce(
  options: CheckOptions,
  io: CliIo,
  parseCache?: ParseCache,
  modelCache?: ModelCache,
): { readonly code: number; readonly readFiles: readonly string[] } {
  const started = performance.now();
  const { program, diagnostics } = compile(options, io, parseCache, modelCache);
  const readFiles = program.files.map((f) => f.source.path);
  parseCache?.retain(readFiles);
  const code = report(options, io, program.files.length, program.inputErrors, diagnostics, started);
  return { code, readFiles };
}

function report(
  options: CheckOptions,
  io: CliIo,
  files: number,
  inputErrors: boolean,
  diagnostics: readonly Diagnostic[],
  started: number,
): number {
  reportDiagnostics(diagnostics, io, { format: options.format, color: options.color, stream: "stdout" });
  if (options.format === "pretty") {
    io.stdout(summary(diagnostics, files, performance.now() - started));
  }
  if (inputErrors) return 2;
  return hasErrors(diagnostics) ? 1 : 0;
}

function summary(diagnostics: readonly Diagnostic[], files: number, ms: number): string {
  const count = (s: Diagnostic["severity"]) => diagnostics.filter((d) => d.severity === s).length;
  const seconds = (ms / 1000).toFixed(2);
  return `Checked ${plural(files, "file")} in ${seconds} s: ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}\n`;
}
