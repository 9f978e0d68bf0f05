import { opensValueMap } from "@mofgen/runtime/values";
import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { integerMistake, readInteger as readMofInteger } from "../lexer/numbers.js";
import type { Span } from "../source/span.js";
import { appendAll } from "../util/arrays.js";
import type { DecodedValueMap, IntrinsicTypeName, ValueMapEntry, WrittenString } from "./types.js";
import { overlaps, type Placed } from "./value-map-overlaps.js";
import { integerRange } from "./values.js";

/**
 * ValueMap/Values resolution (MOF_GUIDE §4, DSP0004 ValueMap and Values qualifiers), done once here so that
 * every emitter, the differ and the docs read the same decoded map. Pure: strings in, a map and diagnostics out.
 */

export type { WrittenString };

export interface ValueMapInput {
  /** The ValueMap qualifier's strings, as written; undefined when the element has no ValueMap. */
  readonly valueMap: readonly WrittenString[] | undefined;
  /** The Values qualifier's labels; undefined when the element has no Values. */
  readonly values: readonly WrittenString[] | undefined;
  /** Type of the property, parameter or method return; undefined when unknown. */
  readonly elementType: IntrinsicTypeName | undefined;
  /** Where to report problems that have no better place (the element's name). */
  readonly at: Span;
}

export interface ValueMapResult {
  readonly valueMap: DecodedValueMap | undefined;
  readonly diagnostics: Diagnostic[];
}

/**
 * Decode ValueMap/Values into one map and report what is wrong with them. Entries are paired with labels by
 * position; when the lengths differ (MOF3010) the extra labels are dropped and extra entries are labelled with
 * their own string. An integer entry that is malformed or outside the element's type (MOF3011) is left out of
 * the map, so every entry of an integer map decodes. Overlapping entries (MOF3012) stay; the first one wins.
 * An element that is no string (`notText`, reported where written) keeps its place: as an entry it is left out,
 * with its label; as a label, its entry is labelled with its own string.
 */
export function resolveValueMap(input: ValueMapInput): ValueMapResult {
  const { valueMap, values, elementType, at } = input;
  if (valueMap === undefined) {
    return { valueMap: values === undefined ? undefined : implicitValueMap(values), diagnostics: [] };
  }
  const diagnostics: Diagnostic[] = [];
  if (values !== undefined && values.length !== valueMap.length) {
    diagnostics.push(diag(Diagnostics.ValueMapLength, values[0]?.span ?? at, valueMap.length, values.length));
  }
  const labelOf = (i: number, written: WrittenString): Label => {
    const label = values?.[i];
    return label === undefined || label.notText !== undefined
      ? { label: written.value, labelSpan: undefined }
      : { label: label.value, labelSpan: label.span };
  };
  const valueType = isStringMap(valueMap, elementType) ? "string" : "integer";
  const entries: Placed[] = [];
  if (valueType === "string") {
    valueMap.forEach((w, i) => {
      if (w.notText === undefined) entries.push({ written: w, entry: entryOf(w, labelOf(i, w), stringShape) });
    });
  } else appendAll(entries, integerEntries(valueMap, elementType, labelOf, diagnostics));
  appendAll(diagnostics, overlaps(entries, valueType));
  return {
    valueMap: {
      kind: "valueMap",
      valueType,
      entries: entries.map((p) => p.entry),
      open: valueType === "integer" && entries.some((p) => opensValueMap(p.entry.value)),
    },
    diagnostics,
  };
}

/** DSP0004: Values without ValueMap label the values 0, 1, ..., n-1. The caller decides whether to warn. */
export function implicitValueMap(values: readonly WrittenString[]): DecodedValueMap {
  return {
    kind: "valueMap",
    valueType: "integer",
    entries: values.map((w, i) => ({
      label: w.notText === undefined ? w.value : String(i),
      value: String(i),
      kind: "single",
      lo: BigInt(i),
      hi: BigInt(i),
      span: undefined,
      labelSpan: w.notText === undefined ? w.span : undefined,
    })),
    open: false,
  };
}

/**
 * The entry that names `value`: a single or range containing it (the first, should entries overlap), else the
 * bare `..` entry, else undefined. String maps match strings exactly. A string given to an integer map is read
 * as a MOF integer ("0x1000"); a bigint given to a string map matches nothing.
 */
export function decodeValue(map: DecodedValueMap, value: bigint | string): ValueMapEntry | undefined {
  if (map.valueType === "string") {
    return typeof value === "string" ? map.entries.find((e) => e.value === value) : undefined;
  }
  const n = typeof value === "bigint" ? value : readInteger(value.trim());
  if (typeof n !== "bigint") return undefined;
  let rest: ValueMapEntry | undefined;
  for (const e of map.entries) {
    if (e.kind === "rest") rest ??= e;
    else if (contains(e, n)) return e;
  }
  return rest;
}

// --- entries ------------------------------------------------------------------------------------------------

/**
 * A string element lists allowed strings (where ".." and "1..5" are just strings); an element of unknown or
 * non-integer type is an integer map only when every entry reads as an integer or a range.
 */
function isStringMap(valueMap: readonly WrittenString[], elementType: IntrinsicTypeName | undefined): boolean {
  if (elementType === "string") return true;
  if (elementType !== undefined && integerRange(elementType) !== undefined) return false;
  return valueMap.some((w) => w.notText === undefined && "why" in parseEntry(w.value));
}

