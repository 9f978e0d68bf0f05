import type { ClassModel } from "../../model/types.js";
import { appendAll } from "../../util/arrays.js";
import { classInterface } from "./class-interface.js";
import { classSchema } from "./class-schema.js";
import { type NamespaceContext, orderedParameters } from "./context.js";
import type { GeneratedFile } from "./generated-file.js";
import { methodDeclarations } from "./methods.js";
import { ModuleScope, type Specifier, specifierText } from "./module-scope.js";
import { stringLiteral } from "./names.js";
import { type ModuleStatement, printModule, type RawStatement } from "./print.js";
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
  for (const m of cls.ownMethods) appendAll(body, methodDeclarations(cls, m, ctx, scope));
  body.push(classSchema(cls, ctx, scope));
  const header = `MOF class ${cls.name} of namespace ${cls.namespace}.`;
  return { path, owner: "mofgen", content: printModule(header, scope, [...reexports, ...body]) };
}

/**
 * The value maps the class's own elements declare, re-exported from the shared `value-maps.ts` under the elements'
 * names: `export { Shared as C_P, Shared_Map as C_P_Map, decodeShared as decodeC_P } from "./value-maps.js"`. The
 * module's own types import the type under the same name (`ModuleScope.mapRef`).
 */
function valueMapExports(cls: ClassModel, ctx: NamespaceContext, scope: ModuleScope): RawStatement[] {
  const elements: object[] = [...cls.ownProperties];
  for (const m of cls.ownMethods) {
    elements.push(m);
    appendAll(elements, orderedParameters(m));
  }
  const exported: Specifier[] = [];
  for (const element of elements) {
    const own = ctx.ownMaps.get(element);
    if (own === undefined) continue;
    const { publicName, shared } = own;
    const pairs: [string, string][] = [
      [shared.name, publicName],
      [shared.table, tableName(publicName)],
      [shared.decoder, decoderName(publicName)],
    ];
    for (const [name, alias] of pairs) exported.push(name === alias ? { name } : { name, alias });
  }
  if (exported.length === 0) return [];
  // Text, like the imports (see `importLine`): one line, in the shape ts-morph prints an ExportDeclarationStructure.
  const line = `export { ${specifierText(exported)} } from ${stringLiteral(scope.valueMapsSpecifier())};`;
  return [{ kind: "raw", lines: [line] }];
}
