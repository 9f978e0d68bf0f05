import type { NamespaceContext } from "./context.js";
import type { FunctionDeclaration, TypeAlias } from "./declarations.js";
import type { GeneratedFile } from "./generated-file.js";
import { docComment, docs } from "./jsdoc.js";
import { type ModuleScope, outputModule, sharedMapsPath } from "./module-scope.js";
import type { ModuleStatement, RawStatement } from "./print.js";
import { type SharedMap, tableEntry } from "./shared-maps.js";
import { namespaceDir } from "./symbols.js";

/**
 * `<nsdir>/value-maps.ts`: each distinct value map of the namespace once (see `shared-maps.ts`). Per map: the
 * `as const` object of its single entries and the same-named type (the literals, plus `OpenValue` when the map is
 * open), the run-time label table, and a decoder that knows ranges and `..` (the runtime's `decode`).
 */
export function valueMapsModule(ctx: NamespaceContext): GeneratedFile | undefined {
  const shared = ctx.maps.all();
  if (shared.length === 0) return undefined;
  const path = sharedMapsPath(`${namespaceDir(ctx.ns.name)}/x.ts`);
  const header = `the value maps of namespace ${ctx.ns.name}: each distinct map once, re-exported by the class modules under their elements' names.`;
  const scope = outputModule(path, header, ctx.options, ctx.names);
  for (const map of shared) scope.module.addAll(mapStatements(map, scope));
  return scope.module.file();
}

/**
 * The type of a map's values, written against `object`, the `as const` object of its named values (the shared one
 * here, an element's own binding in a class module): the literals, plus `OpenValue` when the map is open; the base
 * type when the map has no single value. A class module writes the same text under an element's own name, because
 * TypeScript shows a type by the alias that wrote its union: `type B = A` would still show `A`.
 */
export function mapTypeText(map: SharedMap, object: string, scope: ModuleScope): string {
  return mapUnion(map, object, scope).join(" | ") || mapBase(map);
}

function mapBase(map: SharedMap): string {
  return map.map.valueType === "integer" ? (map.int64 ? "bigint" : "number") : "string";
}

function mapUnion(map: SharedMap, object: string, scope: ModuleScope): string[] {
  const literals = map.members.length > 0 ? [`(typeof ${object})[keyof typeof ${object}]`] : [];
  const integer = map.map.valueType === "integer";
  const open = map.map.open && integer ? [`${scope.runtime("OpenValue")}${map.int64 ? "<bigint>" : ""}`] : [];
  return [...literals, ...open];
}

function mapStatements(map: SharedMap, scope: ModuleScope): ModuleStatement[] {
  const integer = map.map.valueType === "integer";
  const base = mapBase(map);
  const union = mapUnion(map, map.name, scope);
  const open = map.map.open && integer;
  const entryKinds = `${map.map.open ? "an open" : "a closed"} ${map.map.valueType} map`;
  const object: RawStatement = {
    kind: "raw",
    lines: [
      ...docComment({
        notes: [`Named values of ${map.origin}'s ValueMap (${entryKinds}); ranges and \`..\` have no single value.`],
      }),
      ...(map.members.length === 0
        ? [`export const ${map.name} = {} as const;`]
        : [`export const ${map.name} = {`, ...map.members.map((m) => `  ${m.name}: ${m.literal},`), "} as const;"]),
    ],
  };
  const type: TypeAlias = {
    kind: "typeAlias",
    name: map.name,
    docs: docs({
      notes: [
        union.length === 0
          ? `${map.origin}: a closed map with no single value; any ${base} is typed.`
          : `Values of ${map.origin}${open ? ": the named ones, or any other (the map is open)" : ""}.`,
      ],
    }),
    type: mapTypeText(map, map.name, scope),
  };
  const valueMapType = scope.runtime("ValueMap");
  const table: RawStatement = {
    kind: "raw",
    lines: [
      ...docComment({ notes: [`Label table of ${map.origin}'s ValueMap/Values, in MOF order.`] }),
      ...(map.map.entries.length === 0
        ? [`export const ${map.table} = [] as const satisfies ${valueMapType};`]
        : [
            `export const ${map.table} = [`,
            ...map.map.entries.map((e) => `  ${tableEntry(e)},`),
            `] as const satisfies ${valueMapType};`,
          ]),
    ],
  };
  const label = `(typeof ${map.table})[number]["label"]`;
  const decode = scope.runtime("decode", false);
  const decoder: FunctionDeclaration = {
    kind: "function",
    name: map.decoder,
    docs: docs({
      notes: [`The label that ${map.origin}'s ValueMap gives a value (ranges and \`..\` included), or undefined.`],
    }),
    parameters: [{ name: "value", type: integer ? "number | bigint" : "string" }],
    returnType: `${label} | undefined`,
    statements: [`return ${decode}(${map.table}, value) as ${label} | undefined;`],
  };
  return [object, type, table, decoder];
}
