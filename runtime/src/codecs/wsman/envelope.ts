import { parseXml, type XmlLimits } from "../../xml/reader.js";
import { XmlWriter } from "../../xml/writer.js";
import { readSelectorSet, type Selector, writeSelectorSet } from "./epr.js";
import { invalid, WsmanError } from "./errors.js";
import { isIdentify } from "./identify.js";
import { attribute, child, childrenOf, trimmed, type WsElement, withNamespaces } from "./names.js";
import { anonymous, ns, prefixes } from "./namespaces.js";

/**
 * The SOAP 1.2 envelope of every WS-Management message (DSP0226 §5, §6): WS-Addressing headers (`a:To`,
 * `a:Action`, `a:MessageID`, `a:RelatesTo`, `a:ReplyTo`), the WS-Management ones (`w:ResourceURI`, `w:SelectorSet`,
 * `w:OptionSet`, `w:MaxEnvelopeSize`, `w:OperationTimeout`, `w:Locale`) and Microsoft's `p:DataLocale` and
 * `p:SessionId`, then one body element. The same `WsHeaders` serve requests and responses, so the client and the
 * server share one reader and one writer.
 */
export interface WsHeaders {
  /** `a:Action`; `""` for Identify, which has none. */
  readonly action: string;
  readonly to?: string;
  readonly messageId?: string;
  readonly relatesTo?: string;
  /** `a:ReplyTo/a:Address`; requests default to the anonymous role. */
  readonly replyTo?: string;
  readonly resourceUri?: string;
  readonly selectors?: readonly Selector[];
  /** `w:OptionSet` options by name. */
  readonly options?: Readonly<Record<string, string>>;
  /** Largest answer, in octets, the sender accepts (`w:MaxEnvelopeSize`). */
  readonly maxEnvelopeSize?: number;
  /** `w:OperationTimeout` as an xs:duration (`PT60S`). */
  readonly operationTimeout?: string;
  readonly locale?: string;
  readonly dataLocale?: string;
  readonly sessionId?: string;
  /** `w:RequestEPR` / `w:ResourceCreated` and other headers are read as elements by the operations needing them. */
}

/** A message read: its headers, the header elements as sent, and the body's one element (none for an empty body). */
export interface WsEnvelope {
  readonly headers: WsHeaders;
  readonly headerElements: readonly WsElement[];
  /** `mustUnderstand` headers the codec does not know (a server must fault on them: DSP0226 §5.2). */
  readonly notUnderstood: readonly WsElement[];
  readonly body: WsElement | undefined;
}

/** Writes an envelope: the headers, then `body` writes the body's content. */
export function writeEnvelope(headers: WsHeaders, body?: (w: XmlWriter) => void): string {
  const w = new XmlWriter().declaration();
  const declarations: Record<string, string> = {};
  for (const [prefix, uri] of Object.entries(prefixes)) declarations[`xmlns:${prefix}`] = uri;
  w.start("s:Envelope", declarations);
  w.start("s:Header");
  const must = { "s:mustUnderstand": "true" };
  if (headers.to !== undefined) w.leaf("a:To", {}, headers.to);
  if (headers.resourceUri !== undefined) w.leaf("w:ResourceURI", must, headers.resourceUri);
  if (headers.replyTo !== undefined) {
    w.start("a:ReplyTo").leaf("a:Address", must, headers.replyTo).end();
  }
  w.leaf("a:Action", must, headers.action);
  if (headers.maxEnvelopeSize !== undefined) w.leaf("w:MaxEnvelopeSize", must, String(headers.maxEnvelopeSize));
  if (headers.messageId !== undefined) w.leaf("a:MessageID", {}, headers.messageId);
  if (headers.relatesTo !== undefined) w.leaf("a:RelatesTo", {}, headers.relatesTo);
  if (headers.locale !== undefined) w.leaf("w:Locale", { "xml:lang": headers.locale, "s:mustUnderstand": "false" });
  if (headers.dataLocale !== undefined)
    w.leaf("p:DataLocale", { "xml:lang": headers.dataLocale, "s:mustUnderstand": "false" });
  if (headers.sessionId !== undefined) w.leaf("p:SessionId", { "s:mustUnderstand": "false" }, headers.sessionId);
  if (headers.operationTimeout !== undefined) w.leaf("w:OperationTimeout", {}, headers.operationTimeout);
  writeSelectorSet(w, headers.selectors ?? []);
  const options = Object.entries(headers.options ?? {});
  if (options.length > 0) {
    w.start("w:OptionSet");
    for (const [name, value] of options) w.leaf("w:Option", { Name: name }, value);
    w.end();
  }
  w.end();
  w.start("s:Body");
  body?.(w);
  w.end();
  w.end();
  return w.toString();
}

const known = new Set(
  [
    [ns.addressing, "To"],
    [ns.addressing, "Action"],
    [ns.addressing, "MessageID"],
    [ns.addressing, "RelatesTo"],
    [ns.addressing, "ReplyTo"],
    [ns.addressing, "FaultTo"],
    [ns.addressing, "From"],
    [ns.wsman, "ResourceURI"],
    [ns.wsman, "SelectorSet"],
    [ns.wsman, "OptionSet"],
    [ns.wsman, "MaxEnvelopeSize"],
    [ns.wsman, "OperationTimeout"],
    [ns.wsman, "Locale"],
    [ns.wsman, "RequestEPR"],
    [ns.wsman, "FragmentTransfer"],
    [ns.wsman, "RequestTotalItemsCountEstimate"],
    [ns.wsman, "TotalItemsCountEstimate"],
    [ns.msWsman, "DataLocale"],
    [ns.msWsman, "SessionId"],
    [ns.msWsman, "OperationID"],
    [ns.msWsman, "SequenceId"],
    [ns.msWsman, "ActivityId"],
  ].map(([n, l]) => `{${n}}${l}`),
);

