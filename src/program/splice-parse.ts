import type { MofFile, Production } from "../ast/nodes.js";
import type { Dialect } from "../dialect/dialect.js";
import { dialectRules } from "../dialect/rules.js";
import { scan } from "../lexer/scanner.js";
import { MofToken } from "../lexer/token.js";
import { checkSyntax } from "../parser/checks.js";
import { invisibleCharactersInNames } from "../parser/invisible-names.js";
import { mofParser } from "../parser/parse.js";
import { SourceFile } from "../source/source-file.js";
import { notMofReason } from "./not-mof.js";

/** The previous parse of a file (its tree's `source` is the text it was parsed from), which had no diagnostics. */
export interface CleanParse {
  readonly ast: MofFile;
}

/**
 * At most this many texts of one path are kept alive by the declarations a file's tree reuses: each splice may
 * add one, and a full parse (when the limit is reached) starts again from one. Bounds memory in long sessions.
 */
const maxTexts = 4;

/**
 * Parse an edited file by reusing the declarations of its previous parse that lie before the edit: a big single
 * file (Hyper-V's 1.2 MB schema) is then scanned and parsed only from the edit on. The old and new texts share
 * a prefix; the declarations wholly inside it are kept as they are, the same objects, and the rest of the new
 * text, the window, is scanned and parsed.
 *
 * A kept declaration's spans still name the `SourceFile` it was parsed from, an earlier text of the same path.
 * That is exact: the texts agree on every line the declaration touches and on all before it, so its offsets,
 * lines, columns and code frames are the new file's. Copying the kept declarations to point at the new
 * `SourceFile` (150,000 objects for Hyper-V) was measured to cost as much as parsing them again, and so was
 * moving the declarations after the edit: those are parsed again.
 *
 * The result must be the tree a full parse gives, so the splice is refused (undefined: parse the whole file)
 * unless each piece is parsed as it would be in place:
 * - the last kept declaration ends with `;` or `)` followed by nothing but blanks to the end of its line, so the
 *   parser looked at no token after it and the window starts on a fresh line, outside any comment or string;
 * - the previous parse and the window have no diagnostic of any kind (scan, syntax, syntax checks, names): then
 *   no error recovery crossed the boundary and the whole file has none either. Files with preprocessor
 *   directives never reach here (see `ParseCache`).
 */
export function spliceParse(previous: CleanParse, next: SourceFile, dialect: Dialect): MofFile | undefined {
  const before = previous.ast.source.text;
  const after = next.text;
  if (next.loneSurrogates.length > 0 || previous.ast.source.loneSurrogates.length > 0) return undefined;
  const prefix = commonPrefix(before, after);
  const old = previous.ast.productions;

  // Kept: declarations 0..kept-1, the last of which ends cleanly inside the shared prefix.
  let kept = 0;
  for (let i = 0; i < old.length; i++) {
    const p = old[i] as Production;
    if (p.span.end >= prefix) break;
    if (endsCleanly(before, p.span.end, prefix)) kept = i + 1;
  }
  const texts = new Set<SourceFile>([next]);
  for (let i = 0; i < kept; i++) texts.add((old[i] as Production).span.file);
  if (texts.size > maxTexts) return undefined;
  const windowStart = kept === 0 ? 0 : (old[kept - 1] as Production).span.end;

  const fresh = parseWindow(next, windowStart, dialect);
  if (fresh === undefined) return undefined;
  const productions = old.slice(0, kept);
  for (const p of fresh) productions.push(p);
  if (notMofReason(next, { diagnostics: [], productions: productions.length }) !== undefined) return undefined;
  return { kind: "file", source: next, productions };
}

/**
 * Scan `file.text` from `start` on as a text of its own, move its tokens to the file's offsets, and parse them
 * with spans in `file`. Undefined when anything is reported. The scanner needs no context from before `start`:
 * its state there is that of a line start (the kept part ends with a blank rest of line), and it looks back
 * only for a `#` directive other than `#pragma`, which a spliced file never has. Scanning the text with blanks
 * in place of the kept part instead cost 5-15 ms for Hyper-V (1.2 MB of blanks to skip), this 0.03 ms.
 */
function parseWindow(file: SourceFile, start: number, dialect: Dialect): Production[] | undefined {
  const scanned = scan(new SourceFile(file.path, file.text.slice(start), file.encoding), { dialect });
  if (scanned.diagnostics.length > 0) return undefined;
  const tokens = scanned.tokens.map(
    (t) => new MofToken(t.tokenType, t.image, t.startOffset + start, t.endOffset + start, t.payload),
  );
  const parser = mofParser();
  const { productions, errors } = parser.parseTokens(file, tokens);
  const notes = parser.takeNotes();
  if (errors.length > 0 || notes.length > 0) return undefined;
  const window: MofFile = { kind: "file", source: file, productions };
  if (checkSyntax(window, dialectRules(dialect)).length > 0) return undefined;
  if (invisibleCharactersInNames(file, tokens).length > 0) return undefined;
  return productions;
}

/** Ends with `;` or `)` at `end`, then only blanks up to a line break, all within the shared prefix. */
function endsCleanly(text: string, end: number, prefix: number): boolean {
  const last = text.charCodeAt(end - 1);
  if (last !== 0x3b && last !== 0x29) return false;
  let i = end;
  while (i < prefix && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const c = text.charCodeAt(i);
  return i < prefix && (c === 10 || c === 13);
}

/** Length of the longest common prefix, compared in blocks first (strings compare natively). */
export function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  for (let block = 4096; block >= 1; block >>= 4) {
    while (n + block <= max && a.slice(n, n + block) === b.slice(n, n + block)) n += block;
  }
  return n;
}
