import type { Position, SourceFile } from "./source-file.js";

/** A half-open range `[start, end)` of code units in one source file. */
export interface Span {
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
}

export interface ResolvedSpan {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function span(file: SourceFile, start: number, end: number): Span {
  return { file, start, end };
}

/** The span from the start of `a` to the end of `b` (both in the same file). */
export function joinSpans(a: Span, b: Span): Span {
  return {
    file: a.file,
    start: Math.min(a.start, b.start),
    end: Math.max(a.end, b.end),
  };
}

/** Line/column form; `endColumn` is exclusive, so a one-character span has endColumn = column + 1. */
export function resolveSpan(s: Span): ResolvedSpan {
  const start: Position = s.file.position(s.start);
  const end: Position = s.file.position(Math.max(s.end, s.start));
  return {
    file: s.file.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
}
