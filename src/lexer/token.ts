import type { IToken, TokenType } from "chevrotain";

/** Decoded value of an integer literal; `radix` keeps the form it was written in. */
export interface IntegerPayload {
  readonly value: bigint;
  readonly radix: 2 | 8 | 10 | 16;
}

/**
 * A token as the Chevrotain parser wants it. One class so every token has the same shape (monomorphic
 * property access in the parser's hot loop) and as few fields as the parser needs: line and column are
 * not stored (they are optional in IToken) but computed from offsets when a diagnostic needs them; that
 * keeps 300,000 tokens of a whole schema light on the garbage collector.
 */
export class MofToken implements IToken {
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
