import type { SchemaModel } from "../../model/types.js";
import type { GeneratedFile, TypeScriptOptions } from "./generated-file.js";

/** PLACEHOLDER (issue 4, in progress): provider bases and user provider implementations. */
export function emitProviderModules(_schema: SchemaModel, _options: TypeScriptOptions): GeneratedFile[] {
  return [];
}
