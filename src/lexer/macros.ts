import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Span } from "../source/span.js";
import type { MofToken } from "./token.js";

/** An object-like macro from a WMI `#define NAME body` line. */
export interface MacroDefinition {
  readonly name: string;
  readonly body: readonly MofToken[];
  readonly span: Span;
  /**
   * Lexical problems of the body (C expressions such as `A | B` are common in WDK headers). As in C, they
   * matter only where the macro is used in MOF, so they are reported at each use.
   */
  readonly problems: readonly Diagnostic[];
}

/**
 * Macros shared by a file and everything it includes, in compilation order, the way a C preprocessor
 * (which mofcomp uses for WDK MOF files) sees them. Names are case-sensitive, as in C.
 */
export type MacroTable = Map<string, MacroDefinition>;

/**
 * How many macro expansion steps (tokens produced and macros entered) one compilation may take, across every
 * use, every `#define` body and every file. A cap per expansion alone does not bound a file: `#define M1 M0 M0`
 * ... `#define M16 M15 M15` stays under it at each use, and 320 uses of M16 asked for 21 million tokens (4.7 GB).
 * Half a million steps is more tokens than all of DMTF CIM 2.49 holds (328,000), five uses at the cap of one
 * expansion, and 600 times what the WDK driver samples take compiled all together (829 steps); it holds the
 * expanded tokens to about 50 MB and the time to about a second.
 */
export const maxExpansionSteps = 500_000;

/** The expansion steps a compilation has left; shared by every file, scanner and `#define` body in it. */
export class ExpansionBudget {
  remaining: number;

  constructor(readonly limit: number = maxExpansionSteps) {
    this.remaining = limit;
  }

  get exhausted(): boolean {
    return this.remaining < 0;
  }
}
