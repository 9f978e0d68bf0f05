import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type ServerOptions as TlsOptions } from "node:https";
import type { AddressInfo } from "node:net";
import type { ProviderHost } from "../host/provider-host.js";
import type { ClassSchema } from "../values/schema.js";
import { XmlError } from "../xml/errors.js";
import { XmlReader } from "../xml/reader.js";
import { type BasicAuth, basicAuthChecker } from "./auth.js";
import { cimXmlEndpoint } from "./cimxml/endpoint.js";
import type { Endpoint, EndpointReply } from "./endpoint.js";
import { EnumerationContexts } from "./enumeration-contexts.js";
import { defaultServerLimits, type ServerLimits } from "./limits.js";
import { ServedNamespace } from "./namespace.js";
import { wsmanEndpoint } from "./wsman/endpoint.js";

export interface CimServerOptions {
  /** The providers of the namespace served. */
  // biome-ignore lint/suspicious/noExplicitAny: a host typed by any ClassMap can be served
  readonly host: ProviderHost<any>;
  /** The generated schemas of every class of the namespace (`<Class>_Schema`), for the class operations and trees. */
  readonly schemas: readonly ClassSchema[];
  /** The namespace's name; default: the schemas'. */
  readonly namespace?: string;
  /** Require HTTP Basic credentials. Without it every request is served: bind to loopback (the default). */
  readonly auth?: BasicAuth;
  /** Serve HTTPS with these (key, cert...) instead of HTTP. */
  readonly tls?: TlsOptions;
  readonly limits?: Partial<ServerLimits>;
}

/**
 * A WBEM server: one HTTP(S) listener whose endpoints each speak a protocol (CIM-XML at `/cimom`, WS-Management at
 * `/wsman`) over the same providers. This class does what they share: authentication, the limits on
 * time, size, depth and concurrency, and reading the body as bounded XML without holding the raw bytes.
 */
export class CimServer {
  readonly limits: ServerLimits;
  readonly #server: Server;
  readonly #endpoints = new Map<string, Endpoint>();
  readonly #enumerations: EnumerationContexts;
  readonly #authorized: ((headers: IncomingMessage["headers"]) => Promise<boolean>) | undefined;
  readonly #closing = new AbortController();
  #inFlight = 0;
  #scheme: "http" | "https";

