import type { CimTypeName } from "../../values/schema.js";
import type { XmlElement } from "../../xml/tree.js";
import { invalid, required } from "./errors.js";
import { decodeScalar, type ScalarType } from "./scalar.js";
import type { CimClass, CimClassElement, CimClassMethod } from "./typed.js";

/**
 * CLASS (DSP0201 §5.3.1), as GetClass and EnumerateClasses return it and embedded objects may carry it: the class's
 * qualifiers, properties (with their defaults) and methods with their parameters. Qualifier values are read by
 * their TYPE like property values.
 */
export function decodeClass(el: XmlElement): CimClass {
  if (el.name !== "CLASS") invalid(el, "expected CLASS");
  const superclass = el.attributes.SUPERCLASS;
  return {
    kind: "class",
    className: required(el, "NAME"),
    ...(superclass === undefined ? {} : { superclass }),
    qualifiers: qualifiers(el),
    properties: el.children.filter((c) => c.name.startsWith("PROPERTY")).map(property),
    methods: el.children.filter((c) => c.name === "METHOD").map(method),
  };
}

function qualifiers(el: XmlElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of el.children) {
    if (q.name !== "QUALIFIER") continue;
    const type = required(q, "TYPE") as ScalarType;
    const value = q.children.find((c) => c.name === "VALUE" || c.name === "VALUE.ARRAY");
    const read = (v: XmlElement) => decodeScalar(type, v.text);
    Object.defineProperty(out, required(q, "NAME"), {
      value: value === undefined ? null : value.name === "VALUE" ? read(value) : value.children.map(read),
      enumerable: true,
    });
  }
  return out;
}

function element(el: XmlElement, type: CimTypeName): CimClassElement {
  const array = el.name.endsWith(".ARRAY");
  const referenceClass = el.attributes.REFERENCECLASS;
  const classOrigin = el.attributes.CLASSORIGIN;
  return {
    name: required(el, "NAME"),
    type,
    ...(array ? { array: true as const } : {}),
    ...(referenceClass === undefined ? {} : { referenceClass }),
    ...(classOrigin === undefined ? {} : { classOrigin }),
    qualifiers: qualifiers(el),
  };
}

function property(el: XmlElement): CimClassElement {
  const isRef = el.name === "PROPERTY.REFERENCE";
  const base = element(el, isRef ? "reference" : (required(el, "TYPE") as CimTypeName));
  const value = el.children.find((c) => c.name === "VALUE" || c.name === "VALUE.ARRAY");
  if (value === undefined || isRef) return base;
  const read = (v: XmlElement) => decodeScalar(base.type as ScalarType, v.text);
  return { ...base, value: value.name === "VALUE" ? read(value) : value.children.map(read) };
}

function method(el: XmlElement): CimClassMethod {
  const returnType = el.attributes.TYPE as CimTypeName | undefined;
  return {
    name: required(el, "NAME"),
    ...(returnType === undefined ? {} : { returnType }),
    qualifiers: qualifiers(el),
    parameters: el.children
      .filter((c) => c.name.startsWith("PARAMETER"))
      .map((p) => element(p, p.name.startsWith("PARAMETER.REF") ? "reference" : (required(p, "TYPE") as CimTypeName))),
  };
}
