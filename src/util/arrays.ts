/**
 * Array helpers for inputs of any size. `target.push(...items)` and `Math.max(...values)` pass every item as
 * one call argument, and V8 throws RangeError ("Maximum call stack size exceeded") past about 120,000 of them:
 * a file with 200,000 warnings or a diff with 130,000 changes would end there. `npm run lint` forbids spreads
 * in call arguments (scripts/lint-spread.mjs); these loops are what to write instead.
 */

/** Append every item to `target`, in order; returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The length of the longest text, 0 when there are none. */
export function longest(texts: Iterable<string>): number {
  let max = 0;
  for (const t of texts) if (t.length > max) max = t.length;
  return max;
}
