import { fold } from "./types.js";

const noMembers: ReadonlyMap<string, never> = new Map<string, never>();

/**
 * A class's effective members by case-folded name (`propertyByName`, `methodByName`), made on first read: `check`
 * reads the maps only of classes whose subclasses declare members (CIM 2.49: 5,500 of 28,400 property entries),
 * and every entry made is kept for the whole run, so most maps would be made for nothing. The class model holds
 * the maker behind a getter, not a map that fills itself: a getter is read by everything that copies the model
 * (spread, `structuredClone`, a worker's message), where a self-filling Map would be copied empty. One shared empty
 * map serves the many classes without methods.
 */
export function membersByName<T extends { readonly name: string }>(
  members: readonly T[],
): () => ReadonlyMap<string, T> {
  let map: ReadonlyMap<string, T> | undefined;
  return () => {
    map ??= members.length === 0 ? noMembers : byFoldedName(members);
    return map;
  };
}

/** A repeated key keeps its first place and its last member, as `new Map(entries)` does. */
function byFoldedName<T extends { readonly name: string }>(members: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const m of members) map.set(fold(m.name), m);
  return map;
}
