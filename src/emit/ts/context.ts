import { findQualifier } from "../../model/qualifiers.js";
import type {
  ClassModel,
  DataType,
  MethodModel,
  NamespaceModel,
  ParameterModel,
  PropertyModel,
  SchemaModel,
  ValueMap,
  ValueMapDeclarer,
} from "../../model/types.js";
import { fold } from "../../model/types.js";
import { compareCodeUnits } from "../../util/compare.js";
import type { TypeScriptOptions } from "./generated-file.js";
import type { MapOwner, MapResolver } from "./module-scope.js";
import { NamespaceNames, nameSuffix, sortedClasses } from "./namespace-names.js";
import { decoderName, SharedMaps, tableName } from "./shared-maps.js";
import { classSymbol } from "./symbols.js";

/**
 * What the emitters of one namespace share, planned before any module is printed: the classes in a fixed order, the
 * namespace-unique names, the shared value maps, and which elements declare a map of their own (and so export it
 * under their own name). Planning first makes every name independent of the order modules are printed in.
 */
export interface NamespaceContext extends MapResolver {
  readonly schema: SchemaModel;
  readonly ns: NamespaceModel;
  readonly options: TypeScriptOptions;
  readonly classes: readonly ClassModel[];
  readonly names: NamespaceNames;
  readonly maps: SharedMaps;
  /** Elements (property, method for its return value, parameter) that declare their own map: public name and map. */
  readonly ownMaps: ReadonlyMap<object, OwnMap>;
  /** Methods with a job-started helper: the helper's name. */
  readonly jobGuards: ReadonlyMap<MethodModel, string>;
  findClass(name: string): ClassModel | undefined;
  superclassOf(cls: ClassModel): ClassModel | undefined;
}

export type OwnMap = MapOwner;

export function planNamespace(schema: SchemaModel, ns: NamespaceModel, options: TypeScriptOptions): NamespaceContext {
  const classes = sortedClasses(ns);
  const names = new NamespaceNames(classes);
  const maps = new SharedMaps();
  const ownMaps = new Map<object, OwnMap>();
  const owners = new Map<ValueMap, MapOwner[]>();
  const jobGuards = new Map<MethodModel, string>();
  const others = [...schema.namespaces].filter((n) => n !== ns).sort((a, b) => compareCodeUnits(a.name, b.name));
  const findClass = (name: string) => {
    const key = fold(name);
    return ns.classByName.get(key) ?? others.map((n) => n.classByName.get(key)).find((c) => c !== undefined);
  };
  const superclassOf = (cls: ClassModel) =>
    cls.superclass === undefined ? undefined : ns.classByName.get(fold(cls.superclass));
  const claimMap = (cls: ClassModel, element: object, map: ValueMap, type: DataType, base: string, origin: string) => {
    const publicName = names.claim(base, (n) => [tableName(n), decoderName(n)]);
    const owner = { cls, publicName, shared: maps.declare(map, is64(type), publicName, origin), origin };
    ownMaps.set(element, owner);
    const list = owners.get(map) ?? [];
    if (!list.some((o) => o.shared.int64 === owner.shared.int64)) owners.set(map, [...list, owner]);
  };

  for (const cls of classes) {
    const symbol = classSymbol(cls);
    for (const p of cls.ownProperties) {
      if (p.valueMap !== undefined && declaredBy(p.valueMap, cls, "property", p.name))
        claimMap(cls, p, p.valueMap, p.type, `${symbol}_${nameSuffix(p.name)}`, `${cls.name}.${p.name}`);
    }
    for (const m of cls.ownMethods) {
      const prefix = `${symbol}_${nameSuffix(m.name)}`;
      if (m.valueMap !== undefined && declaredBy(m.valueMap, cls, "method", m.name))
        claimMap(cls, m, m.valueMap, m.returnType, `${prefix}_ReturnValue`, `${cls.name}.${m.name}()`);
      for (const p of orderedParameters(m)) {
        if (p.valueMap !== undefined && declaredBy(p.valueMap, cls, "parameter", m.name, p.name))
          claimMap(cls, p, p.valueMap, p.type, `${prefix}_${nameSuffix(p.name)}`, `${cls.name}.${m.name}(${p.name})`);
      }
      if (jobParameter(m) !== undefined) jobGuards.set(m, names.claim(`is${prefix}_JobStarted`));
    }
  }
  // Maps the model re-homes here (their declarer is in another namespace, or declares them for another type) have
  // no owner: `value-maps.ts` declares each under the first element that re-homes it, unless the namespace has a
  // table for it at that literal kind already (a re-typed uint16 shares its uint32 table; only 64 bits differ).
  for (const cls of classes) {
    for (const { map, declarer } of cls.rehomedValueMaps) {
      const int64 = is64(declarer.type);
      if (maps.find(map, int64) !== undefined) continue;
      const suffix = elementSuffix(declarer);
      const name = names.claim(`${classSymbol(cls)}_${nameSuffix(suffix)}`, (n) => [tableName(n), decoderName(n)]);
      maps.declare(map, int64, name, `${cls.name}.${suffix}`);
    }
  }
  return { schema, ns, options, classes, names, maps, owners, ownMaps, jobGuards, findClass, superclassOf };
}

/** Whether the model names this element of `cls` as the map's declarer: the element writes the map itself. */
function declaredBy(
  map: ValueMap,
  cls: ClassModel,
  element: ValueMapDeclarer["element"],
  member: string,
  parameter?: string,
): boolean {
  const d = map.declarer;
  return (
    d.element === element &&
    fold(d.className) === fold(cls.name) &&
    fold(d.namespace) === fold(cls.namespace) &&
    fold(d.member) === fold(member) &&
    fold(d.parameter ?? "") === fold(parameter ?? "")
  );
}

/** A re-homed map's element as its shared name and origin spell it: `P`, `M_ReturnValue`, `M_P`. */
function elementSuffix(d: ValueMapDeclarer): string {
  if (d.element === "property") return d.member;
  return d.element === "method" ? `${d.member}_ReturnValue` : `${d.member}_${d.parameter}`;
}

/** Whether a map types a 64-bit integer element (its literals are then bigint). */
export function is64(type: DataType): boolean {
  return type.kind === "intrinsic" && (type.name === "sint64" || type.name === "uint64");
}

/**
 * Parameters in `ID` qualifier order when every parameter has an ID (mofcomp numbers them; DSP0004 leaves order to
 * declaration), else as declared. The sort is stable, so equal IDs keep declaration order.
 */
export function orderedParameters(m: MethodModel): ParameterModel[] {
  const ids = m.parameters.map((p) => {
    const q = findQualifier(p.qualifiers, "id");
    return q?.value.kind === "integer" ? q.value.value : undefined;
  });
  if (ids.some((id) => id === undefined)) return [...m.parameters];
  const order = m.parameters.map((p, i) => ({ p, id: ids[i] as bigint, i }));
  order.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.i - b.i));
  return order.map((o) => o.p);
}

/**
 * The Out `Job` REF parameter of a method whose return map has 4096 ("Method Parameters Checked - Job Started"),
 * the convention of MOF_GUIDE §5; undefined for other methods.
 */
export function jobParameter(m: MethodModel): ParameterModel | undefined {
  if (m.returnType.kind !== "intrinsic" || !m.valueMap?.entries.some((e) => e.kind === "single" && e.lo === 4096n))
    return undefined;
  return m.parameters.find((p) => p.out && fold(p.name) === "job" && p.type.kind === "reference" && !p.array);
}

export type { PropertyModel };
