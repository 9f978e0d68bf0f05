import type { ValueMap, ValueMapEntry } from "../model/types.js";
import type { Span } from "../source/span.js";
import type { ChangeType } from "./catalog.js";
import { type Change, makeChange, type Scope } from "./change.js";

/**
 * Which way values of an element travel. A client passes values of an In parameter or a writable property
 * (input); it reads those of a property, an Out parameter or a return value (output). An In/Out parameter
 * or a Write property is both, and gets the stricter verdict of each.
 */
export interface Direction {
  readonly input: boolean;
  readonly output: boolean;
}

export interface ValueMapSide {
  readonly map: ValueMap | undefined;
  /** Where the map is written (the ValueMap or Values qualifier), or the element. */
  readonly span: Span | undefined;
}

/**
 * Compare two decoded value maps of one element. Entries are matched in three passes: same value and same
 * label (unchanged); same value, new label (renamed); same label, new value (renumbered, or a range or `..`
 * whose bounds moved). What is left was removed or added, judged by direction and by whether the old map was open.
 */
export function diffValueMaps(
  scope: Scope,
  elementPath: string,
  direction: Direction,
  before: ValueMapSide,
  after: ValueMapSide,
): Change[] {
  const oldMap = before.map;
  const newMap = after.map;
  const at = (value: string) => `${elementPath}[ValueMap ${value}]`;
  const spans = { oldSpan: before.span, newSpan: after.span };
  if (oldMap === undefined && newMap === undefined) return [];
  if (oldMap === undefined || newMap === undefined) {
    const type: ChangeType = oldMap === undefined ? "value-map-added" : "value-map-removed";
    return [
      makeChange(type, scope, {
        path: elementPath,
        before: oldMap && mapText(oldMap),
        after: newMap && mapText(newMap),
        ...spans,
      }),
    ];
  }

  // A string map and an integer map share no values: the element's type changed, which is reported (and
  // breaking) on its own; entry-by-entry changes would only repeat it.
  if (oldMap.valueType !== newMap.valueType || sameEntries(oldMap, newMap)) return [];
  const changes: Change[] = [];
  // Pass 1: identical entries drop out (through a multiset of `key label`, as maps can be long).
  const identical = new Map<string, number>();
  const id = (e: ValueMapEntry) => `${entryKey(e)} ${e.label}`;
  for (const o of oldMap.entries) identical.set(id(o), (identical.get(id(o)) ?? 0) + 1);
  const newLeft: ValueMapEntry[] = [];
  for (const n of newMap.entries) {
    const count = identical.get(id(n)) ?? 0;
    if (count > 0) identical.set(id(n), count - 1);
    else newLeft.push(n);
  }
  const oldLeft: ValueMapEntry[] = [];
  for (const o of oldMap.entries) {
    const count = identical.get(id(o)) ?? 0;
    if (count > 0) {
      identical.set(id(o), count - 1);
      oldLeft.push(o);
    }
  }
  // Pass 2: same value, another label.
  for (const n of [...newLeft]) {
    const i = oldLeft.findIndex((o) => entryKey(o) === entryKey(n));
    if (i < 0) continue;
    const [o] = oldLeft.splice(i, 1) as [ValueMapEntry];
    newLeft.splice(newLeft.indexOf(n), 1);
    changes.push(makeChange("value-renamed", scope, { path: at(n.value), before: o.label, after: n.label, ...spans }));
  }
  // Pass 3: same label, another value (labels such as "DMTF Reserved" repeat: the first unmatched one pairs).
  for (const n of [...newLeft]) {
    const i = oldLeft.findIndex((o) => o.label === n.label);
    if (i < 0) continue;
    const [o] = oldLeft.splice(i, 1) as [ValueMapEntry];
    newLeft.splice(newLeft.indexOf(n), 1);
    // A renumbering moves one value; anything involving a range or `..` moves the bounds of a span of them.
    const type: ChangeType = o.kind === "single" && n.kind === "single" ? "value-renumbered" : "value-range-changed";
    changes.push(makeChange(type, scope, { path: at(n.value), before: o.value, after: n.value, ...spans }));
  }
  for (const o of oldLeft) {
    const type: ChangeType = direction.input ? "value-removed-from-input" : "value-removed-from-output";
    changes.push(makeChange(type, scope, { path: at(o.value), before: o.label, ...spans }));
  }
  for (const n of newLeft) {
    // A client of an open map already handles numbers it has no name for; of a closed one, it may not.
    const type: ChangeType = direction.output && !oldMap.open ? "value-added-to-closed-output" : "value-added";
    changes.push(makeChange(type, scope, { path: at(n.value), after: n.label, ...spans }));
  }
  return changes;
}

/** Written alike, entry by entry: by far the most common case, answered without building keys. */
function sameEntries(a: ValueMap, b: ValueMap): boolean {
  if (a.entries.length !== b.entries.length) return false;
  return a.entries.every((e, i) => e.value === b.entries[i]?.value && e.label === b.entries[i]?.label);
}

/**
 * What an entry stands for, independent of spelling: 0x10 and 16 are one value, `..0x7F` and `..127` one
 * range. String maps compare their strings.
 */
function entryKey(e: ValueMapEntry): string {
  switch (e.kind) {
    case "rest":
      return "..";
    case "single":
      return e.lo === undefined ? `=${e.value}` : `=${e.lo.toString()}`;
    case "range":
      return `${e.lo?.toString() ?? ""}..${e.hi?.toString() ?? ""}`;
  }
}

function mapText(map: ValueMap): string {
  return map.entries.map((e) => `${e.value}=${e.label}`).join(", ");
}
