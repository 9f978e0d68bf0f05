import { CimError, type CimStatus } from "./cim-error.js";
import { isPlainObject } from "./cim-value.js";

/**
 * What a caller hands a `ProviderHost` (and what a provider hands back) is read once, here, into plain data the
 * checks can then read freely: a getter runs once, a Proxy's traps run once, and whatever they throw, like a
 * revoked Proxy or a nesting too deep to check, becomes a `CimError` with the original error as its cause, rather
 * than escaping from the host. Plain objects and arrays are copied (own enumerable string keys; `__proto__` stays
 * a key); other objects (a Map, a Promise, a class instance) are kept as they are and never looked into, so the
 * type checks reject them by their prototype alone.
 */

/** Objects and arrays nested deeper than this are refused before any check reads them. */
export const maxValueDepth = 100;

/** A copy of `value` as plain data; throws a CimError with `code` (`where: reason`) when it cannot be read. */
export function readValue(value: unknown, where: string, code: CimStatus): unknown {
  try {
    return copy(value, 0, new Set());
  } catch (error) {
    if (error instanceof CimError) throw error;
    const reason = error instanceof Unreadable ? error.message : "reading it threw an error";
    throw new CimError(code, `${where}: ${reason}`, { cause: error });
  }
}

class Unreadable extends Error {}

function copy(value: unknown, depth: number, open: Set<object>): unknown {
  if (typeof value !== "object" || value === null) return value;
  const array = Array.isArray(value);
  if (!array && !isPlainObject(value)) return value;
  if (depth >= maxValueDepth) throw new Unreadable(`the value nests deeper than ${maxValueDepth} levels`);
  if (open.has(value)) throw new Unreadable("the value contains itself");
  open.add(value);
  try {
    if (array) return copyArray(value, depth, open);
    // fromEntries, not assignment: a key named __proto__ must stay a key, not set the copy's prototype.
    return Object.fromEntries(
      Object.keys(value).map((key) => [key, copy((value as Record<string, unknown>)[key], depth + 1, open)]),
    );
  } finally {
    open.delete(value);
  }
}

function copyArray(value: readonly unknown[], depth: number, open: Set<object>): unknown[] {
  const { length } = value;
  // A sparse array (`new Array(2 ** 32 - 1)`) would be read slot by slot for nothing: CIM arrays have no holes.
  let indexes = 0;
  for (const key of Object.keys(value)) if (key !== "length" && String(Number(key)) === key) indexes++;
  if (indexes !== length) throw new Unreadable("the array has empty slots");
  const out = new Array<unknown>(length);
  for (let i = 0; i < length; i++) out[i] = copy(value[i], depth + 1, open);
  return out;
}
