import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CimXmlExporter } from "../../../runtime/src/client/cimxml-exporter.js";
import { HttpStatusError } from "../../../runtime/src/client/errors.js";
import { decodeExportIndication } from "../../../runtime/src/codecs/cimxml/export.js";
import { CimXmlError, noSchemas } from "../../../runtime/src/codecs/cimxml/index.js";
import { CimError, CimStatus } from "../../../runtime/src/values/cim-error.js";
import type { ClassSchema } from "../../../runtime/src/values/schema.js";
import { parseXml } from "../../../runtime/src/xml/index.js";

/**
 * CimXmlExporter against a loopback listener that reads each request with the codec's listener side and answers
 * as the test says: the indication arrives whole at the listener's path with DSP0200's export headers, and each kind
 * of answer becomes what a caller can act on.
 */
let listener: Server;
let url: string;
let answer: (req: IncomingMessage, body: string) => { status: number; headers: Record<string, string>; body: string };
const seen: { path: string | undefined; headers: IncomingMessage["headers"]; body: string }[] = [];

const ok = (name = "ExportIndication", inner = "") => ({
  status: 200,
  headers: { CIMExport: "MethodResponse", "Content-Type": "application/xml" },
  body: `<?xml version="1.0" encoding="utf-8"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEEXPRSP><EXPMETHODRESPONSE NAME="${name}">${inner}</EXPMETHODRESPONSE></SIMPLEEXPRSP></MESSAGE></CIM>`,
});

beforeAll(async () => {
  listener = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ path: req.url, headers: req.headers, body });
      const a = answer(req, body);
      res.writeHead(a.status, a.headers).end(a.body);
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/listener/alerts`;
});
afterAll(async () => {
  listener.closeAllConnections();
  await new Promise((resolve) => listener.close(resolve));
});

const alert: ClassSchema = {
  name: "T_Alert",
  namespace: "root/test",
  properties: [
    { name: "Message", type: "string", classOrigin: "T_Alert" },
    { name: "Severity", type: "uint16", classOrigin: "T_Alert" },
    { name: "Codes", type: "sint64", array: true, classOrigin: "T_Alert" },
  ],
  methods: [],
};
const indication = {
  className: "T_Alert",
  properties: { Message: "disk <full> ]]>", Severity: 5, Codes: [-1n, 2n ** 62n] },
};

describe("CimXmlExporter", () => {
  it("delivers the indication to the listener's path with the export headers", async () => {
    answer = () => ok();
    const exporter = new CimXmlExporter({ url, schemas: [alert] });
    await exporter.exportIndication(indication);
    exporter.close();
    const request = seen.at(-1);
    expect(request?.path).toBe("/listener/alerts");
    expect(request?.headers.cimexport).toBe("MethodRequest");
    expect(request?.headers.cimexportmethod).toBe("ExportIndication");
    const received = decodeExportIndication(parseXml(request?.body ?? ""), (n) =>
      n === "T_Alert" ? alert : undefined,
    );
    expect(received).toEqual(indication);
  });

  it("checks the indication against its schema before sending", async () => {
    const exporter = new CimXmlExporter({ url, schemas: [alert] });
    const before = seen.length;
    await expect(exporter.exportIndication({ className: "T_Alert", properties: { Severity: 70000 } })).rejects.toThrow(
      /Severity/,
    );
    expect(seen.length).toBe(before);
    exporter.close();
  });

  it.each([
    ["an ERROR", () => ok("ExportIndication", '<ERROR CODE="2" DESCRIPTION="denied"/>'), CimError],
    ["the answer to another method", () => ok("ExportSomethingElse"), CimXmlError],
    ["an operation's answer header", () => ({ ...ok(), headers: { CIMOperation: "MethodResponse" } }), CimXmlError],
    ["HTTP 403", () => ({ status: 403, headers: {}, body: "no" }), HttpStatusError],
  ] as const)("turns %s into its error", async (_, reply, kind) => {
    answer = reply;
    const exporter = new CimXmlExporter({ url });
    const error = await exporter
      .exportIndication({ className: "T_Alert", properties: { Message: "x" } })
      .catch((e) => e);
    exporter.close();
    expect(error).toBeInstanceOf(kind);
    if (error instanceof CimError) expect(error.code).toBe(CimStatus.CIM_ERR_ACCESS_DENIED);
  });

  it("the listener side refuses what is not an ExportIndication", () => {
    const request = (inner: string) =>
      parseXml(
        `<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEEXPREQ>${inner}</SIMPLEEXPREQ></MESSAGE></CIM>`,
      );
    expect(() => decodeExportIndication(request('<EXPMETHODCALL NAME="Other"/>'), noSchemas)).toThrow(
      /not ExportIndication/,
    );
    expect(() =>
      decodeExportIndication(
        request('<EXPMETHODCALL NAME="ExportIndication"><EXPPARAMVALUE NAME="X"/></EXPMETHODCALL>'),
        noSchemas,
      ),
    ).toThrow(/one parameter, NewIndication/);
  });
});
