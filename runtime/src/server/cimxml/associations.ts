import type { ObjectPath } from "../../values/reference.js";
import {
  associatedPaths as farEnds,
  type Link,
  referencesTo as links,
  requireInstanceSource,
} from "../associations.js";
import type { ServedNamespace } from "../namespace.js";
import type { IParams } from "./iparams.js";
import { instancePath, type Operation, pick, propertyFilter } from "./operation.js";
import { iReturnValue, type PathedInstance, writeInstanceWithPath, writeObjectPath } from "./response.js";

/**
 * Associators, AssociatorNames, References, ReferenceNames (DSP0200 §5.3.2.11-14) for instance names: the IPARAMVALUEs
 * read here, the walking itself in the protocol-neutral `../associations.ts` (WS-Management's association filters use
 * it too); the far ends are fetched with GetInstance. Class-level association queries are schema queries this server
 * does not answer: CIM_ERR_NOT_SUPPORTED.
 */

const shown = ["IncludeQualifiers", "IncludeClassOrigin", "PropertyList"];

export const References: Operation = {
  params: ["ObjectName", "ResultClass", "Role", ...shown],
  async run({ ns, params, signal, hostName }) {
    const links = await referencesTo(ns, params, "References", signal);
    const filter = propertyFilter(params.strings("PropertyList"));
    const items = links.map((l) => ({ path: l.path, properties: pick(l.properties, filter) }));
    return iReturnValue(items, writeInstanceWithPath(ns.lookup, hostName, "VALUE.OBJECTWITHPATH"));
  },
};

export const ReferenceNames: Operation = {
  params: ["ObjectName", "ResultClass", "Role"],
  async run({ ns, params, signal, hostName }) {
    const links = await referencesTo(ns, params, "ReferenceNames", signal);
    return iReturnValue(
      links.map((l) => l.path),
      writeObjectPath(hostName),
    );
  },
};

export const Associators: Operation = {
  params: ["ObjectName", "AssocClass", "ResultClass", "Role", "ResultRole", ...shown],
  async run({ ns, params, signal, hostName }) {
    const paths = await associatedPaths(ns, params, "Associators", signal);
    const filter = propertyFilter(params.strings("PropertyList"));
    const items: PathedInstance[] = [];
    for (const path of paths) {
      const properties = await ns.host.getInstance(path, { signal });
      items.push({ path, properties: pick(properties as Record<string, unknown>, filter) });
    }
    return iReturnValue(items, writeInstanceWithPath(ns.lookup, hostName, "VALUE.OBJECTWITHPATH"));
  },
};

export const AssociatorNames: Operation = {
  params: ["ObjectName", "AssocClass", "ResultClass", "Role", "ResultRole"],
  async run({ ns, params, signal, hostName }) {
    return iReturnValue(await associatedPaths(ns, params, "AssociatorNames", signal), writeObjectPath(hostName));
  },
};

/** The association instances that refer to the source, of the association classes `assocParam` allows. */
function referencesTo(
  ns: ServedNamespace,
  params: IParams,
  operation: string,
  signal: AbortSignal,
  assocParam = "ResultClass",
): Promise<Link[]> {
  const filter = defined({ assocClass: params.className(assocParam), role: params.string("Role") });
  return links(ns, sourcePath(ns, params, operation), filter, signal);
}

/** The far ends of the links to the source, filtered by ResultClass and ResultRole, each once. */
function associatedPaths(
  ns: ServedNamespace,
  params: IParams,
  operation: string,
  signal: AbortSignal,
): Promise<ObjectPath[]> {
  const filter = defined({
    assocClass: params.className("AssocClass"),
    role: params.string("Role"),
    resultClass: params.className("ResultClass"),
    resultRole: params.string("ResultRole"),
  });
  return farEnds(ns, sourcePath(ns, params, operation), filter, signal);
}

function sourcePath(ns: ServedNamespace, params: IParams, operation: string): ObjectPath {
  const path = params.path("ObjectName");
  requireInstanceSource(path, operation);
  return instancePath(ns, path, operation);
}

function defined(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>;
}
