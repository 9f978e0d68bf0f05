import { type FaultToSend, faultDetailPrefix, faultForStatus, ns } from "../../codecs/wsman/index.js";
import { CimError, CimStatus } from "../../values/cim-error.js";

/**
 * The faults this endpoint sends (DSP0226 §14, Table 18; MS-WSMV 2.2.4.x). An operation throws a `ServerFault` for a
 * WS-Management condition (a selector that is not a key, an enumeration mode it does not serve...), or a `CimError`
 * (a provider's, the host's) that becomes the fault DSP0227 maps its status to. Either way the client gets a SOAP 1.2
 * fault with HTTP 500, as DSP0226 R13.2-x and WinRM answer every fault, `Sender` for the client's mistakes,
 * `Receiver` for the server's, and the CIM status in the detail so a CIM client reads the same code back.
 */
export class ServerFault extends Error {
  override readonly name = "ServerFault";
  constructor(readonly fault: FaultToSend) {
    super(fault.reason);
  }
}

type Detail = string | undefined;

function sender(namespace: string, local: string, reason: string, detail?: Detail, status?: CimStatus): ServerFault {
  return new ServerFault({
    code: "Sender",
    subcode: { ns: namespace, local },
    reason,
    ...(detail !== undefined && { faultDetail: `${faultDetailPrefix}${detail}` }),
    ...(status !== undefined && { cimStatus: status }),
  });
}

export const faults = {
  /** `wsa:DestinationUnreachable`: no such resource (class, namespace or instance). */
  destinationUnreachable: (reason: string, detail?: Detail) =>
    sender(ns.addressing, "DestinationUnreachable", reason, detail, CimStatus.CIM_ERR_NOT_FOUND),
  invalidSelectors: (reason: string, detail: Detail) =>
    sender(ns.wsman, "InvalidSelectors", reason, detail, CimStatus.CIM_ERR_NOT_FOUND),
  actionNotSupported: (action: string) =>
    sender(
      ns.addressing,
      "ActionNotSupported",
      `the action ${JSON.stringify(action)} is not supported by this service`,
      "ActionMismatch",
      CimStatus.CIM_ERR_NOT_SUPPORTED,
    ),
  headerRequired: (reason: string) => sender(ns.addressing, "MessageInformationHeaderRequired", reason),
  invalidHeader: (reason: string) => sender(ns.addressing, "InvalidMessageInformationHeader", reason),
  schemaValidation: (reason: string) =>
    sender(ns.wsman, "SchemaValidationError", reason, undefined, CimStatus.CIM_ERR_INVALID_PARAMETER),
  /** DSP0226 Table 18 wsman:TimedOut: the operation did not end within the request's w:OperationTimeout. */
  timedOut: (reason: string) =>
    new ServerFault({
      code: "Receiver",
      subcode: { ns: ns.wsman, local: "TimedOut" },
      reason,
      cimStatus: CimStatus.CIM_ERR_FAILED,
    }),
  invalidParameter: (reason: string) =>
    sender(ns.wsman, "InvalidParameter", reason, undefined, CimStatus.CIM_ERR_INVALID_PARAMETER),
  unsupportedFeature: (reason: string, detail?: Detail) =>
    sender(ns.wsman, "UnsupportedFeature", reason, detail, CimStatus.CIM_ERR_NOT_SUPPORTED),
  invalidExpiration: (text: string) =>
    sender(
      ns.enumeration,
      "InvalidExpirationTime",
      `the expiration time ${JSON.stringify(text)} is not valid`,
      undefined,
      CimStatus.CIM_ERR_INVALID_OPERATION_TIMEOUT,
    ),
  cannotProcessFilter: (reason: string) =>
    sender(ns.enumeration, "CannotProcessFilter", reason, undefined, CimStatus.CIM_ERR_INVALID_QUERY),
  dialectUnavailable: (dialect: string) =>
    sender(
      ns.enumeration,
      "FilterDialectRequestedUnavailable",
      `the filter dialect ${JSON.stringify(dialect)} is not supported (WQL, selector and association filters are)`,
      undefined,
      CimStatus.CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED,
    ),
  encodingLimit: (reason: string, detail: Detail) =>
    sender(ns.wsman, "EncodingLimit", reason, detail, CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED),
};

/** The fault for whatever an operation threw: a ServerFault as it is, a CimError by DSP0227's mapping. */
export function faultOf(error: unknown): FaultToSend {
  if (error instanceof ServerFault) return error.fault;
  if (error instanceof CimError) {
    const fault = faultForStatus(error.code, error.detail || error.message);
    // DSP0226 Table 18: an enumeration context the server does not hold is its (the receiver's) condition.
    return error.code === CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT ? { ...fault, code: "Receiver" } : fault;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return faultForStatus(CimStatus.CIM_ERR_FAILED, reason);
}
