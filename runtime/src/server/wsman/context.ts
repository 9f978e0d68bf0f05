import type { WsEnvelope, WsValueOptions } from "../../codecs/wsman/index.js";
import type { XmlWriter } from "../../xml/writer.js";
import type { EnumerationContexts } from "../enumeration-contexts.js";
import type { ServedNamespace } from "../namespace.js";
import type { Target } from "./target.js";

/** What a WS-Management operation is given: the namespace, the server's enumerations, the request read. */
export interface WsRequest {
  readonly ns: ServedNamespace;
  readonly enumerations: EnumerationContexts;
  readonly envelope: WsEnvelope;
  readonly target: Target;
  readonly values: WsValueOptions;
  readonly signal: AbortSignal;
  /** The largest answer the client accepts (`w:MaxEnvelopeSize`), in octets, if it said. */
  readonly maxEnvelopeSize: number | undefined;
  /** The size in octets of the whole answer envelope with this body (for MaxEnvelopeSize). */
  readonly measure: (body: (w: XmlWriter) => void) => number;
}

/** An operation's answer: the response action and what goes in the body (nothing for Delete and Release). */
export interface WsAnswer {
  readonly action: string;
  readonly body?: (w: XmlWriter) => void;
}

export type WsOperation = (request: WsRequest) => Promise<WsAnswer>;
