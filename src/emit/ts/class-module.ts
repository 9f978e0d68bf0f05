import { type ExportDeclarationStructure, StructureKind } from "ts-morph";
import type { ClassModel } from "../../model/types.js";
import { classInterface } from "./class-interface.js";
import { classSchema } from "./class-schema.js";
import { type NamespaceContext, orderedParameters } from "./context.js";
import type { GeneratedFile } from "./generated-file.js";
import { methodDeclarations } from "./methods.js";
import { ModuleScope, specifierList } from "./module-scope.js";
import { type ModuleStatement, printModule } from "./print.js";
import { decoderName, tableName } from "./shared-maps.js";
import { classModulePath } from "./symbols.js";

/**
 * The module of one class: its value maps (re-exported from the namespace's shared `value-maps.ts` under the names
 * of the elements that declare them), its interface, the In/Out types of the methods it declares, job guards, and
 * its run-time schema. Value-map re-exports come first so a reader sees the names the class adds.
 */
export function classModule(cls: ClassModel, ctx: NamespaceContext): GeneratedFile {
  const path = classModulePath(cls);
  const scope = new ModuleScope(path, ctx.options.runtimeImport, ctx.names, cls, ctx);
  const reexports = valueMapExports(cls, ctx, scope);
  const body: ModuleStatement[] = [classInterface(cls, ctx, scope)];
  for (const m of cls.ownMethods) body.push(...methodDeclarations(cls, m, ctx, scope));
  body.push(classSchema(cls, ctx, scope));
  const header = `MOF class ${cls.name} of namespace ${cls.namespace}.`;
  return { path, owner: "mofgen", content: printModule(header, scope, [...reexports, ...body]) };
}

/**
 * The value maps the class's own elements declare: imported from the shared `value-maps.ts` under the elements' names
 * (`import { Shared as C_P, Shared_Map as C_P_Map, decodeShared as decodeC_P }`) and exported, so the module's own
 * types use those names too.
 */
function valueMapExports(cls: ClassModel, ctx: NamespaceContext, scope: ModuleScope): ExportDeclarationStructure[] {
  const elements: object[] = [...cls.ownProperties];
  for (const m of cls.ownMethods) elements.push(m, ...orderedParameters(m));
  const exported: string[] = [];
  for (const element of elements) {
    const own = ctx.ownMaps.get(element);
    if (own === undefined) continue;
    const { publicName, shared } = own;
    scope.valueMap(shared.name, false, publicName);
    scope.valueMap(shared.table, false, tableName(publicName));
    scope.valueMap(shared.decoder, false, decoderName(publicName));
    exported.push(publicName, tableName(publicName), decoderName(publicName));
  }
  if (exported.length === 0) return [];
  return [{ kind: StructureKind.ExportDeclaration, namedExports: specifierList(exported.map((name) => ({ name }))) }];
}
