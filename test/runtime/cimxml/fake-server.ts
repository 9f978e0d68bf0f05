import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { parseXml, type XmlElement } from "../../../runtime/src/xml/index.js";

/**
 * A CIM-XML peer for client tests on 127.0.0.1 (port 0): each request is parsed and handed to `answer`, which
 * returns the body inside SIMPLERSP (or a whole HTTP answer); every request is kept for the test to inspect.
 */
export interface Seen {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly call: XmlElement;
}

export type Answer =
  | string
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }
  /** No answer ever. */
  | "hang"
  /** The connection closed without an answer, as by a server whose idle timeout ran out as the request came. */
  | "drop";

export interface FakeServer {
  readonly url: string;
  readonly seen: Seen[];
  close(): Promise<void>;
}

export function rsp(method: string, body: string, intrinsic = true): string {
  const tag = intrinsic ? "IMETHODRESPONSE" : "METHODRESPONSE";
  return `<?xml version="1.0" encoding="utf-8"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLERSP><${tag} NAME="${method}">${body}</${tag}></SIMPLERSP></MESSAGE></CIM>`;
}

export async function fakeServer(
  answer: (seen: Seen) => Answer,
  tls?: { key: string; cert: string },
): Promise<FakeServer> {
  const seen: Seen[] = [];
  const handler = (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const root = parseXml(Buffer.concat(chunks));
      const call = root.children[0]?.children[0]?.children[0] as XmlElement;
      const s = { method: call.attributes.NAME ?? "", headers: req.headers, call };
      seen.push(s);
      const a = answer(s);
      if (a === "hang") return;
      if (a === "drop") {
        req.socket.destroy();
        return;
      }
      if (typeof a === "string") {
        res.writeHead(200, { "Content-Type": 'application/xml; charset="utf-8"', CIMOperation: "MethodResponse" });
        res.end(a);
      } else {
        res.writeHead(a.status, a.headers ?? {});
        res.end(a.body ?? "");
      }
    });
  };
  const server: Server = tls === undefined ? createServer(handler) : createTlsServer(tls, handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls === undefined ? "http" : "https"}://127.0.0.1:${port}`,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The IPARAMVALUE named `name` of a call, as its VALUE text or CLASSNAME. */
export function iparam(call: XmlElement, name: string): string | undefined {
  const p = call.children.find((c) => c.attributes.NAME === name);
  const v = p?.children[0];
  return v === undefined ? undefined : (v.attributes.NAME ?? v.text);
}
