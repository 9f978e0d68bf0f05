import { decodeClass } from "../codecs/cimxml/class.js";
import { invalid } from "../codecs/cimxml/errors.js";
import type { CimXmlResponse } from "../codecs/cimxml/message.js";
import { decodePath } from "../codecs/cimxml/path.js";
import type { CimClass, CimInstance } from "../codecs/cimxml/typed.js";
import { decodeElementValue, decodeInstance, type SchemaLookup } from "../codecs/cimxml/value.js";
import { sameName } from "../values/cim-name.js";
import type { ObjectPath } from "../values/reference.js";
import type { MethodSchema } from "../values/schema.js";
import { childNamed, type XmlElement } from "../xml/tree.js";

/**
 * The IRETURNVALUE of each intrinsic operation, read strictly: every child must be what the operation returns
 * (DSP0200 §5.3), so a broken response is an error that says what was found rather than a silently short list.
 */

export function items(response: CimXmlResponse, allowed: readonly string[]): XmlElement[] {
  const value = response.iReturnValue;
  if (value === undefined) return [];
  for (const c of value.children)
    if (!allowed.includes(c.name)) invalid(c, `${response.method} returns ${allowed.join(" or ")}, not ${c.name}`);
  return [...value.children];
}

/** An operation that returns nothing (DeleteInstance, ModifyInstance, CloseEnumeration) must say nothing. */
export function nothing(response: CimXmlResponse): void {
  const extra = response.iReturnValue ?? response.outParameters[0];
  if (extra !== undefined) invalid(extra, `${response.method} returns nothing, but the answer holds ${extra.name}`);
}

/** The one element an operation returns (GetInstance's INSTANCE, GetClass's CLASS, CreateInstance's INSTANCENAME). */
export function single(response: CimXmlResponse, name: string): XmlElement {
  const [only, ...more] = items(response, [name]);
  if (only === undefined) invalid(response.iReturnValue, `${response.method} returned no ${name}`);
  if (more.length > 0) invalid(response.iReturnValue, `${response.method} returned more than one ${name}`);
  return only;
}

export function pair(item: XmlElement, pathName: string, objectName: string): [XmlElement, XmlElement] {
  const path = childNamed(item, pathName) ?? invalid(item, `${pathName} is missing`);
  const object = childNamed(item, objectName) ?? invalid(item, `${objectName} is missing`);
  return [path, object];
}

/** A path read from the response, placed in `namespace` when the server sent a local one. */
export function placed(path: ObjectPath, namespace: string): ObjectPath {
  return path.namespace === undefined ? { ...path, namespace } : path;
}

export function instancesWithNames(response: CimXmlResponse, namespace: string, schemas: SchemaLookup): CimInstance[] {
  return items(response, ["VALUE.NAMEDINSTANCE"]).map((item) => {
    const [name, instance] = pair(item, "INSTANCENAME", "INSTANCE");
    return decodeInstance(instance, schemas, placed(decodePath(name), namespace));
  });
}

export function instanceNames(response: CimXmlResponse, namespace: string): ObjectPath[] {
  return items(response, ["INSTANCENAME"]).map((n) => placed(decodePath(n), namespace));
}

/** VALUE.OBJECTWITHPATH (instances with paths) and, from ExecQuery, VALUE.OBJECT (instances without). */
export function objectsWithPath(response: CimXmlResponse, namespace: string, schemas: SchemaLookup): CimInstance[] {
  return items(response, ["VALUE.OBJECTWITHPATH", "VALUE.OBJECT", "VALUE.INSTANCEWITHPATH"]).map((item) => {
    if (item.name === "VALUE.OBJECT")
      return decodeInstance(childNamed(item, "INSTANCE") ?? invalid(item, "INSTANCE is missing"), schemas);
    const [path, instance] = pair(item, "INSTANCEPATH", "INSTANCE");
    return decodeInstance(instance, schemas, placed(decodePath(path), namespace));
  });
}

export function objectPaths(response: CimXmlResponse, namespace: string): ObjectPath[] {
  return items(response, ["OBJECTPATH"]).map((item) => {
    const inner = childNamed(item, "INSTANCEPATH") ?? invalid(item, "INSTANCEPATH is missing");
    return placed(decodePath(inner), namespace);
  });
}

export function className(response: CimXmlResponse): string[] {
  return items(response, ["CLASSNAME"]).map((c) => c.attributes.NAME ?? invalid(c, "the NAME attribute is missing"));
}

export function cimClass(response: CimXmlResponse): CimClass {
  return decodeClass(single(response, "CLASS"));
}

/** An out PARAMVALUE of an intrinsic response by name (EndOfSequence, EnumerationContext). */
export function outParameter(response: CimXmlResponse, name: string): XmlElement | undefined {
  return response.outParameters.find((p) => p.attributes.NAME !== undefined && sameName(p.attributes.NAME, name));
}

/** RETURNVALUE and the out parameters of METHODRESPONSE, typed by the method's schema when there is one. */
export function methodResult(
  response: CimXmlResponse,
  method: MethodSchema | undefined,
  schemas: SchemaLookup,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (response.returnValue !== undefined) {
    const expected = method?.returnType === undefined ? undefined : { name: "ReturnValue", type: method.returnType };
    out.ReturnValue = decodeElementValue(response.returnValue, schemas, expected);
  }
  for (const p of response.outParameters) {
    const name = p.attributes.NAME ?? invalid(p, "the NAME attribute is missing");
    const expected = method?.parameters.find((s) => sameName(s.name, name));
    Object.defineProperty(out, name, {
      value: decodeElementValue(p, schemas, expected),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
