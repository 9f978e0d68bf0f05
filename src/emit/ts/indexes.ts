import type { NamespaceModel } from "../../model/types.js";
import { compareCodeUnits } from "../../util/compare.js";
import type { NamespaceContext } from "./context.js";
import type { ExportAll } from "./declarations.js";
import type { GeneratedFile, TypeScriptOptions } from "./generated-file.js";
import { outputModule } from "./module-scope.js";
import { safeIdentifier, uniqueNames } from "./names.js";
import { NamespaceNames } from "./namespace-names.js";
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
  const what = `the classes of namespace ${ctx.ns.name}.`;
  const { module } = outputModule(namespaceIndexPath(ctx), what, ctx.options, ctx.names);
  const modules = ctx.classes.map((c) => classModulePath(c)).sort(compareCodeUnits);
  module.addAll(
    modules.map(
      (m): ExportAll => ({
        kind: "exportAll",
        moduleSpecifier: module.specifier(m),
      }),
    ),
  );
  return module.file();
}

/** `index.ts`: each namespace as `export * as root_virtualization_v2 from "./root/virtualization/v2/index.js"`. */
export function rootIndex(
  namespaces: readonly { ns: NamespaceModel; indexPath: string }[],
  options: TypeScriptOptions,
): GeneratedFile {
  const what = `the namespaces ${namespaces.map(({ ns }) => ns.name).join(", ")}.`;
  const { module } = outputModule("index.ts", what, options, new NamespaceNames([]));
  const identifiers = uniqueNames(namespaces.map(({ ns }) => safeIdentifier(ns.name)));
  module.addAll(
    namespaces.map(
      ({ indexPath }, i): ExportAll => ({
        kind: "exportAll",
        namespaceExport: identifiers[i] as string,
        moduleSpecifier: module.specifier(indexPath),
      }),
    ),
  );
  return module.file();
}
