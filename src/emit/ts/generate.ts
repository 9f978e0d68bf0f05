import type { SchemaModel } from "../../model/types.js";
import { compareCodeUnits } from "../../util/compare.js";
import { type ClassModuleMemo, emitClassModules, type ValueMapsModuleMemo } from "./class-modules.js";
import { defaultTypeScriptOptions, type GeneratedFile, type TypeScriptOptions } from "./generated-file.js";
import { emitProviderModules, type ProviderBaseMemo, type ProviderClassMapMemo } from "./provider-modules.js";

/**
 * TypeScript for a resolved schema: class modules with their value maps and method types, index modules, provider
 * bases, and the user's provider implementations to create. Pure and deterministic: the same schema gives the same
 * files, in path order, whatever order the MOF inputs came in. A `memo` (a resident session's) may hand back
 * class modules and provider bases made by an earlier run; the files are the same with or without it. `onFile`
 * sees each file as soon as it is made (the CLI stages it on disk while the rest is emitted).
 */
export function generateTypeScript(
  schema: SchemaModel,
  options: TypeScriptOptions = defaultTypeScriptOptions,
  memo?: {
    readonly classModule: ClassModuleMemo;
    readonly valueMapsModule?: ValueMapsModuleMemo;
    readonly providerBase: ProviderBaseMemo;
    readonly providerClassMap?: ProviderClassMapMemo;
  },
  onFile?: (file: GeneratedFile) => void,
): GeneratedFile[] {
  const files = [
    ...emitClassModules(schema, options, memo, onFile),
    ...emitProviderModules(schema, options, memo?.providerBase, memo?.providerClassMap, onFile),
  ];
  return files.sort((a, b) => (a.owner === b.owner ? compareCodeUnits(a.path, b.path) : a.owner === "mofgen" ? -1 : 1));
}
