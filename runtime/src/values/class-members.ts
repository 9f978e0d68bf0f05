import { foldName } from "./cim-name.js";
import type { ClassSchema, MethodSchema, PropertySchema } from "./schema.js";

/** A class's effective members: inherited first (root class first), then its own; overrides in place. */
export interface EffectiveMembers {
  readonly properties: readonly PropertySchema[];
  readonly methods: readonly MethodSchema[];
}

const resolved = new WeakMap<ClassSchema, EffectiveMembers>();

/**
 * The effective members of a class, from its schema and its superclasses' (`ClassSchema.superclassSchema`),
 * worked out once per schema and cached. The chain is walked in a loop, not by recursion, so a deep chain cannot
 * exhaust the stack; a chain that comes back to a class it has passed is an error. Only the schema asked for is
 * cached (or an ancestor already cached is reused), so resolving the leaf of an n-deep chain costs time and memory
 * linear in the members of the chain.
 */
export function effectiveMembers(schema: ClassSchema): EffectiveMembers {
  const known = resolved.get(schema);
  if (known !== undefined) return known;
  const chain: ClassSchema[] = [];
  const passed = new Set<ClassSchema>();
  let base: EffectiveMembers | undefined;
  for (let at: ClassSchema | undefined = schema; at !== undefined; at = at.superclassSchema?.()) {
    base = resolved.get(at);
    if (base !== undefined) break;
    if (passed.has(at)) throw new Error(`the superclass chain of ${schema.name} comes back to ${at.name}`);
    passed.add(at);
    chain.push(at);
  }
  const properties = new Merged<PropertySchema>(base?.properties ?? []);
  const methods = new Merged<MethodSchema>(base?.methods ?? []);
  for (let i = chain.length - 1; i >= 0; i--) {
    const level = chain[i] as ClassSchema;
    for (const p of level.properties) properties.put(p);
    for (const m of level.methods) methods.put(m);
  }
  const members = { properties: properties.list, methods: methods.list };
  resolved.set(schema, members);
  return members;
}

/** A member list where a member replaces the one of the same (case-folded) name in place, else is appended. */
class Merged<M extends { readonly name: string }> {
  readonly list: M[];
  readonly #at = new Map<string, number>();
  constructor(inherited: readonly M[]) {
    this.list = [...inherited];
    for (const [i, member] of inherited.entries()) this.#at.set(foldName(member.name), i);
  }
  put(member: M): void {
    const key = foldName(member.name);
    const i = this.#at.get(key);
    if (i === undefined) {
      this.#at.set(key, this.list.length);
      this.list.push(member);
    } else this.list[i] = member;
  }
}

const flattened = new WeakMap<ClassSchema, ClassSchema>();

/**
 * The schema with its effective members in `properties` and `methods`, as generated schemas listed them before
 * they linked their superclass's: for code that reads a class as a whole (GetClass, queries, association roles).
 * Worked out once per schema and cached.
 */
export function withEffectiveMembers(schema: ClassSchema): ClassSchema {
  if (schema.superclassSchema === undefined) return schema;
  const known = flattened.get(schema);
  if (known !== undefined) return known;
  const { properties, methods } = effectiveMembers(schema);
  const whole: ClassSchema = { ...schema, properties, methods };
  flattened.set(schema, whole);
  return whole;
}
