import {
  type AddressingOptions,
  type EndpointReference,
  namespaceSelector,
  normalNamespace,
  parseResourceUri,
  pathToEndpoint,
  type ResourceUriConvention,
  type Selector,
} from "../../codecs/wsman/index.js";
import { CimStatus } from "../../values/cim-error.js";
import { foldName, sameName } from "../../values/cim-name.js";
import { formatObjectPath, type KeyValue, type ObjectPath, parseObjectPath } from "../../values/reference.js";
import type { ClassSchema, PropertySchema } from "../../values/schema.js";
import type { ServedNamespace } from "../namespace.js";
import { faults, ServerFault } from "./faults.js";

/**
 * What a request is about: its resource URI and selectors read against the served namespace (DSP0227 §7). Both
 * conventions are understood: WMI's (`.../wmi/<namespace>/<Class>`) and DMTF's (`.../cim-schema/2/<Class>` with an
 * optional `__cimnamespace` selector); a vendor prefix (`http://schemas.dell.com/...`) reads like DMTF's. The answer
 * is written in the convention the request used, so a WinRM client gets WMI URIs back and a DMTF one DMTF URIs.
 */
export interface Target {
  readonly convention: ResourceUriConvention;
  readonly resourceUri: string;
  /** The class, undefined for `*` (every class: WQL and association enumerations). */
  readonly schema: ClassSchema | undefined;
  /** The selectors other than `__cimnamespace`. */
  readonly selectors: readonly Selector[];
  readonly addressing: AddressingOptions;
}

export function readTarget(ns: ServedNamespace, resourceUri: string | undefined, selectors: readonly Selector[]) {
  if (resourceUri === undefined)
    throw faults.destinationUnreachable("the request has no w:ResourceURI header", "InvalidResourceURI");
  const parsed = parseResourceUri(resourceUri);
  if (parsed === undefined)
    throw faults.destinationUnreachable(`the resource URI ${resourceUri} names no class`, "InvalidResourceURI");
  const convention = parsed.convention ?? "dmtf";
  let namespace = parsed.namespace;
  const rest: Selector[] = [];
  for (const s of selectors) {
    if (sameName(s.name, namespaceSelector) && typeof s.value === "string") namespace = normalNamespace(s.value);
    else rest.push(s);
  }
  if (namespace !== undefined && !ns.is(namespace))
    throw new ServerFault({
      ...faults.destinationUnreachable(`CIM_ERR_INVALID_NAMESPACE: ${namespace}`, "InvalidResourceURI").fault,
      cimStatus: CimStatus.CIM_ERR_INVALID_NAMESPACE,
    });
  const schema = parsed.className === undefined ? undefined : ns.lookup(parsed.className);
  if (parsed.className !== undefined && schema === undefined)
    throw new ServerFault({
      ...faults.destinationUnreachable(`CIM_ERR_NOT_FOUND: ${parsed.className}`, "InvalidResourceURI").fault,
      cimStatus: CimStatus.CIM_ERR_INVALID_CLASS,
    });
  const addressing: AddressingOptions = { convention, namespace: ns.name };
  return { convention, resourceUri, schema, selectors: rest, addressing } satisfies Target;
}

/** The target's class, which the operation needs (a `*` URI names none). */
export function requireClass(target: Target): ClassSchema {
  if (target.schema === undefined)
    throw faults.destinationUnreachable(
      `${target.resourceUri} names every class; this operation needs one`,
      "InvalidResourceURI",
    );
  return target.schema;
}

/**
 * The instance the selectors name (DSP0226 §7.x, Table 18 InvalidSelectors): every selector a key of the class, every
 * key given once, each value of the key's type. A selector that is itself an endpoint reference (a REF key) becomes
 * the key's object path text, as CIM object paths carry reference keys.
 */
