import type { IncomingHttpHeaders } from "node:http";
import {
  actions,
  anonymous,
  child,
  type FaultToSend,
  faultAction,
  parseResourceUri,
  readEnvelope,
  responseHeaders,
  type WsElement,
  type WsEnvelope,
  WsmanError,
  withNamespaces,
  writeEnvelope,
  writeFault,
  ns as wsns,
} from "../../codecs/wsman/index.js";
import { CimError } from "../../values/cim-error.js";
import { sameName } from "../../values/cim-name.js";
import { parseDateTime } from "../../values/datetime.js";
import { XmlError } from "../../xml/errors.js";
import { XmlWriter } from "../../xml/writer.js";
import { type Endpoint, type EndpointReply, type EndpointRequest, header } from "../endpoint.js";
import type { EnumerationContexts } from "../enumeration-contexts.js";
import type { ServedNamespace } from "../namespace.js";
import type { WsAnswer, WsRequest } from "./context.js";
import { enumerateOp, pull, release } from "./enumerate.js";
import { faultOf, faults, ServerFault } from "./faults.js";
import { invoke } from "./invoke.js";
import { readTarget, type Target } from "./target.js";
import { create, get, put, remove } from "./transfer.js";

/**
 * WS-Management (DMTF DSP0226, its CIM binding DSP0227/DSP0230, Microsoft's MS-WSMV) at `/wsman`, over the same
 * providers, limits and authentication as CIM-XML at `/cimom`. What HTTP decides: a body that is not SOAP
 * (`Content-Type` other than `application/soap+xml`, or XML's `text/xml`/`application/xml`) is 400. Everything the
 * envelope says wrong, and every failure of an operation, is a SOAP 1.2 fault with status 500, as DSP0226 and WinRM
 * send them; a success is 200.
 */
export function wsmanEndpoint(ns: ServedNamespace, enumerations: EnumerationContexts): Endpoint {
  return {
    path: "/wsman",
    checkHeaders(headers) {
      const type = header(headers, "content-type");
      if (type === undefined) return plain(400, "the Content-Type header is missing; send application/soap+xml");
      const match = /^\s*([a-z]+\/[a-z0-9.+-]+)\s*((?:;\s*[a-z0-9_.-]+\s*=\s*(?:"[^"]*"|[^";\s]+)\s*)*);?\s*$/i.exec(
        type,
      );
      if (match === null) return plain(400, `Content-Type ${JSON.stringify(type)} cannot be read`);
      const media = (match[1] ?? "").toLowerCase();
      if (media !== "application/soap+xml" && media !== "text/xml" && media !== "application/xml")
        return plain(400, `Content-Type ${media}: WS-Management bodies are application/soap+xml`);
      const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(match[2] ?? "")?.[1];
      if (charset !== undefined && charset.toLowerCase() !== "utf-8")
        return faultReply(
          undefined,
          faults.encodingLimit(`the character set ${charset} is not supported; send UTF-8`, "CharacterSet").fault,
        );
      return undefined;
    },
    malformed(reason) {
      // The XML reader's limits (depth, size) are this service's envelope limits, not a schema mistake.
      if (/nested more than|larger than/.test(reason))
        return faultReply(undefined, faults.encodingLimit(reason, "ServiceEnvelopeLimit").fault);
      return faultReply(undefined, faults.schemaValidation(`the body is not well-formed XML: ${reason}`).fault);
    },
    tooLarge(maxBytes) {
      // DSP0226: a request past the service's own envelope limit is wsman:EncodingLimit, detail
      // ServiceEnvelopeLimit (as WinRM's MaxEnvelopeSizekb, which MS-WSMV 2.2.4.10 applies to requests too), in
      // SOAP like every other refusal of this endpoint; a WS-Management client decodes it into a CIM status.
      return faultReply(
        undefined,
        faults.encodingLimit(`the request envelope is larger than ${maxBytes} octets`, "ServiceEnvelopeLimit").fault,
      );
    },
    async handle(request) {
      let envelope: WsEnvelope | undefined;
      try {
        const root = withNamespaces(request.body);
        if (isIdentify(root)) return identify();
        envelope = readRequest(root);
        checkEnvelope(envelope, request.headers);
        const answer = await dispatch(ns, enumerations, envelope, request);
        return reply(envelope, answer);
      } catch (error) {
        if (error instanceof ServerFault || error instanceof CimError) return faultReply(envelope, faultOf(error));
        if (error instanceof WsmanError || error instanceof XmlError)
          return faultReply(envelope, faults.schemaValidation(error.message).fault);
        if (error instanceof NotUnderstood) return mustUnderstand(envelope, error.element);
        throw error;
      }
    },
  };
}

