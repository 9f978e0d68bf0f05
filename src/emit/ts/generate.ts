import type { SchemaModel } from "../../model/types.js";
import { compareCodeUnits } from "../../util/compare.js";
import { emitClassModules } from "./class-modules.js";
import { defaultTypeScriptOptions, type GeneratedFile, type TypeScriptOptions } from "./generated-file.js";
import { emitProviderModules } from "./provider-modules.js";

/**
 * TypeScript for a resolved schema: class modules with their value maps and method types, index modules, provider
 * bases, and the user's provider implementations to create. Pure and deterministic: the same schema gives the same
 * files, in path order, whatever order the MOF inputs came in.
 */
export function generateTypeScript(
  schema: SchemaModel,
  options: TypeScriptOptions = defaultTypeScriptOptions,
): GeneratedFile[] {
  const files = [...emitClassModules(schema, options), ...emitProviderModules(schema, options)];
  return files.sort((a, b) => (a.owner === b.owner ? compareCodeUnits(a.path, b.path) : a.owner === "mofgen" ? -1 : 1));
}
