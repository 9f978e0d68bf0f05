import type { SchemaModel } from "../../model/types.js";
import { compareCodeUnits } from "../../util/compare.js";
import { classModule } from "./class-module.js";
import { planNamespace } from "./context.js";
import type { GeneratedFile, TypeScriptOptions } from "./generated-file.js";
import { namespaceIndex, namespaceIndexPath, rootIndex } from "./indexes.js";
import { valueMapsModule } from "./value-maps-module.js";

/**
 * The class modules of a schema (issue 4): per namespace that has classes, one module per class, the shared
 * `value-maps.ts` and an index; and a root `index.ts` with each namespace as a namespace export. Pure and
 * deterministic: namespaces and classes are taken in name order, so the output does not depend on input order.
 */
export function emitClassModules(schema: SchemaModel, options: TypeScriptOptions): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const indexes: Parameters<typeof rootIndex>[0][number][] = [];
  const namespaces = schema.namespaces
    .filter((ns) => ns.classes.length > 0)
    .sort((a, b) => compareCodeUnits(a.name.toLowerCase(), b.name.toLowerCase()) || compareCodeUnits(a.name, b.name));
  for (const ns of namespaces) {
    const ctx = planNamespace(schema, ns, options);
    for (const cls of ctx.classes) files.push(classModule(cls, ctx));
    const maps = valueMapsModule(ctx);
    if (maps !== undefined) files.push(maps);
    files.push(namespaceIndex(ctx));
    indexes.push({ ns, indexPath: namespaceIndexPath(ctx) });
  }
  if (indexes.length > 0) files.push(rootIndex(indexes, options));
  return files.sort((a, b) => compareCodeUnits(a.path, b.path));
}
