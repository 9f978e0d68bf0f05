/**
 * A decoded MOF source file. Offsets are UTF-16 code-unit indexes into `text`; line and column are computed
 * lazily (most files never need them) and are always those of the original file: the decoded text keeps every
 * line break, only a byte-order mark is dropped.
 */
export type Encoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column in characters (UTF-16 code units), tabs count as one. */
  readonly column: number;
}

export class SourceFile {
  #lineStarts: number[] | undefined;

  constructor(
    /** Absolute path (or a pseudo path such as `<stdin>` for in-memory sources). */
    readonly path: string,
    readonly text: string,
    readonly encoding: Encoding = "utf-8",
    /** Offsets of lone UTF-16 surrogates that decoding read as U+FFFD, in order (see `DecodedText`). */
    readonly loneSurrogates: readonly number[] = [],
  ) {}

  /** Line and column of an offset; offsets past the end map to the end of the file. */
  position(offset: number): Position {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const clamped = Math.min(Math.max(offset, 0), this.text.length);
    return { line: lo + 1, column: clamped - (starts[lo] as number) + 1 };
  }

  /**
   * The offset of a 1-based line and column, the inverse of `position`: a column past the line's end gives the end
   * of the line (before its break); a line past the last gives undefined.
   */
  offset(line: number, column: number): number | undefined {
    const start = this.lineStarts()[line - 1];
    if (start === undefined) return undefined;
    return start + Math.min(Math.max(column, 1) - 1, this.lineText(line).length);
  }

  /** The text of a 1-based line without its line break. */
  lineText(line: number): string {
    const starts = this.lineStarts();
    const start = starts[line - 1];
    if (start === undefined) return "";
    let end = starts[line] ?? this.text.length;
    while (end > start && (this.text[end - 1] === "\n" || this.text[end - 1] === "\r")) end--;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  private lineStarts(): number[] {
    if (this.#lineStarts) return this.#lineStarts;
    const starts = [0];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        // CRLF is one line break; a lone CR (old Mac files) is one too.
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.#lineStarts = starts;
    return starts;
  }
}
