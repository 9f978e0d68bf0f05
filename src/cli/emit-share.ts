import type { ClassPagesMemo } from "../emit/docs/generate.js";
import type { ClassModuleMemo, ValueMapsModuleMemo } from "../emit/ts/class-modules.js";
import type { GeneratedFile } from "../emit/ts/generated-file.js";
import type { ProviderBaseMemo, ProviderClassMapMemo } from "../emit/ts/provider-modules.js";
import { appendAll } from "../util/arrays.js";

/**
 * Splitting a generate's emitting between two threads (issue 15: the second core). Both threads compile the same
 * inputs with the same settings, which gives the same model, and run the same emitters over it; each emitter
 * already asks a memo for every class module, provider base and class's pages (the watch session's reuse hook,
 * `session/emit-memo.ts`). The share hooks answer those questions instead: a unit assigned to the other side is
 * not made but stood in for. The main thread's stand-ins are placeholders that `mergeShare` later replaces with
 * the worker's files; the worker's are thrown away, as it sends back only the units it made (paths and texts:
 * strings, cheap to pass between threads, where the model as an object graph costs hundreds of milliseconds).
 *
 * The assignment depends only on each unit's kind and its ordinal among the units of that kind, which the
 * deterministic emitters produce in the same order in both threads; each unit also carries its class's name, so
 * that a disagreement is caught (an internal error: the caller then emits that share itself) instead of merged.
 */

/** The units the emitters ask a memo about: a class module, a provider base, a class's page and method pages. */
export type UnitKind = "module" | "base" | "pages";

/** The fraction of each kind of unit that the worker makes (0 none, 1 all). */
export type SharePlan = Readonly<Record<UnitKind, number>>;

/** What the worker made: for each unit it was assigned, in order, the files (the key checks the agreement). */
export interface SharedUnit {
  readonly key: string;
  readonly files: readonly GeneratedFile[];
}

/** The worker's units, by their placeholder path. */
export type SharedUnits = ReadonlyMap<string, SharedUnit>;

/**
 * Whether the worker makes the unit of this ordinal: spread evenly over the units (a plan of 0.5 takes every
 * other one), so that each side gets a like mix of small and large namespaces. Pure arithmetic on the same
 * doubles in both threads, so both agree.
 */
export function assignedToWorker(plan: SharePlan, kind: UnitKind, ordinal: number): boolean {
  const fraction = plan[kind];
  return Math.floor((ordinal + 1) * fraction) > Math.floor(ordinal * fraction);
}

/** The memo hooks a share gives the emitters: `generateTypeScript`'s and `renderDocs`'s. */
export interface ShareHooks {
  readonly typeScript: {
    readonly classModule: ClassModuleMemo;
    readonly providerBase: ProviderBaseMemo;
    readonly valueMapsModule?: ValueMapsModuleMemo;
    readonly providerClassMap?: ProviderClassMapMemo;
  };
  readonly classPages: ClassPagesMemo;
}

/** Placeholder paths start with a NUL, which no generated path holds (checkOutputPaths refuses control characters). */
const placeholderPrefix = "\u0000share/";

function placeholderPath(kind: UnitKind, ordinal: number): string {
  return `${placeholderPrefix}${kind}/${ordinal}`;
}

/** Counts the units of each kind as the emitters ask about them: the ordinals both sides agree on. */
class Ordinals {
  readonly #next: Record<UnitKind, number> = { module: 0, base: 0, pages: 0 };
  take(kind: UnitKind): number {
    return this.#next[kind]++;
  }
}

/**
 * The main thread's side: it makes the units that are not the worker's, and leaves a placeholder for each of the
 * others, remembering the key the worker's unit must carry.
 */
export function mainShareHooks(plan: SharePlan): ShareHooks & { readonly expected: ReadonlyMap<string, string> } {
  const ordinals = new Ordinals();
  const expected = new Map<string, string>();
  const placeholder = (kind: UnitKind, name: string): GeneratedFile | undefined => {
    const ordinal = ordinals.take(kind);
    if (!assignedToWorker(plan, kind, ordinal)) return undefined;
    const path = placeholderPath(kind, ordinal);
    expected.set(path, unitKey(kind, name));
    return { path, content: "", owner: "mofgen" };
  };
  return {
    expected,
    typeScript: {
      classModule: (cls, _ctx, make) => placeholder("module", cls.name) ?? make(),
      providerBase: (cls, _options, symbols, make) => placeholder("base", cls.name) ?? make(symbols),
    },
    classPages: (cls, _context, make) => {
      const stand = placeholder("pages", cls.name);
      return stand === undefined ? make() : [stand];
    },
  };
}

/**
 * The worker's side: it makes only its units, collected with their keys; everything it returns to the emitters
 * for the others is a stand-in that nobody reads. The shared modules beside the units (value maps, provider class
 * maps) are the main thread's, so they are not made here either.
 */
export function workerShareHooks(plan: SharePlan): ShareHooks & { readonly units: Map<string, SharedUnit> } {
  const ordinals = new Ordinals();
  const units = new Map<string, SharedUnit>();
  const skipped: GeneratedFile = { path: "", content: "", owner: "mofgen" };
  const made = <T extends GeneratedFile | readonly GeneratedFile[]>(kind: UnitKind, name: string, make: () => T) => {
    const ordinal = ordinals.take(kind);
    if (!assignedToWorker(plan, kind, ordinal)) return undefined;
    const result = make();
    const files = Array.isArray(result) ? (result as readonly GeneratedFile[]) : [result as GeneratedFile];
    units.set(placeholderPath(kind, ordinal), { key: unitKey(kind, name), files });
    return result;
  };
  return {
    units,
    typeScript: {
      classModule: (cls, _ctx, make) => made("module", cls.name, make) ?? skipped,
      providerBase: (cls, _options, symbols, make) => made("base", cls.name, () => make(symbols)) ?? skipped,
      valueMapsModule: () => undefined,
      providerClassMap: () => skipped,
    },
    classPages: (cls, _context, make) => made("pages", cls.name, make) ?? [],
  };
}

function unitKey(kind: UnitKind, className: string): string {
  return `${kind} ${className}`;
}

/**
 * Each list of the main thread's files (the TypeScript, the pages) with every placeholder replaced in place by the
 * worker's files for it. Throws when a placeholder has no unit or a unit of another class, or a unit is left over:
 * the two compiles disagreed, which is a bug in mofgen (the caller then makes the share itself).
 */
export function mergeShare(
  lists: readonly (readonly GeneratedFile[])[],
  expected: ReadonlyMap<string, string>,
  units: SharedUnits,
): GeneratedFile[][] {
  if (units.size !== expected.size)
    throw new Error(`emit share: the worker made ${units.size} units where ${expected.size} were expected`);
  return lists.map((files) => {
    const merged: GeneratedFile[] = [];
    for (const file of files) {
      if (!file.path.startsWith(placeholderPrefix)) {
        merged.push(file);
        continue;
      }
      const unit = units.get(file.path);
      const key = expected.get(file.path);
      if (unit === undefined || unit.key !== key)
        throw new Error(`emit share: the worker's ${unit?.key ?? "nothing"} where ${key} was expected`);
      appendAll(merged, unit.files);
    }
    return merged;
  });
}