class NotUnderstood extends Error {
  constructor(readonly element: WsElement) {
    super(`header ${element.name} not understood`);
  }
}

/** The envelope, or the fault for a message without the headers every request needs. */
function readRequest(root: WsElement): WsEnvelope {
  const header = child(root, wsns.soap, "Header");
  if (
    root.ns === wsns.soap &&
    root.local === "Envelope" &&
    child(header ?? root, wsns.addressing, "Action") === undefined
  )
    throw faults.headerRequired('Required SOAP header "wsa:Action" was not specified.');
  return readEnvelope(root);
}

/** What this service does not do, said before any operation runs. */
function checkEnvelope(envelope: WsEnvelope, headers: IncomingHttpHeaders): void {
  const first = envelope.notUnderstood[0];
  if (first !== undefined) throw new NotUnderstood(first);
  const replyTo = envelope.headers.replyTo;
  const faultTo = envelope.headerElements.find((h) => h.ns === wsns.addressing && h.local === "FaultTo");
  const faultAddress = faultTo === undefined ? undefined : child(faultTo, wsns.addressing, "Address")?.text.trim();
  for (const address of [replyTo, faultAddress])
    if (address !== undefined && address !== anonymous)
      throw faults.unsupportedFeature(
        "Responses may only be delivered over the same connection on which the request arrives.",
        "AddressingMode",
      );
  const fragment = envelope.headerElements.find((h) => h.ns === wsns.wsman && h.local === "FragmentTransfer");
  const must = fragment === undefined ? undefined : fragment.attributes.get(`{${wsns.soap}}mustUnderstand`)?.trim();
  if (must === "true" || must === "1")
    throw faults.unsupportedFeature("fragment-level access is not supported", "FragmentLevelAccess");
  const soapAction = header(headers, "soapaction")
    ?.trim()
    .replace(/^"(.*)"$/, "$1");
  if (soapAction !== undefined && soapAction !== "" && soapAction !== envelope.headers.action)
    throw faults.headerRequired(
      `The HTTP SOAPAction header value ${JSON.stringify(soapAction)} does not match the wsa:Action ${JSON.stringify(envelope.headers.action)}`,
    );
  const max = envelope.headers.maxEnvelopeSize;
  if (max !== undefined && max < 8192)
    throw faults.encodingLimit(`w:MaxEnvelopeSize ${max} is below the minimum of 8192 octets`, "MinimumEnvelopeLimit");
}

