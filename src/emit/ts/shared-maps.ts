import { compactInteger } from "@mofgen/runtime/values";
import type { ValueMap, ValueMapEntry } from "../../model/types.js";
import { memberName, stringLiteral, uniqueNames } from "./names.js";

/**
 * Identical value maps are shared: each distinct map (same entries, labels and kind of literal) is declared once per
 * namespace, in `<nsdir>/value-maps.ts`, under the name of the first element that declares it (classes in name order,
 * members in MOF order). Class modules re-export it under each declaring element's own name, so CIM's hundreds of
 * copies of the standard method return codes cost one declaration, while every element keeps its public name.
 */
export interface SharedMap {
  /** The `as const` object and its same-named type. */
  readonly name: string;
  /** The run-time label table (`ValueMap` of the runtime). */
  readonly table: string;
  /** The decoder function. */
  readonly decoder: string;
  readonly map: ValueMap;
  /** Literals are bigint (`5n`): the map types a sint64 or uint64 element. */
  readonly int64: boolean;
  /** Members of the `as const` object: single entries only (ranges and `..` have no one value). */
  readonly members: readonly { readonly name: string; readonly literal: string }[];
  /** `Class.Element` that first declared the map, for its JSDoc. */
  readonly origin: string;
}

export function tableName(name: string): string {
  return `${name}_Map`;
}

export function decoderName(name: string): string {
  return `decode${name}`;
}

export class SharedMaps {
  private readonly byKey = new Map<string, SharedMap>();
  private readonly byObject = new Map<ValueMap, SharedMap>();
  private readonly byObject64 = new Map<ValueMap, SharedMap>();

  /** The shared declaration of a map, declaring it under `name` when this is its first use. */
  declare(map: ValueMap, int64: boolean, name: string, origin: string): SharedMap {
    const cache = int64 ? this.byObject64 : this.byObject;
    const known = cache.get(map);
    if (known !== undefined) return known;
    const key = mapKey(map, int64);
    let shared = this.byKey.get(key);
    if (shared === undefined) {
      shared = {
        name,
        table: tableName(name),
        decoder: decoderName(name),
        map,
        int64,
        members: membersOf(key, map, int64),
        origin,
      };
      this.byKey.set(key, shared);
    }
    cache.set(map, shared);
    return shared;
  }

  /** The shared declaration of a map already declared (an inherited map is declared by its ancestor first). */
  find(map: ValueMap, int64: boolean): SharedMap | undefined {
    return (int64 ? this.byObject64 : this.byObject).get(map) ?? this.byKey.get(mapKey(map, int64));
  }

  /** Every distinct map, in the order first declared. */
  all(): SharedMap[] {
    return [...this.byKey.values()];
  }
}

function mapKey(map: ValueMap, int64: boolean): string {
  const entries = map.entries.map((e) => [e.label, e.value, e.kind, e.lo?.toString() ?? "", e.hi?.toString() ?? ""]);
  return JSON.stringify([map.valueType, int64, map.open, entries]);
}

/**
 * `members` by map key, kept across plans: the key holds every input of `members` (labels, values, ranges, value
 * type, literal kind), so a hit is the same list. Planning a namespace again (each run of a watch session, on CIM
 * 2.49 some hundreds of distinct maps) then names no member twice; bounded, since keys of edited maps accumulate.
 */
const membersByKey = new Map<string, SharedMap["members"]>();
const membersKept = 4096;

function membersOf(key: string, map: ValueMap, int64: boolean): SharedMap["members"] {
  let list = membersByKey.get(key);
  if (list === undefined) {
    if (membersByKey.size >= membersKept) membersByKey.clear();
    list = members(map, int64);
    membersByKey.set(key, list);
  }
  return list;
}

function members(map: ValueMap, int64: boolean): SharedMap["members"] {
  const singles = map.entries.filter((e) => e.kind === "single");
  const names = uniqueNames(singles.map((e) => memberName(e.label, e.value)));
  return singles.map((e, i) => ({ name: names[i] as string, literal: valueLiteral(e, map, int64) }));
}

function valueLiteral(e: ValueMapEntry, map: ValueMap, int64: boolean): string {
  if (map.valueType === "string" || e.lo === undefined) return stringLiteral(e.value);
  return int64 ? bigintLiteral(e.lo) : boundLiteral(e.lo);
}

function bigintLiteral(n: bigint): string {
  return `${n}n`;
}

/**
 * A bound as the runtime's table wants it: a number when it is a safe integer, else a bigint literal. The rule
 * is the runtime's `compactInteger`, so the tables the generator prints and the runtime's reading of them agree.
 */
export function boundLiteral(n: bigint): string {
  const bound = compactInteger(n);
  return typeof bound === "number" ? String(bound) : bigintLiteral(bound);
}

/** One entry of a run-time label table: `{ label, value, lo?, hi?, rest? }` (runtime `value-map.ts`). */
export function tableEntry(e: ValueMapEntry): string {
  const fields = [`label: ${stringLiteral(e.label)}`, `value: ${stringLiteral(e.value)}`];
  if (e.kind === "rest") fields.push("rest: true");
  else {
    if (e.lo !== undefined) fields.push(`lo: ${boundLiteral(e.lo)}`);
    if (e.hi !== undefined) fields.push(`hi: ${boundLiteral(e.hi)}`);
  }
  return `{ ${fields.join(", ")} }`;
}
