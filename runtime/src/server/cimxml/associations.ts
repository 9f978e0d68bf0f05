import { foldName, sameName } from "../../values/cim-name.js";
import { type ObjectPath, parseObjectPath } from "../../values/reference.js";
import type { ClassSchema } from "../../values/schema.js";
import type { ServedNamespace } from "../namespace.js";
import { classLevel } from "./class-associations.js";
import type { IParams } from "./iparams.js";
import { instancePath, type Operation, pick, propertyFilter } from "./operation.js";
import { iReturnValue, type PathedInstance, writeInstanceWithPath, writeObjectPath } from "./response.js";

/**
 * Associators, AssociatorNames, References, ReferenceNames (DSP0200 §5.3.2.11-14) for instance names. Every
 * association class with a provider whose references can point at the source is asked for its references to the
 * source; the far ends are the other references of those association instances, fetched with GetInstance. (A
 * provider's own `associators` returns plain objects that do not say their class, which a response must name.)
 * On a class name, each is a schema query answered from the generated schemas (class-associations.ts).
 */

const shown = ["IncludeQualifiers", "IncludeClassOrigin", "PropertyList"];

export const References: Operation = {
  params: ["ObjectName", "ResultClass", "Role", ...shown],
  async run({ ns, params, signal, hostName }) {
    if (params.namesClass("ObjectName")) return classLevel.References(ns, params, hostName);
    const links = await referencesTo(ns, sourcePath(ns, params, "References"), params, signal);
    const filter = propertyFilter(params.strings("PropertyList"));
    const items = links.map((l) => ({ path: l.path, properties: pick(l.properties, filter) }));
    return iReturnValue(items, writeInstanceWithPath(ns.lookup, hostName, "VALUE.OBJECTWITHPATH"));
  },
};

export const ReferenceNames: Operation = {
  params: ["ObjectName", "ResultClass", "Role"],
  async run({ ns, params, signal, hostName }) {
    if (params.namesClass("ObjectName")) return classLevel.ReferenceNames(ns, params, hostName);
    const links = await referencesTo(ns, sourcePath(ns, params, "ReferenceNames"), params, signal);
    return iReturnValue(
      links.map((l) => l.path),
      writeObjectPath(hostName),
    );
  },
};

export const Associators: Operation = {
  params: ["ObjectName", "AssocClass", "ResultClass", "Role", "ResultRole", ...shown],
  async run({ ns, params, signal, hostName }) {
    if (params.namesClass("ObjectName")) return classLevel.Associators(ns, params, hostName);
    const paths = await associatedPaths(ns, sourcePath(ns, params, "Associators"), params, signal);
    const items = await instancesAt(ns, paths, params, signal);
    return iReturnValue(items, writeInstanceWithPath(ns.lookup, hostName, "VALUE.OBJECTWITHPATH"));
  },
};

export const AssociatorNames: Operation = {
  params: ["ObjectName", "AssocClass", "ResultClass", "Role", "ResultRole"],
  async run({ ns, params, signal, hostName }) {
    if (params.namesClass("ObjectName")) return classLevel.AssociatorNames(ns, params, hostName);
    const paths = await associatedPaths(ns, sourcePath(ns, params, "AssociatorNames"), params, signal);
    return iReturnValue(paths, writeObjectPath(hostName));
  },
};

export interface Link extends PathedInstance {
  readonly association: ClassSchema;
}

/** The instances at `paths`, with the PropertyList applied (Associators' and OpenAssociatorInstances' results). */
export async function instancesAt(
  ns: ServedNamespace,
  paths: readonly ObjectPath[],
  params: IParams,
  signal: AbortSignal,
): Promise<PathedInstance[]> {
  const filter = propertyFilter(params.strings("PropertyList"));
  const items: PathedInstance[] = [];
  for (const path of paths) {
    const properties = await ns.host.getInstance(path, { signal });
    items.push({ path, properties: pick(properties as Record<string, unknown>, filter) });
  }
  return items;
}

/** The association instances that refer to the source, of the association classes `assocParam` allows. */
export async function referencesTo(
  ns: ServedNamespace,
  source: ObjectPath,
  params: IParams,
  signal: AbortSignal,
  assocParam = "ResultClass",
): Promise<Link[]> {
  const assocClass = params.className(assocParam);
  if (assocClass !== undefined) ns.requireClass(assocClass);
  const role = params.string("Role");
  const links: Link[] = [];
  for (const association of ns.providedClasses(assocClass)) {
    if (association.association !== true) continue;
    const roles = association.properties.filter(
      (p) =>
        p.type === "reference" &&
        (role === undefined || sameName(p.name, role)) &&
        (p.referenceClass === undefined || ns.isA(source.className, p.referenceClass)),
    );
    if (roles.length === 0) continue;
    const found = await ns.host.references(association.name, source, { ...(role !== undefined && { role }), signal });
    for (const properties of found as Record<string, unknown>[])
      links.push({ association, path: ns.pathOf(association, properties), properties });
  }
  return links;
}

/** The far ends of the links to the source, filtered by ResultClass and ResultRole, each once. */
export async function associatedPaths(
  ns: ServedNamespace,
  source: ObjectPath,
  params: IParams,
  signal: AbortSignal,
): Promise<ObjectPath[]> {
  const resultClass = params.className("ResultClass");
  if (resultClass !== undefined) ns.requireClass(resultClass);
  const role = params.string("ResultRole");
  const resultRole = role === undefined ? undefined : foldName(role);
  const seen = new Set<string>();
  const result: ObjectPath[] = [];
  for (const link of await referencesTo(ns, source, params, signal, "AssocClass")) {
    for (const property of link.association.properties) {
      if (property.type !== "reference") continue;
      if (resultRole !== undefined && foldName(property.name) !== resultRole) continue;
      const far = toPath(link.properties[property.name]);
      if (far === undefined || samePath(far, source)) continue;
      if (resultClass !== undefined && !ns.isA(far.className, resultClass)) continue;
      const key = JSON.stringify([
        foldName(far.className),
        Object.entries(far.keys).map(([k, v]) => [foldName(k), String(v)]),
      ]);
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ className: far.className, namespace: ns.name, keys: far.keys });
    }
  }
  return result;
}

/**
 * The instance an association operation starts from, in its ObjectName (or, for the pull operations, InstanceName).
 * Associators and the like answer a class name before they get here (class-associations.ts); an instance name
 * without keys is a class, not an instance: CIM_ERR_INVALID_PARAMETER (instancePath).
 */
export function sourcePath(ns: ServedNamespace, params: IParams, operation: string, param = "ObjectName"): ObjectPath {
  return instancePath(ns, params.path(param), operation);
}

function toPath(value: unknown): ObjectPath | undefined {
  if (typeof value === "string") return parseObjectPath(value);
  if (typeof value === "object" && value !== null && "className" in value && "keys" in value)
    return value as ObjectPath;
  return undefined;
}

function samePath(a: ObjectPath, b: ObjectPath): boolean {
  if (!sameName(a.className, b.className)) return false;
  const keys = (p: ObjectPath) =>
    Object.entries(p.keys)
      .map(([k, v]) => `${foldName(k)}=${String(v)}`)
      .sort()
      .join(",");
  return keys(a) === keys(b);
}
