import { CimError, type CimStatus } from "../../values/cim-error.js";
import { sameName } from "../../values/cim-name.js";
import { isClassPath } from "../../values/class-path.js";
import type { ObjectPath } from "../../values/reference.js";
import type { ElementSchema } from "../../values/schema.js";
import { childNamed, type XmlElement } from "../../xml/tree.js";
import { XmlWriter } from "../../xml/writer.js";
import { invalid, required } from "./errors.js";
import { encodeNamespace, encodePath } from "./path.js";
import { decodeInstance, encodeElement, type SchemaLookup } from "./value.js";

/**
 * The message layer of DSP0201 §5.4: a request is CIM > MESSAGE > SIMPLEREQ > IMETHODCALL (intrinsic operations,
 * parameters as IPARAMVALUE) or METHODCALL (extrinsic methods, PARAMVALUE); a response is SIMPLERSP >
 * IMETHODRESPONSE or METHODRESPONSE, holding ERROR, or IRETURNVALUE / RETURNVALUE and out PARAMVALUEs. MULTIREQ is
 * not sent: one operation per HTTP request is what every server handles and what keeps errors per operation.
 */

function envelope(id: string, body: (w: XmlWriter) => void): string {
  const w = new XmlWriter().declaration();
  w.start("CIM", { CIMVERSION: "2.0", DTDVERSION: "2.0" }).start("MESSAGE", { ID: id, PROTOCOLVERSION: "1.0" });
  w.start("SIMPLEREQ");
  body(w);
  return w.end().end().end().toString();
}

/** IMETHODCALL in `namespace`; `params` writes the IPARAMVALUEs (see `iparam`). */
export function encodeIMethodCall(
  id: string,
  namespace: string,
  method: string,
  params: (w: XmlWriter) => void,
): string {
  return envelope(id, (w) => {
    w.start("IMETHODCALL", { NAME: method });
    encodeNamespace(w, namespace);
    params(w);
    w.end();
  });
}

/** One IPARAMVALUE, its content written by `content`; nothing at all when `content` is undefined. */
export function iparam(w: XmlWriter, name: string, content: ((w: XmlWriter) => void) | undefined): void {
  if (content === undefined) return;
  w.start("IPARAMVALUE", { NAME: name });
  content(w);
  w.end();
}

/** IPARAMVALUE content for the simple cases: a boolean, a string, a number, a list of strings, a class name. */
export const iparamValue = {
  boolean: (b: boolean | undefined) =>
    b === undefined ? undefined : (w: XmlWriter) => w.leaf("VALUE", {}, b ? "TRUE" : "FALSE"),
  string: (s: string | undefined) => (s === undefined ? undefined : (w: XmlWriter) => w.leaf("VALUE", {}, s)),
  integer: (n: number | undefined) => (n === undefined ? undefined : (w: XmlWriter) => w.leaf("VALUE", {}, String(n))),
  strings: (list: readonly string[] | undefined) =>
    list === undefined
      ? undefined
      : (w: XmlWriter) => {
          w.start("VALUE.ARRAY");
          for (const s of list) w.leaf("VALUE", {}, s);
          w.end();
        },
  className: (name: string | undefined) =>
    name === undefined ? undefined : (w: XmlWriter) => w.leaf("CLASSNAME", { NAME: name }),
  /**
   * An ObjectName: a CLASSNAME for a `classPath(...)` (a class-level query), else the INSTANCENAME, keyless for the
   * instance of a singleton class (no namespace: it is the call's).
   */
  objectName: (path: ObjectPath) => (w: XmlWriter) =>
    encodePath(w, { className: path.className, keys: path.keys }, isClassPath(path)),
};

/** A parameter of an extrinsic method: its name, its schema element when known, its value. */
export interface MethodParameter {
  readonly name: string;
  readonly element?: ElementSchema;
  readonly value: unknown;
}