/** An entry's label and the span of the Values string it was written as (none when the map labels it itself). */
type Label = Pick<ValueMapEntry, "label" | "labelSpan">;

const stringShape: Shape = { kind: "single", lo: undefined, hi: undefined };

/** Every entry is built here, so all have one shape (field order included). */
function entryOf(written: WrittenString, label: Label, shape: Shape): ValueMapEntry {
  const { kind, lo, hi } = shape;
  return { label: label.label, value: written.value, kind, lo, hi, span: written.span, labelSpan: label.labelSpan };
}

function integerEntries(
  valueMap: readonly WrittenString[],
  elementType: IntrinsicTypeName | undefined,
  labelOf: (i: number, w: WrittenString) => Label,
  diagnostics: Diagnostic[],
): Placed[] {
  const placed: Placed[] = [];
  valueMap.forEach((w, i) => {
    if (w.notText !== undefined) return;
    const parsed = parseEntry(w.value);
    const checked = "why" in parsed ? parsed : checkEntry(parsed, elementType);
    if ("why" in checked) diagnostics.push(diag(Diagnostics.ValueMapEntry, w.span, w.value, checked.why));
    else placed.push({ written: w, entry: entryOf(w, labelOf(i, w), checked.shape) });
  });
  return placed;
}

type Shape = Pick<ValueMapEntry, "kind" | "lo" | "hi">;

interface ParsedEntry {
  readonly shape: Shape;
  /** The bounds as written, for messages. */
  readonly loText: string;
  readonly hiText: string;
}

const notInteger = "not an integer (5, 0x1F, 017 or 101b)";
const notEntry = `${notInteger} or a range (lo..hi, ..hi, lo.. or a bare ..)`;

/** Whether `written` reads as a ValueMap entry (an integer or a range), by the same reader the map itself uses. */
export function isValueMapEntry(written: string): boolean {
  return !("why" in parseEntry(written));
}

/**
 * The syntax of one ValueMap string: a single integer, `lo..hi`, `..hi`, `lo..` or `..`. Spaces around the
 * string and around `..` are ignored. Whether the bounds make sense is `checkEntry`'s question.
 */
function parseEntry(written: string): ParsedEntry | { readonly why: string } {
  const text = written.trim();
  if (text === "..") return { shape: { kind: "rest", lo: undefined, hi: undefined }, loText: "", hiText: "" };
  const dots = text.indexOf("..");
  if (dots < 0) {
    const n = readInteger(text);
    if (typeof n !== "bigint")
      return { why: text === "" ? `empty; ${notEntry}` : n.why === notInteger ? notEntry : n.why };
    return { shape: { kind: "single", lo: n, hi: n }, loText: text, hiText: text };
  }
  const loText = text.slice(0, dots).trim();
  const hiText = text.slice(dots + 2).trim();
  if (text.includes("...") || hiText.includes("..")) return { why: "a range has exactly one '..' between its bounds" };
  const lo = loText === "" ? undefined : readInteger(loText);
  const hi = hiText === "" ? undefined : readInteger(hiText);
  if (lo !== undefined && typeof lo !== "bigint") return { why: `its low bound ${quote(loText)}: ${lo.why}` };
  if (hi !== undefined && typeof hi !== "bigint") return { why: `its high bound ${quote(hiText)}: ${hi.why}` };
  return { shape: { kind: "range", lo, hi }, loText, hiText };
}

/** The entry when its range is not reversed and its bounds fit the element's integer type, else why not. */
function checkEntry(parsed: ParsedEntry, elementType: IntrinsicTypeName | undefined): ParsedEntry | { why: string } {
  const { lo, hi } = parsed.shape;
  if (lo !== undefined && hi !== undefined && lo > hi) {
    return {
      why: `the range is empty: its low bound ${parsed.loText} is greater than its high bound ${parsed.hiText}`,
    };
  }
  const bounds = elementType === undefined ? undefined : integerRange(elementType);
  if (bounds === undefined) return parsed;
  // The low bound first, then the high one (a single is both): the first outside the range is named.
  const why =
    outsideRange(lo, parsed.loText, bounds, elementType) ?? outsideRange(hi, parsed.hiText, bounds, elementType);
  return why === undefined ? parsed : { why };
}

function outsideRange(
  n: bigint | undefined,
  text: string,
  bounds: readonly [bigint, bigint],
  elementType: IntrinsicTypeName | undefined,
): string | undefined {
  // Indexed, not destructured: destructuring makes an iterator and its results until V8 optimises the function.
  const min = bounds[0];
  const max = bounds[1];
  if (n === undefined || (n >= min && n <= max)) return undefined;
  const shown = String(n) === text ? text : `${text} (${n})`;
  return `${shown} is outside the ${elementType} range ${min}..${max}`;
}

/** A DSP0004 integer literal (optionally signed decimal, hex, octal or binary), or why it is not one. */
function readInteger(text: string): bigint | { readonly why: string } {
  const negative = text.startsWith("-");
  const body = negative || text.startsWith("+") ? text.slice(1) : text;
  const n = readMofInteger(body, negative);
  return n !== undefined ? n.value : { why: integerMistake(body) ?? notInteger };
}

function quote(s: string): string {
  return `'${s}'`;
}

function contains(e: ValueMapEntry, n: bigint): boolean {
  return (e.lo === undefined || e.lo <= n) && (e.hi === undefined || n <= e.hi);
}