export function instanceOf(ns: ServedNamespace, schema: ClassSchema, selectors: readonly Selector[]): ObjectPath {
  const keyProperties = schema.properties.filter((p) => p.key === true);
  const keys: Record<string, KeyValue> = {};
  const given = new Set<string>();
  for (const s of selectors) {
    const property = keyProperties.find((p) => sameName(p.name, s.name));
    if (property === undefined)
      throw faults.invalidSelectors(
        `selector ${JSON.stringify(s.name)} is not a key of ${schema.name} in namespace ${ns.name}`,
        "UnexpectedSelectors",
      );
    if (given.has(foldName(property.name)))
      throw faults.invalidSelectors(`selector ${JSON.stringify(s.name)} is given twice`, "DuplicateSelectors");
    given.add(foldName(property.name));
    Object.defineProperty(keys, property.name, { value: keyValue(schema, property, s.value), enumerable: true });
  }
  const missing = keyProperties.filter((p) => !given.has(foldName(p.name))).map((p) => p.name);
  if (missing.length > 0)
    throw faults.invalidSelectors(
      `${schema.name} is named by its keys; missing: ${missing.join(", ")}`,
      "InsufficientSelectors",
    );
  return { className: schema.name, namespace: ns.name, keys };
}

function keyValue(schema: ClassSchema, property: PropertySchema, value: string | EndpointReference): KeyValue {
  const mismatch = () =>
    faults.invalidSelectors(
      `selector ${property.name} of ${schema.name} must be a ${property.type}, not ${JSON.stringify(typeof value === "string" ? value : "an endpoint reference")}`,
      "TypeMismatch",
    );
  if (typeof value !== "string") {
    if (property.type !== "reference") throw mismatch();
    return formatObjectPath(referenceOf(value));
  }
  const text = value.trim();
  switch (property.type) {
    case "boolean":
      if (!/^(true|false|1|0)$/i.test(text)) throw mismatch();
      return /^(true|1)$/i.test(text);
    case "uint64":
    case "sint64":
      if (!/^[+-]?\d{1,20}$/.test(text)) throw mismatch();
      return BigInt(text);
    case "uint8":
    case "sint8":
    case "uint16":
    case "sint16":
    case "uint32":
    case "sint32":
      if (!/^[+-]?\d{1,10}$/.test(text)) throw mismatch();
      return Number(text);
    case "real32":
    case "real64":
      if (text === "" || !Number.isFinite(Number(text))) throw mismatch();
      return Number(text);
    default:
      return value;
  }
}

/** The object path an endpoint reference names (its class from the URI, its keys from the selectors, as text). */
export function referenceOf(epr: EndpointReference): ObjectPath {
  const parsed = parseResourceUri(epr.resourceUri);
  if (parsed?.className === undefined)
    throw faults.destinationUnreachable(`the resource URI ${epr.resourceUri} names no class`, "InvalidResourceURI");
  let namespace = parsed.namespace;
  const keys: Record<string, KeyValue> = {};
  for (const s of epr.selectors) {
    if (sameName(s.name, namespaceSelector) && typeof s.value === "string") namespace = normalNamespace(s.value);
    else
      Object.defineProperty(keys, s.name, {
        value: typeof s.value === "string" ? s.value : formatObjectPath(referenceOf(s.value)),
        enumerable: true,
      });
  }
  return { className: parsed.className, ...(namespace !== undefined && { namespace }), keys };
}

/**
 * The endpoint reference of an instance this server answers with: `pathToEndpoint`, except that a key which is a
 * REF (an association's keys) is written as the nested endpoint reference DSP0227 §7.6 asks for, not as path text.
 */
export function endpointOf(ns: ServedNamespace, path: ObjectPath, addressing: AddressingOptions): EndpointReference {
  const epr = pathToEndpoint(path, addressing);
  const schema = ns.lookup(path.className);
  if (schema === undefined) return epr;
  const selectors = epr.selectors.map((s): Selector => {
    const property = schema.properties.find((p) => sameName(p.name, s.name));
    if (property?.type !== "reference" || typeof s.value !== "string") return s;
    const value = Object.entries(path.keys).find(([k]) => sameName(k, s.name))?.[1];
    try {
      const far = typeof value === "object" && value !== null ? (value as ObjectPath) : parseObjectPath(s.value);
      return { name: s.name, value: endpointOf(ns, { ...far, namespace: far.namespace ?? ns.name }, addressing) };
    } catch {
      return s;
    }
  });
  return { ...epr, selectors };
}
