import { foldName, sameName } from "../../values/cim-name.js";
import { checkElementValue, isPlainObject } from "../../values/cim-value.js";
import { effectiveMembers } from "../../values/class-members.js";
import {
  CimDateTimeError,
  type CimDateTimeValue,
  formatDateTime,
  fromDate,
  parseDateTime,
} from "../../values/datetime.js";
import type { ObjectPath } from "../../values/reference.js";
import type { CimTypeName, ClassSchema, ElementSchema } from "../../values/schema.js";
import { formatXsDateTime, formatXsDuration } from "../../values/xs-datetime.js";
import type { XmlWriter } from "../../xml/writer.js";
import { CimXmlError } from "../cimxml/errors.js";
import { decodeScalar, encodeScalar, type ScalarType } from "../cimxml/scalar.js";
import { type CimInstance, embedded, embeddedClassName, isTyped } from "../cimxml/typed.js";
import type { SchemaLookup } from "../cimxml/value.js";
import {
  type AddressingOptions,
  type EndpointReference,
  endpointToPath,
  holdsEndpointReference,
  pathToEndpoint,
  readEndpointReference,
  writeEndpointContent,
} from "./epr.js";
import { invalid, WsmanError } from "./errors.js";
import { attribute, isNil, qnameValue, type WsElement } from "./names.js";
import { ns } from "./namespaces.js";
import { parseResourceUri, resourceUriFor } from "./resource-uri.js";

/**
 * Instances and values in the CIM binding's XML (DSP0230): an instance is an element named after its class in the
 * class's resource-URI namespace, each property an element in it; an array is the element repeated; NULL is
 * `xsi:nil="true"`; a datetime is `cim:Datetime` (xs:dateTime), `cim:Interval` (xs:duration) or
 * `cim:CIM_DateTime`; a REF holds an endpoint reference; an embedded instance is the property element with
 * `xsi:type="q:Class_Type"` and the embedded class's properties as children. WinRM adds the `w:XmlFragment` form of
 * a WQL projection (no class name, no namespace on the properties), read with the class name the caller gives.
 *
 * Values follow the runtime's types (schema.ts): uint64 as bigint, datetime as `CimDateTimeValue`, references as
 * `ObjectPath`, embedded instances as their properties marked with `embedded(className, ...)`. With a schema the
 * element's type decides; without one the `xsi:type` Windows puts on some values (`cim:cimUnsignedInt`), else the
 * shape of the element (an EPR, a datetime child, nested typed XML), else a string.
 */
export interface WsValueOptions {
  readonly schemas: SchemaLookup;
  readonly addressing: AddressingOptions;
  /**
   * Refuse to write an empty array (a WsmanError) instead of writing nothing. DSP0230 writes an array as one
   * element per item, so `[]` has no elements and arrives as an absent value, which the peer cannot tell from a
   * value not given (WinRM leaves NULL arrays out the same way). A client refuses, so that it never sends
   * something else than what it was given; a server answering has no better form and leaves the property out.
   */
  readonly refuseEmptyArrays?: boolean;
}

// ---- reading ----

/** `cim:cimUnsignedInt` and its kin (DSP0230 §7.2 `cim:cim*` types) to CIM types. */
const cimXsiTypes: Readonly<Record<string, CimTypeName>> = {
  cimBoolean: "boolean",
  cimByte: "sint8",
  cimUnsignedByte: "uint8",
  cimShort: "sint16",
  cimUnsignedShort: "uint16",
  cimInt: "sint32",
  cimUnsignedInt: "uint32",
  cimLong: "sint64",
  cimUnsignedLong: "uint64",
  cimFloat: "real32",
  cimDouble: "real64",
  cimChar16: "char16",
  cimString: "string",
  cimDateTime: "datetime",
  cimReference: "reference",
  cimAnySimpleType: "string",
};

const datetimeElements = new Set(["Datetime", "Interval", "Date", "Time", "CIM_DateTime"]);

/** The class an `xsi:type` names: `p:Win32_Service_Type` → `Win32_Service`. */
function typeClassName(el: WsElement): string | undefined {
  const type = attribute(el, ns.xsi, "type");
  if (type === undefined) return undefined;
  const q = qnameValue(el, type);
  if (q.ns === ns.cimCommon || q.ns === ns.xs) return undefined;
  return q.local.endsWith("_Type") ? q.local.slice(0, -5) : q.local;
}

