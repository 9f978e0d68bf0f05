import type { SchemaModel } from "../../model/types.js";
import { compareCodeUnits } from "../../util/compare.js";
import { type ClassModuleMemo, emitClassModules, type ValueMapsModuleMemo } from "./class-modules.js";
import { defaultTypeScriptOptions, type GeneratedFile, type TypeScriptOptions } from "./generated-file.js";
import { emitProviderModules, type ProviderBaseMemo, type ProviderClassMapMemo } from "./provider-modules.js";

/**
 * TypeScript for a resolved schema: class modules with their value maps and method types, index modules, provider
 * bases, and the user's provider implementations to create. Pure and deterministic: the same schema gives the same
 * files, in path order, whatever order the MOF inputs came in. A `memo` (a resident session's) may hand back
 * class modules and provider bases made by an earlier run; the files are the same with or without it.
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
): GeneratedFile[] {
  const files = [
    ...emitClassModules(schema, options, memo),
    ...emitProviderModules(schema, options, memo?.providerBase, memo?.providerClassMap),
  ];
  const written = options.extension === ".mts" ? files.map((f) => asMts(f, options.runtimeImport)) : files;
  return written.sort((a, b) =>
    a.owner === b.owner ? compareCodeUnits(a.path, b.path) : a.owner === "mofgen" ? -1 : 1,
  );
}

/**
 * A file as an `.mts` module: its path ends in `.mts` and its relative imports and exports of generated modules in
 * `.mjs` (a relative `runtimeImport` names the user's file, and is left as written). Done once, here, rather than
 * in each emitter: every emitter names modules `.ts` and imports them `.js`, and an import or export is always a
 * whole line that starts with `import ` or `export ` and ends in `from "...";` (`print.ts`: MOF text only reaches
 * string literals and comment lines, so it cannot make such a line).
 */
function asMts(file: GeneratedFile, runtimeImport: string): GeneratedFile {
  return {
    ...file,
    path: file.path.replace(/\.ts$/, ".mts"),
    content: file.content.replace(relativeImport, (line: string, head: string, specifier: string) =>
      `${specifier}.js` === runtimeImport ? line : `${head}${specifier}.mjs";`,
    ),
  };
}

const relativeImport = /^((?:import|export) [^\n]* from ")(\.{1,2}\/[^"\n]*)\.js";$/gm;
