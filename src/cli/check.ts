import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { formatJson } from "../diagnostics/format/json.js";
import { prettyBlocks } from "../diagnostics/format/pretty.js";
import { formatSarif } from "../diagnostics/format/sarif.js";
import { plural } from "./args.js";
import { type CompileCliOptions, compile } from "./compile.js";
import { type CliIo, relativizer, useColor } from "./io.js";
import { VERSION } from "./usage.js";

export type OutputFormat = "pretty" | "json" | "sarif";

export interface CheckOptions extends CompileCliOptions {
  readonly format: OutputFormat;
  readonly color?: boolean;
}

/** `mofgen check`: exit 0 without errors, 1 with errors in the input, 2 when an input path cannot be read. */
export function runCheck(options: CheckOptions, io: CliIo): number {
  const started = performance.now();
  const { program, diagnostics } = compile(options, io);
  const relativize = relativizer(io.cwd);
  if (options.format === "json") io.stdout(formatJson(diagnostics, relativize));
  else if (options.format === "sarif") io.stdout(formatSarif(diagnostics, relativize, VERSION));
  else {
    const color = useColor(io, options.color);
    printPretty(diagnostics, io, color, io.stdout);
    io.stdout(summary(diagnostics, program.files.length, performance.now() - started));
  }
  if (program.inputErrors) return 2;
  return hasErrors(diagnostics) ? 1 : 0;
}

/** Diagnostics in the pretty format, one block each (a bounded number per file), to the given stream. */
export function printPretty(
  diagnostics: readonly Diagnostic[],
  io: CliIo,
  color: boolean,
  write: (text: string) => void,
  perCode?: number,
): void {
  const relativize = relativizer(io.cwd);
  const options = perCode === undefined ? { color, relativize } : { color, relativize, perCode };
  for (const block of prettyBlocks(diagnostics, options)) write(block);
}

function summary(diagnostics: readonly Diagnostic[], files: number, ms: number): string {
  const count = (s: Diagnostic["severity"]) => diagnostics.filter((d) => d.severity === s).length;
  const seconds = (ms / 1000).toFixed(2);
  return `Checked ${plural(files, "file")} in ${seconds} s: ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}\n`;
}
