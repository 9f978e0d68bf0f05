import { type ExportDeclarationStructure, StructureKind } from "ts-morph";
import type { NamespaceModel } from "../../model/types.js";
import { compareCodeUnits } from "../../util/compare.js";
import type { NamespaceContext } from "./context.js";
import type { GeneratedFile } from "./generated-file.js";
import { ModuleScope } from "./module-scope.js";
import { safeIdentifier, uniqueNames } from "./names.js";
import { NamespaceNames } from "./namespace-names.js";
import { printModule } from "./print.js";
import { classModulePath, namespaceDir } from "./symbols.js";

/**
 * `<nsdir>/index.ts` re-exports every class module of a namespace (`export *`: the names are unique in the
 * namespace, see `NamespaceNames`). A class called `index` would own that path, so the index then moves to
 * `namespace-index.ts`, a name no class module can have (class module names never contain `-`).
 */
export function namespaceIndexPath(ctx: NamespaceContext): string {
  const dir = namespaceDir(ctx.ns.name);
  const taken = ctx.classes.some((c) => classModulePath(c).toLowerCase() === `${dir}/index.ts`.toLowerCase());
  return `${dir}/${taken ? "namespace-index.ts" : "index.ts"}`;
}

export function namespaceIndex(ctx: NamespaceContext): GeneratedFile {
  const path = namespaceIndexPath(ctx);
  const scope = new ModuleScope(path, ctx.options.runtimeImport, ctx.names, undefined);
  const dir = namespaceDir(ctx.ns.name);
  const modules = ctx.classes.map((c) => classModulePath(c)).sort(compareCodeUnits);
  const exports: ExportDeclarationStructure[] = modules.map((m) => ({
    kind: StructureKind.ExportDeclaration,
    moduleSpecifier: `./${m.slice(dir.length + 1).replace(/\.ts$/, ".js")}`,
  }));
  return { path, owner: "mofgen", content: printModule(`the classes of namespace ${ctx.ns.name}.`, scope, exports) };
}

/** `index.ts`: each namespace as `export * as root_virtualization_v2 from "./root/virtualization/v2/index.js"`. */
export function rootIndex(
  namespaces: readonly { ns: NamespaceModel; indexPath: string }[],
  runtimeImport: string,
): GeneratedFile {
  const scope = new ModuleScope("index.ts", runtimeImport, new NamespaceNames([]), undefined);
  const identifiers = uniqueNames(namespaces.map(({ ns }) => safeIdentifier(ns.name)));
  const exports: ExportDeclarationStructure[] = namespaces.map(({ indexPath }, i) => ({
    kind: StructureKind.ExportDeclaration,
    namespaceExport: identifiers[i] as string,
    moduleSpecifier: `./${indexPath.replace(/\.ts$/, ".js")}`,
  }));
  const names = namespaces.map(({ ns }) => ns.name).join(", ");
  return { path: "index.ts", owner: "mofgen", content: printModule(`the namespaces ${names}.`, scope, exports) };
}
