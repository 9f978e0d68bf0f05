import { CimError, type CimStatus } from "../../values/cim-error.js";
import { sameName } from "../../values/cim-name.js";
import { childNamed, type XmlElement } from "../../xml/tree.js";
import { XmlWriter } from "../../xml/writer.js";
import { invalid, required } from "./errors.js";
import type { CimInstance } from "./typed.js";
import { decodeInstance, encodeInstance, type SchemaLookup } from "./value.js";

/**
 * Export messages (DSP0201 §5.4, DSP0200 §6.3): what a WBEM server sends a listener. A request is CIM > MESSAGE >
 * SIMPLEEXPREQ > EXPMETHODCALL NAME="ExportIndication" > EXPPARAMVALUE NAME="NewIndication" > INSTANCE; the answer is
 * SIMPLEEXPRSP > EXPMETHODRESPONSE holding nothing, an IRETURNVALUE, or an ERROR.
 */
export function encodeExportIndication(id: string, indication: CimInstance<object>, schemas: SchemaLookup): string {
  const w = new XmlWriter().declaration();
  w.start("CIM", { CIMVERSION: "2.0", DTDVERSION: "2.0" }).start("MESSAGE", { ID: id, PROTOCOLVERSION: "1.0" });
  w.start("SIMPLEEXPREQ").start("EXPMETHODCALL", { NAME: "ExportIndication" });
  w.start("EXPPARAMVALUE", { NAME: "NewIndication" });
  encodeInstance(w, indication, schemas);
  return w.end().end().end().end().end().toString();
}

/**
 * A listener's side: the indication of an ExportIndication request (any other export method, or a message that is
 * not SIMPLEEXPREQ > EXPMETHODCALL > EXPPARAMVALUE NewIndication > INSTANCE, is a CimXmlError).
 */
export function decodeExportIndication(root: XmlElement, schemas: SchemaLookup): CimInstance {
  if (root.name !== "CIM") invalid(root, "the root element is not CIM");
  const message = childNamed(root, "MESSAGE") ?? invalid(root, "MESSAGE is missing");
  required(message, "ID");
  const request = childNamed(message, "SIMPLEEXPREQ") ?? invalid(message, "SIMPLEEXPREQ is missing");
  const call = childNamed(request, "EXPMETHODCALL") ?? invalid(request, "EXPMETHODCALL is missing");
  const method = required(call, "NAME");
  if (!sameName(method, "ExportIndication")) invalid(call, `${method} is not ExportIndication`);
  const params = call.children.filter((c) => c.name === "EXPPARAMVALUE");
  const param = params.find((p) => sameName(p.attributes.NAME ?? "", "NewIndication"));
  if (param === undefined || params.length !== 1) invalid(call, "ExportIndication takes one parameter, NewIndication");
  const instance = childNamed(param, "INSTANCE") ?? invalid(param, "NewIndication needs an INSTANCE");
  return decodeInstance(instance, schemas);
}

/** Check an export response for `method`: a CimError for ERROR, a CimXmlError for anything that is not one. */
export function decodeExportResponse(root: XmlElement, method: string): void {
  if (root.name !== "CIM") invalid(root, "the root element is not CIM");
  for (const c of root.children) if (c.name !== "MESSAGE") invalid(c, `CIM cannot hold ${c.name}`);
  const message = childNamed(root, "MESSAGE") ?? invalid(root, "MESSAGE is missing");
  required(message, "ID");
  for (const c of message.children) if (c.name !== "SIMPLEEXPRSP") invalid(c, `MESSAGE cannot hold ${c.name} here`);
  const rsp = childNamed(message, "SIMPLEEXPRSP") ?? invalid(message, "SIMPLEEXPRSP is missing");
  for (const c of rsp.children) if (c.name !== "EXPMETHODRESPONSE") invalid(c, `SIMPLEEXPRSP cannot hold ${c.name}`);
  const body = childNamed(rsp, "EXPMETHODRESPONSE") ?? invalid(rsp, "EXPMETHODRESPONSE is missing");
  const name = required(body, "NAME");
  if (!sameName(name, method)) invalid(body, `answers ${name}, not ${method}`);
  if (body.children.length > 1) invalid(body, "EXPMETHODRESPONSE holds ERROR or one IRETURNVALUE, not more");
  const only = body.children[0];
  if (only === undefined || only.name === "IRETURNVALUE") return;
  if (only.name !== "ERROR") invalid(only, `EXPMETHODRESPONSE cannot hold ${only.name}`);
  const code = Number(required(only, "CODE"));
  if (!Number.isInteger(code) || code <= 0)
    invalid(only, `CODE ${JSON.stringify(only.attributes.CODE)} is not a CIM status`);
  throw new CimError(code as CimStatus, only.attributes.DESCRIPTION ?? "");
}
