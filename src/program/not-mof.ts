import { Diagnostics } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../source/source-file.js";

/**
 * Errors that say "these characters are not MOF" (a lexical error, an unknown directive, a syntax error), as
 * opposed to MOF written wrongly (a WMI extension in DMTF mode, a MOF 3 keyword, a missing Scope, a comment
 * left open), which keep their own, more helpful diagnostics.
 */
const notMofCodes = new Set(
  [
    Diagnostics.UnexpectedCharacter,
    Diagnostics.UnterminatedString,
    Diagnostics.InvalidNumber,
    Diagnostics.InvalidChar16,
    Diagnostics.InvalidAlias,
    Diagnostics.NewlineInString,
    Diagnostics.UnknownDirective,
    Diagnostics.Syntax,
  ].map((e) => e.code),
);

/** Whitespace and complete comments, as the scanner skips them. */
const trivia = /(?:[\s\ufeff]+|\/\/[^\r\n]*|\/\*[\s\S]*?\*\/)+/y;

/**
 * Why a file is clearly not MOF, or undefined. Such a file is reported once, by path, and none of its lines are
 * shown: a code frame of `/proc/self/environ`, a private key or a `.env` file would publish it in a CI log.
 * "Clearly" is narrow so that real MOF keeps its diagnostics (every corpus file does): the text holds a NUL
 * character (MOF text never does; UTF-16 files are decoded before this), or the file's very first token is
 * already an error of the kinds above and not one declaration could be read from it (`productions`), so
 * nothing in it was ever MOF. A one-line MOF file with a typo in its first word is reported this way too;
 * the position is in the message.
 */
export function notMofReason(
  file: SourceFile,
  parsed: { readonly diagnostics: readonly Diagnostic[]; readonly productions: number } | undefined,
): string | undefined {
  const nul = file.text.indexOf("\0");
  if (nul >= 0) return `it holds a NUL character at ${where(file, nul)}; a binary file?`;
  if (parsed === undefined || parsed.productions > 0) return undefined;
  const { diagnostics } = parsed;
  trivia.lastIndex = 0;
  const firstToken = trivia.test(file.text) ? trivia.lastIndex : 0;
  const first = diagnostics.find((d) => d.severity === "error" && d.span?.file === file);
  if (first?.span === undefined || first.span.start > firstToken || !notMofCodes.has(first.code)) return undefined;
  return `its first word, at ${where(file, firstToken)}, cannot begin MOF: a MOF file begins with #pragma, a qualifier list '[', class, instance of or qualifier`;
}

function where(file: SourceFile, offset: number): string {
  const p = file.position(offset);
  return `line ${p.line}, column ${p.column}`;
}
