import { CimError, CimStatus } from "../../values/cim-error.js";
import type { XmlWriter } from "../../xml/writer.js";
import type { CimInstance } from "../cimxml/typed.js";
import { invalid } from "./errors.js";
import { attribute, child, childrenOf, qnameValue, trimmed, type WsElement } from "./names.js";
import { actions, faultDetailPrefix, ns } from "./namespaces.js";
import { decodeInstance, type WsValueOptions } from "./value.js";

/**
 * SOAP 1.2 faults (DSP0226 §14) and `CimError`. A fault's subcode (`wsa:DestinationUnreachable`,
 * `wsman:InvalidSelectors`, `wsen:InvalidEnumerationContext`...) says what kind of failure it was; WinRM adds in the
 * detail an `f:WSManFault` (a Windows error code and message), within it an `f:ProviderFault` from the WMI plug-in
 * with a `__ExtendedStatus`, or an `MSFT_WmiError` (a CIM_Error subclass carrying `CIMStatusCode`). A client gets
 * all of it as a `WsmanFault`, a `CimError` whose code is the CIM status the fault stands for: `CIMStatusCode` when
 * the detail has one, else the subcode's CIM status per DSP0227's mapping.
 */
export interface FaultSubcode {
  readonly ns: string;
  readonly local: string;
}

export interface WsmanFaultDetails {
  /** `Sender` or `Receiver` (the SOAP code's local name). */
  readonly code: string;
  readonly subcode?: FaultSubcode;
  readonly reason: string;
  /** `w:FaultDetail`, a URI such as `.../faultDetail/InvalidResourceURI`. */
  readonly faultDetail?: string;
  /** `f:WSManFault Code`: the Windows (HRESULT-style) error number. */
  readonly windowsCode?: number;
  readonly machine?: string;
  /** The innermost `f:Message` text. */
  readonly windowsMessage?: string;
  readonly provider?: string;
  /** The `MSFT_WmiError` or `__ExtendedStatus` instance of the detail. */
  readonly wmiError?: CimInstance;
}

/** A fault as a CimError (its `name` stays "CimError": callers that test `error.name` keep working). */
export class WsmanFault extends CimError {
  constructor(
    code: CimStatus,
    readonly fault: WsmanFaultDetails,
  ) {
    const sub = fault.subcode === undefined ? fault.code : `${subcodePrefix(fault.subcode.ns)}:${fault.subcode.local}`;
    const more =
      fault.windowsMessage !== undefined && fault.windowsMessage !== fault.reason ? ` (${fault.windowsMessage})` : "";
    super(code, `${sub}: ${fault.reason}${more}`);
  }

  get subcode(): string | undefined {
    return this.fault.subcode?.local;
  }
}

function subcodePrefix(namespace: string): string {
  switch (namespace) {
    case ns.addressing:
      return "wsa";
    case ns.enumeration:
      return "wsen";
    case ns.transfer:
      return "wxf";
    case ns.eventing:
      return "wse";
    case ns.wsman:
      return "wsman";
    default:
      return "fault";
  }
}