/**
 * An instance element: `p:Class` (typed or not) or `w:XmlFragment` (then `className` must be given). Properties the
 * schema declares but the message leaves out stay absent; properties the schema does not know are read untyped.
 */
export function decodeInstance(el: WsElement, o: WsValueOptions, className?: string): CimInstance {
  const name =
    typeClassName(el) ??
    (el.ns === ns.wsman && el.local === "XmlFragment" ? className : undefined) ??
    (el.local === "XmlFragment" ? undefined : el.local);
  if (name === undefined) invalid(el, "a w:XmlFragment item needs the class name of its query to be read");
  const schema = o.schemas(name);
  return { className: name, properties: decodeProperties(el, schema, o) };
}

function decodeProperties(el: WsElement, schema: ClassSchema | undefined, o: WsValueOptions): Record<string, unknown> {
  const members = schema === undefined ? [] : effectiveMembers(schema).properties;
  const groups = new Map<string, WsElement[]>();
  for (const c of el.children) {
    const key = foldName(c.local);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [c]);
    else group.push(c);
  }
  const entries: [string, unknown][] = [];
  for (const group of groups.values()) {
    const first = group[0] as WsElement;
    const element = members.find((p) => sameName(p.name, first.local));
    entries.push([element?.name ?? first.local, decodeElements(group, element, o)]);
  }
  return Object.fromEntries(entries);
}

/**
 * The value of a property or parameter from its elements (more than one for an array). A scalar element sent more
 * than once is an error; without a schema, one element is a scalar and several an array.
 */
export function decodeElements(
  els: readonly WsElement[],
  element: ElementSchema | undefined,
  o: WsValueOptions,
): unknown {
  const first = els[0];
  if (first === undefined) return null;
  const array = element === undefined ? els.length > 1 : element.array === true;
  if (!array) {
    if (els.length > 1)
      invalid(els[1], `${element?.name ?? first.local} is not an array but is sent ${els.length} times`);
    return decodeScalarElement(first, element, o);
  }
  if (els.length === 1 && isNil(first)) return null;
  return els.map((e) => {
    const v = decodeScalarElement(e, element, o);
    // A typed array holds no NULL (the generated types say so); an untyped one keeps what the peer sent.
    if (v === null && element !== undefined) invalid(e, "an array element cannot be nil");
    return v;
  });
}

function decodeScalarElement(el: WsElement, element: ElementSchema | undefined, o: WsValueOptions): unknown {
  if (isNil(el)) return null;
  const type = element?.type ?? sentType(el);
  const embeddedClass = element?.embeddedClass;
  try {
    if (type === "reference") return decodeReference(el, element, o);
    if (type === "datetime") return decodeDateTime(el);
    if (embeddedClass !== undefined || type === "instance" || type === "object") return decodeEmbedded(el, element, o);
    const text = type === "string" || type === "char16" ? el.text : el.text.trim();
    if (type === "boolean" && (text === "1" || text === "0")) return text === "1";
    return decodeScalar(type as ScalarType, text);
  } catch (error) {
    if (error instanceof CimXmlError || error instanceof CimDateTimeError || error instanceof TypeError)
      invalid(el, error.message);
    throw error;
  }
}

/** The type of an element without a schema: `xsi:type`, else its shape. */
function sentType(el: WsElement): CimTypeName {
  const type = attribute(el, ns.xsi, "type");
  if (type !== undefined) {
    const q = qnameValue(el, type);
    const cim = q.ns === ns.cimCommon ? cimXsiTypes[q.local] : undefined;
    if (cim !== undefined) return cim;
    if (q.ns !== ns.xs && q.ns !== ns.cimCommon) return "instance";
  }
  if (el.children.length === 0) return "string";
  if (holdsEndpointReference(el)) return "reference";
  if (el.children.length === 1 && datetimeElements.has(el.children[0]?.local ?? "")) return "datetime";
  return "instance";
}

function decodeReference(el: WsElement, element: ElementSchema | undefined, o: WsValueOptions): unknown {
  const epr = readEndpointReference(el);
  // An untyped EPR whose resource URI names no class (Intel AMT answers with an empty one) is no CIM path:
  // it is kept as the endpoint reference it is. A REF the schema declares must name a class.
  if (element === undefined && parseResourceUri(epr.resourceUri)?.className === undefined) return epr;
  return endpointPath(epr, o);
}

