import { encodeInstanceName, encodePath } from "../../codecs/cimxml/path.js";
import { encodeInstance, type SchemaLookup } from "../../codecs/cimxml/value.js";
import type { CimError } from "../../values/cim-error.js";
import type { ObjectPath } from "../../values/reference.js";
import { escapeAttribute, XmlWriter } from "../../xml/writer.js";
import type { PathedInstance } from "../instances.js";

/**
 * Writing DSP0201 responses: CIM > MESSAGE > SIMPLERSP > IMETHODRESPONSE or METHODRESPONSE, holding ERROR or the
 * result. The body is written by a function only once the operation has succeeded, so a value that cannot be
 * written turns the whole response into an ERROR rather than half a document. A long IRETURNVALUE (an enumeration
 * of thousands of instances) is written and sent a chunk of items at a time (`responseChunks`), so the server never
 * holds the whole document, nor the writer's pieces of it.
 */
export type Body = ((w: XmlWriter) => void) & { readonly items?: ItemList };

/** The items of an IRETURNVALUE, for writing them a range at a time. */
interface ItemList {
  readonly count: number;
  write(w: XmlWriter, from: number, to: number): void;
}

/** Items per chunk of a streamed response: a few hundred KB of XML. */
const itemsPerChunk = 256;

export function responseDocument(id: string, tag: "IMETHODRESPONSE" | "METHODRESPONSE", name: string, body: Body) {
  const w = new XmlWriter().declaration();
  w.start("CIM", { CIMVERSION: "2.0", DTDVERSION: "2.0" }).start("MESSAGE", { ID: id, PROTOCOLVERSION: "1.0" });
  w.start("SIMPLERSP").start(tag, { NAME: name });
  body(w);
  return w.end().end().end().end().toString();
}

export const errorBody =
  (error: CimError): Body =>
  (w) =>
    w.leaf("ERROR", { CODE: String(error.code), DESCRIPTION: error.detail });

/** IRETURNVALUE around `items`, each written by `item`. */
export function iReturnValue<T>(items: Iterable<T>, item: (w: XmlWriter, value: T) => void): Body {
  const list = [...items];
  const write = (w: XmlWriter, from: number, to: number) => {
    for (let i = from; i < to; i++) item(w, list[i] as T);
  };
  const body = (w: XmlWriter) => {
    w.start("IRETURNVALUE");
    write(w, 0, list.length);
    w.end();
  };
  return Object.assign(body, { items: { count: list.length, write } });
}

/**
 * The response document in pieces: whole when it is short, else the envelope's start, the IRETURNVALUE's items
 * `itemsPerChunk` at a time, and the envelope's end (the same bytes `responseDocument` writes).
 */
export function* responseChunks(
  id: string,
  tag: "IMETHODRESPONSE" | "METHODRESPONSE",
  name: string,
  body: Body,
): Generator<string> {
  const items = body.items;
  if (items === undefined || items.count <= itemsPerChunk) {
    yield responseDocument(id, tag, name, body);
    return;
  }
  yield `<?xml version="1.0" encoding="utf-8" ?>\n<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="${escapeAttribute(id)}" PROTOCOLVERSION="1.0"><SIMPLERSP><${tag} NAME="${escapeAttribute(name)}"><IRETURNVALUE>`;
  for (let from = 0; from < items.count; from += itemsPerChunk) {
    const w = new XmlWriter();
    items.write(w, from, Math.min(items.count, from + itemsPerChunk));
    yield w.toString();
  }
  yield `</IRETURNVALUE></${tag}></SIMPLERSP></MESSAGE></CIM>`;
}

/** An instance with the path it is found at, as the operations return it. */
export type { PathedInstance } from "../instances.js";

export const writeNamedInstance = (schemas: SchemaLookup) => (w: XmlWriter, i: PathedInstance) => {
  w.start("VALUE.NAMEDINSTANCE");
  encodeInstanceName(w, i.path);
  encodeInstance(w, { className: i.path.className, properties: i.properties }, schemas);
  w.end();
};

/** VALUE.OBJECTWITHPATH or VALUE.INSTANCEWITHPATH: INSTANCEPATH (host and namespace) and INSTANCE. */
export const writeInstanceWithPath =
  (schemas: SchemaLookup, host: string, tag: "VALUE.OBJECTWITHPATH" | "VALUE.INSTANCEWITHPATH") =>
  (w: XmlWriter, i: PathedInstance) => {
    w.start(tag);
    encodePath(w, { ...i.path, host });
    encodeInstance(w, { className: i.path.className, properties: i.properties }, schemas);
    w.end();
  };

/** OBJECTPATH > INSTANCEPATH, as AssociatorNames and ReferenceNames return paths. */
export const writeObjectPath = (host: string) => (w: XmlWriter, path: ObjectPath) => {
  w.start("OBJECTPATH");
  encodePath(w, { ...path, host });
  w.end();
};

/** The PARAMVALUEs the pull operations return beside their IRETURNVALUE. */
export function pullParams(context: string, endOfSequence: boolean): Body {
  return (w) => {
    w.start("PARAMVALUE", { NAME: "EnumerationContext", PARAMTYPE: "string" }).leaf("VALUE", {}, context).end();
    w.start("PARAMVALUE", { NAME: "EndOfSequence", PARAMTYPE: "boolean" });
    w.leaf("VALUE", {}, endOfSequence ? "TRUE" : "FALSE").end();
  };
}
