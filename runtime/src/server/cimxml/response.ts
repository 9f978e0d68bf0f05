import { encodeInstanceName, encodePath } from "../../codecs/cimxml/path.js";
import { encodeInstance, type SchemaLookup } from "../../codecs/cimxml/value.js";
import type { CimError } from "../../values/cim-error.js";
import type { ObjectPath } from "../../values/reference.js";
import { XmlWriter } from "../../xml/writer.js";

/**
 * Writing DSP0201 responses: CIM > MESSAGE > SIMPLERSP > IMETHODRESPONSE or METHODRESPONSE, holding ERROR or the
 * result. The body is written by a function only once the operation has succeeded, so a value that cannot be
 * written turns the whole response into an ERROR rather than half a document.
 */
export type Body = (w: XmlWriter) => void;

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
  return (w) => {
    w.start("IRETURNVALUE");
    for (const value of items) item(w, value);
    w.end();
  };
}

/** An instance with the path it is found at, as the operations return it. */
export interface PathedInstance {
  readonly path: ObjectPath;
  readonly properties: Readonly<Record<string, unknown>>;
}

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
