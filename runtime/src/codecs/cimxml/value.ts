import { sameName } from "../../values/cim-name.js";
import { checkElementValue, describeValue, isPlainObject } from "../../values/cim-value.js";
import { effectiveMembers } from "../../values/class-members.js";
import { classPath } from "../../values/class-path.js";
import type { ObjectPath } from "../../values/reference.js";
import type { CimTypeName, ClassSchema, ElementSchema } from "../../values/schema.js";
import { parseXml } from "../../xml/reader.js";
import { childNamed, type XmlElement } from "../../xml/tree.js";
import { XmlWriter } from "../../xml/writer.js";
import { decodeClass, encodeClass } from "./class.js";
import { CimXmlError, invalid } from "./errors.js";
import { decodePath, decodeReference, encodeReference } from "./path.js";
import { decodeScalar, encodeScalar, type ScalarType } from "./scalar.js";
import { type CimClass, type CimInstance, embedded, embeddedClassName, isTyped, type Typed } from "./typed.js";

/** The generated schema of a class by name, when the caller has it: values are then checked against it. */
export type SchemaLookup = (className: string) => ClassSchema | undefined;
export const noSchemas: SchemaLookup = () => undefined;

/** An element's type as the codec needs it, from the schema, a `Typed` value, or the value itself. */
interface ElementType {
  readonly type: CimTypeName;
  readonly array: boolean;
  /** "instance" or "object" for embedded objects (DSP0201 EmbeddedObject), with the class when known. */
  readonly embedded?: "instance" | "object";
  readonly embeddedClass?: string;
}

// ---- reading ----

const embeddedAttribute = (el: XmlElement) => el.attributes.EmbeddedObject ?? el.attributes.EMBEDDEDOBJECT;

/**
 * The value of a PROPERTY, PROPERTY.ARRAY, PROPERTY.REFERENCE, PARAMVALUE or RETURNVALUE, typed by its TYPE or
 * PARAMTYPE attribute; NULL when it has no value (or VALUE.NULL). With `expected` (the schema's element), a value
 * sent with another type or array-ness is an error: the codec never converts.
 */
export function decodeElementValue(el: XmlElement, schemas: SchemaLookup, expected?: ElementSchema): unknown {
  if (el.name === "PARAMVALUE") {
    const object = decodeParamObject(el, schemas);
    if (object !== undefined) return object;
  }
  const valueElement = el.children.find(
    (c) => c.name.startsWith("VALUE") || c.name === "CLASSNAME" || c.name === "INSTANCENAME",
  );
  const declared = el.attributes.TYPE ?? el.attributes.PARAMTYPE;
  const isRef =
    el.name === "PROPERTY.REFERENCE" ||
    declared === "reference" ||
    valueElement?.name === "VALUE.REFERENCE" ||
    valueElement?.name === "VALUE.REFARRAY";
  // Without TYPE (servers often leave it off PARAMVALUE and RETURNVALUE) the schema says it; else it is a string.
  const fallback = expected === undefined || isEmbeddedElement(expected) ? "string" : expected.type;
  const type = (isRef ? "reference" : (declared ?? fallback)) as CimTypeName;
  const array =
    el.name === "PROPERTY.ARRAY" || valueElement?.name === "VALUE.ARRAY" || valueElement?.name === "VALUE.REFARRAY";
  const embeddedKind = embeddedAttribute(el);
  if (expected !== undefined) checkDeclared(el, expected, type, array, embeddedKind !== undefined);
  if (valueElement === undefined || valueElement.name === "VALUE.NULL") return null;
  const scalar = (v: XmlElement): unknown => {
    if (v.name === "VALUE.NULL") return null;
    if (type === "reference") {
      if (v.name !== "VALUE.REFERENCE") invalid(v, "expected VALUE.REFERENCE");
      // DSP0004: a REF property of an instance names an instance; a class path there is not a value.
      if (el.name === "PROPERTY.REFERENCE" && /CLASS(?:PATH|NAME)$/.test(v.children[0]?.name ?? ""))
        invalid(v, `${el.attributes.NAME ?? "the reference"} names a class, not an instance`);
      return decodeReference(v);
    }

    if (v.name !== "VALUE") invalid(v, "expected VALUE");
    if (embeddedKind !== undefined) return decodeEmbedded(v, schemas);
    return decodeScalarAt(v, type);
  };
  if (!array) return scalar(valueElement);
  if (valueElement.name !== "VALUE.ARRAY" && valueElement.name !== "VALUE.REFARRAY")
    invalid(valueElement, "an array element needs VALUE.ARRAY");
  return valueElement.children.map(scalar);
}

