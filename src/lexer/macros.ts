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
