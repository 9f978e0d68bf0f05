import { spawnSync } from "node:child_process";
import { request } from "node:http";
import { join } from "node:path";
import {
  encodeIMethodCall,
  encodeMethodCall,
  iparam,
  type MethodParameter,
} from "../../../runtime/src/codecs/cimxml/message.js";
import { noSchemas } from "../../../runtime/src/codecs/cimxml/value.js";
import type { ObjectPath } from "../../../runtime/src/values/reference.js";
import { parseXml } from "../../../runtime/src/xml/reader.js";
import type { XmlElement } from "../../../runtime/src/xml/tree.js";
import type { XmlWriter } from "../../../runtime/src/xml/writer.js";
import { corpus } from "../../helpers/corpora.js";
import { tempTree } from "../../helpers/tmp.js";

/**
 * Raw HTTP for the server tests: requests written with the codec's message functions (the typed client is not
 * used, so the server is tested on its own), answers read as status, headers and text, and DTD validation of
 * answers with Debian's xmllint against DSP0203.
 */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export function post(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/cimom`, { method: "POST", headers: { "Content-Type": "application/xml", ...headers } });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

export const namespace = "root/virtualization/v2";

/** An intrinsic call with the DSP0200 headers that go with it. */
export function intrinsic(url: string, method: string, params: (w: XmlWriter) => void = () => {}, ns = namespace) {
  const body = encodeIMethodCall("1001", ns, method, params);
  return post(url, body, { CIMOperation: "MethodCall", CIMMethod: method, CIMObject: ns, CIMProtocolVersion: "1.0" });
}

export function extrinsic(
  url: string,
  target: ObjectPath & { namespace: string },
  method: string,
  params: MethodParameter[],
) {
  const body = encodeMethodCall("1002", target, method, params, noSchemas);
  const keys = Object.entries(target.keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  const object = `${target.namespace}:${target.className}${keys.length === 0 ? "" : `.${keys.join(",")}`}`;
  return post(url, body, { CIMOperation: "MethodCall", CIMMethod: method, CIMObject: encodeURIComponent(object) });
}

export const className = (name: string) => (w: XmlWriter) =>
  iparam(w, "ClassName", (x) => x.leaf("CLASSNAME", { NAME: name }));

/** The IMETHODRESPONSE or METHODRESPONSE of a 200 reply. */
export function responseOf(reply: Reply): XmlElement {
  const root = parseXml(reply.body);
  const rsp = root.children[0]?.children[0]?.children[0];
  if (rsp === undefined) throw new Error(`no response in ${reply.body}`);
  return rsp;
}

/** The CODE of the reply's ERROR, or undefined when it has none. */
export function errorCode(reply: Reply): number | undefined {
  const error = responseOf(reply).children.find((c) => c.name === "ERROR");
  return error === undefined ? undefined : Number(error.attributes.CODE);
}

/** xmllint's complaints about each document that is not valid DSP0203 CIM-XML ("" when all are valid). */
export function dtdProblems(documents: readonly string[]): string {
  const dtdDir = corpus("cimxml-dtd");
  if (dtdDir === undefined || documents.length === 0) return "";
  const dir = tempTree(Object.fromEntries(documents.map((d, i) => [`r${i}.xml`, d])));
  const files = documents.map((_, i) => join(dir, `r${i}.xml`));
  const run = spawnSync("xmllint", ["--noout", "--dtdvalid", join(dtdDir, "DSP0203_2.4.0.dtd"), ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error !== undefined) throw run.error;
  return run.status === 0 ? "" : run.stderr;
}