/**
 * The object forms DSP0203 lets a PARAMVALUE hold besides values: a CLASS (a `CimClass`), an INSTANCE (an
 * embedded instance), a VALUE.NAMEDINSTANCE (an instance with its path), a CLASSNAME (a `classPath`) or an
 * INSTANCENAME (a path). Undefined for the VALUE forms.
 */
function decodeParamObject(el: XmlElement, schemas: SchemaLookup): unknown {
  const child = el.children[0];
  switch (child?.name) {
    case "CLASS":
      return decodeClass(child);
    case "INSTANCE": {
      const instance = decodeInstance(child, schemas);
      return embedded(instance.className, instance.properties);
    }
    case "VALUE.NAMEDINSTANCE": {
      const [name, instance] = child.children;
      if (name?.name !== "INSTANCENAME" || instance === undefined) invalid(child, "needs INSTANCENAME and INSTANCE");
      return decodeInstance(instance, schemas, decodePath(name));
    }
    case "CLASSNAME":
      return classPath(decodePath(child).className);
    case "INSTANCENAME":
      return decodePath(child);
    default:
      return undefined;
  }
}

function decodeScalarAt(v: XmlElement, type: CimTypeName): unknown {
  if (type === "reference" || type === "object" || type === "instance")
    invalid(v, `TYPE ${type} is not a CIM-XML TYPE`);
  try {
    return decodeScalar(type as ScalarType, v.text);
  } catch (error) {
    if (error instanceof CimXmlError) invalid(v, error.message);
    throw error;
  }
}

function isEmbeddedElement(e: ElementSchema): boolean {
  return e.embeddedClass !== undefined || e.type === "instance" || e.type === "object";
}

function checkDeclared(
  el: XmlElement,
  expected: ElementSchema,
  type: CimTypeName,
  array: boolean,
  isEmbedded: boolean,
) {
  const wantsEmbedded =
    expected.embeddedClass !== undefined || expected.type === "instance" || expected.type === "object";
  const ok = wantsEmbedded ? type === "string" : expected.type === type;
  if (!ok)
    invalid(
      el,
      `${expected.name} is a ${expected.type} in the schema, but the message says ${type}${isEmbedded ? " (embedded)" : ""}`,
    );
  if ((expected.array === true) !== array)
    invalid(el, `${expected.name} is ${expected.array === true ? "an array" : "not an array"} in the schema`);
}

/**
 * An embedded object's VALUE: the escaped INSTANCE or CLASS text (what DSP0201 and pywbem write), or, from peers
 * that nest it, the INSTANCE or CLASS element itself.
 */
function decodeEmbedded(v: XmlElement, schemas: SchemaLookup): unknown {
  let inner = childNamed(v, "INSTANCE") ?? childNamed(v, "CLASS");
  if (inner === undefined) {
    if (v.text.trim() === "") return null;
    try {
      inner = parseXml(v.text);
    } catch (error) {
      invalid(v, `the embedded object is not XML: ${(error as Error).message}`);
    }
  }
  if (inner.name === "CLASS") return decodeClass(inner);
  if (inner.name !== "INSTANCE") invalid(inner, "an embedded object is an INSTANCE or a CLASS");
  const instance = decodeInstance(inner, schemas);
  return embedded(instance.className, instance.properties);
}

