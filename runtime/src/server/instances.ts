import { CimError, CimStatus } from "../values/cim-error.js";
import { foldName } from "../values/cim-name.js";
import type { ObjectPath } from "../values/reference.js";
import type { ClassSchema } from "../values/schema.js";
import type { ServedNamespace } from "./namespace.js";
import { concatResults, mapResults, type Results } from "./results.js";

/**
 * What every protocol's instance operations share, whatever their wire form: the instances of a class and its
 * subclasses, property selection, and the check of an instance path. CIM-XML (`cimxml/`) and WS-Management
 * (`wsman/`) both build on these, so a class is enumerated, and a path refused, the same way over either.
 */
export interface PathedInstance {
  readonly path: ObjectPath;
  readonly properties: Readonly<Record<string, unknown>>;
}

/**
 * Every instance of `className` and, with `deep`, of its subclasses: each class that has a provider is asked
 * (`ProviderHost` serves one class per provider, so a superclass's enumeration is the union of its subclasses'). With
 * `deep` false the instances keep only the properties `className` has (DSP0200 DeepInheritance). An array when every
 * provider returned one; when one streams, a stream that reads the providers one after the other, item by item.
 */
export async function enumerate(
  ns: ServedNamespace,
  className: string,
  signal: AbortSignal,
  deep = true,
): Promise<Results<PathedInstance>> {
  const requested = ns.requireClass(className);
  const own = deep ? undefined : new Set(requested.properties.map((p) => foldName(p.name)));
  const parts: Results<PathedInstance>[] = [];
  for (const schema of ns.providedClasses(requested.name)) {
    const instances = (await ns.host.instanceStream(schema.name, { signal })) as Results<Record<string, unknown>>;
    parts.push(
      mapResults(instances, (properties) => ({
        path: ns.pathOf(schema, properties),
        properties: pick(properties, own),
      })),
    );
  }
  return concatResults(parts);
}

/** The properties named in `names` (case-folded), or all of them when `names` is undefined. */
export function pick(
  properties: Readonly<Record<string, unknown>>,
  names: ReadonlySet<string> | undefined,
): Record<string, unknown> {
  if (names === undefined) return properties as Record<string, unknown>;
  return Object.fromEntries(Object.entries(properties).filter(([name]) => names.has(foldName(name))));
}

/** A PropertyList as a set of case-folded names; undefined (every property) when the list is absent. */
export function propertyFilter(list: readonly string[] | undefined): ReadonlySet<string> | undefined {
  return list === undefined ? undefined : new Set(list.map((name) => foldName(name)));
}

/** An instance path of the namespace's class: the class must exist and have a provider (else NOT_FOUND). */
export function instancePath(ns: ServedNamespace, path: ObjectPath, operation: string): ObjectPath {
  const schema: ClassSchema = ns.requireClass(path.className);
  if (Object.keys(path.keys).length === 0 && schema.properties.some((p) => p.key === true))
    throw new CimError(
      CimStatus.CIM_ERR_INVALID_PARAMETER,
      `${operation}: ${path.className} is a class, not an instance path`,
    );
  if (!ns.isProvided(schema.name))
    throw new CimError(CimStatus.CIM_ERR_NOT_FOUND, `${operation}: ${schema.name} has no instances here (no provider)`);
  return { className: schema.name, namespace: ns.name, keys: path.keys };
}
