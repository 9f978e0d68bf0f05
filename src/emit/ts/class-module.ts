import type { ClassModel } from "../../model/types.js";
import { appendAll } from "../../util/arrays.js";
import { classInterface } from "./class-interface.js";
import { classSchema } from "./class-schema.js";
import { is64, type NamespaceContext, orderedParameters } from "./context.js";
import type { GeneratedFile } from "./generated-file.js";
import { type Specifier, specifierText } from "./generated-module.js";
import { docComment } from "./jsdoc.js";
import { methodDeclarations } from "./methods.js";
import { type MapOwner, type ModuleScope, outputModule } from "./module-scope.js";
import { stringLiteral } from "./names.js";
import type { RawStatement } from "./print.js";
import { decoderName, tableName } from "./shared-maps.js";
import { classModulePath } from "./symbols.js";
import { mapTypeText } from "./value-maps-module.js";

/**
 * The module of one class: its value maps (re-exported from the namespace's shared `value-maps.ts` under the names
 * of the elements that declare them), its interface, the In/Out types of the methods it declares, job guards, and
 * its run-time schema. Value-map re-exports come first so a reader sees the names the class adds.
 */
export function classModule(cls: ClassModel, ctx: NamespaceContext): GeneratedFile {
  const header = `MOF class ${cls.name} of namespace ${cls.namespace}.`;
  const scope = outputModule(classModulePath(cls), header, ctx.options, ctx.names, cls, ctx);
  const { module } = scope;
  module.addAll(valueMapExports(cls, ctx, scope));
  module.add(classInterface(cls, ctx, scope));
  for (const m of cls.ownMethods) module.addAll(methodDeclarations(cls, m, ctx, scope));
  module.add(classSchema(cls, ctx, scope));
  return module.file();
}

/**
 * The value maps of the class's elements, under the names users meet. An element that declares its own map exports
 * it under its own name: `Shared_Map as C_P_Map` and `decodeShared as decodeC_P` re-exported from the namespace's
 * `value-maps.ts`, and, when the shared declaration carries another element's name, its own `const C_P` and
 * `type C_P` (a union written here, so hovers and errors say `C_P`, not the first declarer's name). The maps of
 * inherited properties are re-exported from the class that declares them, so a class module has the decoders of
 * every property an instance of it holds.
 */
function valueMapExports(cls: ClassModel, ctx: NamespaceContext, scope: ModuleScope): RawStatement[] {
  const elements: object[] = [...cls.ownProperties];
  for (const m of cls.ownMethods) {
    elements.push(m);
    appendAll(elements, orderedParameters(m));
  }
  const fromMaps: Specifier[] = [];
  const declarations: string[] = [];
  const exported = new Set<string>();
  for (const element of elements) {
    const own = ctx.ownMaps.get(element);
    if (own === undefined) continue;
    const { publicName, shared } = own;
    exported.add(publicName);
    if (publicName === shared.name) fromMaps.push({ name: shared.name });
    else appendAll(declarations, ownMapDeclarations(own, scope));
    fromMaps.push(alias(shared.table, tableName(publicName)), alias(shared.decoder, decoderName(publicName)));
  }
  const inherited = inheritedMapExports(cls, ctx, scope, exported);
  // Re-exports are lines of text, as the imports are (`GeneratedModule`): one line per module.
  const lines = [...inherited];
  if (fromMaps.length > 0)
    lines.push(`export { ${specifierText(fromMaps)} } from ${stringLiteral(scope.valueMapsSpecifier())};`);
  const out: RawStatement[] = [];
  if (lines.length > 0) out.push({ kind: "raw", lines });
  if (declarations.length > 0) out.push({ kind: "raw", lines: declarations });
  return out;
}

function alias(name: string, as: string): Specifier {
  return name === as ? { name } : { name, alias: as };
}

/** `export const C_P = Shared;` and `export type C_P = (typeof C_P)[keyof typeof C_P]` (see `mapTypeText`). */
function ownMapDeclarations(own: MapOwner, scope: ModuleScope): string[] {
  const { publicName, shared, origin } = own;
  const object = scope.valueMap(shared.name, false);
  return [
    ...docComment({ notes: [`Named values of ${origin}'s ValueMap (the same map as ${shared.origin}'s).`] }),
    `export const ${publicName} = ${object};`,
    ...docComment({ notes: [`Values of ${origin}.`] }),
    `export type ${publicName} = ${mapTypeText(shared, publicName, scope)};`,
  ];
}

/**
 * `export { CIM_Super_P, CIM_Super_P_Map, decodeCIM_Super_P } from "./CIM_Super.js"` for each inherited property
 * whose map another class of the namespace declares (a map with no owner comes from `value-maps.ts` under its
 * shared name). One line per module, grouped in the order the properties come.
 */
function inheritedMapExports(
  cls: ClassModel,
  ctx: NamespaceContext,
  scope: ModuleScope,
  exported: Set<string>,
): string[] {
  const byModule = new Map<string, Specifier[]>();
  for (const p of cls.properties) {
    if (p.valueMap === undefined || ctx.ownMaps.has(p)) continue;
    const int64 = is64(p.type);
    const owner = ctx.owners.get(p.valueMap)?.find((o) => o.shared.int64 === int64);
    if (owner?.cls === cls) continue;
    const shared = owner?.shared ?? ctx.maps.find(p.valueMap, int64);
    if (shared === undefined) continue;
    const name = owner?.publicName ?? shared.name;
    if (exported.has(name)) continue;
    exported.add(name);
    const specifier = owner === undefined ? scope.valueMapsSpecifier() : scope.moduleSpecifier(owner.cls);
    const list = byModule.get(specifier) ?? [];
    if (owner === undefined) list.push({ name }, { name: shared.table }, { name: shared.decoder });
    else list.push({ name }, { name: tableName(name) }, { name: decoderName(name) });
    byModule.set(specifier, list);
  }
  return [...byModule].map(([from, names]) => `export { ${specifierText(names)} } from ${stringLiteral(from)};`);
}