/** INSTANCE: class name and properties, each checked against the class's schema when there is one. */
export function decodeInstance(el: XmlElement, schemas: SchemaLookup, path?: ObjectPath): CimInstance {
  if (el.name !== "INSTANCE") invalid(el, "expected INSTANCE");
  const className = el.attributes.CLASSNAME ?? invalid(el, "the CLASSNAME attribute is missing");
  const schema = schemas(className);
  const properties: Record<string, unknown> = {};
  for (const p of el.children) {
    if (!p.name.startsWith("PROPERTY")) continue;
    const name = p.attributes.NAME ?? invalid(p, "the NAME attribute is missing");
    const expected = propertyOf(schema, name);
    Object.defineProperty(properties, name, {
      value: decodeElementValue(p, schemas, expected),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return path === undefined ? { className, properties } : { className, properties, path };
}

// ---- writing ----

/** The type of an element from its schema, a `Typed` value or, for the types a value shows by itself, the value. */
function elementType(name: string, element: ElementSchema | undefined, value: unknown): ElementType {
  if (element !== undefined) {
    const isEmbedded = element.embeddedClass !== undefined || element.type === "instance" || element.type === "object";
    const base = { type: element.type, array: element.array === true };
    if (!isEmbedded) return base;
    return element.type === "object"
      ? { ...base, embedded: "object" }
      : {
          ...base,
          embedded: "instance",
          ...(element.embeddedClass === undefined ? {} : { embeddedClass: element.embeddedClass }),
        };
  }
  if (isTyped(value)) {
    const t = value as Typed;
    return {
      type: t.type,
      array: t.array === true,
      ...(t.type === "instance" || t.type === "object" ? { embedded: t.type } : {}),
    };
  }
  const sample = Array.isArray(value) ? value.find((v) => v !== null) : value;
  const array = Array.isArray(value);
  if (typeof sample === "string") return { type: "string", array };
  if (typeof sample === "boolean") return { type: "boolean", array };
  if (isPlainObject(sample)) {
    const kind = (sample as { kind?: unknown }).kind;
    if (kind === "timestamp" || kind === "interval") return { type: "datetime", array };
    if (embeddedClassName(sample) !== undefined) return { type: "string", array, embedded: "instance" };
    if (kind === "class") return { type: "string", array, embedded: "object" };
    if ("className" in sample && "keys" in sample) return { type: "reference", array };
  }
  throw new CimXmlError(`${name}: ${describeValue(value)} needs a CIM type (use typed("uint32", value) or a schema)`);
}

/** The value itself, without a `Typed` wrapper. */
const plain = (value: unknown) => (isTyped(value) ? value.value : value);

/** Check a value against its type (and value map, with a schema); an error names the element. */
function check(name: string, t: ElementType, element: ElementSchema | undefined, value: unknown): void {
  if (value === null) return;
  const schema: ElementSchema = element ?? {
    name,
    type: t.embedded === undefined ? t.type : "instance",
    ...(t.array ? { array: true } : {}),
  };
  const reason = checkElementValue(schema, value);
  if (reason !== undefined) throw new CimXmlError(`${name}: ${reason}`);
}

/** The attributes and VALUE content of one element; `wrap` writes the element around them. */
export function encodeElement(
  w: XmlWriter,
  tag: "PROPERTY" | "PARAMVALUE" | "RETURNVALUE",
  name: string | undefined,
  element: ElementSchema | undefined,
  rawValue: unknown,
  schemas: SchemaLookup,
): void {
  const value = plain(rawValue);
  if (value === null && element === undefined && !isTyped(rawValue) && tag !== "PROPERTY") {
    // A NULL parameter of unknown type: DSP0201 lets PARAMTYPE be left out, and a NULL has no VALUE to type.
    w.leaf(tag, { NAME: name });
    return;
  }
  const t = elementType(name ?? "ReturnValue", element, rawValue);
  check(name ?? "ReturnValue", t, element, value);
  const typeAttribute = tag === "PROPERTY" ? "TYPE" : "PARAMTYPE";
  const cimType = t.embedded !== undefined ? "string" : t.type;
  const elementName =
    tag !== "PROPERTY" ? tag : t.type === "reference" ? "PROPERTY.REFERENCE" : t.array ? "PROPERTY.ARRAY" : "PROPERTY";
  const attributes =
    elementName === "PROPERTY.REFERENCE"
      ? { NAME: name, REFERENCECLASS: element?.referenceClass }
      : { NAME: name, [typeAttribute]: cimType, EmbeddedObject: t.embedded };
  w.start(elementName, attributes);
  if (value !== null && value !== undefined) {
    const scalar = (v: unknown) => encodeScalarValue(w, t, v, schemas);
    if (t.array) {
      w.start(t.type === "reference" ? "VALUE.REFARRAY" : "VALUE.ARRAY");
      for (const v of value as unknown[]) v === null ? w.leaf("VALUE.NULL") : scalar(v);
      w.end();
    } else scalar(value);
  }
  w.end();
}

function encodeScalarValue(w: XmlWriter, t: ElementType, value: unknown, schemas: SchemaLookup): void {
  if (t.type === "reference") encodeReference(w, value as ObjectPath);
  else if (t.embedded !== undefined) w.leaf("VALUE", {}, embeddedText(t, value, schemas));
  else w.leaf("VALUE", {}, encodeScalar(t.type as ScalarType, value));
}

/** An embedded instance or class as DSP0201 carries it: the INSTANCE or CLASS element's text, escaped in the VALUE. */
function embeddedText(t: ElementType, value: unknown, schemas: SchemaLookup): string {
  if (typeof value === "string") return value; // already text (MOF or CIM-XML): sent as given
  if (isPlainObject(value) && (value as { kind?: unknown }).kind === "class") {
    if (t.embedded !== "object")
      throw new CimXmlError("a class can only be sent as an EmbeddedObject, not an instance");
    const inner = new XmlWriter();
    encodeClass(inner, value as unknown as CimClass);
    return inner.toString();
  }
  const className = embeddedClassName(value) ?? t.embeddedClass;
  if (className === undefined)
    throw new CimXmlError(`${describeValue(value)}: an embedded object needs its class (embedded("Class", props))`);
  const properties =
    (value as { kind?: unknown }).kind === "instance" ? (value as { properties: object }).properties : value;
  const inner = new XmlWriter();
  encodeInstance(inner, { className, properties: properties as Record<string, unknown> }, schemas);
  return inner.toString();
}

/** The VALUE text of an embedded object or instance (an escaped INSTANCE or CLASS, or a string sent as given). */
export function embeddedObjectText(kind: "object" | "instance", value: unknown, schemas: SchemaLookup): string {
  return embeddedText({ type: "string", array: false, embedded: kind }, value, schemas);
}

/** INSTANCE with its properties in the object's order; undefined properties are left out. */
export function encodeInstance(w: XmlWriter, instance: CimInstance<object>, schemas: SchemaLookup): void {
  const schema = schemas(instance.className);
  w.start("INSTANCE", { CLASSNAME: instance.className });
  for (const [name, value] of Object.entries(instance.properties)) {
    if (value === undefined) continue;
    const element = propertyOf(schema, name);
    if (schema !== undefined && element === undefined)
      throw new CimXmlError(`${instance.className} has no property ${name}`);
    encodeElement(w, "PROPERTY", name, element, value, schemas);
  }
  w.end();
}

/** A property of the class or of a superclass (a schema lists only what its class declares). */
function propertyOf(schema: ClassSchema | undefined, name: string): ElementSchema | undefined {
  return schema === undefined ? undefined : effectiveMembers(schema).properties.find((p) => sameName(p.name, name));
}
