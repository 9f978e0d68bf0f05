import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExampleServer } from "../../../examples/hyperv-host/src/host.js";
import type { CimServer } from "../../../runtime/src/server/index.js";
import {
  billionLaughs,
  declareHugeBody,
  expectHugeBodyRefused,
  expectRefusalRead,
  expectSlowLorisCut,
  shortLimits,
  trickle,
} from "./hostile-requests.js";
import { className, errorCode, intrinsic, post, responseOf } from "./http.js";

/**
 * Hostile input: each is refused in bounded time and memory with the right status, and the server answers a
 * normal request afterwards. The limits are shortened (1 MiB bodies, 300 ms for headers, 600 ms for a request) so
 * each case takes a fraction of a second.
 */
let server: CimServer;
let url: string;
let guarded: CimServer;
let guardedUrl: string;

beforeAll(async () => {
  server = createExampleServer({ limits: { ...shortLimits, maxConcurrentRequests: 2 } });
  url = await server.listen(0);
  guarded = createExampleServer({ auth: { user: "admin", password: "s3cret" } });
  guardedUrl = await guarded.listen(0);
});
afterAll(async () => {
  await server.close();
  await guarded.close();
});

const headers = { CIMOperation: "MethodCall", CIMMethod: "EnumerateClassNames", CIMObject: "root/virtualization/v2" };
const enumerateClassNames = (inner: string) =>
  `<?xml version="1.0"?>${inner}<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEREQ><IMETHODCALL NAME="EnumerateClassNames"><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="virtualization"/><NAMESPACE NAME="v2"/></LOCALNAMESPACEPATH></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>`;

async function stillServes(base = url, extra: Record<string, string> = {}): Promise<void> {
  const reply = await post(base, enumerateClassNames(""), { ...headers, ...extra });
  expect(reply.status).toBe(200);
  expect(responseOf(reply).children[0]?.name).toBe("IRETURNVALUE");
}

describe("hostile requests to the CIM-XML server", () => {
  it("billion laughs: the DOCTYPE is refused before any entity is expanded", async () => {
    const body = `<?xml version="1.0"?><!DOCTYPE CIM [${billionLaughs}]><CIM>&l9;</CIM>`;
    const reply = await post(url, body, headers);
    expect([reply.status, reply.headers.cimerror]).toEqual([400, "request-not-well-formed"]);
    expect(reply.body).toContain("DOCTYPE is not accepted");
    await stillServes();
  });

  it("an external entity is never fetched", async () => {
    const body = enumerateClassNames('<!DOCTYPE CIM [<!ENTITY x SYSTEM "file:///etc/passwd">]>').replace(
      "<CIM ",
      "<CIM x='&x;' ",
    );
    const reply = await post(url, body, headers);
    expect([reply.status, reply.headers.cimerror]).toEqual([400, "request-not-well-formed"]);
    expect(reply.body).not.toContain("root:");
    await stillServes();
  });

  it("10,000-deep nesting is refused at the depth limit", async () => {
    const body = `<?xml version="1.0"?>${"<CIM>".repeat(10_000)}${"</CIM>".repeat(10_000)}`;
    const reply = await post(url, body, headers);
    expect([reply.status, reply.headers.cimerror]).toEqual([400, "request-not-well-formed"]);
    expect(reply.body).toContain("nested more than 64 deep");
    await stillServes();
  });

  it("a 100 MB body is refused with 413 at the limit, not read to its end nor held in memory", async () => {
    // Declared: refused from the headers alone, with DSP0200's CIMError header.
    const declared = await declareHugeBody(`${url}/cimom`, headers);
    expect([declared.status, declared.headers.cimerror]).toEqual([413, "request-not-valid"]);
    expect(declared.text).toContain("larger than 1048576 bytes");
    // Streamed without a length: refused once 1 MiB has arrived; the client stops when the answer comes.
    await expectHugeBodyRefused(`${url}/cimom`, headers, "<?xml version='1.0'?><CIM><TEXT>");
    await stillServes();
  });

  it("a client that sends more of a refused body before reading still reads the 413", async () => {
    await expectRefusalRead(`${url}/cimom`, "CIMOperation: MethodCall\r\nContent-Type: application/xml");
    await stillServes();
  });

  it("wrong credentials get 401 with WWW-Authenticate; right ones are served", async () => {
    const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
    for (const authorization of [undefined, basic("admin", "wrong"), basic("root", "s3cret"), "Basic !!!"]) {
      const reply = await post(guardedUrl, enumerateClassNames(""), {
        ...headers,
        ...(authorization === undefined ? {} : { Authorization: authorization }),
      });
      expect([reply.status, reply.headers["www-authenticate"]]).toEqual([401, 'Basic realm="mofgen"']);
    }
    await stillServes(guardedUrl, { Authorization: basic("admin", "s3cret") });
  });

  it("slow-loris: headers trickled past the header timeout get 408 and the connection is closed", async () => {
    await expectSlowLorisCut(url, "POST /cimom HTTP/1.1\r\nHost: x\r\nCIMOperation: MethodCall\r\n");
    await stillServes();
  });

  it("a body trickled past the request timeout is cut off too", async () => {
    const head =
      "POST /cimom HTTP/1.1\r\nHost: x\r\nCIMOperation: MethodCall\r\nCIMMethod: X\r\nCIMObject: y\r\nContent-Length: 100000\r\n\r\n";
    const answer = await trickle(url, `${head}<?xml version='1.0'?><CIM>`, () => "a");
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    await stillServes();
  });

  it("more concurrent requests than the limit get 503 with Retry-After", async () => {
    // Two requests held open (their bodies never end) fill the limit of 2.
    const held = [0, 1].map(() => {
      const req = request(`${url}/cimom`, { method: "POST", headers });
      req.on("error", () => {});
      req.write("<?xml version='1.0'?><CIM>");
      return req;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const reply = await post(url, enumerateClassNames(""), headers);
    expect([reply.status, reply.headers["retry-after"]]).toEqual([503, "1"]);
    for (const req of held) req.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await stillServes();
  });

  it("malformed XML is 400 request-not-well-formed; an unknown operation is CIM_ERR_NOT_SUPPORTED", async () => {
    for (const body of [
      "<CIM><MESSAGE></CIM>",
      "\u0000",
      "<CIM a='1' a='2'/>",
      "<?xml version='1.0'?><CIM>&nope;</CIM>",
    ]) {
      const reply = await post(url, body, headers);
      expect([reply.status, reply.headers.cimerror]).toEqual([400, "request-not-well-formed"]);
    }
    const unknown = await intrinsic(url, "FormatHardDisk", className("Msvm_ComputerSystem"));
    expect([unknown.status, errorCode(unknown)]).toEqual([200, 7]);
    await stillServes();
  });
});
