import { encodePath } from "../../codecs/cimxml/path.js";
import { foldName, sameName } from "../../values/cim-name.js";
import type { ClassSchema, PropertySchema } from "../../values/schema.js";
import type { XmlWriter } from "../../xml/writer.js";
import type { ServedNamespace } from "../namespace.js";
import { writeClass } from "./classes.js";
import type { IParams } from "./iparams.js";
import { type Body, iReturnValue } from "./response.js";

/**
 * Associators, AssociatorNames, References and ReferenceNames on a class (DSP0200 §5.3.2.11-14 with a CLASSNAME
 * ObjectName), answered from the generated schemas alone, as schema queries need no provider: the association
 * classes with a reference the source class can fill (its class or a superclass is the REF's class), and for
 * Associators the classes their other references name. Results are CLASSPATHs, with the CLASS for the non-Names
 * forms (VALUE.OBJECTWITHPATH).
 */

interface Link {
  readonly association: ClassSchema;
  /** The reference the source class fills. */
  readonly role: PropertySchema;
}

/** The associations that can refer to `source`, of `assocClass` (or any), through `role` (or any reference). */
function links(ns: ServedNamespace, source: ClassSchema, assocClass: string | undefined, role: string | undefined) {
  if (assocClass !== undefined) ns.requireClass(assocClass);
  const result: Link[] = [];
  for (const association of ns.schemas) {
    if (association.association !== true) continue;
    if (assocClass !== undefined && !ns.isA(association.name, assocClass)) continue;
    for (const property of association.properties) {
      if (property.type !== "reference" || property.referenceClass === undefined) continue;
      if (role !== undefined && !sameName(property.name, role)) continue;
      if (ns.isA(source.name, property.referenceClass)) result.push({ association, role: property });
    }
  }
  return result;
}

/** Each class once, in the order found. */
function unique(classes: readonly ClassSchema[]): ClassSchema[] {
  const seen = new Set<string>();
  return classes.filter((c) => !seen.has(foldName(c.name)) && seen.add(foldName(c.name)) !== undefined);
}

function associatedClasses(ns: ServedNamespace, params: IParams): ClassSchema[] {
  const source = ns.requireClass(params.path("ObjectName").className);
  const resultClass = params.className("ResultClass");
  if (resultClass !== undefined) ns.requireClass(resultClass);
  const resultRole = params.string("ResultRole");
  const found: ClassSchema[] = [];
  for (const link of links(ns, source, params.className("AssocClass"), params.string("Role"))) {
    for (const far of link.association.properties) {
      if (far.type !== "reference" || far.referenceClass === undefined || sameName(far.name, link.role.name)) continue;
      if (resultRole !== undefined && !sameName(far.name, resultRole)) continue;
      const target = ns.lookup(far.referenceClass);
      if (target === undefined || (resultClass !== undefined && !ns.isA(target.name, resultClass))) continue;
      found.push(target);
    }
  }
  return unique(found);
}

function referencingClasses(ns: ServedNamespace, params: IParams): ClassSchema[] {
  const source = ns.requireClass(params.path("ObjectName").className);
  return unique(links(ns, source, params.className("ResultClass"), params.string("Role")).map((l) => l.association));
}

const classPath = (ns: ServedNamespace, host: string) => (w: XmlWriter, schema: ClassSchema) =>
  encodePath(w, { className: schema.name, keys: {}, namespace: ns.name, host }, true);

function names(ns: ServedNamespace, host: string, classes: readonly ClassSchema[]): Body {
  const path = classPath(ns, host);
  return iReturnValue(classes, (w, schema) => {
    w.start("OBJECTPATH");
    path(w, schema);
    w.end();
  });
}

function withClasses(ns: ServedNamespace, params: IParams, host: string, classes: readonly ClassSchema[]): Body {
  const path = classPath(ns, host);
  const propertyList = params.strings("PropertyList")?.map((n) => foldName(n));
  const options = {
    localOnly: false,
    qualifiers: params.boolean("IncludeQualifiers", false),
    classOrigin: params.boolean("IncludeClassOrigin", false),
    propertyList,
  };
  return iReturnValue(classes, (w, schema) => {
    w.start("VALUE.OBJECTWITHPATH");
    path(w, schema);
    writeClass(w, schema, options);
    w.end();
  });
}

/** The class-level form of each association operation, by DSP0200 name. */
export const classLevel = {
  Associators: (ns: ServedNamespace, params: IParams, host: string) =>
    withClasses(ns, params, host, associatedClasses(ns, params)),
  AssociatorNames: (ns: ServedNamespace, params: IParams, host: string) =>
    names(ns, host, associatedClasses(ns, params)),
  References: (ns: ServedNamespace, params: IParams, host: string) =>
    withClasses(ns, params, host, referencingClasses(ns, params)),
  ReferenceNames: (ns: ServedNamespace, params: IParams, host: string) =>
    names(ns, host, referencingClasses(ns, params)),
};
