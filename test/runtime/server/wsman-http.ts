import { request } from "node:http";
import {
  actions,
  child,
  type EnumerateRequest,
  readEnvelope,
  requestHeaders,
  resourceUriFor,
  type Selector,
  type WsEnvelope,
  type WsHeaders,
  writeEnumerate,
  writeEnvelope,
  writePull,
  writeRelease,
  ns as wsns,
} from "../../../runtime/src/codecs/wsman/index.js";
import type { XmlWriter } from "../../../runtime/src/xml/writer.js";

/**
 * Raw WS-Management over HTTP for the server tests: envelopes written with the codec (the WS-Man client is another
 * engineer's and not used, so the server is tested on its own), answers read back with the codec's envelope reader.
 */
export interface WsReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The answer read (undefined when the body is not a SOAP envelope). */
  readonly envelope: WsEnvelope | undefined;
}

export function postWsman(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<WsReply> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/wsman`, {
      method: "POST",
      headers: { "Content-Type": "application/soap+xml;charset=UTF-8", ...headers },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let envelope: WsEnvelope | undefined;
        try {
          envelope = readEnvelope(text);
        } catch {
          envelope = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, envelope });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

export const namespace = "root/virtualization/v2";

export type Convention = "wmi" | "dmtf";

/** The resource URI and namespace selector of a class in a convention. */
export function addressOf(className: string, convention: Convention, ns = namespace) {
  const address = resourceUriFor(className, ns, convention);
  const selectors: Selector[] =
    address.namespaceSelector === undefined ? [] : [{ name: "__cimnamespace", value: address.namespaceSelector }];
  return { resourceUri: address.resourceUri, selectors };
}

export interface Call {
  readonly action: string;
  readonly className: string;
  readonly convention?: Convention;
  readonly keys?: Record<string, string>;
  readonly body?: (w: XmlWriter) => void;
  readonly headers?: Partial<WsHeaders>;
}

export function envelopeOf(call: Call): string {
  const { resourceUri, selectors } = addressOf(call.className, call.convention ?? "wmi");
  const keys = Object.entries(call.keys ?? {}).map(([name, value]) => ({ name, value }));
  const headers = requestHeaders({
    action: call.action,
    to: "http://127.0.0.1/wsman",
    resourceUri,
    selectors: [...keys, ...selectors],
    ...call.headers,
  });
  return writeEnvelope(headers, call.body);
}

export const wsCall = (url: string, call: Call) => postWsman(url, envelopeOf(call));

export const enumerateBody = (r: EnumerateRequest) => (w: XmlWriter) => writeEnumerate(w, r);
export const pullBody = (context: string, max?: number) => (w: XmlWriter) => writePull(w, context, max);
export const releaseBody = (context: string) => (w: XmlWriter) => writeRelease(w, context);

/** `prefix:Subcode` of a fault answer (the local name), or undefined. */
export function subcodeOf(reply: WsReply): string | undefined {
  const fault = reply.envelope?.body;
  if (fault === undefined || fault.local !== "Fault") return undefined;
  const code = child(fault, wsns.soap, "Code");
  const sub = code === undefined ? undefined : child(code, wsns.soap, "Subcode");
  const value = sub === undefined ? undefined : child(sub, wsns.soap, "Value");
  return value?.text.trim().replace(/^.*:/, "");
}

export { actions };
