import { type IncomingHttpHeaders, request } from "node:http";
import { connect } from "node:net";
import { expect } from "vitest";

/**
 * The hostile requests that the CIM-XML (/cimom) and WS-Management (/wsman) servers must both survive, written
 * once: the endpoints differ in the envelope and in how they refuse, not in how the attack is sent.
 */

/**
 * The server limits both hostile tests shorten so that each case takes a fraction of a second: 1 MiB bodies,
 * 300 ms for the headers, 600 ms for a whole request.
 */
export const shortLimits = { maxBodyBytes: 1024 * 1024, headersTimeoutMs: 300, requestTimeoutMs: 600 } as const;

/** The "billion laughs" entity declarations for a DOCTYPE: `&l9;` expands to 10^9 "lol"s. */
export const billionLaughs = `<!ENTITY l0 "lol">${Array.from(
  { length: 9 },
  (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`,
).join("")}`;

/** What streaming a 100 MB body without a length did: the status, how much was sent, how much RSS grew. */
export interface StreamedBody {
  readonly status: number;
  readonly sent: number;
  readonly rssGrowth: number;
}

/**
 * POST `first`, then 64 KiB chunks up to 100 MB without a Content-Length, stopping when the server answers (or
 * -1 when it closes without an answer). A server that reads the whole body, or holds it, shows in `sent` and
 * `rssGrowth`.
 */
export async function streamHugeBody(
  url: string,
  headers: Record<string, string>,
  first: string,
): Promise<StreamedBody> {
  const before = process.memoryUsage().rss;
  const chunk = Buffer.alloc(64 * 1024, "a");
  let sent = 0;
  const status = await new Promise<number>((resolve) => {
    const req = request(url, { method: "POST", headers });
    let done = false;
    req.on("response", (res) => {
      done = true;
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    req.on("error", () => {
      if (!done) resolve(-1);
    });
    req.write(first);
    const pump = () => {
      while (!done && sent < 100 * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
  return { status, sent, rssGrowth: process.memoryUsage().rss - before };
}

/**
 * Over a raw socket to `url`'s port: send `first`, then `next()` every 50 ms until the server closes the
 * connection (slow-loris); what the server sent.
 */
export function trickle(url: string, first: string, next: () => string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(url).port), "127.0.0.1");
    let received = "";
    if (first !== "") socket.write(first);
    const timer = setInterval(() => socket.destroyed || socket.write(next()), 50);
    socket.on("data", (d) => {
      received += d.toString();
    });
    socket.on("close", () => {
      clearInterval(timer);
      resolve(received);
    });
  });
}

/** A header block sent one character per tick: `next` for trickle(). */
export function oneCharAtATime(text: string): () => string {
  let i = 0;
  return () => text[i++] ?? "";
}

/**
 * A 100 MB body streamed without a length must be refused (`status`: 413 for CIM-XML, a SOAP fault's 500 for
 * WS-Management) at the body limit (1 MiB in these tests): neither read to its end (under 20 MB sent) nor held in
 * memory (RSS grows under 64 MB).
 */
export async function expectHugeBodyRefused(url: string, headers: Record<string, string>, first: string, status = 413) {
  const streamed = await streamHugeBody(url, headers, first);
  expect(streamed.status).toBe(status);
  expect(streamed.sent).toBeLessThan(20 * 1024 * 1024);
  expect(streamed.rssGrowth).toBeLessThan(64 * 1024 * 1024);
}

/** Headers trickled one character per 50 ms must get 408 and a closed connection within 3 s. */
export async function expectSlowLorisCut(url: string, headerLines: string) {
  const start = Date.now();
  const answer = await trickle(url, "", oneCharAtATime(headerLines));
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
  expect(Date.now() - start).toBeLessThan(3000);
}

/**
 * A client that declares a 100 MB body and keeps sending it for a while before it reads anything, as a client
 * writing its whole request before reading the answer does: over a raw socket to `url`'s port, the request line
 * and `headerLines` (CRLF-separated), then eight 256 KiB chunks 20 ms apart, then read. What it read, or the
 * socket error it got instead. A server that closes at once after refusing makes its kernel answer the later
 * chunks with a TCP reset, which discards the refusal before the client reads it.
 */
export function sendBeforeReading(url: string, headerLines: string): Promise<string> {
  const { port, pathname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), "127.0.0.1");
    let received = "";
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(`${error.code ?? error.message}: ${received}`));
    socket.on("data", (d) => {
      received += d.toString();
    });
    socket.on("close", () => resolve(received));
    socket.write(`POST ${pathname} HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n${headerLines}\r\n\r\n`);
    socket.pause();
    const chunk = Buffer.alloc(256 * 1024, "a");
    let sent = 0;
    const timer = setInterval(() => {
      if (sent++ < 8 && !socket.destroyed) return void socket.write(chunk);
      clearInterval(timer);
      socket.resume();
    }, 20);
  });
}

/** Ten such clients in turn each read the refusal, `status` (the server lingers before closing: cim-server.ts). */
export async function expectRefusalRead(url: string, headerLines: string, status = 413) {
  for (let i = 0; i < 10; i++)
    expect((await sendBeforeReading(url, headerLines)).slice(0, 12)).toBe(`HTTP/1.1 ${status}`);
}

/** The answer to a POST that declares a 100 MB body and sends none of it: refused from the headers alone. */
export function declareHugeBody(
  url: string,
  headers: Record<string, string>,
): Promise<{ readonly status: number; readonly headers: IncomingHttpHeaders; readonly text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { ...headers, "Content-Length": 100 * 1024 * 1024 } });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    req.on("error", reject);
    req.flushHeaders();
  });
}