async function dispatch(
  ns: ServedNamespace,
  enumerations: EnumerationContexts,
  envelope: WsEnvelope,
  http: EndpointRequest,
): Promise<WsAnswer> {
  const { action } = envelope.headers;
  const known = operations.get(action);
  const resourceUri = envelope.headers.resourceUri;
  const slash = action.lastIndexOf("/");
  const isInvoke =
    known === undefined &&
    resourceUri !== undefined &&
    sameName(action.slice(0, slash), resourceUri.trim()) &&
    envelope.body?.local.endsWith("_INPUT") === true;
  if (known === undefined && !isInvoke) throw faults.actionNotSupported(action);
  const timeoutMs = operationTimeout(envelope.headers.operationTimeout);
  const timer = timeoutMs === undefined ? undefined : new AbortController();
  const request: WsRequest = {
    ns,
    enumerations,
    envelope,
    target: targetOf(ns, envelope, action),
    values: { schemas: ns.lookup, addressing: { convention: "dmtf", namespace: ns.name } },
    signal: timer === undefined ? http.signal : AbortSignal.any([http.signal, timer.signal]),
    maxEnvelopeSize: envelope.headers.maxEnvelopeSize,
    measure: (body) => Buffer.byteLength(writeEnvelope(responseHeaders(envelope.headers, action), body), "utf8"),
  };
  const withValues = { ...request, values: { ...request.values, addressing: request.target.addressing } };
  const run = known === undefined ? invoke(withValues, action.slice(slash + 1)) : known(withValues);
  if (timer === undefined || timeoutMs === undefined) return run;
  // The provider is told to stop (its signal aborts) and the client gets wsman:TimedOut, whatever it does then.
  let handle: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    handle = setTimeout(() => {
      timer.abort(new Error("w:OperationTimeout passed"));
      reject(faults.timedOut(`the operation did not complete within its w:OperationTimeout (${timeoutMs} ms)`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([run, late]);
  } finally {
    clearTimeout(handle);
    run.catch(() => {});
  }
}

/** `w:OperationTimeout` (an xs:duration) in milliseconds; undefined when the request sets none. */
function operationTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  let value: ReturnType<typeof parseDateTime> | undefined;
  try {
    value = parseDateTime(text.trim());
  } catch {
    value = undefined;
  }
  if (value?.kind !== "interval")
    throw faults.invalidHeader(`w:OperationTimeout ${JSON.stringify(text)} is not an xs:duration`);
  const n = (f: unknown) => (typeof f === "number" ? f : 0);
  const ms =
    ((n(value.days) * 24 + n(value.hours)) * 60 + n(value.minutes)) * 60_000 +
    n(value.seconds) * 1000 +
    Math.ceil(n(value.microseconds) / 1000);
  return Math.max(1, ms);
}

const operations = new Map<string, (request: WsRequest) => Promise<WsAnswer>>([
  [actions.get, get],
  [actions.put, put],
  [actions.create, create],
  [actions.delete, remove],
  [actions.enumerate, enumerateOp],
  [actions.pull, pull],
  [actions.release, release],
]);

/**
 * The request's resource. Pull and Release are answered from their context alone (DSP0226 R8.4 lets a client
 * repeat the Enumerate's resource URI, and some send none): a resource URI they name that this server cannot read
 * does not stop them.
 */
function targetOf(ns: ServedNamespace, envelope: WsEnvelope, action: string): Target {
  try {
    return readTarget(ns, envelope.headers.resourceUri, envelope.headers.selectors ?? []);
  } catch (error) {
    if (action !== actions.pull && action !== actions.release) throw error;
    const resourceUri = envelope.headers.resourceUri ?? "";
    const convention = parseResourceUri(resourceUri)?.convention ?? "dmtf";
    return {
      convention,
      resourceUri,
      schema: undefined,
      selectors: [],
      addressing: { convention, namespace: ns.name },
    };
  }
}

function reply(envelope: WsEnvelope, answer: WsAnswer): EndpointReply {
  const text = writeEnvelope(responseHeaders(envelope.headers, answer.action), answer.body);
  const max = envelope.headers.maxEnvelopeSize;
  if (max !== undefined && Buffer.byteLength(text, "utf8") > max)
    return faultReply(
      envelope,
      faults.encodingLimit(
        "the response could not be encoded within the requested envelope size limit",
        "MaxEnvelopeSize",
      ).fault,
    );
  return { status: 200, headers: { "Content-Type": soapType }, body: text };
}

const soapType = "application/soap+xml;charset=UTF-8";

export function faultReply(envelope: WsEnvelope | undefined, fault: FaultToSend): EndpointReply {
  const request = envelope?.headers ?? { action: "" };
  const text = writeEnvelope(responseHeaders(request, faultAction(fault.subcode)), (w) => writeFault(w, fault));
  return { status: 500, headers: { "Content-Type": soapType }, body: text };
}

/** SOAP 1.2 §5.4.8: the MustUnderstand fault names the header in `s:NotUnderstood`; it has no subcode. */
function mustUnderstand(envelope: WsEnvelope | undefined, element: WsElement): EndpointReply {
  const w = new XmlWriter().declaration();
  w.start("s:Envelope", { "xmlns:s": wsns.soap, "xmlns:a": wsns.addressing, "xmlns:q": element.ns });
  w.start("s:Header");
  w.leaf("s:NotUnderstood", { qname: `q:${element.local}` });
  w.leaf("a:Action", {}, actions.addressingFault);
  const id = envelope?.headers.messageId;
  if (id !== undefined) w.leaf("a:RelatesTo", {}, id);
  w.end();
  w.start("s:Body").start("s:Fault");
  w.start("s:Code").leaf("s:Value", {}, "s:MustUnderstand").end();
  w.start("s:Reason").leaf("s:Text", { "xml:lang": "en-US" }, `Header not understood: ${element.name}`).end();
  w.end().end().end();
  return { status: 500, headers: { "Content-Type": soapType }, body: w.toString() };
}

function isIdentify(root: WsElement): boolean {
  const body = root.ns === wsns.soap ? child(root, wsns.soap, "Body") : undefined;
  const only = body?.children[0];
  return only !== undefined && only.ns === wsns.identity && only.local === "Identify";
}

/** DSP0226 §11: Identify answers without addressing headers, saying which protocol and product this is. */
function identify(): EndpointReply {
  const w = new XmlWriter().declaration();
  w.start("s:Envelope", { "xmlns:s": wsns.soap, "xmlns:wsmid": wsns.identity });
  w.leaf("s:Header");
  w.start("s:Body").start("wsmid:IdentifyResponse");
  w.leaf("wsmid:ProtocolVersion", {}, wsns.wsman);
  w.leaf("wsmid:ProductVendor", {}, "mofgen");
  w.leaf("wsmid:ProductVersion", {}, "0.1.0");
  w.end().end().end();
  return { status: 200, headers: { "Content-Type": soapType }, body: w.toString() };
}

function plain(status: number, text: string): EndpointReply {
  return { status, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: `${text}\n` };
}
