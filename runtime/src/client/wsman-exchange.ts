import {
  decodeFault,
  type EnumerationFilter,
  readEnvelope,
  type WsEnvelope,
  WsmanError,
  type WsValueOptions,
} from "../codecs/wsman/index.js";
import { ns } from "../codecs/wsman/namespaces.js";
import { type HttpConnection, type HttpRequest, type HttpResponse, responseHeader } from "../transport/http.js";
import { CimError, CimStatus } from "../values/cim-error.js";
import { mofNamePattern } from "../values/cim-name.js";
import { XmlError } from "../xml/errors.js";
import { HttpStatusError } from "./errors.js";
import type { WbemCallOptions } from "./operations.js";

/**
 * One WS-Management exchange as the client checks it, apart from the operations (wsman-connection.ts): the
 * authentication hook's shape, and the checks every answer passes before any body is decoded.
 */

/**
 * A hook around each HTTP exchange, for authentication schemes the transport does not know. `next` posts over the
 * connection's keep-alive transport and may be called more than once (an NTLM or Negotiate handshake); the hook
 * may add headers, replace the body (WinRM message encryption: `multipart/encrypted`) and must hand back the
 * answer with its SOAP body in clear. Basic authentication needs no hook (`user` and `password`).
 */
export interface WsmanAuthenticator {
  /** The request, authenticated: for a connection-based scheme, the whole handshake ending with the request. */
  send(request: HttpRequest, next: (request: HttpRequest) => Promise<HttpResponse>): Promise<HttpResponse>;
  /**
   * For schemes that authenticate a connection, not a request (NTLM, Negotiate, CredSSP): the request over a
   * connection a handshake has authenticated, without a handshake (its body sealed with that connection's key, say;
   * each answer's `connection` names the connection). The client calls it once `send` has succeeded, and calls
   * `send` again when its answer is a 401 from a connection no handshake authenticated: a new connection, opened
   * because the kept-alive one was closed. A 401 from an authenticated connection is the server's refusal and is
   * not tried again (a repeated logon could lock the account). Without it every request goes through `send`.
   */
  sendAuthenticated?(
    request: HttpRequest,
    next: (request: HttpRequest) => Promise<HttpResponse>,
  ): Promise<HttpResponse>;
}

/**
 * The connections a connection-based hook has authenticated (weakly held: a closed connection is forgotten with
 * its socket), and the choice between a handshake and a plain request that follows from them.
 */
export class ConnectionAuthentication {
  readonly #authenticated = new WeakSet<HttpConnection>();
  #handshakeDone = false;

  constructor(readonly authenticator: WsmanAuthenticator) {}

  async send(request: HttpRequest, next: (request: HttpRequest) => Promise<HttpResponse>): Promise<HttpResponse> {
    const auth = this.authenticator;
    if (auth.sendAuthenticated !== undefined && this.#handshakeDone) {
      const response = await auth.sendAuthenticated(request, next);
      // A 401 from a connection no handshake authenticated: the server refused the request unread (401), so the
      // handshake runs on that connection and sends the request once more, whatever the request is.
      if (response.status !== 401 || this.#authenticated.has(response.connection)) return response;
    }
    const response = await auth.send(request, next);
    if (response.status !== 401) {
      this.#authenticated.add(response.connection);
      this.#handshakeDone = true;
    }
    return response;
  }
}

/**
 * An answer checked, in this order: the HTTP status (200, or a SOAP fault with 500 as WinRM sends or 400 as
 * OpenPegasus does; 401 and the rest are HttpStatusErrors), the content type, the envelope (bounded by `maxBytes`
 * and the XML layer's depth limit; malformed is a WsmanError naming the URL), a fault (a WsmanFault), and
 * `a:RelatesTo` naming the request.
 */
export function checkAnswer(
  response: HttpResponse,
  o: {
    readonly url: string;
    readonly messageId: string | undefined;
    readonly values: WsValueOptions;
    readonly maxBytes: number;
  },
): WsEnvelope {
  const { url, messageId } = o;
  const type = responseHeader(response, "content-type") ?? "";
  const soap = /^application\/soap\+xml\b/i.test(type);
  const statusError = () =>
    new HttpStatusError(new URL(url), response.status, undefined, undefined, response.body.toString("utf8", 0, 500));
  if (response.status !== 200 && !(soap && (response.status === 500 || response.status === 400))) throw statusError();
  if (!soap)
    throw new WsmanError(
      `${url}: the answer is ${type === "" ? "without a Content-Type" : type}, not application/soap+xml`,
    );
  let env: WsEnvelope;
  try {
    env = readEnvelope(response.body, { maxBytes: o.maxBytes });
  } catch (error) {
    if (error instanceof XmlError || error instanceof WsmanError)
      throw new WsmanError(`${url}: malformed answer: ${error.message}`, { cause: error });
    throw error;
  }
  const body = env.body;
  if (body !== undefined && body.ns === ns.soap && body.local === "Fault") throw decodeFault(body, o.values);
  if (response.status !== 200) throw statusError();
  const relatesTo = env.headers.relatesTo;
  if (messageId !== undefined && relatesTo !== undefined && relatesTo !== messageId)
    throw new WsmanError(`${url}: the answer relates to ${relatesTo}, not to the request ${messageId}`);
  return env;
}

export function call(signal: AbortSignal | undefined): WbemCallOptions {
  return signal === undefined ? {} : { signal };
}

export function defined(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

export function normalNamespace(namespace: string): string {
  return namespace
    .split(/[\\/]/)
    .filter((s) => s !== "")
    .join("/");
}

export function queryFilter(language: string, query: string): EnumerationFilter {
  const l = language.toUpperCase();
  if (l === "WQL") return { dialect: "wql", query };
  if (l === "CQL" || l === "DMTF:CQL") return { dialect: "cql", query };
  throw new CimError(
    CimStatus.CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED,
    `${language}: WS-Management filters are WQL or CQL`,
  );
}

/** The class a `SELECT ... FROM Class` query reads, for answers that do not name it (`w:XmlFragment`). */
export function queryClass(query: string): string | undefined {
  return fromClass.exec(query)?.[1];
}

const fromClass = new RegExp(`\\bfrom\\s+(${mofNamePattern})`, "i");
