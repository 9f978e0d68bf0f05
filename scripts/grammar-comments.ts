/**
 * Reads the comments that document each grammar rule out of the text of src/parser/parser.ts: the block
 * directly above `this.RULE("name", ...)` (the DSP0004 Annex A production and any `Spec deviation:`), then the
 * `//` comments inside the rule (productions handled by one alternative, "Super grammar" notes).
 *
 * A text scan, not a TypeScript parse: it only needs to find a call by its rule name, match its parentheses
 * while skipping strings and comments, and collect comment text. When the source does not have the expected
 * shape it returns fewer comments rather than failing, so the grammar stays generatable while parser.ts is
 * being edited.
 */

/** The comment lines documenting rule `ruleName`, without comment markers; empty when there are none. */
export function ruleComments(source: string, ruleName: string): string[] {
  const call = new RegExp(`this\\.RULE\\(\\s*["'\`]${escapeRegExp(ruleName)}["'\`]`).exec(source);
  if (call === null) return [];
  const lines = source.split(/\r\n|\r|\n/);
  let declLine = lineOf(source, call.index);
  // A formatter may break `private rule =` and `this.RULE(` onto two lines.
  if (lines[declLine]?.trim().startsWith("this.RULE(") && declLine > 0) declLine--;
  const open = call.index + call[0].indexOf("(");
  return [...leadingComments(lines, declLine), ...innerComments(source, open)];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function lineOf(source: string, offset: number): number {
  const before = source.slice(0, offset);
  return before.split(/\r\n|\r|\n/).length - 1;
}

/** Contiguous `//` lines and `/* ... *\/` blocks directly above line `declLine` (no blank line between). */
function leadingComments(lines: readonly string[], declLine: number): string[] {
  const blocks: string[][] = [];
  let i = declLine - 1;
  while (i >= 0) {
    const line = (lines[i] ?? "").trim();
    if (line.startsWith("//")) {
      blocks.unshift([lineCommentText(line)]);
      i--;
    } else if (line.endsWith("*/")) {
      let start = i;
      while (start >= 0 && !(lines[start] ?? "").trim().startsWith("/*")) start--;
      if (start < 0) break;
      blocks.unshift(blockCommentText(lines.slice(start, i + 1)));
      i = start - 1;
    } else break;
  }
  return blocks.flat();
}

/** `// text` without the marker and without decoration rules such as `// --- title -----`. */
function lineCommentText(line: string): string {
  return line
    .replace(/^\/\/ ?/, "")
    .replace(/^-{2,}\s*/, "")
    .replace(/\s*-{2,}$/, "")
    .trimEnd();
}

function blockCommentText(block: readonly string[]): string[] {
  const text = block.map((line) =>
    line
      .trim()
      .replace(/^\/\*+/, "")
      .replace(/\*+\/$/, "")
      .trim()
      .replace(/^\*(?!\/)\s?/, "")
      .trimEnd(),
  );
  while (text[0] === "") text.shift();
  while (text[text.length - 1] === "") text.pop();
  return text;
}

/**
 * The `//` comments between the parenthesis at `open` and the one that closes it. Strings and template
 * literals are skipped so that a quoted `(` or `//` does not count. Returns nothing if the call never closes.
 */
function innerComments(source: string, open: number): string[] {
  const comments: string[] = [];
  let depth = 0;
  let i = open;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      const end = endOfLine(source, i);
      comments.push(lineCommentText(source.slice(i, end).trim()));
      i = end;
    } else if (c === "/" && next === "*") {
      const close = source.indexOf("*/", i + 2);
      if (close < 0) return [];
      i = close + 2;
    } else if (c === '"' || c === "'" || c === "`") {
      i = endOfQuoted(source, i);
    } else {
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) return comments;
      i++;
    }
  }
  return [];
}

function endOfLine(source: string, from: number): number {
  const m = /\r|\n/.exec(source.slice(from));
  return m === null ? source.length : from + m.index;
}

/** Offset just past the literal that starts with the quote at `start`; template substitutions are skipped whole. */
function endOfQuoted(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length) {
    const c = source[i];
    if (c === "\\") i += 2;
    else if (c === quote) return i + 1;
    else if (quote !== "`" && (c === "\n" || c === "\r")) return i;
    else i++;
  }
  return i;
}
