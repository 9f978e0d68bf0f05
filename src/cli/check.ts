import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { formatJson } from "../diagnostics/format/json.js";
import { formatPretty } from "../diagnostics/format/pretty.js";
import { formatSarif } from "../diagnostics/format/sarif.js";
import type { Dialect } from "../parser/parse.js";
import { buildProgram } from "../program/program.js";
import { type CliIo, relativizer, useColor } from "./io.js";
import { VERSION } from "./usage.js";

export type OutputFormat = "pretty" | "json" | "sarif";

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly includeDirs: readonly string[];
  readonly dialect: Dialect;
  readonly format: OutputFormat;
  readonly color?: boolean;
}

/** `mofgen check`: exit 0 without errors, 1 with errors in the input, 2 when an input path cannot be read. */
export function runCheck(options: CheckOptions, io: CliIo): number {
  const started = performance.now();
  const program = buildProgram(options.paths, {
    includeDirs: options.includeDirs,
    dialect: options.dialect,
    cwd: io.cwd,
  });
  const diagnostics = [...program.diagnostics].sort(compareDiagnostics);
  const relativize = relativizer(io.cwd);
  if (options.format === "json") io.stdout(formatJson(diagnostics, relativize));
  else if (options.format === "sarif") io.stdout(formatSarif(diagnostics, relativize, VERSION));
  else {
    const color = useColor(io, options.color);
    for (const d of diagnostics) io.stdout(`${formatPretty(d, { color, relativize })}\n`);
    io.stdout(summary(diagnostics, program.files.length, performance.now() - started));
  }
  if (program.inputErrors) return 2;
  return diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}

function summary(diagnostics: readonly Diagnostic[], files: number, ms: number): string {
  const count = (s: Diagnostic["severity"]) => diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  const seconds = (ms / 1000).toFixed(2);
  return `Checked ${plural(files, "file")} in ${seconds} s: ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}\n`;
}
