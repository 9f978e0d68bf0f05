import type { IncomingHttpHeaders } from "node:http";
import type { XmlElement } from "../xml/tree.js";

/**
 * One protocol a `CimServer` answers at one URL path: CIM-XML at `/cimom`, WS-Management at `/wsman`.
 * The server does what every protocol shares (authentication, the limits, reading the body as bounded XML) and
 * hands the endpoint the parsed document; the endpoint turns it, or the reason it could not be read, into a reply
 * in its protocol's words (a DSP0200 CIMError header, a SOAP fault).
 */
export interface Endpoint {
  /** The URL path, `/cimom`. */
  readonly path: string;
  /** Look at the headers before the body is read: a reply here refuses the request without reading the body. */
  checkHeaders(headers: IncomingHttpHeaders): EndpointReply | undefined;
  /** Answer a request whose body is well-formed XML within the limits. */
  handle(request: EndpointRequest): Promise<EndpointReply>;
  /** The reply to a body that is not well-formed XML, or passes a limit of the XML reader. */
  malformed(reason: string): EndpointReply;
  /**
   * The reply to a body longer than the server's limit (`maxBytes`), sent before the rest is read: each protocol
   * says it in its own words (CIM-XML's CIMError header belongs to CIM-XML answers only).
   */
  tooLarge(maxBytes: number): EndpointReply;
}

export interface EndpointRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: XmlElement;
  /** Aborted when the client goes away or the server closes. */
  readonly signal: AbortSignal;
}

export interface EndpointReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The whole body, or its pieces for a long one: sent as they come (chunked), with the socket's backpressure
   * respected. A piece that fails to be made ends the connection, since the status line has gone already.
   */
  readonly body: string | Iterable<string>;
}

/** A request header's value (Node gives a list for a repeated header: the first counts); `name` in lower case. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