/** The ObjectPath of an endpoint reference, its selector text typed by the key types of the schemas known. */
export function endpointPath(epr: EndpointReference, o: WsValueOptions): ObjectPath {
  return endpointToPath(epr, (className, key) => {
    const schema = o.schemas(className);
    return schema === undefined
      ? undefined
      : effectiveMembers(schema).properties.find((p) => sameName(p.name, key))?.type;
  });
}

function decodeDateTime(el: WsElement): CimDateTimeValue {
  const inner = el.children.find((c) => datetimeElements.has(c.local));
  return parseDateTime((inner ?? el).text.trim());
}

/**
 * An embedded instance: the element typed by `xsi:type`, or holding one typed child (the form some WinRM versions
 * write). Text instead of elements is the instance's MOF or CIM-XML text, kept as the string it is.
 */
function decodeEmbedded(el: WsElement, element: ElementSchema | undefined, o: WsValueOptions): unknown {
  if (el.children.length === 0) return el.text;
  let holder = el;
  let className = typeClassName(el);
  const only = el.children[0];
  if (className === undefined && el.children.length === 1 && only !== undefined && typeClassName(only) !== undefined) {
    holder = only;
    className = typeClassName(only);
  }
  className ??= element?.embeddedClass;
  // Without a schema nothing says what nested elements are: read them as a structure named after the element
  // (vendors' complex types, AMT's and iDRAC's, come this way), not as an error.
  if (className === undefined && element === undefined) className = el.local;
  if (className === undefined) invalid(el, "an embedded instance needs an xsi:type naming its class");
  const schema = element?.embeddedSchema?.() ?? o.schemas(className);
  return embedded(className, decodeProperties(holder, schema, o));
}

// ---- writing ----

/**
 * An instance as DSP0230 writes it: `<prefix:Class xmlns:prefix="resource URI">` with one element per property, in
 * the schema's order when there is one. `typed` adds `xsi:type="prefix:Class_Type"` (as WinRM does in answers).
 */
export function encodeInstance(
  w: XmlWriter,
  instance: CimInstance<object>,
  o: WsValueOptions & { readonly typed?: boolean; readonly prefix?: string },
): void {
  const prefix = o.prefix ?? "p";
  const uri = resourceUriFor(
    instance.className,
    instance.path?.namespace ?? o.addressing.namespace,
    o.addressing.convention,
  );
  w.start(`${prefix}:${instance.className}`, {
    [`xmlns:${prefix}`]: uri.resourceUri,
    "xsi:type": o.typed === true ? `${prefix}:${instance.className}_Type` : undefined,
  });
  encodeProperties(w, prefix, instance.className, instance.properties as Record<string, unknown>, o, 1);
  w.end();
}

function encodeProperties(
  w: XmlWriter,
  prefix: string,
  className: string,
  properties: Readonly<Record<string, unknown>>,
  o: WsValueOptions,
  depth: number,
  schema = o.schemas(className),
): void {
  const members = schema === undefined ? [] : effectiveMembers(schema).properties;
  // Each name folded once, not in the sort's comparator: an enumeration writes this for every instance.
  const byName = new Map(members.map((p, i) => [foldName(p.name), i] as const));
  const entries = Object.entries(properties)
    .filter(([, v]) => v !== undefined)
    .map(([name, value]) => ({ name, value, at: byName.get(foldName(name)) ?? members.length }));
  entries.sort((a, b) => a.at - b.at);
  for (const { name, value, at } of entries) {
    const element = members[at];
    if (schema !== undefined && element === undefined) throw new WsmanError(`${className} has no property ${name}`);
    encodeElementValue(w, `${prefix}:${element?.name ?? name}`, value, element, o, depth);
  }
}

/**
 * One property or parameter: an element per array item, `xsi:nil` for NULL. With a schema element the value is
 * checked against it first (`checkElementValue`), so a wrong value is an error here, not a fault from the server.
 */
