import type { SchemaModel } from "../../model/types.js";
import type { GeneratedFile, TypeScriptOptions } from "./generated-file.js";

/** PLACEHOLDER (issue 4, in progress): class modules, value maps, method types, index modules. */
export function emitClassModules(_schema: SchemaModel, _options: TypeScriptOptions): GeneratedFile[] {
  return [];
}
