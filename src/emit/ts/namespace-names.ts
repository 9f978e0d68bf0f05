import type { ClassModel, NamespaceModel } from "../../model/types.js";
import { fold } from "../../model/types.js";
import { compareCodeUnits } from "../../util/compare.js";
import { safeIdentifier } from "./names.js";
import { classSymbol, methodInputSymbol, methodOutputSymbol, providerBaseSymbol, schemaSymbol } from "./symbols.js";

/**
 * The names a namespace's modules export. The namespace index re-exports every class module with `export *`, so an
 * exported name must be unique in the whole namespace, not only in its module (two modules exporting one name would
 * make the index ambiguous). The fixed names of `symbols.ts` are reserved first, for every class; the emitter's own
 * names (value maps, job guards) are then claimed in a fixed order and get `_2`, `_3`... when taken.
 */
export class NamespaceNames {
  private readonly taken = new Set<string>();

  constructor(classes: readonly ClassModel[]) {
    for (const cls of classes) {
      this.taken.add(classSymbol(cls));
      this.taken.add(schemaSymbol(cls));
      this.taken.add(providerBaseSymbol(cls));
      for (const method of cls.ownMethods) {
        this.taken.add(methodInputSymbol(cls, method));
        this.taken.add(methodOutputSymbol(cls, method));
      }
    }
  }

  /** Whether a name is exported by some module of the namespace (or reserved for one). */
  has(name: string): boolean {
    return this.taken.has(name);
  }

  /**
   * Claim `base` together with the names derived from it (a value map's table and decoder), all free; the first
   * free candidate of `base`, `base_2`, `base_3`... wins.
   */
  claim(base: string, derived: (name: string) => readonly string[] = () => []): string {
    for (let i = 1; ; i++) {
      const name = i === 1 ? base : `${base}_${i}`;
      const all = [name, ...derived(name)];
      if (all.every((n) => !this.taken.has(n))) {
        for (const n of all) this.taken.add(n);
        return name;
      }
    }
  }
}

/** A MOF name as the suffix of a generated name: a reserved word needs no trailing `_` after a prefix. */
export function nameSuffix(name: string): string {
  return safeIdentifier(name).replace(/_$/, "");
}

/** Classes of a namespace in a fixed order (case-folded name, then spelling), whatever order the MOF had. */
export function sortedClasses(ns: NamespaceModel): ClassModel[] {
  return [...ns.classes].sort(
    (a, b) => compareCodeUnits(fold(a.name), fold(b.name)) || compareCodeUnits(a.name, b.name),
  );
}
