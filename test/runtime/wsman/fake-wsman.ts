import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import {
  actions,
  encodeInstance,
  faultAction,
  faultForStatus,
  readEnvelope,
  responseHeaders,
  type WsEnvelope,
  writeEnvelope,
  writeFault,
} from "../../../runtime/src/codecs/wsman/index.js";
import type { CimStatus } from "../../../runtime/src/values/cim-error.js";
import type { XmlWriter } from "../../../runtime/src/xml/writer.js";

/**
 * A scripted WS-Management peer for client tests on 127.0.0.1 (port 0): each request is read with the codec and
 * handed to `answer`, which returns the answer's action and body, a raw HTTP answer, "hang" or "drop";
 * every request is kept for the test to inspect. Real peers (the /wsman endpoint, wsl, pywinrm) are tested on the
 * server's side; this one lets a test say exactly what comes back, recorded bytes included.
 */
export interface SeenRequest {
  readonly headers: IncomingHttpHeaders;
  /** The client's port: requests on one keep-alive connection share it. */
  readonly clientPort: number;
  readonly envelope: WsEnvelope;
  readonly text: string;
}

export type WsAnswer =
  | { readonly action: string; readonly body?: (w: XmlWriter) => void }
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string | Buffer }
  | { readonly fault: CimStatus; readonly reason: string }
  /** No answer ever. */
  | "hang"
  /** The connection closed without an answer, as by a server whose idle timeout ran out as the request came. */
  | "drop";

/** What the fake peer answers to each request. */
export type Responder = (seen: SeenRequest) => WsAnswer;

export interface FakeWsman {
  readonly url: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

export const soapType = { "Content-Type": "application/soap+xml;charset=UTF-8" };

export async function fakeWsman(
  answer: Responder,
  tls?: { readonly key: string; readonly cert: string },
): Promise<FakeWsman> {
  const seen: SeenRequest[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const s = { headers: req.headers, clientPort: req.socket.remotePort ?? 0, envelope: readEnvelope(text), text };
      seen.push(s);
      const a = answer(s);
      if (a === "hang") return;
      if (a === "drop") {
        req.socket.destroy();
        return;
      }
      if ("status" in a) {
        res.writeHead(a.status, a.headers ?? {});
        res.end(a.body ?? "");
      } else if ("fault" in a) {
        const f = faultForStatus(a.fault, a.reason);
        res.writeHead(500, soapType);
        res.end(writeEnvelope(responseHeaders(s.envelope.headers, faultAction(f.subcode)), (w) => writeFault(w, f)));
      } else {
        res.writeHead(200, soapType);
        res.end(writeEnvelope(responseHeaders(s.envelope.headers, a.action), a.body));
      }
    });
  };
  const server: Server = tls === undefined ? createServer(handler) : createTlsServer(tls, handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls === undefined ? "http" : "https"}://127.0.0.1:${port}/wsman`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The fake peer of a test file whose tests each start one: `start` starts it, `server` is the one running, and
 * it is closed after each test, so a failing test never leaves a listener behind.
 */
export function fakeWsmanPerTest(): { readonly server: FakeWsman | undefined; start: typeof fakeWsman } {
  let server: FakeWsman | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return {
    get server() {
      return server;
    },
    async start(answer, tls) {
      await server?.close();
      server = await fakeWsman(answer, tls);
      return server;
    },
  };
}

/** A recorded answer with its `a:RelatesTo` pointed at the request, as a live server would send it. */
export function replay(recorded: Buffer | string, request: SeenRequest): WsAnswer {
  const id = request.envelope.headers.messageId ?? "";
  const body = recorded.toString().replace(/(<[A-Za-z0-9_-]+:RelatesTo>)\s*[^<]*(<\/)/, `$1${id}$2`);
  return { status: 200, headers: soapType, body };
}

export { actions };

/** One CIM_Thing (Id "1") and its path: the instance a Get answers in the transport and authentication tests. */
export const thingPath = { className: "CIM_Thing", keys: { Id: "1" } };
export const thingAnswer: WsAnswer = {
  action: actions.getResponse,
  body: (w) =>
    encodeInstance(
      w,
      { className: "CIM_Thing", properties: { Id: "1" } },
      { schemas: () => undefined, addressing: { convention: "dmtf", namespace: "root/cimv2" } },
    ),
};
