import { checkElementValue } from "../../values/cim-value.js";
import type { ObjectPath } from "../../values/reference.js";
import { type CimTypeName, intrinsicTypeNames } from "../../values/schema.js";
import type { XmlElement } from "../../xml/tree.js";
import type { XmlWriter } from "../../xml/writer.js";
import { CimXmlError, invalid, required } from "./errors.js";
import { decodeReference, encodeReference } from "./path.js";
import { decodeScalar, encodeScalar, type ScalarType } from "./scalar.js";
import type { CimClass, CimClassElement, CimClassMethod, CimFlavors, CimQualifier } from "./typed.js";
import { decodeElementValue, embeddedObjectText, noSchemas } from "./value.js";

/**
 * CLASS (DSP0201 §5.3.1) both ways: as GetClass, EnumerateClasses and class-level Associators return it, as
 * CreateClass and ModifyClass send it, and inside an EmbeddedObject value. Qualifiers keep their TYPE and the flavors
 * the message states; values are read and written by their TYPE like property values, and checked against it before
 * writing, so a class that could not be read back is never sent.
 */

const cimTypes: ReadonlySet<string> = new Set(intrinsicTypeNames);

/** A TYPE attribute that must be a CIM-XML scalar type. */
export function scalarType(el: XmlElement, attribute = "TYPE"): ScalarType {
  const type = required(el, attribute);
  if (!cimTypes.has(type)) invalid(el, `${attribute} ${JSON.stringify(type)} is not a CIM type`);
  return type as ScalarType;
}

export function decodeClass(el: XmlElement, path?: ObjectPath): CimClass {
  if (el.name !== "CLASS") invalid(el, "expected CLASS");
  const superclass = el.attributes.SUPERCLASS;
  for (const c of el.children)
    if (!["QUALIFIER", "PROPERTY", "PROPERTY.ARRAY", "PROPERTY.REFERENCE", "METHOD"].includes(c.name))
      invalid(c, `CLASS cannot hold ${c.name}`);
  return {
    kind: "class",
    className: required(el, "NAME"),
    ...(superclass === undefined || superclass === "" ? {} : { superclass }),
    ...(path === undefined ? {} : { path }),
    qualifiers: decodeQualifiers(el),
    properties: el.children.filter((c) => c.name.startsWith("PROPERTY")).map(property),
    methods: el.children.filter((c) => c.name === "METHOD").map(method),
  };
}

/** A VALUE or VALUE.ARRAY child read as `type`; null when there is none. */
export function decodeValueOf(el: XmlElement, type: ScalarType): unknown {
  const value = el.children.find((c) => c.name === "VALUE" || c.name === "VALUE.ARRAY");
  if (value === undefined) return null;
  const read = (v: XmlElement) => {
    if (v.name === "VALUE.NULL") return null;
    try {
      return decodeScalar(type, v.text);
    } catch (error) {
      if (error instanceof CimXmlError) invalid(v, error.message);
      throw error;
    }
  };
  return value.name === "VALUE" ? read(value) : value.children.map(read);
}

const booleanAttribute = (el: XmlElement, name: string): boolean | undefined => {
  const text = el.attributes[name];
  if (text === undefined) return undefined;
  // DSP0201 spells them in lower case; servers also send TRUE and FALSE (pywbem reads either).
  const t = text.trim().toLowerCase();
  if (t !== "true" && t !== "false") invalid(el, `${name} is ${JSON.stringify(text)}, not true or false`);
  return t === "true";
};

/** The flavor attributes the element states (the others keep the DSP0201 defaults). */
export function decodeFlavors(el: XmlElement): CimFlavors {
  const out: Record<string, boolean> = {};
  for (const [attribute, key] of flavorAttributes) {
    const value = booleanAttribute(el, attribute);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const flavorAttributes = [
  ["OVERRIDABLE", "overridable"],
  ["TOSUBCLASS", "toSubclass"],
  ["TOINSTANCE", "toInstance"],
  ["TRANSLATABLE", "translatable"],
] as const;

export function flavorAttributesOf(flavors: CimFlavors): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [attribute, key] of flavorAttributes) out[attribute] = flavors[key]?.toString();
  return out;
}

