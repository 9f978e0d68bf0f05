import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExampleServer } from "../../../examples/hyperv-host/src/host.js";
import type { CimServer } from "../../../runtime/src/server/index.js";
import { post, responseOf } from "./http.js";

/**
 * DSP0200 lets a CIM client send a request as `M-POST` (the HTTP Extension Framework, RFC 2774) and send it again
 * as POST when the server answers 501 Not Implemented or 510 Not Extended. Node's HTTP parser does not know the
 * method and rejects it before any handler runs: the server must still answer 501, or the client never falls back.
 */
let server: CimServer;
let port: number;
let url: string;

beforeAll(async () => {
  server = createExampleServer();
  url = await server.listen(0);
  port = Number(new URL(url).port);
});
afterAll(() => server.close());

const body =
  '<?xml version="1.0"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEREQ><IMETHODCALL NAME="EnumerateClassNames"><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="virtualization"/><NAMESPACE NAME="v2"/></LOCALNAMESPACEPATH></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>';

/** Send `head` and `payload` on a new connection; everything the server sent until it closed the connection. */
function raw(head: string, payload: string | Buffer = ""): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(head);
      socket.write(payload);
    });
    let answer = "";
    socket.setTimeout(5000, () => reject(new Error(`no close within 5 s; got ${JSON.stringify(answer)}`)));
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(answer));
  });
}

const mPostHead = (length: number) =>
  "M-POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml; charset=utf-8\r\n" +
  `Content-Length: ${length}\r\nMan: http://www.dmtf.org/cim/mapping/http/v1.0 ; ns=73\r\n` +
  "73-CIMOperation: MethodCall\r\n73-CIMMethod: EnumerateClassNames\r\n73-CIMObject: root%2Fvirtualization%2Fv2\r\n\r\n";

describe("M-POST (DSP0200's extension method)", () => {
  it("is answered 501 Not Implemented and the connection closed, and the same request as POST is served", async () => {
    const answer = await raw(mPostHead(Buffer.byteLength(body)), body);
    expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 501 Not Implemented");
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    // The fallback a DSP0200 client makes next.
    const reply = await post(url, body, {
      CIMOperation: "MethodCall",
      CIMMethod: "EnumerateClassNames",
      CIMObject: "root/virtualization/v2",
    });
    expect(reply.status).toBe(200);
    expect(responseOf(reply).children[0]?.name).toBe("IRETURNVALUE");
  });

  it("gets its 501 even while a large body is still being sent", async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, "a");
    const answer = await raw(mPostHead(big.length), big);
    expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 501 Not Implemented");
  });

  it("bytes that are no method at all stay 400 Bad Request", async () => {
    const answer = await raw("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\r\n\r\n");
    expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
  });
});
