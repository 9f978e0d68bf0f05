import { mofTypeText, mofValueText, type ValueTextStyle } from "../../model/mof-text.js";
import { findQualifier } from "../../model/qualifiers.js";
import type { CimValue, DataType, QualifierValue, ValueMap } from "../../model/types.js";
import { fold } from "../../model/types.js";
import { compareCodeUnits } from "../../util/compare.js";
import { escapeInline } from "./markdown.js";

/**
 * How the pages write types, values and value maps. Everything here returns plain text (MOF-like); callers
 * escape it for the place it goes (a code block needs nothing, Markdown text needs `escapeInline`).
 */

/** The type as a "simplified MOF" declaration writes it, without `REF` (the syntax blocks give REF a column). */
export function typeName(type: DataType): string {
  return mofTypeText(type, { ref: false });
}

/** The class a type names (reference or class-typed), for a link; undefined for intrinsic types. */
export function typeClass(type: DataType): string | undefined {
  if (type.kind === "reference") return type.className;
  if (type.kind === "instance") return type.className;
  return undefined;
}

/** MOF literals, but `True`/`False`/`Null` and `{ a, b }` with spaces, as the reference pages write them. */
export const docsValueStyle: ValueTextStyle = { keywords: "title", arrays: "spaced" };

/**
 * A default as Microsoft's simplified MOF prints it: strings without MOF's backslash escapes (the page prints
 * `"Microsoft:GUID\DeviceSpecificData"` where the MOF writes a doubled backslash; only a quote or a line break
 * keeps its escape), and an empty array as `{}` (all 5 HyperV_v2 pages that have one), where a non-empty one is
 * `{ a }`. Everything else as `docsValueStyle`.
 */
export const microsoftValueStyle: ValueTextStyle = { ...docsValueStyle, strings: "page", emptyArrays: "tight" };

/** A value as the syntax blocks and qualifier lines write it: `mofValueText` in one of the pages' styles. */
export function syntaxValue(value: CimValue, style: ValueTextStyle = docsValueStyle): string {
  // Memoised by style and value object: subclasses share their inherited qualifier values and defaults.
  let texts = syntaxValues.get(style);
  if (texts === undefined) {
    texts = new WeakMap();
    syntaxValues.set(style, texts);
  }
  let text = texts.get(value);
  if (text === undefined) {
    text = mofValueText(value, style);
    texts.set(value, text);
  }
  return text;
}

const syntaxValues = new WeakMap<ValueTextStyle, WeakMap<CimValue, string>>();

/**
 * A qualifier's name as the MOF writes it (`AMENDMENT`), not as its declaration spells it (`Amendment`): the
 * reference pages print qualifiers as written. A copy propagated to a subclass keeps the span of the original.
 */
export function writtenName(q: QualifierValue): string {
  const span = q.span;
  if (span === undefined) return q.name;
  const text = span.file.text.slice(span.start, span.start + q.name.length);
  return fold(text) === fold(q.name) ? text : q.name;
}

/**
 * A qualifier as a syntax block or a "Qualifiers:" line writes it: `Key`, `MaxLen (256)`, `Override ("Name")`,
 * and an array value as its elements, the way Microsoft's pages print them: `Deprecated ("CIM_Foo.Bar")`,
 * `ModelCorrespondence ("A.B", "A.C")` (not MOF's `({ "A.B", "A.C" })`).
 */
export function qualifierText(q: QualifierValue, separator = " "): string {
  const name = writtenName(q);
  if (q.value.kind === "boolean" && q.value.value) return name;
  const value =
    q.value.kind === "array" && q.value.elements.length > 0
      ? q.value.elements.map((e) => syntaxValue(e)).join(", ")
      : syntaxValue(q.value);
  return `${name}${separator}(${value})`;
}

/** One value of a value list, as the reference pages print it: `**Enabled** (2)`, `**Vendor Reserved** (0x8000.. )`. */
export interface ValueItem {
  /** Markdown, escaped. */
  readonly label: string;
  /** The ValueMap entry as written, in parentheses; an upper-open range keeps the pages' trailing space. */
  readonly code: string;
}

export function valueItems(map: ValueMap | undefined): ValueItem[] {
  if (map === undefined) return [];
  return map.entries.map((e) => {
    const label = e.label;
    const written = e.value.trim();
    const code = written !== ".." && written.endsWith("..") ? `${written} ` : written;
    return { label: label === "" ? "(no label)" : escapeInline(label), code: escapeInline(code) };
  });
}

/** A qualifier's value as the qualifier tables show it (plain text, for a cell). */
export function qualifierValueText(q: QualifierValue): string {
  return syntaxValue(q.value);
}

/** A string qualifier's text (Description), or undefined. Arrays of strings are joined by line breaks. */
export function qualifierString(list: readonly QualifierValue[], name: string): string | undefined {
  const q = findQualifier(list, name);
  if (q === undefined) return undefined;
  if (q.value.kind === "string") return q.value.value;
  if (q.value.kind === "array") {
    const parts = q.value.elements.flatMap((e) => (e.kind === "string" ? [e.value] : []));
    return parts.length > 0 ? parts.join("\n") : undefined;
  }
  return undefined;
}

/** A string-array qualifier (Values) as a list, or undefined. */
export function qualifierStrings(list: readonly QualifierValue[], name: string): string[] | undefined {
  const q = findQualifier(list, name);
  if (q?.value.kind !== "array") return undefined;
  return q.value.elements.map((e) => (e.kind === "string" ? e.value : ""));
}

/** Code-unit order of case-folded names: the same on every machine, unlike `localeCompare`. */
export function compareNames(a: string, b: string): number {
  const fa = fold(a);
  const fb = fold(b);
  return compareCodeUnits(fa, fb) || compareCodeUnits(a, b);
}

const firstSentences = new Map<string, string>();

/**
 * The first sentence of a description, for a table cell or an inherited member (the page that documents the
 * element has it all). Memoised: CIM subclasses ask for the same inherited descriptions thousands of times.
 */
export function firstSentenceOf(text: string): string {
  let first = firstSentences.get(text);
  if (first === undefined) {
    const m = /[.!?](\s|$)/.exec(text);
    const head = m === null ? text : text.slice(0, m.index + 1);
    first = head.replace(/\s+/g, " ").trim();
    if (firstSentences.size < 100_000) firstSentences.set(text, first);
  }
  return first;
}

/** `list` sorted by name (as `compareNames`), each name folded once rather than at every comparison. */
export function sortedByName<T extends { readonly name: string }>(list: readonly T[]): T[] {
  return list
    .map((item) => ({ item, key: fold(item.name) }))
    .sort((a, b) => compareCodeUnits(a.key, b.key) || compareNames(a.item.name, b.item.name))
    .map((e) => e.item);
}