  constructor(options: CimServerOptions) {
    this.limits = { ...defaultServerLimits, ...options.limits };
    const ns = new ServedNamespace(options.host, options.schemas, options.namespace);
    this.#enumerations = new EnumerationContexts(this.limits);
    this.#authorized = options.auth === undefined ? undefined : basicAuthChecker(options.auth);
    this.addEndpoint(cimXmlEndpoint(ns, this.#enumerations));
    this.addEndpoint(wsmanEndpoint(ns, this.#enumerations));
    const httpOptions = {
      headersTimeout: this.limits.headersTimeoutMs,
      requestTimeout: Math.max(this.limits.requestTimeoutMs, this.limits.headersTimeoutMs),
      // Node checks the two timeouts above this often (default 30 s): short limits need a short interval.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(this.limits.headersTimeoutMs / 4))),
      keepAliveTimeout: 5000,
    };
    const listener = (req: IncomingMessage, res: ServerResponse) => void this.#serve(req, res);
    this.#scheme = options.tls === undefined ? "http" : "https";
    this.#server =
      options.tls === undefined
        ? createHttpServer(httpOptions, listener)
        : createHttpsServer({ ...options.tls, ...httpOptions }, listener);
    // A client that resets its connection is its business, never the server's crash.
    this.#server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return void socket.destroy();
      // Headers or body not in within the limits (slow-loris): 408, as Node's own handler would answer.
      const status =
        error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? "408 Request Timeout"
          : error.code === "HPE_HEADER_OVERFLOW"
            ? "431 Request Header Fields Too Large"
            : isUnknownMethod(error)
              ? "501 Not Implemented"
              : "400 Bad Request";
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    });
  }

  /** Serve another protocol at its path (the WS-Management endpoint will be added this way). */
  addEndpoint(endpoint: Endpoint): this {
    this.#endpoints.set(endpoint.path, endpoint);
    return this;
  }

  /** Start listening (port 0: any free port); resolves with the base URL, `http://127.0.0.1:5988`. */
  listen(port: number, hostname = "127.0.0.1"): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(port, hostname, () => {
        this.#server.off("error", reject);
        resolve(this.url);
      });
    });
  }

  get url(): string {
    const address = this.#server.address() as AddressInfo | null;
    if (address === null) throw new Error("the server is not listening");
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    return `${this.#scheme}://${host}:${address.port}`;
  }

  /** Stop accepting, abort the requests in progress, close every connection; resolves when all are closed. */
  close(): Promise<void> {
    this.#closing.abort(new Error("the server is closing"));
    this.#enumerations.dispose();
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeIdleConnections();
      setTimeout(() => this.#server.closeAllConnections(), 1000).unref();
    });
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const reply = await this.#answer(req, res);
      await send(res, reply);
    } catch (error) {
      // A bug of this server: the client gets 500 (or, mid-answer, a closed connection); the server keeps serving.
      if (res.headersSent) res.destroy();
      else await send(res, plain(500, `internal error: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  async #answer(req: IncomingMessage, res: ServerResponse): Promise<EndpointReply> {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const endpoint = this.#endpoints.get(path);
    if (endpoint === undefined)
      return refuse(req, plain(404, `nothing is served at ${path}; CIM-XML is at /cimom, WS-Management at /wsman`));
    // M-POST never gets here: Node's parser refuses it, and the clientError handler answers 501 (isUnknownMethod).
    if (req.method !== "POST")
      return refuse(req, { ...plain(405, `${req.method} is not allowed; send POST`), headers: { Allow: "POST" } });
    if (this.#authorized !== undefined && !(await this.#authorized(req.headers)))
      return refuse(req, {
        ...plain(401, "authentication required"),
        headers: { "WWW-Authenticate": 'Basic realm="mofgen"' },
      });
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    if (declared > this.limits.maxBodyBytes) return refuse(req, endpoint.tooLarge(this.limits.maxBodyBytes));
    const refused = endpoint.checkHeaders(req.headers);
    if (refused !== undefined) return refuse(req, refused);
    if (this.#inFlight >= this.limits.maxConcurrentRequests)
      return refuse(req, { ...plain(503, "too many requests at once"), headers: { "Retry-After": "1" } });
    this.#inFlight++;
    const abort = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) abort.abort(new Error("the client went away"));
    };
    res.on("close", onClose);
    const signal = AbortSignal.any([abort.signal, this.#closing.signal]);
    try {
      const body = await this.#readBody(req);
      if (typeof body === "string") {
        if (body === "too-large") return refuse(req, endpoint.tooLarge(this.limits.maxBodyBytes));
        return endpoint.malformed(body);
      }
      return await endpoint.handle({ headers: req.headers, body, signal });
    } finally {
      this.#inFlight--;
    }
  }

  /**
   * The body as an XML tree, read chunk by chunk into the bounded reader (the raw bytes are never held), or why
   * it could not be: "too-large", or the XML error. After an error the rest of the body is not read.
   */
  #readBody(req: IncomingMessage): Promise<ReturnType<XmlReader["close"]> | string> {
    const reader = new XmlReader({ maxBytes: this.limits.maxBodyBytes, maxDepth: this.limits.maxXmlDepth });
    let size = 0;
    return new Promise((resolve, reject) => {
      const stop = (result: string) => {
        req.off("data", onData);
        req.off("end", onEnd);
        resolve(result);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > this.limits.maxBodyBytes) return stop("too-large");
        try {
          reader.write(chunk);
        } catch (error) {
          if (error instanceof XmlError) return stop(error.message);
          reject(error);
        }
      };
      const onEnd = () => {
        try {
          resolve(reader.close());
        } catch (error) {
          if (error instanceof XmlError) resolve(error.message);
          else reject(error);
        }
      };
      req.on("data", onData);
      req.on("end", onEnd);
      req.on("error", reject);
      // A connection closed mid-body (by the client, or by the request timeout) ends the request here too.
      req.on("close", () => resolve("the connection closed before the body ended"));
    });
  }
}

/**
 * A request whose method is a well-formed token that Node's parser does not know (HPE_INVALID_METHOD), above all
 * DSP0200's `M-POST` (the HTTP Extension Framework, RFC 2774), which a CIM client may try first and retry as POST
 * when the answer is 501 Not Implemented or 510 Not Extended. Node rejects it in its parser, before any handler
 * runs, so 501 is answered here (RFC 9110: the status for a method the server does not recognize); the parser
 * has stopped mid-request, so the connection closes. Bytes that are no method at all (a TLS handshake on the
 * plain port) stay 400.
 */
function isUnknownMethod(error: NodeJS.ErrnoException & { rawPacket?: Buffer }): boolean {
  if (error.code !== "HPE_INVALID_METHOD" || error.rawPacket === undefined) return false;
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,32} /.test(error.rawPacket.subarray(0, 33).toString("latin1"));
}

/** `createCimServer({ host, schemas }).listen(5988)`. */
export function createCimServer(options: CimServerOptions): CimServer {
  return new CimServer(options);
}

/**
 * A refusal sent before (or instead of) reading the body: the connection is closed after the reply, so a client
 * still sending a large body cannot keep the server reading it.
 */
function refuse(req: IncomingMessage, reply: EndpointReply): EndpointReply {
  req.pause();
  lingerBeforeClosing(req);
  return { ...reply, headers: { ...reply.headers, Connection: "close" } };
}

/** How long, and for how many more bytes, a refused connection is drained before it is closed. */
const linger = { ms: 2000, bytes: 4 * 1024 * 1024 };

/**
 * Close a refused connection without losing the refusal. Node closes a `Connection: close` connection as soon as
 * the reply is written (`socket.destroySoon()`); a client still sending its body then has its bytes met by a TCP
 * reset, and a reset can discard the 413 it had not read yet, so it sees "connection reset" instead of the answer.
 * Like nginx's lingering close, the server instead half-closes and reads (and drops) what still arrives, until the
 * client closes too, or for at most `linger.ms` and `linger.bytes`: bounded work, whatever the client does.
 */
function lingerBeforeClosing(req: IncomingMessage): void {
  const socket = req.socket;
  let started = false;
  socket.destroySoon = () => {
    if (started) return;
    started = true;
    socket.end();
    let left = linger.bytes;
    const timer = setTimeout(() => socket.destroy(), linger.ms);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
    req.on("data", (chunk: Buffer) => {
      left -= chunk.length;
      if (left < 0) socket.destroy();
    });
    req.resume();
  };
}

function plain(status: number, text: string): EndpointReply {
  return { status, headers: {}, body: `${text}\n` };
}

/** The response can take more (or is gone). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    // Both listeners go once either fires: a long answer waits for drain thousands of times.
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

async function send(res: ServerResponse, reply: EndpointReply): Promise<void> {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = { "Content-Type": "text/plain; charset=utf-8", ...reply.headers };
  if (reply.headers.Connection === "close") res.on("finish", () => res.socket?.destroySoon());
  if (typeof reply.body === "string") {
    const body = Buffer.from(reply.body, "utf8");
    headers["Content-Length"] = body.length;
    res.writeHead(reply.status, headers);
    res.end(body);
    return;
  }
  res.writeHead(reply.status, headers); // no length: chunked
  for (const chunk of reply.body) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await drained(res);
  }
  res.end();
}
