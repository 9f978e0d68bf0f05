import type { SourceFile } from "../../source/source-file.js";
import { resolveSpan } from "../../source/span.js";
import type { Diagnostic, Severity } from "../diagnostic.js";

export interface PrettyOptions {
  readonly color: boolean;
  readonly relativize: (path: string) => string;
}

const codes = {
  red: 31,
  yellow: 33,
  cyan: 36,
  blue: 34,
  bold: 1,
  dim: 2,
} as const;

function paint(on: boolean, style: keyof typeof codes, text: string): string {
  return on ? `\u001b[${codes[style]}m${text}\u001b[0m` : text;
}

const severityStyle: Record<Severity, keyof typeof codes> = {
  error: "red",
  warning: "yellow",
  info: "cyan",
};

/**
 * `file:line:column - error MOF1201: message`, then a code frame: the line with its number and a row of `^`
 * under the exact span (sql-parser-cst's FormattedSyntaxError and TypeScript's pretty output are the models).
 */
export function formatPretty(d: Diagnostic, options: PrettyOptions): string {
  const { color } = options;
  const sev = paint(color, severityStyle[d.severity], d.severity);
  const code = paint(color, "dim", d.code);
  if (d.span === undefined) {
    const where = d.path ? `${paint(color, "cyan", options.relativize(d.path))} - ` : "";
    return `${where}${sev} ${code}: ${d.message}\n`;
  }
  const r = resolveSpan(d.span);
  const location = paint(color, "cyan", `${options.relativize(r.file)}:${r.line}:${r.column}`);
  let out = `${location} - ${sev} ${code}: ${d.message}\n`;
  out += codeFrame(d.span.file, r.line, r.column, r.endLine, r.endColumn, color, severityStyle[d.severity]);
  for (const rel of d.related ?? []) {
    const rr = resolveSpan(rel.span);
    out += `  ${paint(color, "cyan", `${options.relativize(rr.file)}:${rr.line}:${rr.column}`)}: ${rel.message}\n`;
  }
  return out;
}

/** Tabs are shown as single spaces so the carets line up whatever the terminal's tab width. */
function codeFrame(
  file: SourceFile,
  line: number,
  column: number,
  endLine: number,
  endColumn: number,
  color: boolean,
  style: keyof typeof codes,
): string {
  const text = file.lineText(line).replace(/\t/g, " ");
  const shown = text.length > 200 ? `${text.slice(0, 200)}...` : text;
  const gutter = String(line);
  const pad = " ".repeat(gutter.length);
  const last = endLine === line ? Math.max(endColumn, column + 1) : text.length + 1;
  const width = Math.max(1, Math.min(last, shown.length + 1) - column);
  const carets = `${" ".repeat(Math.max(0, column - 1))}${"^".repeat(width)}`;
  return `${paint(color, "dim", `${gutter} |`)} ${shown}\n${paint(color, "dim", `${pad} |`)} ${paint(color, style, carets)}\n`;
}
