import type { IToken, TokenType } from "chevrotain";

/** Decoded value of an integer literal; `radix` keeps the form it was written in. */
export interface IntegerPayload {
  readonly value: bigint;
  readonly radix: 2 | 8 | 10 | 16;
}

/**
 * A token as the Chevrotain parser wants it. One class so every token has the same shape (monomorphic
 * property access in the parser's hot loop). Line and column are not filled in: they are computed from
 * offsets only when a diagnostic needs them.
 */
export class MofToken implements IToken {
  startLine = Number.NaN;
  startColumn = Number.NaN;
  endLine = Number.NaN;
  endColumn = Number.NaN;
  readonly tokenTypeIdx: number;

  constructor(
    readonly tokenType: TokenType,
    readonly image: string,
    readonly startOffset: number,
    /** Inclusive, as Chevrotain defines it. */
    readonly endOffset: number,
    /** Decoded value: string (strings, char16, alias names), IntegerPayload, or number (reals). */
    readonly payload: unknown = undefined,
  ) {
    this.tokenTypeIdx = tokenType.tokenTypeIdx as number;
  }
}
