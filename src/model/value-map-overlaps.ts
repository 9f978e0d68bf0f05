import { Diagnostics, diag, withRelated } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ValueMap, ValueMapEntry } from "./types.js";
import type { WrittenString } from "./value-map.js";

/** A decoded ValueMap entry with the string it was written as. */
export interface Placed {
  readonly written: WrittenString;
  readonly entry: ValueMapEntry;
}

/**
 * One MOF3012 per entry that shares a value with an earlier entry, naming the earliest such entry. String
 * entries and bare `..` entries meet only their equals, found through a map keyed by value. Integer singles and
 * ranges are intervals (a single is `n..n`, so "16" and "0x10" meet); the earliest earlier interval meeting each
 * one comes from an `IntervalIndex` in O(log n), where comparing every pair took 125 s for 100,000 ranges.
 */
export function overlaps(placed: readonly Placed[], valueType: ValueMap["valueType"]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const firstByKey = new Map<string, number>();
  if (valueType === "integer" && placed.length <= smallMap) return pairwiseOverlaps(placed);
  if (valueType === "integer" && placed.every((p) => p.entry.kind === "single")) return singleOverlaps(placed);
  const intervals = valueType === "integer" ? new IntervalIndex(placed.map((p) => p.entry)) : undefined;
  placed.forEach((p, j) => {
    const e = p.entry;
    let earlier: number | undefined;
    if (intervals === undefined || e.kind === "rest") {
      const key = intervals === undefined ? e.value : "..";
      earlier = firstByKey.get(key);
      if (earlier === undefined) firstByKey.set(key, j);
    } else {
      earlier = intervals.earliestMeeting(e);
      intervals.add(e, j);
    }
    if (earlier === undefined) return;
    diagnostics.push(overlap(p, placed[earlier] as Placed));
  });
  return diagnostics;
}

/**
 * Integer maps of up to this many entries (nearly all: "0".."9", "..", "0x8000..") are checked pair by pair: at
 * most 500 comparisons, where building the interval index (sorting its bounds as bigints, two segment trees) cost
 * more than the map's whole resolution.
 */
const smallMap = 32;

/** `overlaps` for a small integer map: each entry against every earlier one, the first that meets it named. */
function pairwiseOverlaps(placed: readonly Placed[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (let j = 1; j < placed.length; j++) {
    const p = placed[j] as Placed;
    for (let i = 0; i < j; i++) {
      const other = placed[i] as Placed;
      if (meets(other.entry, p.entry)) {
        diagnostics.push(overlap(p, other));
        break;
      }
    }
  }
  return diagnostics;
}

/** A bare `..` meets only another; singles and ranges meet when they share a value (an open side is unbounded). */
function meets(a: ValueMapEntry, b: ValueMapEntry): boolean {
  if (a.kind === "rest" || b.kind === "rest") return a.kind === b.kind;
  // Two singles (nearly every pair: CIM 2.49 compares 77,000) meet when equal: one comparison, not four.
  if (a.kind === "single" && b.kind === "single") return a.lo === b.lo;
  return !below(a, b) && !below(b, a);
}

function below(a: ValueMapEntry, b: ValueMapEntry): boolean {
  return a.hi !== undefined && b.lo !== undefined && a.hi < b.lo;
}

/**
 * `overlaps` for an integer map of single values only (nearly every map: "0", "1", "2", ...). Two singles meet
 * exactly when their values are equal, so the earliest earlier entry meeting one is the first entry with its
 * value: a map by value gives the same answers as the interval index, without sorting bounds or building trees.
 */
function singleOverlaps(placed: readonly Placed[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const firstByValue = new Map<bigint, Placed>();
  for (const p of placed) {
    const value = p.entry.lo as bigint;
    const other = firstByValue.get(value);
    if (other === undefined) {
      firstByValue.set(value, p);
      continue;
    }
    diagnostics.push(overlap(p, other));
  }
  return diagnostics;
}

function overlap(p: Placed, other: Placed): Diagnostic {
  const d = diag(Diagnostics.ValueMapOverlap, p.written.span, p.entry.value, other.entry.value);
  return withRelated(d, [{ message: `'${other.entry.value}' is here`, span: other.written.span }]);
}

const none = 0x7fffffff;

/**
 * Integer intervals added in increasing order of their index, asked for the smallest index among those that
 * share a value with a given interval. An added interval meets `lo..hi` exactly when it contains `lo` or starts
 * inside `lo..hi`; so two segment trees over the sorted distinct bounds (open sides being the lowest and highest
 * points) answer it: `covering` records each interval on the points it spans (read at `lo`), `starting` records
 * it at its low bound (read as the minimum over `lo..hi`). Both only ever keep the first index they are given.
 */
class IntervalIndex {
  private readonly points: Map<bigint, number>;
  private readonly size: number;
  private readonly covering: Int32Array;
  private readonly starting: Int32Array;

  constructor(entries: readonly ValueMapEntry[]) {
    const bounds: bigint[] = [];
    for (const e of entries) {
      if (e.lo !== undefined) bounds.push(e.lo);
      if (e.hi !== undefined) bounds.push(e.hi);
    }
    bounds.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    // Point 0 is below every bound (an open low side), point size-1 above every bound (an open high side).
    this.points = new Map();
    for (const b of bounds) if (!this.points.has(b)) this.points.set(b, this.points.size + 1);
    this.size = this.points.size + 2;
    this.covering = new Int32Array(2 * this.size).fill(none);
    this.starting = new Int32Array(2 * this.size).fill(none);
  }

  add(e: ValueMapEntry, index: number): void {
    const [lo, hi] = this.span(e);
    // Each point below the interval's O(log n) covering nodes lies in it; reading a point takes the path's minimum.
    for (let l = lo + this.size, r = hi + this.size + 1; l < r; l >>= 1, r >>= 1) {
      if (l & 1) this.keepFirst(this.covering, l++, index);
      if (r & 1) this.keepFirst(this.covering, --r, index);
    }
    for (let i = lo + this.size; i >= 1; i >>= 1) this.keepFirst(this.starting, i, index);
  }

  /** The smallest index added so far of an interval sharing a value with `e`, or undefined. */
  earliestMeeting(e: ValueMapEntry): number | undefined {
    const [lo, hi] = this.span(e);
    let best = none;
    for (let i = lo + this.size; i >= 1; i >>= 1) best = Math.min(best, this.covering[i] as number);
    for (let l = lo + this.size, r = hi + this.size + 1; l < r; l >>= 1, r >>= 1) {
      if (l & 1) best = Math.min(best, this.starting[l++] as number);
      if (r & 1) best = Math.min(best, this.starting[--r] as number);
    }
    return best === none ? undefined : best;
  }

  private span(e: ValueMapEntry): [number, number] {
    const lo = e.lo === undefined ? 0 : (this.points.get(e.lo) as number);
    const hi = e.hi === undefined ? this.size - 1 : (this.points.get(e.hi) as number);
    return [lo, hi];
  }

  private keepFirst(tree: Int32Array, node: number, index: number): void {
    if ((tree[node] as number) > index) tree[node] = index;
  }
}
