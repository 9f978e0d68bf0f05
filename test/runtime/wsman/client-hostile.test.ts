import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { WbemClient } from "../../../runtime/src/client/wbem-client.js";
import { actions, encodeInstance, WsmanError, writeEnumerationPage } from "../../../runtime/src/codecs/wsman/index.js";
import { TransportError } from "../../../runtime/src/transport/http.js";
import { fakeWsmanPerTest, type Responder, soapType } from "./fake-wsman.js";

/**
 * A hostile or broken WS-Management peer cannot make the client hold unbounded memory or wait forever: answers
 * are bounded in bytes and depth, DTDs are refused, a collecting enumeration is bounded in instances and in pages
 * that bring nothing, and every exchange has a deadline.
 */
const peer = fakeWsmanPerTest();

async function connect(answer: Responder, extra: Record<string, unknown> = {}) {
  const server = await peer.start(answer);
  return new WbemClient({ protocol: "wsman", url: server.url, ...extra });
}

const path = { className: "CIM_Thing", keys: { Id: "1" } };
const envelope = (inner: string) =>
  `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"><s:Header><a:Action>${actions.getResponse}</a:Action></s:Header><s:Body>${inner}</s:Body></s:Envelope>`;

describe("hostile answers", () => {
  it("an answer past maxResponseBytes is cut off while it streams", async () => {
    const big = envelope(`<p:Thing xmlns:p="urn:x"><p:Blob>${"x".repeat(2_000_000)}</p:Blob></p:Thing>`);
    const c = await connect(() => ({ status: 200, headers: soapType, body: big }), { maxResponseBytes: 100_000 });
    const e = await c.getInstance(path).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TransportError);
    expect((e as Error).message).toMatch(/larger than 100000 bytes/);
    c.close();
  });

  it("an envelope nested deeper than the XML layer allows is refused", async () => {
    const deep = envelope(`${"<x>".repeat(5000)}${"</x>".repeat(5000)}`);
    const c = await connect(() => ({ status: 200, headers: soapType, body: deep }));
    const e = await c.getInstance(path).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WsmanError);
    expect((e as Error).message).toMatch(/malformed answer: elements are nested more than 100 deep/);
    c.close();
  });

  it("entity declarations (an expansion bomb) are refused before any expansion", async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${envelope("<p:T xmlns:p='urn:x'><p:V>&c;</p:V></p:T>")}`;
    const c = await connect(() => ({ status: 200, headers: soapType, body: bomb }));
    await expect(c.getInstance(path)).rejects.toThrow(/malformed answer: a DOCTYPE is not accepted/);
    c.close();
  });

  it("an enumeration that never ends is bounded by maxInstances, and released", async () => {
    let pulls = 0;
    const c = await connect(
      (s) => {
        if (s.envelope.headers.action === actions.release) return { action: actions.releaseResponse };
        pulls++;
        return {
          action: pulls === 1 ? actions.enumerateResponse : actions.pullResponse,
          body: (w) =>
            writeEnumerationPage(
              w,
              pulls === 1 ? "enumerate" : "pull",
              { context: `c${pulls}`, endOfSequence: false, itemCount: 50 },
              (w) => {
                for (let i = 0; i < 50; i++)
                  encodeInstance(
                    w,
                    { className: "CIM_Thing", properties: { Id: `${pulls}-${i}` } },
                    {
                      schemas: () => undefined,
                      addressing: { convention: "dmtf", namespace: "root/cimv2" },
                    },
                  );
              },
            ),
        };
      },
      { maxInstances: 1000 },
    );
    await expect(c.enumerateInstances("CIM_Thing")).rejects.toThrow(/passed 1000 instances \(maxInstances\)/);
    expect(pulls).toBe(21);
    expect(peer.server?.seen.at(-1)?.envelope.headers.action).toBe(actions.release);
    c.close();
  });

  it("an enumeration of empty pages that never ends is stopped after 100 of them", async () => {
    let n = 0;
    const c = await connect((s) => {
      if (s.envelope.headers.action === actions.release) return { action: actions.releaseResponse };
      n++;
      return {
        action: n === 1 ? actions.enumerateResponse : actions.pullResponse,
        body: (w) =>
          writeEnumerationPage(
            w,
            n === 1 ? "enumerate" : "pull",
            { context: `c${n}`, endOfSequence: false, itemCount: 0 },
            () => {},
          ),
      };
    });
    await expect(c.enumerateInstances("CIM_Thing")).rejects.toThrow(/100 pages in a row without items/);
    expect(n).toBe(100); // the Enumerate's empty page and 99 Pulls
    c.close();
  });

  it("a server that trickles its answer byte by byte is cut off at the deadline", async () => {
    const trickler = createServer((_req, res) => {
      res.writeHead(200, soapType);
      const timer = setInterval(() => res.write("<"), 20);
      res.on("close", () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => trickler.listen(0, "127.0.0.1", resolve));
    const { port } = trickler.address() as AddressInfo;
    const c = new WbemClient({ protocol: "wsman", url: `http://127.0.0.1:${port}/wsman`, timeoutMs: 300 });
    const started = Date.now();
    await expect(c.enumerateInstances("CIM_Thing")).rejects.toThrow(/no complete answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
    c.close();
    trickler.closeAllConnections();
    await new Promise<void>((resolve) => trickler.close(() => resolve()));
  });
});
