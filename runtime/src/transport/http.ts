import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";

/**
 * HTTP and HTTPS for the wire protocols: one POST per operation over a keep-alive agent, Basic authentication,
 * certificate checks on unless turned off outright, a timeout for the whole exchange and cancellation with an
 * AbortSignal. It knows bytes and headers only; the codecs know what the bytes mean.
 */
export interface HttpOptions {
  /** `http://host:5988` or `https://host:5989`; the path of each request is added to it. */
  readonly url: string | URL;
  readonly user?: string;
  readonly password?: string;
  /** Certificate authorities to trust besides (or, as Node does, instead of) the default ones, PEM. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /** Check the server's certificate (default true). Turning it off is for test servers only. */
  readonly rejectUnauthorized?: boolean;
  /** Longest a whole exchange may take, from sending to the last byte of the answer (default 60 s). */
  readonly timeoutMs?: number;
  /** Largest answer accepted (default 64 MiB): a server cannot make the client hold more. */
  readonly maxResponseBytes?: number;
  /** Sockets kept open between requests (default: one keep-alive agent per transport). */
  readonly agent?: http.Agent;
}

export interface HttpRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Text (sent as UTF-8) or bytes: an authentication hook may replace a SOAP body by an encrypted one. */
  readonly body: string | Uint8Array;
  readonly signal?: AbortSignal;
  /**
   * Sending it twice shows nothing the caller could tell from sending it once (GetInstance, Enumerate, Identify).
   * Such a request is sent once more, on a new connection, when the kept-alive connection it went out on turns out
   * closed before any byte of the answer came: the server closed it while idle, and the request crossed the close.
   * Any other request then fails with a TransportError that says so, since the client cannot tell whether the
   * server acted on it. A request that went out on a new connection is never sent again (Go's net/http rule: a
   * server that hangs up on a fresh connection is refusing the request, and trying again would loop).
   */
  readonly idempotent?: boolean;
}

/**
 * The connection an answer came over: one object per TCP (or TLS) connection, the same for every answer it
 * carries. NTLM and Negotiate authenticate a connection, not a request: an authentication hook keys what a
 * handshake established by this, and knows a new connection when it sees one.
 */
export interface HttpConnection {
  /** 1 for the transport's first connection, 2 for the next one opened, and so on. */
  readonly id: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly connection: HttpConnection;
}

