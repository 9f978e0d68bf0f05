import type { IncomingHttpHeaders } from "node:http";
import { CimXmlError } from "../../codecs/cimxml/errors.js";
import { decodeNamespace } from "../../codecs/cimxml/path.js";
import { CimError, CimStatus } from "../../values/cim-error.js";
import { foldName, sameName } from "../../values/cim-name.js";
import { parseObjectPath } from "../../values/reference.js";
import { XmlError } from "../../xml/errors.js";
import { childNamed, type XmlElement } from "../../xml/tree.js";
import { type Endpoint, type EndpointReply, type EndpointRequest, header } from "../endpoint.js";
import type { EnumerationContexts } from "../enumeration-contexts.js";
import { normaliseNamespace, type ServedNamespace } from "../namespace.js";
import { IParams } from "./iparams.js";
import { invokeMethod, methodTarget } from "./methods.js";
import { intrinsicOperations } from "./operations.js";
import { type Body, errorBody, responseChunks, responseDocument } from "./response.js";

/**
 * CIM-XML over HTTP (DMTF DSP0200) at `/cimom`. What DSP0200 §7 decides by HTTP status, with the reason in a
 * `CIMError` header: no `CIMOperation: MethodCall` (400 unsupported-operation), a CIMMethod or CIMObject header that
 * does not say what the body does (400 header-mismatch), a body that is not XML (400 request-not-well-formed) or not
 * a CIM-XML request (400 request-not-valid), versions this server does not speak (501 unsupported-*-version), MULTIREQ
 * (501 multiple-requests-unsupported). Everything else, failures of the operation included, is 200 with the
 * response, whose ERROR carries the CIM status.
 */
export function cimXmlEndpoint(ns: ServedNamespace, enumerations: EnumerationContexts): Endpoint {
  return {
    path: "/cimom",
    checkHeaders(headers) {
      if (header(headers, "cimoperation")?.toLowerCase() !== "methodcall")
        return httpError(400, "unsupported-operation", "the CIMOperation header must be MethodCall");
      const version = header(headers, "cimprotocolversion");
      if (version !== undefined && !/^1\.\d+$/.test(version.trim()))
        return httpError(501, "unsupported-protocol-version", `CIMProtocolVersion ${version}: this server speaks 1.x`);
      if (header(headers, "cimmethod") === undefined || header(headers, "cimobject") === undefined)
        return httpError(400, "header-mismatch", "the CIMMethod and CIMObject headers are required");
      return undefined;
    },
    malformed(reason) {
      return httpError(400, "request-not-well-formed", reason);
    },
    tooLarge(maxBytes) {
      // DSP0200 has no status of its own for it: HTTP's 413, with the CIMError a client reads a refusal by.
      return httpError(413, "request-not-valid", `the request body is larger than ${maxBytes} bytes`);
    },
    async handle(request) {
      try {
        return await answer(ns, enumerations, request);
      } catch (error) {
        if (error instanceof CimXmlError || error instanceof XmlError)
          return httpError(400, "request-not-valid", error.message);
        throw error;
      }
    },
  };
}

async function answer(ns: ServedNamespace, enumerations: EnumerationContexts, request: EndpointRequest) {
  const { body: root, headers } = request;
  if (root.name !== "CIM") return httpError(400, "request-not-valid", "the root element is not CIM");
  if (!/^2\.\d+$/.test(root.attributes.CIMVERSION ?? ""))
    return httpError(501, "unsupported-cim-version", `CIMVERSION ${root.attributes.CIMVERSION ?? "(none)"}`);
  if (!/^2\.\d+$/.test(root.attributes.DTDVERSION ?? ""))
    return httpError(501, "unsupported-dtd-version", `DTDVERSION ${root.attributes.DTDVERSION ?? "(none)"}`);
  const message = childNamed(root, "MESSAGE");
  const id = message?.attributes.ID;
  if (message === undefined || id === undefined)
    return httpError(400, "request-not-valid", "MESSAGE with an ID is missing");
  if (!/^1\.\d+$/.test(message.attributes.PROTOCOLVERSION ?? ""))
    return httpError(
      501,
      "unsupported-protocol-version",
      `PROTOCOLVERSION ${message.attributes.PROTOCOLVERSION ?? "(none)"}`,
    );
  if (childNamed(message, "MULTIREQ") !== undefined)
    return httpError(501, "multiple-requests-unsupported", "send one operation per request (SIMPLEREQ)");
  const simple = childNamed(message, "SIMPLEREQ");
  const call = simple?.children.find((c) => c.name === "IMETHODCALL" || c.name === "METHODCALL");
  const name = call?.attributes.NAME;
  if (call === undefined || name === undefined)
    return httpError(400, "request-not-valid", "SIMPLEREQ with an IMETHODCALL or METHODCALL is missing");
  const intrinsic = call.name === "IMETHODCALL";
  const target = intrinsic ? childNamed(call, "LOCALNAMESPACEPATH") : methodTarget(call);
  if (target === undefined) return httpError(400, "request-not-valid", `${call.name} has no namespace or target path`);
  const mismatch = checkHeadersAgainstBody(headers, name, intrinsic, target);
  if (mismatch !== undefined) return httpError(400, "header-mismatch", mismatch);

  const tag = intrinsic ? "IMETHODRESPONSE" : "METHODRESPONSE";
  let body: Body;
  try {
    body = intrinsic
      ? await intrinsicCall(ns, enumerations, request, call, decodeNamespace(target))
      : await invokeMethod(ns, call, target, request.signal);
    // Short answers are written here, so that a value that cannot be written is still an ERROR; long ones are
    // written as they are sent.
    const chunks = responseChunks(id, tag, name, body);
    return ok(body.items === undefined || body.items.count <= 256 ? [...chunks].join("") : chunks);
  } catch (error) {
    return ok(responseDocument(id, tag, name, errorBody(asCimError(error))));
  }
}