function decodeQualifiers(el: XmlElement): CimQualifier[] {
  return el.children
    .filter((q) => q.name === "QUALIFIER")
    .map((q) => {
      const type = scalarType(q);
      const value = decodeValueOf(q, type);
      const propagated = booleanAttribute(q, "PROPAGATED");
      return {
        name: required(q, "NAME"),
        type,
        value,
        ...(Array.isArray(value) ? { array: true as const } : {}),
        ...(propagated === undefined ? {} : { propagated }),
        ...decodeFlavors(q),
      };
    });
}

function element(el: XmlElement, type: CimTypeName): CimClassElement {
  const array = el.name.endsWith("ARRAY");
  const referenceClass = el.attributes.REFERENCECLASS;
  const classOrigin = el.attributes.CLASSORIGIN;
  const propagated = booleanAttribute(el, "PROPAGATED");
  const size = el.attributes.ARRAYSIZE;
  const arraySize = size === undefined || size === "" ? undefined : Number(size);
  if (arraySize !== undefined && !(Number.isInteger(arraySize) && arraySize >= 0))
    invalid(el, `ARRAYSIZE ${JSON.stringify(size)} is not a size`);
  const embedded = el.attributes.EmbeddedObject ?? el.attributes.EMBEDDEDOBJECT;
  if (embedded !== undefined && embedded !== "object" && embedded !== "instance")
    invalid(el, `EmbeddedObject ${JSON.stringify(embedded)} is not object or instance`);
  return {
    name: required(el, "NAME"),
    type,
    ...(array ? { array: true as const } : {}),
    ...(arraySize === undefined ? {} : { arraySize }),
    ...(referenceClass === undefined ? {} : { referenceClass }),
    ...(embedded === undefined ? {} : { embeddedObject: embedded }),
    ...(classOrigin === undefined ? {} : { classOrigin }),
    ...(propagated === undefined ? {} : { propagated }),
    qualifiers: decodeQualifiers(el),
  };
}

function property(el: XmlElement): CimClassElement {
  if (el.name === "PROPERTY.REFERENCE") {
    const base = element(el, "reference");
    const ref = el.children.find((c) => c.name === "VALUE.REFERENCE");
    return ref === undefined ? base : { ...base, value: decodeReference(ref) };
  }
  const base = element(el, scalarType(el));
  if (base.embeddedObject !== undefined) {
    // An embedded object's default: the INSTANCE or CLASS it holds, as an instance's property value is read.
    const value = decodeElementValue(el, noSchemas);
    return value === null ? base : { ...base, value };
  }
  const value = decodeValueOf(el, base.type as ScalarType);
  if (value !== null && Array.isArray(value) !== (base.array === true))
    invalid(el, base.array === true ? "an array property needs VALUE.ARRAY" : "VALUE.ARRAY in a scalar property");
  return value === null ? base : { ...base, value };
}

function method(el: XmlElement): CimClassMethod {
  const returnType = el.attributes.TYPE === undefined ? undefined : scalarType(el);
  const classOrigin = el.attributes.CLASSORIGIN;
  const propagated = booleanAttribute(el, "PROPAGATED");
  return {
    name: required(el, "NAME"),
    ...(returnType === undefined ? {} : { returnType }),
    ...(classOrigin === undefined ? {} : { classOrigin }),
    ...(propagated === undefined ? {} : { propagated }),
    qualifiers: decodeQualifiers(el),
    parameters: el.children
      .filter((c) => c.name.startsWith("PARAMETER"))
      .map((p) => element(p, p.name.startsWith("PARAMETER.REF") ? "reference" : scalarType(p))),
  };
}

// ---- writing ----

/** A VALUE or VALUE.ARRAY of `type`, checked against the type first (a wrong value is a CimXmlError, never sent). */
export function encodeValueOf(w: XmlWriter, where: string, type: CimTypeName, value: unknown, array: boolean): void {
  if (value === null || value === undefined) return;
  if (type === "reference" || type === "instance" || type === "object")
    throw new CimXmlError(`${where}: a ${type} value cannot be written here`);
  const reason = checkElementValue({ name: where, type, ...(array ? { array: true } : {}) }, value);
  if (reason !== undefined) throw new CimXmlError(`${where}: ${reason}`);
  if (!array) {
    w.leaf("VALUE", {}, encodeScalar(type, value));
    return;
  }
  w.start("VALUE.ARRAY");
  for (const v of value as unknown[]) v === null ? w.leaf("VALUE.NULL") : w.leaf("VALUE", {}, encodeScalar(type, v));
  w.end();
}

