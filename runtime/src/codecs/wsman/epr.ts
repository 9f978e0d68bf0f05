import { foldName } from "../../values/cim-name.js";
import type { KeyValue, ObjectPath } from "../../values/reference.js";
import { formatObjectPath } from "../../values/reference.js";
import type { XmlWriter } from "../../xml/writer.js";
import { invalid } from "./errors.js";
import { attribute, child, childrenOf, trimmed, type WsElement } from "./names.js";
import { anonymous, namespaceSelector, ns } from "./namespaces.js";
import { normalNamespace, parseResourceUri, type ResourceUriConvention, resourceUriFor } from "./resource-uri.js";

/**
 * Selector sets and WS-Addressing endpoint references (DSP0226 §5.1, DSP0227 §7.6), and their translation to and
 * from the runtime's `ObjectPath`. A selector's value is text or, for a key that is itself a reference, a nested
 * endpoint reference.
 */
export interface Selector {
  readonly name: string;
  readonly value: string | EndpointReference;
}

export interface EndpointReference {
  /** `a:Address`: the service's URL, or the anonymous role. */
  readonly address: string;
  readonly resourceUri: string;
  readonly selectors: readonly Selector[];
}

// ---- writing ----

/** `<w:SelectorSet>` with one `<w:Selector Name="...">` per selector (nothing when there are none). */
export function writeSelectorSet(w: XmlWriter, selectors: readonly Selector[]): void {
  if (selectors.length === 0) return;
  w.start("w:SelectorSet");
  for (const s of selectors) {
    if (typeof s.value === "string") w.leaf("w:Selector", { Name: s.name }, s.value);
    else {
      w.start("w:Selector", { Name: s.name });
      w.start("a:EndpointReference");
      writeEndpointContent(w, s.value);
      w.end().end();
    }
  }
  w.end();
}

/** The content of an EPR: `a:Address`, then `a:ReferenceParameters` with the resource URI and selectors. */
export function writeEndpointContent(w: XmlWriter, epr: EndpointReference): void {
  w.leaf("a:Address", {}, epr.address);
  w.start("a:ReferenceParameters");
  w.leaf("w:ResourceURI", {}, epr.resourceUri);
  writeSelectorSet(w, epr.selectors);
  w.end();
}

// ---- reading ----

/** The selectors of a `w:SelectorSet` (undefined: none). */
export function readSelectorSet(set: WsElement | undefined): Selector[] {
  if (set === undefined) return [];
  const selectors: Selector[] = [];
  for (const s of childrenOf(set, ns.wsman, "Selector")) {
    const name = attribute(s, "", "Name");
    if (name === undefined) invalid(s, "a selector needs a Name attribute");
    const nested = child(s, ns.addressing, "EndpointReference");
    selectors.push({ name, value: nested === undefined ? s.text : readEndpointReference(nested) });
  }
  return selectors;
}

/** An EPR from the element that holds `a:Address` and `a:ReferenceParameters` (or `a:EndpointReference` itself). */
export function readEndpointReference(el: WsElement): EndpointReference {
  const holder = child(el, ns.addressing, "EndpointReference") ?? el;
  const address = child(holder, ns.addressing, "Address");
  const params = child(holder, ns.addressing, "ReferenceParameters");
  if (params === undefined) invalid(holder, "an endpoint reference needs a:ReferenceParameters");
  const uri = child(params, ns.wsman, "ResourceURI");
  if (uri === undefined) invalid(params, "an endpoint reference needs w:ResourceURI");
  return {
    address: address === undefined ? anonymous : trimmed(address),
    resourceUri: trimmed(uri),
    selectors: readSelectorSet(child(params, ns.wsman, "SelectorSet")),
  };
}

/** Whether an element holds an endpoint reference (a REF value rather than a string or an embedded instance). */
export function holdsEndpointReference(el: WsElement): boolean {
  return (
    child(el, ns.addressing, "ReferenceParameters") !== undefined ||
    child(el, ns.addressing, "EndpointReference") !== undefined
  );
}