/** DSP0227's CIM status for each WS-Management subcode (by local name; the namespaces do not overlap in meaning). */
const subcodeStatus: Readonly<Record<string, CimStatus>> = {
  AccessDenied: CimStatus.CIM_ERR_ACCESS_DENIED,
  DestinationUnreachable: CimStatus.CIM_ERR_NOT_FOUND,
  InvalidSelectors: CimStatus.CIM_ERR_NOT_FOUND,
  InvalidParameter: CimStatus.CIM_ERR_INVALID_PARAMETER,
  InvalidRepresentation: CimStatus.CIM_ERR_INVALID_PARAMETER,
  SchemaValidationError: CimStatus.CIM_ERR_INVALID_PARAMETER,
  InvalidMessageInformationHeader: CimStatus.CIM_ERR_INVALID_PARAMETER,
  MessageInformationHeaderRequired: CimStatus.CIM_ERR_INVALID_PARAMETER,
  InvalidOptions: CimStatus.CIM_ERR_INVALID_PARAMETER,
  InvalidExpirationTime: CimStatus.CIM_ERR_INVALID_OPERATION_TIMEOUT,
  ActionNotSupported: CimStatus.CIM_ERR_NOT_SUPPORTED,
  UnsupportedFeature: CimStatus.CIM_ERR_NOT_SUPPORTED,
  AlreadyExists: CimStatus.CIM_ERR_ALREADY_EXISTS,
  CannotProcessFilter: CimStatus.CIM_ERR_INVALID_QUERY,
  FilterDialectRequestedUnavailable: CimStatus.CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED,
  FilteringNotSupported: CimStatus.CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED,
  InvalidEnumerationContext: CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT,
  EncodingLimit: CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED,
  QuotaLimit: CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED,
  // WS-Eventing (subscriptions).
  DeliveryModeRequestedUnavailable: CimStatus.CIM_ERR_NOT_SUPPORTED,
  InvalidMessage: CimStatus.CIM_ERR_INVALID_PARAMETER,
  EventSourceUnableToProcess: CimStatus.CIM_ERR_FAILED,
  UnableToRenew: CimStatus.CIM_ERR_FAILED,
  TimedOut: CimStatus.CIM_ERR_FAILED,
  InternalError: CimStatus.CIM_ERR_FAILED,
};

const knownStatus = new Set<number>(Object.values(CimStatus));

/** A `s:Fault` element as a `WsmanFault`. */
export function decodeFault(fault: WsElement, o: WsValueOptions): WsmanFault {
  const code = child(fault, ns.soap, "Code");
  const value = code === undefined ? undefined : child(code, ns.soap, "Value");
  if (code === undefined || value === undefined) invalid(fault, "a SOAP fault needs s:Code/s:Value");
  const subEl = child(code, ns.soap, "Subcode");
  const subValue = subEl === undefined ? undefined : child(subEl, ns.soap, "Value");
  const subcode = subValue === undefined ? undefined : qnameValue(subValue, subValue.text);
  const reasonEl = child(fault, ns.soap, "Reason");
  const texts = reasonEl === undefined ? [] : childrenOf(reasonEl, ns.soap, "Text");
  const reason = (texts.find((t) => attribute(t, ns.xml, "lang")?.startsWith("en")) ?? texts[0])?.text.trim() ?? "";
  const detail = child(fault, ns.soap, "Detail");
  const details: Record<string, unknown> = {
    code: qnameValue(value, value.text).local,
    subcode,
    reason,
  };
  if (detail !== undefined) readDetail(detail, details, o);
  const fields = Object.fromEntries(
    Object.entries(details).filter(([, v]) => v !== undefined),
  ) as unknown as WsmanFaultDetails;
  return new WsmanFault(statusOf(fields), fields);
}

/**
 * WMI's own errors (MS-WMI 2.2.11 WBEMSTATUS) as CIM statuses: a WinRM fault about a WMI operation carries the
 * HRESULT as the `f:WSManFault` Code or the `__ExtendedStatus` StatusCode, which says more than the subcode
 * (`wsa:DestinationUnreachable` covers both an unknown class and a missing instance).
 */
const wbemStatus: ReadonlyMap<number, CimStatus> = new Map([
  [0x80041001, CimStatus.CIM_ERR_FAILED],
  [0x80041002, CimStatus.CIM_ERR_NOT_FOUND],
  [0x80041003, CimStatus.CIM_ERR_ACCESS_DENIED],
  [0x80041005, CimStatus.CIM_ERR_TYPE_MISMATCH],
  [0x80041008, CimStatus.CIM_ERR_INVALID_PARAMETER],
  [0x8004100c, CimStatus.CIM_ERR_NOT_SUPPORTED],
  [0x8004100d, CimStatus.CIM_ERR_INVALID_SUPERCLASS],
  [0x8004100e, CimStatus.CIM_ERR_INVALID_NAMESPACE],
  [0x80041010, CimStatus.CIM_ERR_INVALID_CLASS],
  [0x80041017, CimStatus.CIM_ERR_INVALID_QUERY],
  [0x80041018, CimStatus.CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED],
  [0x80041019, CimStatus.CIM_ERR_ALREADY_EXISTS],
  [0x80041025, CimStatus.CIM_ERR_CLASS_HAS_CHILDREN],
  [0x80041033, CimStatus.CIM_ERR_SERVER_IS_SHUTTING_DOWN],
]);

