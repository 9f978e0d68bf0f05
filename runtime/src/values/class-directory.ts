import { foldName, sameName } from "./cim-name.js";
import { effectiveMembers } from "./class-members.js";
import type { ClassSchema, MethodSchema, ParameterSchema, PropertySchema } from "./schema.js";

/** A class's schema with its effective members found by case-folded name, built once per schema. */
export interface ClassIndex {
  readonly schema: ClassSchema;
  readonly properties: ReadonlyMap<string, PropertySchema>;
  readonly keys: readonly PropertySchema[];
  readonly methods: ReadonlyMap<string, MethodIndex>;
}

export interface MethodIndex {
  readonly method: MethodSchema;
  readonly parameters: ReadonlyMap<string, ParameterSchema>;
  /** Where messages say the problem is: `Class.Method`. */
  readonly where: string;
}

export function indexClass(schema: ClassSchema): ClassIndex {
  const { properties, methods } = effectiveMembers(schema);
  const byName = <E extends { readonly name: string }>(list: readonly E[]) =>
    new Map(list.map((e) => [foldName(e.name), e]));
  const methodIndexes = methods.map((method): [string, MethodIndex] => [
    foldName(method.name),
    { method, parameters: byName(method.parameters), where: `${schema.name}.${method.name}` },
  ]);
  return {
    schema,
    properties: byName(properties),
    keys: properties.filter((p) => p.key === true),
    methods: new Map(methodIndexes),
  };
}

/** Whether a class derives from another, as far as the known schemas tell. */
export type Derivation = "yes" | "no" | "unknown";

/**
 * The classes a `ProviderHost` knows: those of its providers, their superclasses, and the classes their REF and
 * embedded-instance elements name (`referenceSchema`, `embeddedSchema`), learnt as values of them are checked.
 * With it the host can tell whether a REF or an embedded instance names a subclass of the class the element
 * expects. Where the schemas end (a class no schema describes), the answer is "unknown", and the checks fall back
 * to what the expected class alone says (its keys).
 */
export class ClassDirectory {
  readonly #byName = new Map<string, ClassSchema>();
  readonly #indexes = new WeakMap<ClassSchema, ClassIndex>();

  /** Learn a class and its superclasses; the first schema of a name wins. */
  learn(schema: ClassSchema): void {
    const passed = new Set<ClassSchema>();
    for (let at: ClassSchema | undefined = schema; at !== undefined && !passed.has(at); at = at.superclassSchema?.()) {
      passed.add(at);
      const key = foldName(at.name);
      if (!this.#byName.has(key)) this.#byName.set(key, at);
    }
  }

  find(name: string): ClassSchema | undefined {
    return this.#byName.get(foldName(name));
  }

  index(schema: ClassSchema): ClassIndex {
    let index = this.#indexes.get(schema);
    if (index === undefined) {
      index = indexClass(schema);
      this.#indexes.set(schema, index);
    }
    return index;
  }

  /** Whether `schema`'s class is the class `ancestor` or one of its subclasses. */
  derives(schema: ClassSchema, ancestor: string): Derivation {
    const passed = new Set<ClassSchema>();
    let at: ClassSchema | undefined = schema;
    while (at !== undefined && !passed.has(at)) {
      if (sameName(at.name, ancestor)) return "yes";
      passed.add(at);
      if (at.superclass === undefined) return "no";
      const next: ClassSchema | undefined = at.superclassSchema?.() ?? this.find(at.superclass);
      if (next === undefined) return "unknown";
      at = next;
    }
    return "no";
  }
}