// ---- ObjectPath <-> EPR ----

export interface AddressingOptions {
  readonly convention: ResourceUriConvention;
  /** The namespace of paths that name none. */
  readonly namespace: string;
  /** `a:Address` to write (default: the anonymous role, as WinRM writes in instances it returns). */
  readonly address?: string;
}

/**
 * The selectors that name an instance: `__cimnamespace` first in the DMTF convention (where Windows' WinRM client
 * puts it), then its keys as text.
 */
export function pathSelectors(path: ObjectPath, o: AddressingOptions): Selector[] {
  const selectors: Selector[] = [];
  const { namespaceSelector: cimNamespace } = resourceUriFor(
    path.className,
    path.namespace ?? o.namespace,
    o.convention,
  );
  if (cimNamespace !== undefined) selectors.push({ name: namespaceSelector, value: cimNamespace });
  for (const [name, value] of Object.entries(path.keys)) selectors.push({ name, value: keyText(value) });
  return selectors;
}

/** An ObjectPath as an endpoint reference. */
export function pathToEndpoint(path: ObjectPath, o: AddressingOptions): EndpointReference {
  const { resourceUri } = resourceUriFor(path.className, path.namespace ?? o.namespace, o.convention);
  return { address: o.address ?? anonymous, resourceUri, selectors: pathSelectors(path, o) };
}

function keyText(value: KeyValue): string {
  return typeof value === "boolean" ? String(value) : String(value);
}

/**
 * The ObjectPath an endpoint reference names: the class from the resource URI, the namespace from the URI (WMI) or
 * `__cimnamespace`, the keys from the other selectors. Selector values are text on the wire; `keyType` (the schema's
 * key types, when known) turns them into numbers, bigints or booleans. A key that is itself a reference becomes its
 * WMI path text, which is how CIM object paths carry reference keys. The address becomes `host` when it is a URL.
 */
export function endpointToPath(
  epr: EndpointReference,
  keyType?: (className: string, key: string) => string | undefined,
): ObjectPath {
  const parsed = parseResourceUri(epr.resourceUri);
  if (parsed?.className === undefined) throw new TypeError(`the resource URI ${epr.resourceUri} does not name a class`);
  let namespace = parsed.namespace;
  const keys: [string, KeyValue][] = [];
  for (const s of epr.selectors) {
    if (foldName(s.name) === foldName(namespaceSelector) && typeof s.value === "string") {
      namespace = normalNamespace(s.value);
      continue;
    }
    const text = typeof s.value === "string" ? s.value : formatObjectPath(endpointToPath(s.value, keyType));
    keys.push([s.name, typedKey(text, keyType?.(parsed.className, s.name))]);
  }
  const host = hostOf(epr.address);
  return {
    className: parsed.className,
    ...(namespace !== undefined && { namespace }),
    ...(host !== undefined && { host }),
    keys: Object.fromEntries(keys),
  };
}

function hostOf(address: string): string | undefined {
  if (address === anonymous) return undefined;
  try {
    const url = new URL(address);
    return url.protocol === "http:" || url.protocol === "https:" ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

function typedKey(text: string, type: string | undefined): KeyValue {
  switch (type) {
    case "boolean":
      return text.trim().toLowerCase() === "true" || text.trim() === "1";
    case "sint64":
    case "uint64":
      return /^[+-]?\d+$/.test(text.trim()) ? BigInt(text.trim()) : text;
    case "sint8":
    case "uint8":
    case "sint16":
    case "uint16":
    case "sint32":
    case "uint32":
    case "real32":
    case "real64": {
      const n = Number(text.trim());
      return text.trim() !== "" && Number.isFinite(n) ? n : text;
    }
    default:
      return text;
  }
}

/** Create's answer body (DSP0226 §7.5): `x:ResourceCreated` holding the new resource's endpoint reference. */
export function writeResourceCreated(w: XmlWriter, epr: EndpointReference): void {
  w.start("x:ResourceCreated");
  writeEndpointContent(w, epr);
  w.end();
}
