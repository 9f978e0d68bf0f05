import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../source/source-file.js";
import { span } from "../source/span.js";
import type { MofToken } from "./token.js";
import * as T from "./tokens.js";

/**
 * Report the lone UTF-16 surrogates that decoding read as U+FFFD (`SourceFile.loneSurrogates`). In a name
 * (an identifier or an alias) each is an error: `A\uD800` and `A\uD801` would both become `A\uFFFD`, two
 * classes one. Elsewhere (strings, comments) a text only loses a character: one warning at the first place,
 * with the count, rather than one per character of a damaged file.
 */
export function reportLoneSurrogates(file: SourceFile, tokens: readonly MofToken[], out: Diagnostic[]): void {
  const names = new Set<MofToken>();
  const elsewhere: number[] = [];
  for (const offset of file.loneSurrogates) {
    const token = tokenAt(tokens, offset);
    if (token !== undefined && (token.tokenType === T.Identifier || token.tokenType === T.Alias)) names.add(token);
    else elsewhere.push(offset);
  }
  for (const t of names) {
    out.push(diag(Diagnostics.LoneSurrogateInName, span(file, t.startOffset, t.endOffset + 1), t.image));
  }
  const first = elsewhere[0];
  if (first !== undefined) out.push(diag(Diagnostics.LoneSurrogate, span(file, first, first + 1), elsewhere.length));
}

/**
 * The token whose text covers `offset` (tokens are in source order). Tokens expanded from a macro carry the
 * span of the macro's name, so only a token written at that place matches.
 */
function tokenAt(tokens: readonly MofToken[], offset: number): MofToken | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((tokens[mid] as MofToken).startOffset <= offset) lo = mid;
    else hi = mid - 1;
  }
  const t = tokens[lo];
  return t !== undefined && t.startOffset <= offset && offset <= t.endOffset ? t : undefined;
}
