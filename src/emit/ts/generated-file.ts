import { compareCodeUnits } from "../../util/compare.js";

/**
 * One file the TypeScript generator produces. Emitters are pure: they return these, and only the CLI writes them.
 *
 * - `owner: "mofgen"` files live under the output directory, are regenerated every run, and are removed when a
 *   later run no longer produces them.
 * - `owner: "user"` files (provider implementations) live under the providers directory, are created once when
 *   missing, and are never overwritten or removed: the user edits them.
 */
export interface GeneratedFile {
  /** POSIX path relative to the output directory (mofgen files) or to the providers directory (user files). */
  readonly path: string;
  readonly content: string;
  readonly owner: "mofgen" | "user";
}

export interface TypeScriptOptions {
  /**
   * Module specifier the generated code imports the runtime from. Default `@mofgen/runtime`. A relative one (`./`,
   * `../`) is relative to the output directory; each module imports it by the path from its own folder.
   */
  readonly runtimeImport: string;
  /**
   * Provider implementations to create for the user, or undefined for none. `classes` names classes (any case);
   * `generatedImport` is the POSIX relative path from the providers directory to the output directory.
   */
  readonly providers: { readonly classes: readonly string[]; readonly generatedImport: string } | undefined;
  /**
   * The extension of the files written: `.ts` (the default; the files are ES modules where the project's
   * package.json says `"type": "module"`), or `.mts`, ES modules whatever package.json says, so they also compile in
   * a CommonJS project (`npm init -y` writes `"type": "commonjs"`), whose `.ts` files cannot hold `import`/`export`
   * under `verbatimModuleSyntax` (TS1287, TS1295). Relative imports then end in `.mjs`.
   */
  readonly extension?: TypeScriptExtension;
}

export type TypeScriptExtension = ".ts" | ".mts";

export const defaultTypeScriptOptions: TypeScriptOptions = {
  runtimeImport: "@mofgen/runtime",
  providers: undefined,
};

/** generateTypeScript's order: mofgen's files, then the user's, each in path order (code units). */
export function compareGeneratedFiles(a: GeneratedFile, b: GeneratedFile): number {
  return a.owner === b.owner ? compareCodeUnits(a.path, b.path) : a.owner === "mofgen" ? -1 : 1;
}
