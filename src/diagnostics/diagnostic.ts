import type { Span } from "../source/span.js";
import { compareCodeUnits } from "../util/compare.js";

export type Severity = "error" | "warning" | "info";

export interface RelatedLocation {
  readonly message: string;
  readonly span: Span;
}

/** One finding about the input. Created only through the catalog (`diagnostics/catalog.ts`). */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Where the problem is; absent only for problems with no place in a file (an unreadable command-line path). */
  readonly span?: Span;
  readonly related?: readonly RelatedLocation[];
  /** For diagnostics without a span: the path they are about. */
  readonly path?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Source order: file path, then offset, then code. Diagnostics without a span sort first. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.span?.file.path ?? a.path ?? "";
  const fb = b.span?.file.path ?? b.path ?? "";
  if (fa !== fb) return compareCodeUnits(fa, fb);
  const oa = a.span?.start ?? -1;
  const ob = b.span?.start ?? -1;
  if (oa !== ob) return oa - ob;
  return compareCodeUnits(a.code, b.code);
}