const flag = (b: boolean | undefined) => b?.toString();

function encodeQualifiers(w: XmlWriter, where: string, qualifiers: readonly CimQualifier[]): void {
  for (const q of qualifiers) {
    w.start("QUALIFIER", {
      NAME: q.name,
      TYPE: q.type,
      PROPAGATED: flag(q.propagated),
      ...flavorAttributesOf(q),
    });
    encodeValueOf(w, `${where} qualifier ${q.name}`, q.type, q.value, q.array === true || Array.isArray(q.value));
    w.end();
  }
}

/** CLASS with its qualifiers, properties and methods in the order given (DSP0201 requires that element order). */
export function encodeClass(w: XmlWriter, cls: CimClass): void {
  w.start("CLASS", { NAME: cls.className, SUPERCLASS: cls.superclass });
  encodeQualifiers(w, cls.className, cls.qualifiers);
  for (const p of cls.properties) encodeProperty(w, cls.className, p);
  for (const m of cls.methods) {
    const where = `${cls.className}.${m.name}`;
    w.start("METHOD", {
      NAME: m.name,
      TYPE: m.returnType,
      CLASSORIGIN: m.classOrigin,
      PROPAGATED: flag(m.propagated),
    });
    encodeQualifiers(w, where, m.qualifiers);
    for (const p of m.parameters) encodeParameter(w, where, p);
    w.end();
  }
  w.end();
}

function encodeProperty(w: XmlWriter, className: string, p: CimClassElement): void {
  const where = `${className}.${p.name}`;
  const origin = { CLASSORIGIN: p.classOrigin, PROPAGATED: flag(p.propagated) };
  if (p.type === "reference") {
    w.start("PROPERTY.REFERENCE", { NAME: p.name, REFERENCECLASS: p.referenceClass, ...origin });
    encodeQualifiers(w, where, p.qualifiers);
    if (p.value !== undefined && p.value !== null) encodeReference(w, p.value as ObjectPath);
    w.end();
    return;
  }
  const array = p.array === true;
  w.start(array ? "PROPERTY.ARRAY" : "PROPERTY", {
    NAME: p.name,
    TYPE: p.type,
    ...(array ? { ARRAYSIZE: p.arraySize?.toString() } : {}),
    ...origin,
    EmbeddedObject: p.embeddedObject,
  });
  encodeQualifiers(w, where, p.qualifiers);
  if (p.embeddedObject !== undefined && p.value !== undefined && p.value !== null) {
    // An embedded object's default is the escaped INSTANCE or CLASS text, written as an instance's property is.
    const text = (v: unknown) => embeddedObjectText(p.embeddedObject ?? "object", v, noSchemas);
    if (!array) w.leaf("VALUE", {}, text(p.value));
    else {
      w.start("VALUE.ARRAY");
      for (const v of p.value as unknown[]) v === null ? w.leaf("VALUE.NULL") : w.leaf("VALUE", {}, text(v));
      w.end();
    }
  } else encodeValueOf(w, where, p.type, p.value, array);
  w.end();
}

function encodeParameter(w: XmlWriter, where: string, p: CimClassElement): void {
  const array = p.array === true;
  const size = array ? { ARRAYSIZE: p.arraySize?.toString() } : {};
  if (p.type === "reference")
    w.start(array ? "PARAMETER.REFARRAY" : "PARAMETER.REFERENCE", {
      NAME: p.name,
      REFERENCECLASS: p.referenceClass,
      ...size,
    });
  else w.start(array ? "PARAMETER.ARRAY" : "PARAMETER", { NAME: p.name, TYPE: p.type, ...size });
  encodeQualifiers(w, `${where}(${p.name})`, p.qualifiers);
  w.end();
}
