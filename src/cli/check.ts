import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { colorChoice, oneOf, parseCommandLine, plural, UsageError } from "./args.js";
import { type CompileCliOptions, compile } from "./compile.js";
import { compileFlags, compileSettings } from "./compile-flags.js";
import type { CliIo } from "./io.js";
import { type OutputFormat, outputFormats, reportDiagnostics } from "./report-diagnostics.js";

export interface CheckOptions extends CompileCliOptions {
  readonly format: OutputFormat;
  readonly color?: boolean;
}

/** `mofgen check PATH... [--format pretty|json|sarif]`: the command line. */
export function checkCommand(args: readonly string[], io: CliIo, usage: string): number {
  const { values, positionals } = parseCommandLine(args, { format: { type: "string" } });
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("check needs at least one PATH");
  return runCheck(
    {
      paths: positionals,
      ...compileSettings(compileFlags(values)),
      ...colorChoice(values),
      format: oneOf("--format", values.format, outputFormats, "pretty"),
    },
    io,
  );
}

/** `mofgen check`: exit 0 without errors, 1 with errors in the input, 2 when an input path cannot be read. */
export function runCheck(options: CheckOptions, io: CliIo): number {
  const started = performance.now();
  const { program, diagnostics } = compile(options, io);
  reportDiagnostics(diagnostics, io, { format: options.format, color: options.color, stream: "stdout" });
  if (options.format === "pretty") {
    io.stdout(summary(diagnostics, program.files.length, performance.now() - started));
  }
  if (program.inputErrors) return 2;
  return hasErrors(diagnostics) ? 1 : 0;
}

function summary(diagnostics: readonly Diagnostic[], files: number, ms: number): string {
  const count = (s: Diagnostic["severity"]) => diagnostics.filter((d) => d.severity === s).length;
  const seconds = (ms / 1000).toFixed(2);
  return `Checked ${plural(files, "file")} in ${seconds} s: ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}\n`;
}
