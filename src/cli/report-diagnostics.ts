import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatJson } from "../diagnostics/format/json.js";
import { prettyBlocks } from "../diagnostics/format/pretty.js";
import { formatSarif } from "../diagnostics/format/sarif.js";
import { type CliIo, relativizer, useColor } from "./io.js";
import { VERSION } from "./usage.js";

/**
 * The one place the mofgen command prints diagnostics. Every command (check, model, format, generate, docs,
 * diff) and the configuration loader call it, so the choice of format, colour, paths relative to the working
 * directory and the per-code bound are made the same way everywhere.
 */

/** `--format` of check and generate: a code frame per diagnostic, or one JSON / SARIF document. */
export type OutputFormat = "pretty" | "json" | "sarif";
export const outputFormats: readonly OutputFormat[] = ["pretty", "json", "sarif"];

export interface ReportOptions {
  /** Absent: pretty. */
  readonly format?: OutputFormat | undefined;
  /** `--color` / `--no-color`; absent: the terminal decides. */
  readonly color?: boolean | undefined;
  /**
   * Where the pretty blocks go: `stderr` when the command's stdout carries its output, `stdout` for check.
   * A JSON or SARIF document always goes to stdout: it is the machine-readable output.
   */
  readonly stream: "stdout" | "stderr";
  /** At most this many warnings of one code per file (pretty only); absent: the formatter's default. */
  readonly perCode?: number | undefined;
}

/** Print `diagnostics` as `options` say. Pretty with none prints nothing; JSON and SARIF always print a document. */
export function reportDiagnostics(diagnostics: readonly Diagnostic[], io: CliIo, options: ReportOptions): void {
  const relativize = relativizer(io.cwd);
  const format = options.format ?? "pretty";
  if (format === "json") {
    io.stdout(formatJson(diagnostics, relativize));
    return;
  }
  if (format === "sarif") {
    io.stdout(formatSarif(diagnostics, relativize, VERSION));
    return;
  }
  const color = useColor(io, options.color);
  const pretty =
    options.perCode === undefined ? { color, relativize } : { color, relativize, perCode: options.perCode };
  const write = options.stream === "stdout" ? io.stdout : io.stderr;
  for (const block of prettyBlocks(diagnostics, pretty)) write(block);
}
