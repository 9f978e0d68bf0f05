import { decodeClass } from "../codecs/cimxml/class.js";
import { invalid } from "../codecs/cimxml/errors.js";
import type { CimXmlResponse } from "../codecs/cimxml/message.js";
import { decodePath } from "../codecs/cimxml/path.js";
import { decodeQualifierDeclaration } from "../codecs/cimxml/qualifier-declaration.js";
import type { CimClass, CimQualifierDeclaration } from "../codecs/cimxml/typed.js";
import { type ClassPath, classPath } from "../values/class-path.js";
import type { ObjectPath } from "../values/reference.js";
import { childNamed, type XmlElement } from "../xml/tree.js";

/**
 * The IRETURNVALUEs of the schema operations (DSP0200 §5.3.2: EnumerateClasses, the qualifier operations, and
 * Associators / AssociatorNames / References / ReferenceNames on a class), read as strictly as the instance
 * operations' (cimxml-results.ts): a class-level query answered with instances is an error, not an empty list.
 */

function items(response: CimXmlResponse, allowed: string): XmlElement[] {
  const value = response.iReturnValue;
  if (value === undefined) return [];
  for (const c of value.children)
    if (c.name !== allowed) invalid(c, `${response.method} returns ${allowed}, not ${c.name}`);
  return [...value.children];
}

export function classes(response: CimXmlResponse): CimClass[] {
  return items(response, "CLASS").map((c) => decodeClass(c));
}

export function qualifierDeclarations(response: CimXmlResponse): CimQualifierDeclaration[] {
  return items(response, "QUALIFIER.DECLARATION").map(decodeQualifierDeclaration);
}

export function qualifierDeclaration(response: CimXmlResponse): CimQualifierDeclaration {
  const [only, ...more] = qualifierDeclarations(response);
  if (only === undefined || more.length > 0)
    invalid(response.iReturnValue, `${response.method} returns one QUALIFIER.DECLARATION`);
  return only;
}

/** A CLASSPATH, LOCALCLASSPATH or CLASSNAME as a class path, placed in `namespace` when the server sent none. */
function toClassPath(el: XmlElement, namespace: string): ClassPath {
  if (!/^(?:CLASSPATH|LOCALCLASSPATH|CLASSNAME)$/.test(el.name))
    invalid(el, `a class-level query returns class paths, not ${el.name}`);
  const path: ObjectPath = decodePath(el);
  return classPath(path.className, {
    namespace: path.namespace ?? namespace,
    ...(path.host === undefined ? {} : { host: path.host }),
  });
}

/** Class-level AssociatorNames and ReferenceNames: OBJECTPATH > CLASSPATH. */
export function classPaths(response: CimXmlResponse, namespace: string): ClassPath[] {
  return items(response, "OBJECTPATH").map((item) => {
    const inner = item.children[0] ?? invalid(item, "the path is missing");
    return toClassPath(inner, namespace);
  });
}

/** Class-level Associators and References: VALUE.OBJECTWITHPATH > (CLASSPATH, CLASS), the class with its path. */
export function classesWithPath(response: CimXmlResponse, namespace: string): CimClass[] {
  return items(response, "VALUE.OBJECTWITHPATH").map((item) => {
    const [pathElement, classElement] = item.children;
    if (pathElement === undefined) invalid(item, "the class path is missing");
    const path = toClassPath(pathElement, namespace);
    const cls = classElement ?? childNamed(item, "CLASS") ?? invalid(item, "CLASS is missing");
    if (cls.name !== "CLASS") invalid(cls, `a class-level query returns CLASS, not ${cls.name}`);
    return decodeClass(cls, path);
  });
}
