import { CimError, CimStatus } from "../values/cim-error.js";
import { foldName, sameName } from "../values/cim-name.js";
import { type ObjectPath, parseObjectPath } from "../values/reference.js";
import type { ClassSchema } from "../values/schema.js";
import type { PathedInstance } from "./instances.js";
import type { ServedNamespace } from "./namespace.js";
import { concatResults, flatMapResults, mapResults, type Results } from "./results.js";

/**
 * Association walking, the same for every protocol: CIM-XML's References/Associators (DSP0200 §5.3.2.11-14) and
 * WS-Management's `AssociationInstances`/`AssociatedInstances` filters (DSP0227 §8.2) ask the same questions with
 * other words. Every association class with a provider whose references can point at the source is asked for its
 * references to the source; the far ends are the other references of those association instances. (A provider's
 * own `associators` returns plain objects that do not say their class, which an answer must name.)
 */
export interface Link extends PathedInstance {
  readonly association: ClassSchema;
}

export interface ReferenceFilter {
  /** Association classes allowed (References' ResultClass, Associators' AssocClass). */
  readonly assocClass?: string;
  /** The source's role in the association. */
  readonly role?: string;
}

export interface AssociatorFilter extends ReferenceFilter {
  readonly resultClass?: string;
  readonly resultRole?: string;
}

/**
 * The association instances that refer to `source`, of the association classes the filter allows: an array when
 * every provider returned one, else a stream over them, read as the caller pulls.
 */
export async function referencesTo(
  ns: ServedNamespace,
  source: ObjectPath,
  filter: ReferenceFilter,
  signal: AbortSignal,
): Promise<Results<Link>> {
  const { assocClass, role } = filter;
  if (assocClass !== undefined) ns.requireClass(assocClass);
  const parts: Results<Link>[] = [];
  for (const association of ns.providedClasses(assocClass)) {
    if (association.association !== true) continue;
    const roles = association.properties.filter(
      (p) =>
        p.type === "reference" &&
        (role === undefined || sameName(p.name, role)) &&
        (p.referenceClass === undefined || ns.isA(source.className, p.referenceClass)),
    );
    if (roles.length === 0) continue;
    const found = (await ns.host.referenceStream(association.name, source, {
      ...(role !== undefined && { role }),
      signal,
    })) as Results<Record<string, unknown>>;
    parts.push(
      mapResults(found, (properties) => ({ association, path: ns.pathOf(association, properties), properties })),
    );
  }
  return concatResults(parts);
}

/**
 * The far ends of the links to `source`, filtered by the result class and role, each once. Over a stream, the far
 * ends already given are remembered (by key) to give each once: that set grows with the distinct far ends, not
 * with the links.
 */
export async function associatedPaths(
  ns: ServedNamespace,
  source: ObjectPath,
  filter: AssociatorFilter,
  signal: AbortSignal,
): Promise<Results<ObjectPath>> {
  const { resultClass } = filter;
  if (resultClass !== undefined) ns.requireClass(resultClass);
  const resultRole = filter.resultRole === undefined ? undefined : foldName(filter.resultRole);
  const seen = new Set<string>();
  return flatMapResults(await referencesTo(ns, source, filter, signal), (link) => {
    const result: ObjectPath[] = [];
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
    return result;
  });
}

/** The source of an association query must be an instance: class-level queries are schema queries. */
export function requireInstanceSource(path: ObjectPath, operation: string): void {
  if (Object.keys(path.keys).length === 0)
    throw new CimError(
      CimStatus.CIM_ERR_NOT_SUPPORTED,
      `${operation}: class-level association queries are not supported`,
    );
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
