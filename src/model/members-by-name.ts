import { fold } from "./types.js";

const noMembers: ReadonlyMap<string, never> = new Map<string, never>();

/**
 * A class's effective members by case-folded name (`propertyByName`, `methodByName`); one shared empty map for the
 * many classes without methods.
 */
export function membersByName<T extends { readonly name: string }>(members: readonly T[]): ReadonlyMap<string, T> {
  return members.length === 0 ? noMembers : new MembersByName(members);
}

/**
 * A map filled from its list when first read. `check` reads the maps only of classes whose subclasses declare
 * members (CIM 2.49: 5,500 of 28,400 property entries), and every entry made is kept for the whole run: most maps
 * would be made for nothing. It is a `Map` (a reader sees no difference) whose every method fills it first; the
 * entries are a pure function of the list, so filling them later is the same model.
 */
class MembersByName<T extends { readonly name: string }> extends Map<string, T> {
  #members: readonly T[] | undefined;

  constructor(members: readonly T[]) {
    super();
    this.#members = members;
  }

  #fill(): void {
    const members = this.#members;
    if (members === undefined) return;
    this.#members = undefined;
    // The same entries as `new Map(members.map(...))`: a repeated key keeps its first place and its last member.
    for (const m of members) super.set(fold(m.name), m);
  }

  override get(key: string): T | undefined {
    this.#fill();
    return super.get(key);
  }

  override has(key: string): boolean {
    this.#fill();
    return super.has(key);
  }

  override get size(): number {
    this.#fill();
    return super.size;
  }

  override entries(): MapIterator<[string, T]> {
    this.#fill();
    return super.entries();
  }

  override keys(): MapIterator<string> {
    this.#fill();
    return super.keys();
  }

  override values(): MapIterator<T> {
    this.#fill();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, T]> {
    this.#fill();
    return super[Symbol.iterator]();
  }

  override forEach(callback: (value: T, key: string, map: Map<string, T>) => void, thisArg?: unknown): void {
    this.#fill();
    super.forEach(callback, thisArg);
  }

  override set(key: string, value: T): this {
    this.#fill();
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.#fill();
    return super.delete(key);
  }

  override clear(): void {
    this.#members = undefined;
    super.clear();
  }
}
