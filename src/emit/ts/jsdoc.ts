import { findQualifier } from "../../model/qualifiers.js";
import type { QualifierValue } from "../../model/types.js";
import { appendAll } from "../../util/arrays.js";
import { jsDocLines } from "./names.js";

/**
 * JSDoc for generated declarations, from the MOF: the Description, the origin of the element, its units, and
 * `@deprecated` from Deprecated. All MOF text passes through `jsDocLines`, so no Description can end the comment.
 */
export interface DocParts {
  readonly qualifiers?: readonly QualifierValue[];
  /** Lines after the description: MOF origin, units, notes. */
  readonly notes?: readonly string[];
  readonly tags?: readonly { readonly tagName: string; readonly text?: string }[];
}

/**
 * The `docs` of a declaration (`declarations.ts`): the comment's lines without ` * ` (description, notes, then
 * tags), none for no comment.
 */
export function docs(parts: DocParts): string[] {
  const lines = docLines(parts);
  for (const t of parts.tags ?? [])
    lines.push(t.text === undefined ? `@${t.tagName}` : `@${t.tagName} ${oneLine(t.text)}`);
  const deprecated = deprecatedOf(parts.qualifiers);
  if (deprecated !== undefined) lines.push(`@deprecated ${deprecated}`);
  return lines;
}

/** The same comment as text lines, always in the block form, for raw statements (`print.ts`). */
export function docComment(parts: DocParts): string[] {
  const lines = docs(parts);
  if (lines.length === 0) return [];
  return ["/**", ...lines.map((line) => (line === "" ? " *" : ` * ${line}`)), " */"];
}

function docLines(parts: DocParts): string[] {
  const description = descriptionOf(parts.qualifiers);
  const lines = description === undefined ? [] : trimBlank(safeLines(description));
  let blank = lines.length > 0;
  for (const note of parts.notes ?? []) {
    const noteLines = safeLines(note);
    if (noteLines.length === 0) continue;
    if (blank) lines.push("");
    blank = false;
    appendAll(lines, noteLines);
  }
  return lines;
}

function descriptionOf(qualifiers: readonly QualifierValue[] | undefined): string | undefined {
  const q = qualifiers && findQualifier(qualifiers, "description");
  return q?.value.kind === "string" && q.value.value.trim() !== "" ? q.value.value : undefined;
}

/** `@deprecated` text: the replacements the Deprecated qualifier names ("No value" means none given). */
function deprecatedOf(qualifiers: readonly QualifierValue[] | undefined): string | undefined {
  const q = qualifiers && findQualifier(qualifiers, "deprecated");
  if (q === undefined || q.value.kind === "null") return undefined;
  const values = q.value.kind === "array" ? q.value.elements : [q.value];
  const names = values.flatMap((v) =>
    v.kind === "string" && v.value.trim() !== "" && v.value !== "No value" ? [v.value] : [],
  );
  return names.length === 0 ? "Deprecated in the MOF schema." : oneLine(`Use ${names.join(", ")} instead.`);
}

/** Units of a property or parameter (Units, or DMTF's programmatic unit PUnit). */
export function unitsNote(qualifiers: readonly QualifierValue[]): string | undefined {
  for (const name of ["PUnit", "Units"]) {
    const q = findQualifier(qualifiers, name);
    if (q?.value.kind === "string" && q.value.value.trim() !== "") return `Units: ${q.value.value}.`;
  }
  return undefined;
}

/** Anything but printable ASCII, tab and line feed: only such text can hold what `special` looks for. */
const unusual = /[^\t\n\x20-\x7e]/;
/**
 * Characters `jsDocLines` changes or spells out: line separators and the invisible characters (format characters,
 * and control characters other than tab and line feed).
 */
const special = /[\r\u2028\u2029\p{Cf}]|(?![\t\n])\p{Cc}/u;
/** `@` at the start of a line (after white space), which `jsDocLines` escapes so that it cannot start a tag. */
const tagStart = /(?:^|\n)[^\S\n]*@/;
/** Whitespace at the end of a line, which `jsDocLines` trims. */
const trailing = /[^\S\n]\n/;

/**
 * `jsDocLines`, with a shortcut for text it would leave as it is (most descriptions; CIM has 4 MB of them): then
 * its result is exactly the text's lines. Simple tests, the Unicode one only for text that is not plain ASCII, are
 * much faster than one alternation over the text; a `/` or an `@` costs the shortcut only where it matters (`*\/`,
 * an `@` that starts a line): "and/or" is in one CIM description in ten.
 */
export function safeLines(text: string): string[] {
  const last = text.length > 0 ? text.charCodeAt(text.length - 1) : 0x41;
  const plain =
    !(unusual.test(text) && special.test(text)) &&
    !text.includes("*/") &&
    !(text.includes("@") && tagStart.test(text)) &&
    !trailing.test(text) &&
    !/\s/.test(String.fromCharCode(last));
  return plain ? text.split("\n") : jsDocLines(text);
}

/** Text on one line inside a comment (a tag's text, a `//` comment): line breaks become spaces. */
export function oneLine(text: string): string {
  return safeLines(text)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join(" ");
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] as string).trim() === "") start++;
  while (end > start && (lines[end - 1] as string).trim() === "") end--;
  return lines.slice(start, end);
}
