import type { ClassModel, NamespaceModel, SchemaModel } from "../../model/types.js";
import { fold } from "../../model/types.js";
import type { GeneratedFile, TypeScriptOptions } from "./generated-file.js";
import { sortedClasses } from "./namespace-names.js";
import { emitProviderBase } from "./provider-base.js";
import { emitClassMap } from "./provider-class-map.js";
import { providerClasses } from "./provider-members.js";
import { emitUserProvider } from "./provider-user.js";
import { classSymbol } from "./symbols.js";

/**
 * Reuse of provider bases across runs (a resident session's), as `ClassModuleMemo` for class modules: `make` takes
 * the namespace's class symbols (the memo may watch which the base asks about).
 */
export type ProviderBaseMemo = (
  cls: ClassModel,
  options: TypeScriptOptions,
  classSymbols: ReadonlySet<string>,
  make: (classSymbols: ReadonlySet<string>) => GeneratedFile,
) => GeneratedFile;

/** The same for a namespace's provider class map, given its provider classes. */
export type ProviderClassMapMemo = (
  ns: NamespaceModel,
  classes: readonly ClassModel[],
  options: TypeScriptOptions,
  classSymbols: ReadonlySet<string>,
  make: (classSymbols: ReadonlySet<string>) => GeneratedFile,
) => GeneratedFile;

/**
 * Provider modules of a schema: for every class that can have instances, its always-regenerated provider base
 * (`<nsdir>/providers/<Class>.ts`); per namespace, the class map that types a `ProviderHost`; and for each class that
 * `options.providers.classes` names (any case, in every namespace that has it), the user's provider file to create
 * once (`owner: "user"`). Pure: the CLI writes the files.
 */
export function emitProviderModules(
  schema: SchemaModel,
  options: TypeScriptOptions,
  memo?: ProviderBaseMemo,
  classMapMemo?: ProviderClassMapMemo,
  onFile?: (file: GeneratedFile) => void,
): GeneratedFile[] {
  const wanted = new Set((options.providers?.classes ?? []).map(fold));
  const files: GeneratedFile[] = [];
  const add = (file: GeneratedFile) => {
    files.push(file);
    onFile?.(file);
  };
  for (const ns of schema.namespaces) {
    const classes = providerClasses({ ...ns, classes: sortedClasses(ns) });
    if (classes.length === 0) continue;
    const classSymbols = new Set(ns.classes.map(classSymbol));
    for (const cls of classes) {
      add(
        memo === undefined
          ? emitProviderBase(cls, ns, options, classSymbols)
          : memo(cls, options, classSymbols, (symbols) => emitProviderBase(cls, ns, options, symbols)),
      );
      if (options.providers !== undefined && wanted.has(fold(cls.name)))
        add(emitUserProvider(cls, ns, options, options.providers.generatedImport, classSymbols));
    }
    add(
      classMapMemo === undefined
        ? emitClassMap(ns, classes, options, classSymbols)
        : classMapMemo(ns, classes, options, classSymbols, (symbols) => emitClassMap(ns, classes, options, symbols)),
    );
  }
  return files;
}

/**
 * The names in `options.providers.classes` that match no class that can have a provider (none of that name in any
 * namespace, or only abstract ones), as written, in the order given: the CLI reports them.
 */
export function unknownProviderClasses(schema: SchemaModel, options: TypeScriptOptions): string[] {
  const known = new Set<string>();
  for (const ns of schema.namespaces) for (const cls of ns.classes) if (!cls.abstract) known.add(fold(cls.name));
  return (options.providers?.classes ?? []).filter((name) => !known.has(fold(name)));
}
