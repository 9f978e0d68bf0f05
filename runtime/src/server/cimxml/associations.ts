import type { ObjectPath } from "../../values/reference.js";
import { associatedPaths as farEnds, type Link, referencesTo as links } from "../associations.js";
import type { PathedInstance } from "../instances.js";
import type { ServedNamespace } from "../namespace.js";
import { collect, mapResultsAsync, type Results } from "../results.js";
import { classLevel } from "./class-associations.js";
import type { IParams } from "./iparams.js";
import { instancePath, type Operation, pick, propertyFilter } from "./operation.js";
import { iReturnValue, writeInstanceWithPath, writeObjectPath } from "./response.js";

/**
 * Associators, AssociatorNames, References, ReferenceNames (DSP0200 §5.3.2.11-14): the IPARAMVALUEs read here, the
 * walking itself in the protocol-neutral `../associations.ts` (WS-Management's association filters use it too); the
 * far ends are fetched with GetInstance. On a class name, each is a schema query answered from the generated schemas
 * (class-associations.ts). The pull operations (pull-associations.ts) use the same readers.
 */
const shown = ["IncludeQualifiers", "IncludeClassOrigin", "PropertyList"];

export const References: Operation = {
  params: ["ObjectName", "ResultClass", "Role", ...shown],
  async run({ ns, params, signal, hostName, enumerations }) {
    if (params.namesClass("ObjectName")) return classLevel.References(ns, params, hostName);
    const found = await referencesTo(ns, sourcePath(ns, params, "References"), params, signal);
    const filter = propertyFilter(params.strings("PropertyList"));
    const all = await collect(found, enumerations.limits.maxResultCount, "References");
    const items = all.map((l) => ({ path: l.path, properties: pick(l.properties, filter) }));
    return iReturnValue(items, writeInstanceWithPath(ns.lookup, hostName, "VALUE.OBJECTWITHPATH"));
  },
};

export const ReferenceNames: Operation = {
  params: ["ObjectName", "ResultClass", "Role"],
  async run({ ns, params, signal, hostName, enumerations }) {
    if (params.namesClass("ObjectName")) return classLevel.ReferenceNames(ns, params, hostName);
    const found = await referencesTo(ns, sourcePath(ns, params, "ReferenceNames"), params, signal);
    return iReturnValue(
      (await collect(found, enumerations.limits.maxResultCount, "ReferenceNames")).map((l) => l.path),
      writeObjectPath(hostName),
    );
  },
};

export const Associators: Operation = {
  params: ["ObjectName", "AssocClass", "ResultClass", "Role", "ResultRole", ...shown],
  async run({ ns, params, signal, hostName, enumerations }) {
    if (params.namesClass("ObjectName")) return classLevel.Associators(ns, params, hostName);
    const paths = await associatedPaths(ns, sourcePath(ns, params, "Associators"), params, signal);
    const max = enumerations.limits.maxResultCount;
    const items = await collect(await instancesAt(ns, paths, params, signal), max, "Associators");
    return iReturnValue(items, writeInstanceWithPath(ns.lookup, hostName, "VALUE.OBJECTWITHPATH"));
  },
};

export const AssociatorNames: Operation = {
  params: ["ObjectName", "AssocClass", "ResultClass", "Role", "ResultRole"],
  async run({ ns, params, signal, hostName, enumerations }) {
    if (params.namesClass("ObjectName")) return classLevel.AssociatorNames(ns, params, hostName);
    const paths = await associatedPaths(ns, sourcePath(ns, params, "AssociatorNames"), params, signal);
    const all = await collect(paths, enumerations.limits.maxResultCount, "AssociatorNames");
    return iReturnValue(all, writeObjectPath(hostName));
  },
};

/** The instances at `paths`, with the PropertyList applied (Associators' and OpenAssociatorInstances' results). */
export function instancesAt(
  ns: ServedNamespace,
  paths: Results<ObjectPath>,
  params: IParams,
  signal: AbortSignal,
): Promise<Results<PathedInstance>> {
  const filter = propertyFilter(params.strings("PropertyList"));
  return mapResultsAsync(paths, async (path) => {
    const properties = await ns.host.getInstance(path, { signal });
    return { path, properties: pick(properties as Record<string, unknown>, filter) };
  });
}

/** The association instances that refer to the source, of the association classes `assocParam` allows. */
export function referencesTo(
  ns: ServedNamespace,
  source: ObjectPath,
  params: IParams,
  signal: AbortSignal,
  assocParam = "ResultClass",
): Promise<Results<Link>> {
  return links(ns, source, defined({ assocClass: params.className(assocParam), role: params.string("Role") }), signal);
}

/** The far ends of the links to the source, filtered by ResultClass and ResultRole, each once. */
export function associatedPaths(
  ns: ServedNamespace,
  source: ObjectPath,
  params: IParams,
  signal: AbortSignal,
): Promise<Results<ObjectPath>> {
  const filter = defined({
    assocClass: params.className("AssocClass"),
    role: params.string("Role"),
    resultClass: params.className("ResultClass"),
    resultRole: params.string("ResultRole"),
  });
  return farEnds(ns, source, filter, signal);
}

/**
 * The instance an association operation starts from, in its ObjectName (or, for the pull operations, InstanceName).
 * Associators and the like answer a class name before they get here; an instance name without keys is a class, not
 * an instance: CIM_ERR_INVALID_PARAMETER (instancePath).
 */
export function sourcePath(ns: ServedNamespace, params: IParams, operation: string, param = "ObjectName"): ObjectPath {
  return instancePath(ns, params.path(param), operation);
}

function defined(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>;
}
