/**
 * Every XML namespace, dialect, action and well-known URI of the WS-Management codec, in one place: DMTF DSP0226
 * (WS-Management), DSP0227 and DSP0230 (its CIM binding), the 2004 WS-Addressing, WS-Enumeration, WS-Transfer and
 * WS-Eventing drafts it builds on, and Microsoft's additions (MS-WSMV). Codec modules import these; no URI is spelled
 * twice. `prefixes` are the ones this codec writes (WinRM's choice of letters), declared once on the Envelope.
 */
export const ns = {
  soap: "http://www.w3.org/2003/05/soap-envelope",
  soap11: "http://schemas.xmlsoap.org/soap/envelope/",
  addressing: "http://schemas.xmlsoap.org/ws/2004/08/addressing",
  enumeration: "http://schemas.xmlsoap.org/ws/2004/09/enumeration",
  transfer: "http://schemas.xmlsoap.org/ws/2004/09/transfer",
  eventing: "http://schemas.xmlsoap.org/ws/2004/08/eventing",
  wsman: "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd",
  identity: "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd",
  msWsman: "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd",
  msWsmanFault: "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault",
  cimBinding: "http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd",
  cimCommon: "http://schemas.dmtf.org/wbem/wscim/1/common",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  xs: "http://www.w3.org/2001/XMLSchema",
  xml: "http://www.w3.org/XML/1998/namespace",
} as const;

/** The prefix this codec writes for each namespace. */
export const prefixes = {
  s: ns.soap,
  a: ns.addressing,
  n: ns.enumeration,
  x: ns.transfer,
  w: ns.wsman,
  p: ns.msWsman,
  b: ns.cimBinding,
  xsi: ns.xsi,
  cim: ns.cimCommon,
} as const;

/** The filter dialects of Enumerate. */
export const dialects = {
  /** Microsoft's WQL (MS-WSMV 3.1.4.8.1.1). */
  wql: "http://schemas.microsoft.com/wbem/wsman/1/WQL",
  /** DMTF CQL (DSP0202). */
  cql: "http://schemas.dmtf.org/wbem/cql/1/dsp0202.pdf",
  /** DSP0226 §8.3.2: instances whose keys are the given selectors. */
  selector: "http://schemas.dmtf.org/wbem/wsman/1/wsman/SelectorFilter",
  /** DSP0227 §8.2: `AssociatedInstances` (associators) and `AssociationInstances` (references). */
  association: "http://schemas.dmtf.org/wbem/wsman/1/cimbinding/associationFilter",
} as const;

/** Resource URI prefixes: WMI's (namespace then class) and DMTF's (class only, `__cimnamespace` selector). */
export const resourceUris = {
  wmi: "http://schemas.microsoft.com/wbem/wsman/1/wmi/",
  dmtf: "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/",
  /** DSP0227 §7.3: every class of a namespace, for WQL and association enumerations. */
  dmtfAllClasses: "http://schemas.dmtf.org/wbem/wscim/1/*",
} as const;

export const anonymous = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";

/** The selector that names a CIM namespace (DSP0227 §7.4). */
export const namespaceSelector = "__cimnamespace";

export const actions = {
  get: `${ns.transfer}/Get`,
  getResponse: `${ns.transfer}/GetResponse`,
  put: `${ns.transfer}/Put`,
  putResponse: `${ns.transfer}/PutResponse`,
  create: `${ns.transfer}/Create`,
  createResponse: `${ns.transfer}/CreateResponse`,
  delete: `${ns.transfer}/Delete`,
  deleteResponse: `${ns.transfer}/DeleteResponse`,
  enumerate: `${ns.enumeration}/Enumerate`,
  enumerateResponse: `${ns.enumeration}/EnumerateResponse`,
  pull: `${ns.enumeration}/Pull`,
  pullResponse: `${ns.enumeration}/PullResponse`,
  release: `${ns.enumeration}/Release`,
  releaseResponse: `${ns.enumeration}/ReleaseResponse`,
  /** Faults, by the namespace of their subcode (DSP0226 Table 18 and the WS-* specifications). */
  addressingFault: `${ns.addressing}/fault`,
  enumerationFault: `${ns.enumeration}/fault`,
  transferFault: `${ns.transfer}/fault`,
  eventingFault: `${ns.eventing}/fault`,
  wsmanFault: "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault",
} as const;

/** `w:FaultDetail` URIs (DSP0226 Annex A) the client and server name. */
export const faultDetailPrefix = "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/";

/** Invoke's action: the resource URI, `/`, the method name (DSP0227 §9.3); the answer adds `Response`. */
export function invokeAction(resourceUri: string, method: string): string {
  return `${resourceUri}/${method}`;
}
