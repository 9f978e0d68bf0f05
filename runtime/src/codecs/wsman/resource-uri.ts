import { namespaceSelector, resourceUris } from "./namespaces.js";

/**
 * Resource URIs (DSP0227 §7): which class of which namespace a message is about. A session picks one convention:
 *
 * - `wmi` (WinRM's own): `http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/Win32_Service`, the namespace in
 *   the path; `.../wmi/root/cimv2/*` names every class of the namespace (WQL and association enumerations);
 * - `dmtf` (DSP0227, also accepted by WinRM for CIM_ classes): `http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/
 *   CIM_ComputerSystem`, the namespace in the `__cimnamespace` selector; `http://schemas.dmtf.org/wbem/wscim/1/*`
 *   names every class.
 *
 * Vendors add their own prefixes (`http://schemas.dell.com/wbem/wscim/1/cim-schema/2/DCIM_...`,
 * `http://intel.com/wbem/wscim/1/amt-schema/1/AMT_...`): reading takes the class from the last path segment of any URI.
 */
export type ResourceUriConvention = "wmi" | "dmtf";

export interface ResourceAddress {
  readonly resourceUri: string;
  /** `__cimnamespace`, when the convention carries the namespace in a selector. */
  readonly namespaceSelector?: string;
}

/** The resource URI of a class (or `*`, every class) in a namespace (`root/cimv2`). */
export function resourceUriFor(
  className: string,
  namespace: string,
  convention: ResourceUriConvention,
): ResourceAddress {
  const normal = normalNamespace(namespace);
  if (convention === "wmi") return { resourceUri: `${resourceUris.wmi}${normal}/${className}` };
  const resourceUri = className === "*" ? resourceUris.dmtfAllClasses : `${resourceUris.dmtf}${className}`;
  return { resourceUri, namespaceSelector: normal };
}

export interface ParsedResourceUri {
  /** The class, or undefined for `*` (every class). */
  readonly className: string | undefined;
  /** The namespace the URI itself names (WMI convention only). */
  readonly namespace?: string;
  readonly convention?: ResourceUriConvention;
}

const classSegment = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What a resource URI names; undefined when its last segment is neither a class name nor `*`. */
export function parseResourceUri(uri: string): ParsedResourceUri | undefined {
  const text = uri.trim();
  const slash = text.lastIndexOf("/");
  const last = text.slice(slash + 1);
  if (last !== "*" && !classSegment.test(last)) return undefined;
  const className = last === "*" ? undefined : last;
  if (text.toLowerCase().startsWith(resourceUris.wmi)) {
    const namespace = text.slice(resourceUris.wmi.length, slash);
    if (namespace === "" || !/^[A-Za-z0-9_]+(?:\/[A-Za-z0-9_]+)*$/.test(namespace)) return undefined;
    return { className, namespace, convention: "wmi" };
  }
  if (text.startsWith(resourceUris.dmtf) || text === resourceUris.dmtfAllClasses)
    return { className, convention: "dmtf" };
  return { className };
}

/** `root/cimv2` however it was written (`/root/cimv2/`, `root\\cimv2`). */
export function normalNamespace(namespace: string): string {
  // Trimmed: pretty-printed messages (OpenPegasus' test replies) put the selector's text on its own line.
  return namespace
    .trim()
    .split(/[\\/]/)
    .filter((s) => s !== "")
    .join("/");
}

export { namespaceSelector };
