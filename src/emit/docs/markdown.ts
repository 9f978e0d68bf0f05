import { spellInvisible, unicodeEscape } from "../../source/invisible.js";

/**
 * Markdown escaping for text that comes from a MOF (descriptions, labels, names, qualifier values). Every string
 * the view model hands to a template has been through one of these functions, so that no MOF string can add a
 * heading, a link, a table column, raw HTML or a code fence to a page: the templates print, they never escape.
 *
 * The rules hold for GitHub-flavoured Markdown and CommonMark viewers alike:
 * - ASCII punctuation that starts inline syntax gets a backslash (`\*`, `\_`, `` \` ``, `\[`, `\]`, `\|`, `\~`).
 * - `<`, `>` and `&` become entities, which also stay inert inside the HTML blocks of a page (`<details>`),
 *   where backslash escapes are not read.
 * - A line that would start a block (`#`, `-`, `+`, `1.`, `=`, indentation) gets its marker escaped.
 * - Control characters become spaces; tabs become spaces.
 * - Invisible characters (bidirectional controls, zero-width characters: `source/invisible.ts`) become numeric
 *   entities (`&#x202E;`), so the Markdown source shows them; in code blocks, where entities are not read, their
 *   `\u202E` spelling.
 */

const inlineSpecial = /[\\`*_[\]|~<>&]/g;

const inlineReplacement: Readonly<Record<string, string>> = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this removes.
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const escaped = new Map<string, string>();

/**
 * One line of text (no line breaks) escaped for use anywhere inline: paragraphs, list items, table cells.
 * Memoised: a schema such as CIM repeats the same names and labels on thousands of pages.
 */
export function escapeInline(text: string): string {
  let out = escaped.get(text);
  if (out === undefined) {
    const inline = text
      .replace(/\t/g, " ")
      .replace(controls, " ")
      .replace(inlineSpecial, (c) => inlineReplacement[c] ?? `\\${c}`);
    out = spellInvisible(inline, (codePoint) => `&#x${codePoint.toString(16).toUpperCase()};`);
    if (escaped.size < 100_000 && text.length < 1_000) escaped.set(text, out);
  }
  return out;
}

/** A line at the start of a block: escape what would make it a heading, list item, rule or code block. */
function escapeLineStart(line: string): string {
  const trimmed = line.replace(/^[ ]+/, "");
  // `#`, `-`, `+`, `=`: headings, list items, thematic breaks and setext underlines.
  const marker = /^[#+=-]/.test(trimmed) ? `\\${trimmed}` : trimmed;
  // `1.` or `1)`: an ordered list item.
  return marker.replace(/^(\d{1,9})([.)])/, "$1\\$2");
}

/** Line breaks of MOF text, whatever their form. */
function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * MOF text as one or more Markdown paragraphs: each line break of the text starts a new paragraph (the DMTF
 * schema writes `\n` where it means one), blank lines collapse.
 */
export function escapeParagraphs(text: string): string {
  return linesOf(text)
    .map((line) => escapeLineStart(escapeInline(line).trimEnd()))
    .filter((line) => line !== "")
    .join("\n\n");
}

/** MOF text for one table cell: line breaks become `<br>`, nothing can end the cell or the row. */
export function escapeCell(text: string): string {
  const lines = linesOf(text)
    .map((line) => escapeInline(line).trim())
    .filter((line) => line !== "");
  return lines.join("<br>");
}

/**
 * A fenced code block for `content` (MOF syntax, examples): the fence is one backtick longer than the longest
 * run of backticks in the content, and at least three, so the content can never close it.
 */
export interface CodeBlock {
  readonly fence: string;
  readonly language: string;
  readonly text: string;
}

export function codeBlock(content: string, language: string): CodeBlock {
  let longest = 0;
  for (const run of content.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const text = spellInvisible(content.replace(/\r\n|\r/g, "\n").replace(/\n+$/, ""), unicodeEscape);
  // The info string may not hold a backtick, and only a plain word is useful there.
  const safeLanguage = /^[A-Za-z0-9_+#.-]*$/.test(language) ? language : "";
  return { fence: "`".repeat(Math.max(3, longest + 1)), language: safeLanguage, text };
}

/** A label for a Mermaid node: inside `["..."]`, with Mermaid's own entity codes for what would end it. */
export function mermaidLabel(text: string): string {
  const safe = text.replace(/[#"<>&\r\n[\]{}()|]/g, (c) => `#${c.charCodeAt(0)};`);
  return spellInvisible(safe, (codePoint) => `#${codePoint};`);
}