/**
 * Read an envelope from bytes or text (through the bounded XML reader: no DOCTYPE, limits on size and depth) or from
 * an already parsed tree. Anything but a SOAP 1.2 envelope is a WsmanError: a SOAP 1.1 envelope, another root,
 * a missing Body, a Body with more than one element, a message without `a:Action`.
 */
export function readEnvelope(message: Uint8Array | string | WsElement, limits: Partial<XmlLimits> = {}): WsEnvelope {
  const root =
    typeof message === "string" || message instanceof Uint8Array ? withNamespaces(parseXml(message, limits)) : message;
  if (root.ns === ns.soap11 && root.local === "Envelope")
    invalid(root, "a SOAP 1.1 envelope; WS-Management uses SOAP 1.2 (http://www.w3.org/2003/05/soap-envelope)");
  if (root.ns !== ns.soap || root.local !== "Envelope") invalid(root, "not a SOAP 1.2 Envelope");
  const header = child(root, ns.soap, "Header");
  const bodyElement = child(root, ns.soap, "Body");
  if (bodyElement === undefined) invalid(root, "the envelope has no s:Body");
  if (bodyElement.children.length > 1) invalid(bodyElement, "the body holds more than one element");
  const headerElements = header?.children ?? [];
  const text = (namespace: string, local: string) => {
    const el = header === undefined ? undefined : child(header, namespace, local);
    return el === undefined ? undefined : trimmed(el);
  };
  // Identify (DSP0226 §11) is the one message without WS-Addressing headers: its action is "".
  const action = text(ns.addressing, "Action") ?? (isIdentify(bodyElement.children[0]) ? "" : undefined);
  if (action === undefined) invalid(header ?? root, "the message has no a:Action header");
  const replyTo = header === undefined ? undefined : child(header, ns.addressing, "ReplyTo");
  const replyAddress = replyTo === undefined ? undefined : child(replyTo, ns.addressing, "Address");
  const options: Record<string, string> = {};
  const optionSet = header === undefined ? undefined : child(header, ns.wsman, "OptionSet");
  if (optionSet !== undefined)
    for (const o of childrenOf(optionSet, ns.wsman, "Option")) {
      const name = attribute(o, "", "Name");
      if (name === undefined) invalid(o, "an option needs a Name attribute");
      options[name] = o.text;
    }
  const maxEnvelope = text(ns.wsman, "MaxEnvelopeSize");
  // xs:positiveInteger: an optional "+" (OpenPegasus' tests send "+153600").
  if (maxEnvelope !== undefined && !/^\+?\d{1,15}$/.test(maxEnvelope))
    throw new WsmanError(`w:MaxEnvelopeSize ${JSON.stringify(maxEnvelope)} is not a positive integer`);
  const lang = (namespace: string, local: string) => {
    const el = header === undefined ? undefined : child(header, namespace, local);
    return el === undefined ? undefined : attribute(el, ns.xml, "lang");
  };
  const values: Record<string, unknown> = {
    action,
    to: text(ns.addressing, "To"),
    messageId: text(ns.addressing, "MessageID"),
    relatesTo: text(ns.addressing, "RelatesTo"),
    replyTo: replyAddress === undefined ? undefined : trimmed(replyAddress),
    resourceUri: text(ns.wsman, "ResourceURI"),
    selectors: readSelectorSet(header === undefined ? undefined : child(header, ns.wsman, "SelectorSet")),
    options,
    maxEnvelopeSize: maxEnvelope === undefined ? undefined : Number(maxEnvelope),
    operationTimeout: text(ns.wsman, "OperationTimeout"),
    locale: lang(ns.wsman, "Locale"),
    dataLocale: lang(ns.msWsman, "DataLocale"),
    sessionId: text(ns.msWsman, "SessionId"),
  };
  const headers = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as unknown as WsHeaders;
  const notUnderstood = headerElements.filter((h) => {
    const must = attribute(h, ns.soap, "mustUnderstand")?.trim();
    return (must === "true" || must === "1") && !known.has(`{${h.ns}}${h.local}`);
  });
  return { headers, headerElements, notUnderstood, body: bodyElement.children[0] };
}

/** Headers of a request to `to` (the service URL): a fresh message ID, replies to the anonymous role. */
export function requestHeaders(
  fields: Omit<WsHeaders, "messageId" | "replyTo"> & { readonly messageId?: string },
): WsHeaders {
  return { messageId: fields.messageId ?? `uuid:${crypto.randomUUID().toUpperCase()}`, replyTo: anonymous, ...fields };
}

/** Headers of the answer to a request: `a:RelatesTo` its message ID, to the anonymous role. */
export function responseHeaders(request: WsHeaders, action: string): WsHeaders {
  return {
    action,
    to: anonymous,
    messageId: `uuid:${crypto.randomUUID().toUpperCase()}`,
    ...(request.messageId !== undefined && { relatesTo: request.messageId }),
  };
}