/** METHODCALL on an instance (LOCALINSTANCEPATH) or, for a path without keys, on the class (a static method). */
export function encodeMethodCall(
  id: string,
  target: ObjectPath & { readonly namespace: string },
  method: string,
  params: readonly MethodParameter[],
  schemas: SchemaLookup,
): string {
  return envelope(id, (w) => {
    w.start("METHODCALL", { NAME: method });
    const isClass = Object.keys(target.keys).length === 0;
    encodePath(w, { className: target.className, keys: target.keys, namespace: target.namespace }, isClass);
    for (const p of params)
      if (p.value !== undefined) encodeElement(w, "PARAMVALUE", p.name, p.element, p.value, schemas);
    w.end();
  });
}

/** What a response holds for the caller: the IRETURNVALUE, or the RETURNVALUE and out parameters. */
export interface CimXmlResponse {
  readonly id: string;
  readonly method: string;
  /** IMETHODRESPONSE's IRETURNVALUE (undefined when the operation returns nothing). */
  readonly iReturnValue?: XmlElement;
  /** METHODRESPONSE's RETURNVALUE. */
  readonly returnValue?: XmlElement;
  /** Out PARAMVALUEs of either response. */
  readonly outParameters: readonly XmlElement[];
}

/**
 * Read a response document to its operation's result. ERROR becomes a `CimError` with the DSP0200 status code and
 * description (`instances` holds any CIM_Error instances sent with it); anything that is not a SIMPLERSP for the
 * expected method is a `CimXmlError`.
 */
export function decodeResponse(
  root: XmlElement,
  expect: { readonly method: string; readonly intrinsic: boolean },
  schemas: SchemaLookup,
): CimXmlResponse {
  if (root.name !== "CIM") invalid(root, "the root element is not CIM");
  const message = childNamed(root, "MESSAGE") ?? invalid(root, "MESSAGE is missing");
  // The ID is not compared with the request's: one operation per HTTP exchange already pairs them, and servers
  // that answer with another ID (pywbem's recordings hold some) are otherwise right.
  const id = required(message, "ID");
  const rsp = childNamed(message, "SIMPLERSP") ?? invalid(message, "SIMPLERSP is missing");
  const tag = expect.intrinsic ? "IMETHODRESPONSE" : "METHODRESPONSE";
  const body = childNamed(rsp, tag) ?? invalid(rsp, `${tag} is missing`);
  const method = required(body, "NAME");
  if (!sameName(method, expect.method)) invalid(body, `answers ${method}, not ${expect.method}`);
  const allowed = expect.intrinsic ? ["ERROR", "IRETURNVALUE", "PARAMVALUE"] : ["ERROR", "RETURNVALUE", "PARAMVALUE"];
  for (const c of body.children) if (!allowed.includes(c.name)) invalid(c, `${tag} cannot hold ${c.name}`);
  const error = childNamed(body, "ERROR");
  if (error !== undefined) throw decodeError(error, schemas);
  const iReturnValue = childNamed(body, "IRETURNVALUE");
  const returnValue = childNamed(body, "RETURNVALUE");
  const outParameters = body.children.filter((c) => c.name === "PARAMVALUE");
  return {
    id,
    method,
    outParameters,
    ...(iReturnValue === undefined ? {} : { iReturnValue }),
    ...(returnValue === undefined ? {} : { returnValue }),
  };
}

/** A CIMError: the status and description the server sent, with any CIM_Error instances. */
export class CimErrorResponse extends CimError {
  constructor(
    code: number,
    detail: string,
    readonly instances: readonly unknown[],
  ) {
    super(code as CimStatus, detail);
  }
}

function decodeError(error: XmlElement, schemas: SchemaLookup): CimErrorResponse {
  const code = Number(required(error, "CODE"));
  if (!Number.isInteger(code) || code <= 0)
    invalid(error, `CODE ${JSON.stringify(error.attributes.CODE)} is not a CIM status`);
  const instances = error.children.filter((c) => c.name === "INSTANCE").map((i) => decodeInstance(i, schemas));
  return new CimErrorResponse(code, error.attributes.DESCRIPTION ?? "", instances);
}
