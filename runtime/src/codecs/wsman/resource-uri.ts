import { isMofName } from "../../values/cim-name.js";
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

/**
 * The resource URI of a class (or `*`, every class) in a namespace (`root/cimv2`). A class name with code points
 * past ASCII (DSP0004 allows U+0080..U+FFEF) is written as percent-escaped UTF-8, the URI form of the IRI (RFC 3987
 * §3.1): a resource URI is an `xs:anyURI`, which may hold either, but the escaped one passes every peer and proxy
 * that reads URIs as RFC 3986 ASCII. ASCII names are unchanged (letters, digits and `_` are never escaped).
 */
export function resourceUriFor(
  className: string,
  namespace: string,
  convention: ResourceUriConvention,
): ResourceAddress {
  const normal = normalNamespace(namespace);
  const segment = className === "*" ? className : encodeURIComponent(className);
  if (convention === "wmi") return { resourceUri: `${resourceUris.wmi}${normal}/${segment}` };
  const resourceUri = className === "*" ? resourceUris.dmtfAllClasses : `${resourceUris.dmtf}${segment}`;
  return { resourceUri, namespaceSelector: normal };
}

export interface ParsedResourceUri {
  /** The class, or undefined for `*` (every class). */
  readonly className: string | undefined;
  /** The namespace the URI itself names (WMI convention only). */
  readonly namespace?: string;
  readonly convention?: ResourceUriConvention;
}

/**
 * What a resource URI names; undefined when its last segment is neither a class name nor `*`. The class segment
 * is read in both forms an `xs:anyURI` may take: percent-escaped UTF-8 (what `resourceUriFor` writes) and the raw
 * IRI (`.../Test_Straße`, as a peer that does not escape sends it); both name the same class.
 */
export function parseResourceUri(uri: string): ParsedResourceUri | undefined {
  const text = uri.trim();
  const slash = text.lastIndexOf("/");
  const last = text.slice(slash + 1);
  const className = last === "*" ? undefined : classSegment(last);
  if (last !== "*" && className === undefined) return undefined;
  if (text.toLowerCase().startsWith(resourceUris.wmi)) {
    const namespace = text.slice(resourceUris.wmi.length, slash);
    if (namespace === "" || !/^[A-Za-z0-9_]+(?:\/[A-Za-z0-9_]+)*$/.test(namespace)) return undefined;
    return { className, namespace, convention: "wmi" };
  }
  if (text.startsWith(resourceUris.dmtf) || text === resourceUris.dmtfAllClasses)
    return { className, convention: "dmtf" };
  return { className };
}

/** The class a resource URI's last segment names, percent-escaped or not; undefined when it names none. */
function classSegment(segment: string): string | undefined {
  let name = segment;
  if (segment.includes("%")) {
    try {
      name = decodeURIComponent(segment);
    } catch {
      return undefined; // a malformed escape or escaped bytes that are not UTF-8
    }
  }
  return isMofName(name) ? name : undefined;
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