/** A response header's value, by name in any case (Node gives a list for a repeated header: the first counts). */
export function responseHeader(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The exchange did not happen: connection refused or reset, TLS failure, timeout, abort, answer too large. */
export class TransportError extends Error {
  override readonly name = "TransportError";
}

/** A kept-alive connection found closed by the server before any answer (internal: `post` retries or explains it). */
class StaleConnection extends Error {
  constructor(
    override readonly cause: TransportError,
    /** Where the connection went: the agent's other idle connections there are as stale. */
    readonly peer: { readonly address: string | undefined; readonly port: number | undefined },
  ) {
    super(cause.message);
  }
}

/** `HttpOptions.timeoutMs` when not given. */
const defaultTimeoutMs = 60_000;

/** How a peer's close shows on a socket: reset, or ended before the answer ("socket hang up"), or a write after it. */
function closedByPeer(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ECONNRESET" || code === "EPIPE";
}

export class HttpTransport {
  readonly #url: URL;
  readonly #options: HttpOptions;
  readonly #agent: http.Agent;
  readonly #ownsAgent: boolean;
  readonly #connections = new WeakMap<Socket, HttpConnection>();
  #opened = 0;

  constructor(options: HttpOptions) {
    this.#url = new URL(options.url);
    if (this.#url.protocol !== "http:" && this.#url.protocol !== "https:")
      throw new TypeError(`${this.#url.href}: only http: and https: URLs are supported`);
    this.#options = options;
    this.#ownsAgent = options.agent === undefined;
    this.#agent =
      options.agent ??
      (this.#url.protocol === "https:"
        ? new https.Agent({
            keepAlive: true,
            rejectUnauthorized: options.rejectUnauthorized ?? true,
            ...(options.ca === undefined ? {} : { ca: options.ca as string | Buffer | (string | Buffer)[] }),
          })
        : new http.Agent({ keepAlive: true }));
  }

  get url(): URL {
    return this.#url;
  }

  async post(request: HttpRequest): Promise<HttpResponse> {
    const deadline = Date.now() + (this.#options.timeoutMs ?? defaultTimeoutMs);
    try {
      return await this.#exchange(request, deadline);
    } catch (e) {
      if (!(e instanceof StaleConnection)) throw e;
      if (request.idempotent !== true)
        throw new TransportError(
          `${e.cause.message}; it was a kept-alive connection, closed by the server as the request went out on it ` +
            "(its idle timeout, most likely): the request was not sent again, since it is not one that may be " +
            "repeated and the client cannot tell whether the server acted on it",
          { cause: e.cause },
        );
      // The connections that idled beside it went idle earlier (the agent hands out the last one freed): as
      // stale. Closing them makes the one retry go out on a new connection, never on another dead one.
      this.#dropIdle(e.peer);
      return await this.#exchange(request, deadline);
    }
  }

  /** Close the agent's idle connections to `peer`. */
  #dropIdle(peer: StaleConnection["peer"]): void {
    for (const sockets of Object.values(this.#agent.freeSockets))
      for (const socket of sockets ?? [])
        if (socket.remoteAddress === peer.address && socket.remotePort === peer.port) socket.destroy();
  }

  /** The connection `socket` is, numbered when first seen. */
  #connection(socket: Socket): HttpConnection {
    let connection = this.#connections.get(socket);
    if (connection === undefined) {
      connection = { id: ++this.#opened };
      this.#connections.set(socket, connection);
    }
    return connection;
  }

  #exchange(request: HttpRequest, deadline: number): Promise<HttpResponse> {
    const { user, password, timeoutMs = defaultTimeoutMs, maxResponseBytes = 64 * 1024 * 1024 } = this.#options;
    const url = new URL(request.path, this.#url);
    const headers: Record<string, string> = {
      ...request.headers,
      "Content-Length": String(Buffer.byteLength(request.body)),
    };
    if (user !== undefined)
      headers.Authorization = `Basic ${Buffer.from(`${user}:${password ?? ""}`).toString("base64")}`;
    const send = url.protocol === "https:" ? https.request : http.request;
    return new Promise<HttpResponse>((resolve, reject) => {
      const fail = (error: Error) => {
        req.destroy();
        reject(error);
      };
      const signal = request.signal;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let answered = false;
      let peer: StaleConnection["peer"] = { address: undefined, port: undefined };
      const req = send(url, { method: "POST", headers, agent: this.#agent }, (res) => {
        answered = true;
        const connection = this.#connection(res.socket);
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxResponseBytes)
            fail(new TransportError(`${url.href}: the answer is larger than ${maxResponseBytes} bytes`));
          else chunks.push(chunk);
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), connection }),
        );
        res.on("error", (error) => fail(new TransportError(`${url.href}: ${error.message}`, { cause: error })));
      });
      const timer = setTimeout(
        () => fail(new TransportError(`${url.href}: no complete answer within ${timeoutMs} ms`)),
        Math.max(0, deadline - Date.now()),
      );
      const onAbort = () => fail(signal?.reason instanceof Error ? signal.reason : new TransportError("aborted"));
      signal?.addEventListener("abort", onAbort, { once: true });
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      req.on("close", settle);
      req.on("socket", (socket) => {
        peer = { address: socket.remoteAddress, port: socket.remotePort };
      });
      req.on("error", (error) => {
        settle();
        if (error instanceof TransportError) {
          reject(error);
          return;
        }
        const closed = !answered && closedByPeer(error);
        const failure = new TransportError(
          `${url.href}: ${closed ? `the server closed the connection before answering (${error.message})` : error.message}`,
          { cause: error },
        );
        // Reset or closed on a reused socket before the answer began: the connection was stale (see `idempotent`).
        reject(closed && req.reusedSocket ? new StaleConnection(failure, peer) : failure);
      });
      req.end(request.body);
    });
  }

  /** Close idle keep-alive sockets (an agent passed in is the caller's to close). */
  close(): void {
    if (this.#ownsAgent) this.#agent.destroy();
  }
}
