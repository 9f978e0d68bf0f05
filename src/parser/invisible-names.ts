import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { MofToken } from "../lexer/token.js";
import * as T from "../lexer/tokens.js";
import { codePointName, firstInvisible, invisibleKind, spellInvisible } from "../source/invisible.js";
import type { SourceFile } from "../source/source-file.js";
import { span } from "../source/span.js";

/**
 * A warning (both dialects) for each name (class, property, method, parameter, qualifier, alias...) that holds an
 * invisible character (`source/invisible.ts`): a bidirectional control can make `Foo\u202E` read as another name
 * in an editor or a review. Names are tokens, so this looks at the tokens, once per name, and underlines the
 * character itself (the whole name when the token came from a macro, which is placed at its use).
 */
export function invisibleCharactersInNames(file: SourceFile, tokens: readonly MofToken[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Indexed: this visits every token of every file, and a for-of loop makes an iterator result per token until
  // V8 has optimised the function (CIM 2.49: up to 330,000 of them, 10 MB, when the optimising compiler lags).
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as MofToken;
    if (token.tokenType !== T.Identifier && token.tokenType !== T.Alias) continue;
    const image = token.image;
    // Nearly every name is ASCII: a code-unit scan is cheaper than the regular expression.
    if (isAscii(image)) continue;
    const at = firstInvisible(image);
    if (at < 0) continue;
    const codePoint = image.codePointAt(at) as number;
    const length = token.endOffset - token.startOffset + 1;
    const start = length === image.length ? token.startOffset + at : token.startOffset;
    const end = length === image.length ? start + String.fromCodePoint(codePoint).length : token.endOffset + 1;
    const shown = spellInvisible(image, (c) => `<${codePointName(c)}>`);
    const character = codePointName(codePoint);
    out.push(
      diag(Diagnostics.InvisibleCharacterInName, span(file, start, end), shown, character, invisibleKind(codePoint)),
    );
  }
  return out;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