export function encodeElementValue(
  w: XmlWriter,
  tag: string,
  value: unknown,
  element: ElementSchema | undefined,
  o: WsValueOptions,
  depth = 1,
): void {
  if (value === undefined) return;
  if (isTyped(value)) {
    const typedElement: ElementSchema = {
      name: tag,
      type: value.type,
      ...(value.array === true && { array: true as const }),
      ...(value.embeddedClass !== undefined && value.type !== "reference" && { embeddedClass: value.embeddedClass }),
    };
    encodeElementValue(w, tag, value.value, typedElement, o, depth);
    return;
  }
  if (value === null) {
    w.leaf(tag, { "xsi:nil": "true" });
    return;
  }
  if (element !== undefined) {
    const reason = checkElementValue(element, value);
    if (reason !== undefined) throw new WsmanError(`${tag}: ${reason}`);
  }
  const items = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && element !== undefined && element.array !== true)
    throw new WsmanError(`${tag}: an array for an element that is not an array`);
  if (items.length === 0 && o.refuseEmptyArrays === true)
    throw new WsmanError(
      `${tag}: WS-Management cannot send an empty array: an array is sent as one element per item, so [] would arrive as a value not given; send null, or leave it out`,
    );
  for (const item of items) {
    if (item === null || item === undefined) throw new WsmanError(`${tag}: an array element cannot be null`);
    encodeScalarValue(w, tag, item, element, o, depth);
  }
}

function inferType(value: unknown): CimTypeName {
  switch (typeof value) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "bigint":
      return "sint64";
    case "number":
      return Number.isInteger(value) ? "sint64" : "real64";
    default:
      if (value instanceof Date) return "datetime";
      if (isPlainObject(value)) {
        const kind = (value as { kind?: unknown }).kind;
        if (kind === "timestamp" || kind === "interval") return "datetime";
        if ("className" in value && "keys" in value) return "reference";
        return "instance";
      }
      throw new WsmanError(`a ${typeof value} cannot be written as a CIM value`);
  }
}

function encodeScalarValue(
  w: XmlWriter,
  tag: string,
  value: unknown,
  element: ElementSchema | undefined,
  o: WsValueOptions,
  depth: number,
): void {
  const type =
    element?.embeddedClass !== undefined && typeof value !== "string"
      ? "instance"
      : (element?.type ?? inferType(value));
  switch (type) {
    case "reference":
      w.start(tag);
      writeEndpointContent(w, pathToEndpoint(value as ObjectPath, o.addressing));
      w.end();
      return;
    case "datetime": {
      const dt = value instanceof Date ? fromDate(value) : (value as CimDateTimeValue);
      const xs = dt.kind === "timestamp" ? formatXsDateTime(dt) : formatXsDuration(dt);
      w.start(tag);
      if (xs === undefined) w.leaf("cim:CIM_DateTime", {}, formatDateTime(dt));
      else w.leaf(dt.kind === "timestamp" ? "cim:Datetime" : "cim:Interval", {}, xs);
      w.end();
      return;
    }
    case "instance":
    case "object":
      if (typeof value === "string") w.leaf(tag, {}, value);
      else encodeEmbedded(w, tag, value, element, o, depth);
      return;
    case "boolean":
      w.leaf(tag, {}, value === true ? "true" : "false");
      return;
    case "string":
    case "char16":
      w.leaf(tag, {}, value as string);
      return;
    case "real32":
    case "real64":
      w.leaf(tag, {}, encodeScalar(type, value));
      return;
    default:
      w.leaf(tag, {}, String(value));
  }
}

function encodeEmbedded(
  w: XmlWriter,
  tag: string,
  value: unknown,
  element: ElementSchema | undefined,
  o: WsValueOptions,
  depth: number,
): void {
  if (depth > 32) throw new WsmanError(`${tag}: embedded instances nest more than 32 deep`);
  const mof = value as { kind?: unknown; properties?: unknown };
  const properties = (mof.kind === "instance" && isPlainObject(mof.properties) ? mof.properties : value) as Record<
    string,
    unknown
  >;
  const className = embeddedClassName(value) ?? element?.embeddedClass;
  if (className === undefined)
    throw new WsmanError(`${tag}: an embedded instance needs its class (make it with embedded(className, ...))`);
  const prefix = `q${depth}`;
  const uri = resourceUriFor(className, o.addressing.namespace, o.addressing.convention).resourceUri;
  w.start(tag, { [`xmlns:${prefix}`]: uri, "xsi:type": `${prefix}:${className}_Type` });
  const schema = element?.embeddedSchema?.() ?? o.schemas(className);
  encodeProperties(w, prefix, className, properties, o, depth + 1, schema);
  w.end();
}
