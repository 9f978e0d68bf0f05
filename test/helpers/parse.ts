import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { Dialect } from "../../src/dialect/dialect.js";
import { parseText } from "../../src/program/program.js";
import { resolveSpan } from "../../src/source/span.js";

/** `line:column code` of each diagnostic (warnings and errors), in source order: compact and exact. */
export function where(d: Diagnostic): string {
  if (d.span === undefined) return `? ${d.code}`;
  const r = resolveSpan(d.span);
  return `${r.line}:${r.column} ${d.code}`;
}

export function diagnosticsOf(text: string, dialect: Dialect = "wmi"): string[] {
  return parseText(text, "test.mof", { dialect })
    .diagnostics.filter((d) => d.severity !== "info")
    .sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0))
    .map(where);
}

export function messagesOf(text: string, dialect: Dialect = "wmi"): string[] {
  return parseText(text, "test.mof", { dialect }).diagnostics.map((d) => `${where(d)} ${d.message}`);
}
