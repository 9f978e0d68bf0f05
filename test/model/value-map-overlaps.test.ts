import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ValueMapEntry } from "../../src/model/types.js";
import { resolveValueMap, type WrittenString } from "../../src/model/value-map.js";
import { SourceFile } from "../../src/source/source-file.js";
import { span } from "../../src/source/span.js";

/** ValueMap strings whose spans are their positions (entry i at offset i), so a diagnostic says which entry. */
function written(values: readonly string[]): WrittenString[] {
  const file = new SourceFile("t.mof", " ".repeat(values.length + 1));
  return values.map((value, i) => ({ value, span: span(file, i, i + 1) }));
}

/** Each MOF3012 as [entry, the earlier entry it names], by position. */
function overlapsOf(values: readonly string[]): [number, number | undefined][] {
  const at = span(new SourceFile("t.mof", "P"), 0, 1);
  const r = resolveValueMap({ valueMap: written(values), values: undefined, elementType: "uint32", at });
  expect(r.diagnostics.filter((d) => d.code !== "MOF3012")).toEqual([]);
  return r.diagnostics.map((d) => [d.span?.start ?? -1, d.related?.[0]?.span.start]);
}

/** The definition, pair by pair: each entry against the earliest earlier entry sharing a value with it. */
function expectedOverlaps(entries: readonly ValueMapEntry[]): [number, number][] {
  const meet = (a: ValueMapEntry, b: ValueMapEntry) => {
    if (a.kind === "rest" || b.kind === "rest") return a.kind === b.kind;
    const below = (x: ValueMapEntry, y: ValueMapEntry) => x.hi !== undefined && y.lo !== undefined && x.hi < y.lo;
    return !below(a, b) && !below(b, a);
  };
  const found: [number, number][] = [];
  entries.forEach((e, j) => {
    const i = entries.findIndex((o, k) => k < j && meet(o, e));
    if (i >= 0) found.push([j, i]);
  });
  return found;
}

const bound = fc.integer({ min: -6, max: 6 });
const entryText = fc.oneof(
  bound.map(String),
  bound.map((n) => (n < 0 ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`)),
  fc.tuple(bound, fc.nat({ max: 4 })).map(([lo, width]) => `${lo}..${lo + width}`),
  bound.map((n) => `..${n}`),
  bound.map((n) => `${n}..`),
  fc.constant(".."),
);

// Issue 13 item 12: every range was compared with every earlier entry (100,000 ranges: 125 s).
describe("overlapping ValueMap entries (MOF3012) found through an interval index", () => {
  // Up to 32 entries the map is checked pair by pair, beyond through the interval index: both sizes are tried.
  it.each([
    ["small maps", 0, 30],
    ["maps checked through the interval index", 33, 80],
  ])("names the same earliest entry as comparing every pair: %s", (_what, minLength, maxLength) => {
    fc.assert(
      fc.property(fc.array(entryText, { minLength, maxLength }), (values) => {
        const at = span(new SourceFile("t.mof", "P"), 0, 1);
        const map = resolveValueMap({ valueMap: written(values), values: undefined, elementType: "sint32", at });
        expect(map.valueMap?.entries.length).toBe(values.length);
        const entries = map.valueMap?.entries ?? [];
        const shown = map.diagnostics.map((d) => [d.span?.start, d.related?.[0]?.span.start]);
        expect(shown).toEqual(expectedOverlaps(entries));
      }),
      { numRuns: 500 },
    );
  });

  // Larger maps of single values only take a shorter path than the index: equal values, however spelt, meet.
  it("names the same earliest entry as comparing every pair when every entry is a single value", () => {
    const single = fc.oneof(
      entryText.filter((t) => !t.includes("..")),
      bound.map((n) => `0${Math.abs(n) % 8}`),
    );
    fc.assert(
      fc.property(fc.array(single, { minLength: 33, maxLength: 80 }), (values) => {
        const at = span(new SourceFile("t.mof", "P"), 0, 1);
        const map = resolveValueMap({ valueMap: written(values), values: undefined, elementType: "sint32", at });
        const entries = map.valueMap?.entries ?? [];
        expect(entries.every((e) => e.kind === "single")).toBe(true);
        const shown = map.diagnostics.map((d) => [d.span?.start, d.related?.[0]?.span.start]);
        expect(shown).toEqual(expectedOverlaps(entries));
      }),
      { numRuns: 500 },
    );
    expect(overlapsOf(["16", "1", "0x10", "020", "1", "10000b"])).toEqual([
      [2, 0],
      [3, 0],
      [4, 1],
      [5, 0],
    ]);
  });

  it("checks 30,000 disjoint ranges without comparing each pair (minutes before)", () => {
    const ranges = Array.from({ length: 30_000 }, (_, i) => `${3 * i}..${3 * i + 1}`);
    expect(overlapsOf([...ranges, "1..3", "89998", "5", "90000.."])).toEqual([
      [30_000, 0],
      [30_001, 29_999],
    ]);
  });

  it("reports 130,000 equal entries, more than fit in call arguments", () => {
    const found = overlapsOf(Array.from({ length: 130_000 }, () => "1"));
    expect(found.length).toBe(129_999);
    expect(found.every(([j, i]) => i === 0 && j > 0)).toBe(true);
  });
});