function statusOf(f: WsmanFaultDetails): CimStatus {
  const wmi = f.wmiError?.properties.CIMStatusCode;
  if (typeof wmi === "number" && knownStatus.has(wmi) && wmi !== 0) return wmi as CimStatus;
  const extended = f.wmiError?.properties.StatusCode;
  for (const code of [typeof extended === "number" ? extended : undefined, f.windowsCode]) {
    const status = code === undefined ? undefined : wbemStatus.get(code);
    if (status !== undefined) return status;
  }
  if (f.subcode !== undefined) return subcodeStatus[f.subcode.local] ?? CimStatus.CIM_ERR_FAILED;
  // SOAP's own codes (a fault without a WS-Management subcode): a header or envelope the peer does not support.
  return f.code === "MustUnderstand" || f.code === "VersionMismatch"
    ? CimStatus.CIM_ERR_NOT_SUPPORTED
    : CimStatus.CIM_ERR_FAILED;
}

function readDetail(detail: WsElement, into: Record<string, unknown>, o: WsValueOptions): void {
  const fd = child(detail, ns.wsman, "FaultDetail");
  if (fd !== undefined) into.faultDetail = trimmed(fd);
  for (const el of detail.children) {
    if (el.ns === ns.msWsmanFault && el.local === "WSManFault") readWsmanFault(el, into, o);
    else if (el.local === "MSFT_WmiError" || el.local === "__ExtendedStatus" || el.local.endsWith("_Error"))
      into.wmiError = decodeInstance(el, o);
  }
}

/** `f:WSManFault`: Code, Machine, and an `f:Message` that is text or holds an `f:ProviderFault` (nested again). */
function readWsmanFault(el: WsElement, into: Record<string, unknown>, o: WsValueOptions): void {
  const code = attribute(el, "", "Code");
  if (code !== undefined && /^\d+$/.test(code.trim())) into.windowsCode = Number(code.trim());
  const machine = attribute(el, "", "Machine");
  if (machine !== undefined) into.machine = machine;
  const message = child(el, ns.msWsmanFault, "Message");
  if (message === undefined) return;
  const provider = child(message, ns.msWsmanFault, "ProviderFault");
  if (provider === undefined) {
    into.windowsMessage = message.text.trim();
    return;
  }
  const name = attribute(provider, "", "provider");
  if (name !== undefined) into.provider = name;
  const inner = child(provider, ns.msWsmanFault, "WSManFault");
  if (inner !== undefined) readWsmanFault(inner, into, o);
  else if (provider.text.trim() !== "") into.windowsMessage = provider.text.trim();
  const extended = child(provider, ns.msWsmanFault, "ExtendedError");
  const status = extended?.children[0];
  if (status !== undefined) into.wmiError = decodeInstance(status, o);
}

// ---- writing (the server's side) ----

/** A fault to send: its subcode (prefixed as written: `wsa:`, `wsen:`, `wxf:`, `wsman:`), reason and detail URI. */
export interface FaultToSend {
  readonly code: "Sender" | "Receiver";
  readonly subcode: FaultSubcode;
  readonly reason: string;
  readonly faultDetail?: string;
  /** The CIM status, written in the detail as a `CIM_Error`'s CIMStatusCode so a client can read it back exactly. */
  readonly cimStatus?: CimStatus;
}

