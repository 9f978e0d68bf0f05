import type { ClassModel, SchemaModel } from "../../model/types.js";
import { fold } from "../../model/types.js";
import { compareCodeUnits } from "../../util/compare.js";
import { classModule } from "./class-module.js";
import { type NamespaceContext, planNamespace } from "./context.js";
import type { GeneratedFile, TypeScriptOptions } from "./generated-file.js";
import { namespaceIndex, namespaceIndexPath, rootIndex } from "./indexes.js";
import { valueMapsModule } from "./value-maps-module.js";

/**
 * Reuse of class modules across runs (a resident session's, `session/emit-memo.ts`): given the class, its
 * namespace's plan and the way to make its module, return the module, made or remembered. Without one, every
 * module is made.
 */
export type ClassModuleMemo = (cls: ClassModel, ctx: NamespaceContext, make: () => GeneratedFile) => GeneratedFile;

/** The same for a namespace's shared `value-maps.ts` (none when the namespace has no map). */
export type ValueMapsModuleMemo = (
  ctx: NamespaceContext,
  make: () => GeneratedFile | undefined,
) => GeneratedFile | undefined;

/**
 * The class modules of a schema (issue 4): per namespace that has classes, one module per class, the shared
 * `value-maps.ts` and an index; and a root `index.ts` with each namespace as a namespace export. Pure and
 * deterministic: namespaces and classes are taken in name order, so the output does not depend on input order.
 */
export function emitClassModules(
  schema: SchemaModel,
  options: TypeScriptOptions,
  memo?: { readonly classModule: ClassModuleMemo; readonly valueMapsModule?: ValueMapsModuleMemo },
): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const indexes: Parameters<typeof rootIndex>[0][number][] = [];
  const namespaces = schema.namespaces
    .filter((ns) => ns.classes.length > 0)
    .sort((a, b) => compareCodeUnits(fold(a.name), fold(b.name)) || compareCodeUnits(a.name, b.name));
  for (const ns of namespaces) {
    const ctx = planNamespace(schema, ns, options);
    for (const cls of ctx.classes)
      files.push(memo === undefined ? classModule(cls, ctx) : memo.classModule(cls, ctx, () => classModule(cls, ctx)));
    const maps = memo?.valueMapsModule ? memo.valueMapsModule(ctx, () => valueMapsModule(ctx)) : valueMapsModule(ctx);
    if (maps !== undefined) files.push(maps);
    files.push(namespaceIndex(ctx));
    indexes.push({ ns, indexPath: namespaceIndexPath(ctx) });
  }
  if (indexes.length > 0) files.push(rootIndex(indexes, options));
  return files.sort((a, b) => compareCodeUnits(a.path, b.path));
}
