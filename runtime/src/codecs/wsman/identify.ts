import { XmlWriter } from "../../xml/writer.js";
import { invalid } from "./errors.js";
import { child, childrenOf, trimmed, type WsElement } from "./names.js";
import { ns } from "./namespaces.js";

/**
 * WS-Management Identify (DSP0226 §11): a SOAP envelope whose body is `wsmid:Identify`, with no WS-Addressing
 * headers at all, answered by `wsmid:IdentifyResponse` (protocol versions, vendor, product version). WinRM answers
 * it without authentication when the request carries the HTTP header `WSMANIDENTIFY: unauthenticated`.
 */
export interface IdentifyResponse {
  readonly protocolVersions: readonly string[];
  readonly productVendor?: string;
  readonly productVersion?: string;
  /** Microsoft adds `wsmid:SecurityProfiles` (the authentication schemes the listener accepts). */
  readonly securityProfiles?: readonly string[];
}

export function writeIdentify(): string {
  return new XmlWriter()
    .declaration()
    .start("s:Envelope", { "xmlns:s": ns.soap, "xmlns:wsmid": ns.identity })
    .leaf("s:Header")
    .start("s:Body")
    .leaf("wsmid:Identify")
    .end()
    .end()
    .toString();
}

export function writeIdentifyResponse(r: IdentifyResponse): string {
  const w = new XmlWriter().declaration();
  w.start("s:Envelope", { "xmlns:s": ns.soap, "xmlns:wsmid": ns.identity }).leaf("s:Header").start("s:Body");
  w.start("wsmid:IdentifyResponse");
  for (const v of r.protocolVersions) w.leaf("wsmid:ProtocolVersion", {}, v);
  if (r.productVendor !== undefined) w.leaf("wsmid:ProductVendor", {}, r.productVendor);
  if (r.productVersion !== undefined) w.leaf("wsmid:ProductVersion", {}, r.productVersion);
  if (r.securityProfiles !== undefined) {
    w.start("wsmid:SecurityProfiles");
    for (const p of r.securityProfiles) w.leaf("wsmid:SecurityProfileName", {}, p);
    w.end();
  }
  return w.end().end().end().toString();
}

export function readIdentifyResponse(body: WsElement): IdentifyResponse {
  if (body.ns !== ns.identity || body.local !== "IdentifyResponse") invalid(body, "expected wsmid:IdentifyResponse");
  const text = (local: string) => {
    const el = child(body, ns.identity, local);
    return el === undefined ? undefined : trimmed(el);
  };
  const profiles = child(body, ns.identity, "SecurityProfiles");
  const vendor = text("ProductVendor");
  const version = text("ProductVersion");
  return {
    protocolVersions: childrenOf(body, ns.identity, "ProtocolVersion").map(trimmed),
    ...(vendor !== undefined && { productVendor: vendor }),
    ...(version !== undefined && { productVersion: version }),
    ...(profiles !== undefined && {
      securityProfiles: childrenOf(profiles, ns.identity, "SecurityProfileName").map(trimmed),
    }),
  };
}

/** Whether a body is an Identify request or answer (which carry no a:Action). */
export function isIdentify(body: WsElement | undefined): boolean {
  return body?.ns === ns.identity && (body.local === "Identify" || body.local === "IdentifyResponse");
}
