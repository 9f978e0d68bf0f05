import type { IRecognitionException } from "chevrotain";
import type { MofFile } from "../ast/nodes.js";
import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Dialect } from "../dialect/dialect.js";
import { dialectRules } from "../dialect/rules.js";
import type { ExpansionBudget, MacroTable } from "../lexer/macros.js";
import type { PreprocessorHost } from "../lexer/preprocessor.js";
import { scan } from "../lexer/scanner.js";
import type { SourceFile } from "../source/source-file.js";
import { span } from "../source/span.js";
import { appendAll } from "../util/arrays.js";
import { checkSyntax } from "./checks.js";
import { invisibleCharactersInNames } from "./invisible-names.js";
import { MofParser } from "./parser.js";

export interface ParseOptions {
  /** `wmi` (default) reads Microsoft's superset; `dmtf` reports WMI extensions as errors. */
  readonly dialect?: Dialect;
  readonly macros?: MacroTable;
  readonly host?: PreprocessorHost;
  /** One budget for every file of a compilation (see `ExpansionBudget`). */
  readonly budget?: ExpansionBudget;
  /**
   * One table of name spellings for every file of a compilation (see `MofParser.intern`): the "Description",
   * "ValueMap" and "uint16" of every file are then one string each, not one per file. Without it, each file has
   * its own.
   */
  readonly names?: Map<string, string>;
}

export interface ParseResult {
  readonly ast: MofFile;
  readonly diagnostics: Diagnostic[];
}

let shared: MofParser | undefined;

/** One parser instance for every file (Chevrotain's grammar analysis is done once, at construction). */
export function mofParser(): MofParser {
  shared ??= new MofParser();
  return shared;
}

/**
 * Scan, parse and check the syntax of one file. Never throws for any input text: every problem is a
 * diagnostic, and the tree holds every declaration that could be read.
 */
export function parseSource(file: SourceFile, options: ParseOptions = {}): ParseResult {
  const scanned = scan(file, {
    ...(options.macros && { macros: options.macros }),
    ...(options.host && { host: options.host }),
    ...(options.budget && { budget: options.budget }),
    ...(options.dialect && { dialect: options.dialect }),
  });
  const parser = mofParser();
  const { productions, errors: recognitionErrors } = parser.parseTokens(file, scanned.tokens, options.names);
  const ast: MofFile = { kind: "file", source: file, productions };
  // Grammar notes are the more specific messages: where one and a Chevrotain error share a place, keep the note.
  const notes = parser.takeNotes();
  const noted = new Set(notes.map((d) => d.span?.start));
  const errors = syntaxErrors(file, recognitionErrors).filter((d) => !noted.has(d.span?.start));
  const diagnostics = [...scanned.diagnostics, ...errors, ...notes];
  appendAll(diagnostics, checkSyntax(ast, dialectRules(options.dialect)));
  // One per name at most, but a file can hold any number of names: no spread into the call.
  for (const d of invisibleCharactersInNames(file, scanned.tokens)) diagnostics.push(d);
  diagnostics.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  return { ast, diagnostics };
}

function syntaxErrors(file: SourceFile, errors: readonly IRecognitionException[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const t = e.token;
    const atEof = Number.isNaN(t.startOffset) || t.tokenType?.name === "EOF";
    const start = atEof ? endOfLastToken(file, e) : t.startOffset;
    const end = atEof ? start : (t.endOffset as number) + 1;
    // Recovery can raise several errors at one token; the first says what is wrong there.
    const key = String(start);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diag(Diagnostics.Syntax, span(file, start, end), e.message));
  }
  return out;
}

/** For "found end of file": point just after the last real token, where the missing text belongs. */
function endOfLastToken(file: SourceFile, e: IRecognitionException): number {
  const prev = (e as { previousToken?: { endOffset?: number } }).previousToken;
  if (prev?.endOffset !== undefined && !Number.isNaN(prev.endOffset)) return prev.endOffset + 1;
  let end = file.text.length;
  while (end > 0 && /\s/.test(file.text[end - 1] as string)) end--;
  return end;
}
