/**
 * Decoded ValueMap/Values tables as generated code carries them (MOF_GUIDE §4), and the decoder that reads them.
 *
 * The generator emits, per element with a value map, one table of entries in written order:
 *
 * ```ts
 * export const CreateSnapshotReturnValueMap = [
 *   { label: "Completed with No Error", value: "0", lo: 0, hi: 0 },
 *   // ... "1" to "6"
 *   { label: "DMTF Reserved", value: "..", rest: true },
 *   { label: "Method Parameters Checked - Job Started", value: "4096", lo: 4096, hi: 4096 },
 *   { label: "Method Reserved", value: "4097..32767", lo: 4097, hi: 32767 },
 *   { label: "Vendor Specific", value: "32768..65535", lo: 32768, hi: 65535 },
 * ] as const satisfies ValueMap;
 * ```
 *
 * Literal shape (fixed here so the generator and this decoder agree):
 * - `value` is the ValueMap string exactly as written ("0x8000..", "..", "Gold"), for messages and docs.
 * - A single integer has `lo === hi`; a range `lo..hi` has both bounds, `lo..` only `lo`, `..hi` only `hi`;
 *   the bare `..` has `rest: true` and no bounds. Bounds are inclusive.
 * - Bounds are `number` when they are safe integers (|n| <= 2^53 - 1) and `bigint` literals (`18446744073709551615n`)
 *   otherwise, so a uint64 map loses nothing and the common uint16/uint32 maps stay plain JSON-like data. Bigint
 *   and number compare exactly in JavaScript (`2n ** 53n + 1n > 2 ** 53`), so the decoder never converts either.
 * - An entry with neither bounds nor `rest` belongs to a string map (ValueMap on a string element) and matches its
 *   `value` exactly.
 *
 * Beside the table the generator declares the named values as an `as const` object and a same-named type:
 *
 * ```ts
 * export const SnapshotType = { FullSnapshot: 2, DiskSnapshot: 3 } as const;
 * export type SnapshotType = (typeof SnapshotType)[keyof typeof SnapshotType] | OpenValue;
 * // or, the same type through the helper: export type SnapshotType = NamedValue<typeof SnapshotType, true>;
 * ```
 *
 * The object holds only single entries (ranges and `..` have no one value); `| OpenValue` is added when the map is
 * open (`isOpen`), so `SnapshotType.FullSnapshot`, `2` and any other number type-check while editors still offer
 * the named literals. A closed map's type is exactly the union of its literals.
 */

/** One ValueMap/Values pair, decoded. See the module comment for which fields each kind of entry has. */
export interface ValueMapEntry {
  /** The Values string (or the ValueMap string itself when the element has no Values for it). */
  readonly label: string;
  /** The ValueMap string as written in the MOF: "4096", "0x8000..0xFFFF", "..". */
  readonly value: string;
  /** Inclusive low bound; absent for `..hi`, for `..` and for string maps. */
  readonly lo?: bigint | number;
  /** Inclusive high bound; absent for `lo..`, for `..` and for string maps. */
  readonly hi?: bigint | number;
  /** Present on the bare `..` entry only: it names every value that no other entry claims. */
  readonly rest?: true;
}

/** A decoded value map: its entries in the order the ValueMap qualifier lists them. */
export type ValueMap = readonly ValueMapEntry[];

declare const openValueBrand: unique symbol;

/**
 * A value that an open map allows but does not name. The optional brand keeps `number & {...}` from being merged
 * into the literals of a union (so editors still list them) while every number remains assignable to it.
 */
export type OpenValue<T extends number | bigint = number> = T & { readonly [openValueBrand]?: never };

/** The values of an `as const` object of named values: `{ A: 2, B: 3 }` gives `2 | 3`. */
export type ValuesOf<T> = T[keyof T];

/**
 * The same-named type of a value-map object: its literal values, plus `OpenValue` when the map is open. For a uint64
 * map pass `bigint` as `V` so that unnamed values are bigints.
 */
export type NamedValue<
  T extends Readonly<Record<string, number | bigint | string>>,
  Open extends boolean = false,
  V extends number | bigint = number,
> = ValuesOf<T> | (Open extends true ? OpenValue<V> : never);

/** True for the entries of integer maps (single or range), false for `..` and for string entries. */
function hasBounds(e: ValueMapEntry): boolean {
  return e.lo !== undefined || e.hi !== undefined;
}

function contains(e: ValueMapEntry, n: number | bigint): boolean {
  return (e.lo === undefined || e.lo <= n) && (e.hi === undefined || n <= e.hi);
}

const decimalInteger = /^[+-]?[0-9]+$/;

/**
 * The entry that names `value`: the first single or range (in written order) that contains it, else the `..`
 * entry, else undefined. A number that is not an integer (1.5, NaN) names nothing. A string matches string entries
 * exactly; a string of decimal digits that matches none is read as an integer, for transports that send uint64
 * values as text.
 */
export function findEntry(map: ValueMap, value: number | bigint | string): ValueMapEntry | undefined {
  let n: number | bigint;
  if (typeof value === "string") {
    const named = map.find((e) => !hasBounds(e) && e.rest !== true && e.value === value);
    if (named !== undefined || !decimalInteger.test(value)) return named;
    n = BigInt(value);
  } else {
    if (typeof value === "number" && !Number.isInteger(value)) return undefined;
    n = value;
  }
  let rest: ValueMapEntry | undefined;
  for (const e of map) {
    if (e.rest === true) rest ??= e;
    else if (hasBounds(e) && contains(e, n)) return e;
  }
  return rest;
}

/** The label of the entry that names `value` (see `findEntry`), or undefined when the map names nothing for it. */
export function decode(map: ValueMap, value: number | bigint | string): string | undefined {
  return findEntry(map, value)?.label;
}

/**
 * Whether a ValueMap string of an integer map opens the map. DSP0004: "x..y", "x.." and "..y" are ranges and ".."
 * alone is every value no other entry names; none of them is a single value the generated type can list as a
 * literal, so even "5..5" opens the map. The compiler's model reads this same rule (one fact, one place).
 */
export function opensValueMap(written: string): boolean {
  return written.includes("..");
}

/**
 * Whether the map can hold values that have no single entry of their own (it has a range or `..`): clients must
 * then accept unnamed values, and the generated type adds `OpenValue`. String maps are never open.
 */
export function isOpen(map: ValueMap): boolean {
  return map.some((e) => (e.rest === true || hasBounds(e)) && opensValueMap(e.value));
}

/**
 * Whether `value` is one of the named values of an `as const` value-map object: narrows an open map's type to its
 * literals (`if (isNamedValue(SnapshotType, v)) switch (v) { ... }`).
 */
export function isNamedValue<T extends Readonly<Record<string, number | bigint | string>>>(
  named: T,
  value: unknown,
): value is ValuesOf<T> {
  return Object.values(named).includes(value as ValuesOf<T>);
}

/**
 * A bound as the literal shape wants it: a number when it is a safe integer, else the bigint. The generator calls
 * this (shared-maps.ts, `boundLiteral`) when it prints a table, so every table follows one rule.
 */
export function compactInteger(n: bigint): number | bigint {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}
