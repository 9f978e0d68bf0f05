import { resolveSpan } from "../../source/span.js";
import type { Diagnostic } from "../diagnostic.js";

/** The JSON shape documented in the README: one object per diagnostic, positions 1-based, end exclusive. */
export interface JsonDiagnostic {
  readonly code: string;
  readonly severity: Diagnostic["severity"];
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly related?: readonly {
    message: string;
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
  }[];
}

export function toJsonDiagnostic(d: Diagnostic, relativize: (path: string) => string): JsonDiagnostic {
  const base = { code: d.code, severity: d.severity, message: d.message };
  if (d.span === undefined) {
    return {
      ...base,
      file: relativize(d.path ?? ""),
      line: 0,
      column: 0,
      endLine: 0,
      endColumn: 0,
    };
  }
  const r = resolveSpan(d.span);
  const related = d.related?.map((rel) => {
    const rr = resolveSpan(rel.span);
    return { message: rel.message, ...rr, file: relativize(rr.file) };
  });
  return {
    ...base,
    ...r,
    file: relativize(r.file),
    ...(related && { related }),
  };
}

export function formatJson(diagnostics: readonly Diagnostic[], relativize: (path: string) => string): string {
  return `${JSON.stringify({ diagnostics: diagnostics.map((d) => toJsonDiagnostic(d, relativize)) }, null, 2)}\n`;
}