async function intrinsicCall(
  ns: ServedNamespace,
  enumerations: EnumerationContexts,
  request: EndpointRequest,
  call: XmlElement,
  namespace: string,
): Promise<Body> {
  const name = call.attributes.NAME ?? "";
  const operation = intrinsicOperations.get(foldName(name));
  if (operation === undefined)
    throw new CimError(CimStatus.CIM_ERR_NOT_SUPPORTED, `${name} is not an operation this server supports`);
  if (!ns.is(namespace))
    throw new CimError(
      CimStatus.CIM_ERR_INVALID_NAMESPACE,
      `namespace ${namespace} is not served here (${ns.name} is)`,
    );
  const params = new IParams(name, call, operation.params);
  const hostName = header(request.headers, "host") ?? "localhost";
  return operation.run({ ns, params, signal: request.signal, hostName, enumerations });
}

/**
 * DSP0200 §7.3: CIMMethod names the method of the body; CIMObject its namespace (intrinsic) or target path
 * (extrinsic), %-escaped. Names compare without case, namespaces without leading or doubled slashes.
 */
function checkHeadersAgainstBody(
  headers: IncomingHttpHeaders,
  name: string,
  intrinsic: boolean,
  target: XmlElement,
): string | undefined {
  const method = header(headers, "cimmethod") ?? "";
  if (!sameName(percentDecode(method), name)) return `the CIMMethod header says ${method}, the body calls ${name}`;
  const object = percentDecode(header(headers, "cimobject") ?? "");
  if (intrinsic) {
    const namespace = decodeNamespace(target);
    return sameName(normaliseNamespace(object), normaliseNamespace(namespace))
      ? undefined
      : `the CIMObject header says ${object}, the body's namespace is ${namespace}`;
  }
  try {
    const path = parseObjectPath(object);
    const local = childNamed(target, "LOCALNAMESPACEPATH");
    const namespace = local === undefined ? "" : decodeNamespace(local);
    const className =
      childNamed(target, "INSTANCENAME")?.attributes.CLASSNAME ?? childNamed(target, "CLASSNAME")?.attributes.NAME;
    if (
      className !== undefined &&
      sameName(path.className, className) &&
      sameName(normaliseNamespace(path.namespace ?? ""), normaliseNamespace(namespace))
    )
      return undefined;
  } catch {
    // an unreadable CIMObject is a mismatch as well
  }
  return `the CIMObject header ${object} is not the body's target`;
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A provider's CimError passes on; anything else failed inside this server, which the client sees as FAILED. */
function asCimError(error: unknown): CimError {
  if (error instanceof CimError) return error;
  if (error instanceof CimXmlError || error instanceof XmlError)
    return new CimError(CimStatus.CIM_ERR_FAILED, `the result cannot be written as CIM-XML: ${error.message}`);
  return new CimError(CimStatus.CIM_ERR_FAILED, error instanceof Error ? error.message : String(error));
}

const xmlContentType = 'application/xml; charset="utf-8"';

function ok(body: string | Iterable<string>): EndpointReply {
  return { status: 200, headers: { "Content-Type": xmlContentType, CIMOperation: "MethodResponse" }, body };
}

/** An HTTP-level refusal: the DSP0200 CIMError header, and the reason as text for people reading a capture. */
function httpError(status: number, cimError: string, reason: string): EndpointReply {
  return {
    status,
    headers: { CIMError: cimError, CIMProtocolVersion: "1.0", "Content-Type": "text/plain; charset=utf-8" },
    body: `${cimError}: ${reason}\n`,
  };
}