/** The subcode, code and detail URI for a CIM status (DSP0227's mapping, as the client reads it back). */
export function faultForStatus(status: CimStatus, reason: string): FaultToSend {
  const sender = (namespace: string, local: string, detail?: string): FaultToSend => ({
    code: "Sender",
    subcode: { ns: namespace, local },
    reason,
    cimStatus: status,
    ...(detail !== undefined && { faultDetail: `${faultDetailPrefix}${detail}` }),
  });
  switch (status) {
    case CimStatus.CIM_ERR_ACCESS_DENIED:
      return sender(ns.wsman, "AccessDenied");
    case CimStatus.CIM_ERR_NOT_FOUND:
    case CimStatus.CIM_ERR_INVALID_NAMESPACE:
    case CimStatus.CIM_ERR_INVALID_CLASS:
      return sender(ns.addressing, "DestinationUnreachable");
    case CimStatus.CIM_ERR_INVALID_PARAMETER:
    case CimStatus.CIM_ERR_NO_SUCH_PROPERTY:
    case CimStatus.CIM_ERR_TYPE_MISMATCH:
      return sender(ns.wsman, "InvalidParameter");
    case CimStatus.CIM_ERR_NOT_SUPPORTED:
    case CimStatus.CIM_ERR_METHOD_NOT_AVAILABLE:
    case CimStatus.CIM_ERR_METHOD_NOT_FOUND:
      return sender(ns.addressing, "ActionNotSupported");
    case CimStatus.CIM_ERR_ALREADY_EXISTS:
      return sender(ns.wsman, "AlreadyExists");
    case CimStatus.CIM_ERR_INVALID_QUERY:
      return sender(ns.enumeration, "CannotProcessFilter");
    case CimStatus.CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED:
      return sender(ns.enumeration, "FilterDialectRequestedUnavailable");
    case CimStatus.CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED:
      return sender(ns.enumeration, "FilteringNotSupported");
    case CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT:
      return sender(ns.enumeration, "InvalidEnumerationContext");
    case CimStatus.CIM_ERR_INVALID_OPERATION_TIMEOUT:
      return sender(ns.enumeration, "InvalidExpirationTime");
    case CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED:
      return { ...sender(ns.wsman, "QuotaLimit"), code: "Receiver" };
    default:
      return { code: "Receiver", subcode: { ns: ns.wsman, local: "InternalError" }, reason, cimStatus: status };
  }
}

/** The `a:Action` of a fault with this subcode. */
export function faultAction(subcode: FaultSubcode): string {
  switch (subcode.ns) {
    case ns.addressing:
      return actions.addressingFault;
    case ns.enumeration:
      return actions.enumerationFault;
    case ns.transfer:
      return actions.transferFault;
    case ns.eventing:
      return actions.eventingFault;
    default:
      return actions.wsmanFault;
  }
}

/** The `s:Fault` body element. The subcode's namespace gets its own prefix (`wsa`, `wsen`...) declared on it. */
export function writeFault(w: XmlWriter, f: FaultToSend): void {
  const prefix = subcodePrefix(f.subcode.ns);
  w.start("s:Fault", { [`xmlns:${prefix}`]: f.subcode.ns });
  w.start("s:Code").leaf("s:Value", {}, `s:${f.code}`);
  w.start("s:Subcode").leaf("s:Value", {}, `${prefix}:${f.subcode.local}`).end();
  w.end();
  w.start("s:Reason").leaf("s:Text", { "xml:lang": "en-US" }, f.reason).end();
  if (f.faultDetail !== undefined || f.cimStatus !== undefined) {
    w.start("s:Detail");
    if (f.faultDetail !== undefined) w.leaf("w:FaultDetail", {}, f.faultDetail);
    if (f.cimStatus !== undefined) {
      const uri = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_Error";
      w.start("e:CIM_Error", { "xmlns:e": uri, "xsi:type": "e:CIM_Error_Type" });
      w.leaf("e:CIMStatusCode", { "xsi:type": "cim:cimUnsignedInt" }, String(f.cimStatus));
      w.leaf("e:Message", { "xsi:type": "cim:cimString" }, f.reason);
      w.end();
    }
    w.end();
  }
  w.end();
}
