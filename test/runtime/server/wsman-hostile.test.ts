import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExampleServer } from "../../../examples/hyperv-host/src/host.js";
import { readEnumerationPage, readEnvelope } from "../../../runtime/src/codecs/wsman/index.js";
import type { CimServer } from "../../../runtime/src/server/index.js";
import {
  billionLaughs,
  declareHugeBody,
  expectHugeBodyRefused,
  expectRefusalRead,
  expectSlowLorisCut,
  shortLimits,
} from "./hostile-requests.js";
import { actions, enumerateBody, postWsman, pullBody, subcodeOf, type WsReply, wsCall } from "./wsman-http.js";

/**
 * Hostile input to /wsman: each is refused in bounded time and memory with a fault a WS-Management client reads
 * (or the HTTP status the shared limits give), and the server answers Identify afterwards. Limits are shortened
 * (1 MiB bodies, 300 ms for headers, 600 ms for a request, 3 open enumerations) so each case is quick.
 */
let server: CimServer;
let url: string;

beforeAll(async () => {
  server = createExampleServer({ limits: { ...shortLimits, maxOpen: 3 } });
  url = await server.listen(0);
});
afterAll(() => server.close());

const envelope = (inner: string, prolog = "") =>
  `<?xml version="1.0"?>${prolog}<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:wsmid="http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd"><s:Header/><s:Body>${inner}</s:Body></s:Envelope>`;

async function stillServes(): Promise<void> {
  const reply = await postWsman(url, envelope("<wsmid:Identify/>"));
  expect(reply.status).toBe(200);
  expect(reply.text).toContain("IdentifyResponse");
}

function fault(reply: WsReply, subcode: string): void {
  expect(reply.status, reply.text).toBe(500);
  expect(subcodeOf(reply)).toBe(subcode);
}

describe("hostile requests to the WS-Management endpoint", () => {
  it("billion laughs: the DOCTYPE is refused before any entity is expanded", async () => {
    const reply = await postWsman(url, envelope("&l9;", `<!DOCTYPE s:Envelope [${billionLaughs}]>`));
    fault(reply, "SchemaValidationError");
    expect(reply.text).toContain("DOCTYPE is not accepted");
    await stillServes();
  });

  it("an external entity is never fetched", async () => {
    const reply = await postWsman(
      url,
      envelope("&x;", '<!DOCTYPE s:Envelope [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
    );
    fault(reply, "SchemaValidationError");
    expect(reply.text).not.toContain("root:");
    await stillServes();
  });

  it("10,000-deep nesting is an EncodingLimit fault at the depth limit", async () => {
    const reply = await postWsman(url, envelope(`${"<x>".repeat(10_000)}${"</x>".repeat(10_000)}`));
    fault(reply, "EncodingLimit");
    expect(reply.text).toContain("nested more than 64 deep");
    await stillServes();
  });

  it("a body over the limit is wsman:EncodingLimit (ServiceEnvelopeLimit), in SOAP, without CIM-XML's CIMError", async () => {
    const declared = await declareHugeBody(`${url}/wsman`, { "Content-Type": "application/soap+xml" });
    expect(declared.headers["content-type"]).toMatch(/^application\/soap\+xml/);
    expect(declared.headers.cimerror).toBeUndefined();
    fault({ ...declared, envelope: readEnvelope(declared.text) }, "EncodingLimit");
    expect(declared.text).toContain("faultDetail/ServiceEnvelopeLimit");
    expect(declared.text).toContain("larger than 1048576 octets");
    await stillServes();
  });

  it("a 100 MB body streamed without a length is refused at 1 MiB, neither read to its end nor held", async () => {
    const soap = { "Content-Type": "application/soap+xml" };
    await expectHugeBodyRefused(`${url}/wsman`, soap, envelope("").slice(0, 200), 500);
    await stillServes();
  });

  it("a client that sends more of a refused body before reading still reads the refusal", async () => {
    await expectRefusalRead(`${url}/wsman`, "Content-Type: application/soap+xml", 500);
    await stillServes();
  });

  it("a Pull of a context never opened is wsen:InvalidEnumerationContext", async () => {
    const reply = await wsCall(url, {
      action: actions.pull,
      className: "Msvm_ComputerSystem",
      body: pullBody("uuid:forged"),
    });
    fault(reply, "InvalidEnumerationContext");
    await stillServes();
  });

  it("enumerations never released expire, and no more than maxOpen are held at once", async () => {
    const open = async (expires: string) =>
      wsCall(url, { action: actions.enumerate, className: "Msvm_ComputerSystem", body: enumerateBody({ expires }) });
    const short = readEnumerationPage((await open("PT1S")).envelope?.body as never).context as string;
    await open("PT600S");
    await open("PT600S");
    const fourth = await open("PT600S");
    fault(fourth, "QuotaLimit");
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const expired = await wsCall(url, {
      action: actions.pull,
      className: "Msvm_ComputerSystem",
      body: pullBody(short),
    });
    fault(expired, "InvalidEnumerationContext");
    // The expired one's place is free again.
    expect((await open("PT1S")).status).toBe(200);
    await stillServes();
  });

  it("slow-loris: headers trickled past the header timeout get 408 and the connection is closed", async () => {
    await expectSlowLorisCut(url, "POST /wsman HTTP/1.1\r\nHost: x\r\nContent-Type: application/soap+xml\r\n");
    await stillServes();
  });

  it("not SOAP: a missing or foreign Content-Type is 400; a SOAP 1.1 envelope a fault", async () => {
    const noType = await new Promise<number>((resolve, reject) => {
      const req = request(`${url}/wsman`, { method: "POST" });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end(envelope("<wsmid:Identify/>"));
    });
    expect(noType).toBe(400);
    expect((await postWsman(url, "{}", { "Content-Type": "application/json" })).status).toBe(400);
    const soap11 = await postWsman(
      url,
      '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body/></e:Envelope>',
    );
    fault(soap11, "SchemaValidationError");
    expect(soap11.text).toContain("SOAP 1.1");
    await stillServes();
  });
});
