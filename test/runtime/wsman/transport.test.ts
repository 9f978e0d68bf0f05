import { describe, expect, it } from "vitest";
import { mapWithConcurrency } from "../../../runtime/src/client/concurrency.js";
import { WbemClient } from "../../../runtime/src/client/wbem-client.js";
import type { WsmanAuthenticator } from "../../../runtime/src/client/wsman-connection.js";
import { actions } from "../../../runtime/src/codecs/wsman/index.js";
import { TransportError } from "../../../runtime/src/transport/http.js";
import { selfSignedCertificate } from "../../helpers/tls.js";
import { fakeWsmanPerTest, thingAnswer, thingPath } from "./fake-wsman.js";

const peer = fakeWsmanPerTest();

const path = thingPath;
const thing = thingAnswer;

describe("the authentication hook", () => {
  it("can run a challenge-response handshake on one keep-alive connection and add its header", async () => {
    const server = await peer.start((s) =>
      s.headers.authorization === "Negotiate step-2"
        ? thing
        : { status: 401, headers: { "WWW-Authenticate": "Negotiate challenge-1" }, body: "" },
    );
    const calls: string[] = [];
    const negotiate: WsmanAuthenticator = {
      async send(request, next) {
        const first = await next({ ...request, headers: { ...request.headers, Authorization: "Negotiate step-1" } });
        calls.push(`${first.status} ${first.headers["www-authenticate"]}`);
        if (first.status !== 401) return first;
        return next({ ...request, headers: { ...request.headers, Authorization: "Negotiate step-2" } });
      },
    };
    const c = new WbemClient({ protocol: "wsman", url: server.url, authenticator: negotiate });
    expect((await c.getInstance(path)).properties).toEqual({ Id: "1" });
    expect(calls).toEqual(["401 Negotiate challenge-1"]);
    const [a, b] = server.seen;
    expect(a?.clientPort).toBe(b?.clientPort);
    expect(a?.text).toBe(b?.text);
    c.close();
  });

  it("a 401 the hook gives up on is an HttpStatusError", async () => {
    const server = await peer.start(() => ({ status: 401, headers: { "WWW-Authenticate": "Basic" }, body: "" }));
    const c = new WbemClient({ protocol: "wsman", url: server.url, user: "u", password: "wrong" });
    await expect(c.getInstance(path)).rejects.toThrow(/authentication failed \(HTTP 401\)/);
    c.close();
  });
});

describe("keep-alive and HTTPS", () => {
  it.each([
    ["http://127.0.0.1/wsman", "http://127.0.0.1:5985/wsman"],
    ["https://127.0.0.1", "https://127.0.0.1:5986/wsman"],
  ])("a URL without a port goes to WinRM's: %s", async (url, target) => {
    // Nothing listens there on a test machine: the error names where the client went.
    const c = new WbemClient({ protocol: "wsman", url, timeoutMs: 2000 });
    const e = await c.getInstance(path).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TransportError);
    expect((e as Error).message.startsWith(`${target}:`)).toBe(true);
    c.close();
  });

  it("reuses one connection for consecutive calls", async () => {
    const server = await peer.start(() => thing);
    const c = new WbemClient({ protocol: "wsman", url: server.url });
    for (let i = 0; i < 5; i++) await c.getInstance(path);
    expect(new Set(server.seen.map((s) => s.clientPort)).size).toBe(1);
    c.close();
  });

  it("sends a Get again when its kept-alive connection was closed by the server, but not a Delete", async () => {
    // The second request, the first on the kept-alive connection, meets the server's close (its idle timeout ran out).
    const server = await peer.start(() => (server.seen.length === 2 ? "drop" : thing));
    const c = new WbemClient({ protocol: "wsman", url: server.url, timeoutMs: 2000 });
    await c.getInstance(path);
    expect((await c.getInstance(path)).properties).toEqual({ Id: "1" });
    const [first, dropped, again] = server.seen;
    expect(dropped?.clientPort).toBe(first?.clientPort);
    expect(again?.clientPort).not.toBe(first?.clientPort);
    expect(again?.text).toBe(dropped?.text);
    c.close();
    const server2 = await peer.start(() => (server2.seen.length === 2 ? "drop" : thing));
    const d = new WbemClient({ protocol: "wsman", url: server2.url, timeoutMs: 2000 });
    await d.getInstance(path);
    await expect(d.deleteInstance(path)).rejects.toThrow(TransportError);
    expect(server2.seen.map((s) => s.envelope.headers.action)).toEqual([actions.get, actions.delete]);
    d.close();
  });

  it("checks the server's certificate over HTTPS unless its CA is given", async () => {
    const { key, cert } = selfSignedCertificate();
    const server = await peer.start(() => thing, { key, cert });
    expect(server.url).toMatch(/^https:/);
    const strict = new WbemClient({ protocol: "wsman", url: server.url, timeoutMs: 2000 });
    await expect(strict.getInstance(path)).rejects.toThrow(TransportError);
    strict.close();
    const trusting = new WbemClient({ protocol: "wsman", url: server.url, ca: cert, timeoutMs: 2000 });
    expect((await trusting.getInstance(path)).properties).toEqual({ Id: "1" });
    trusting.close();
  });
});

describe("mapWithConcurrency", () => {
  it("keeps at most `limit` calls in flight and returns every result in order, settled", async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapWithConcurrency(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async (n) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 5 + (n % 4)));
        inFlight--;
        if (n === 7) throw new Error("host 7 is down");
        return n * 2;
      },
    );
    expect(most).toBe(3);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual(
      Array.from({ length: 20 }, (_, i) => (i === 7 ? "host 7 is down" : i * 2)),
    );
  });

  it("an aborted signal starts no more calls", async () => {
    const controller = new AbortController();
    let started = 0;
    const results = await mapWithConcurrency(
      [1, 2, 3, 4, 5],
      1,
      async () => {
        started++;
        if (started === 2) controller.abort(new Error("enough"));
      },
      controller.signal,
    );
    expect(started).toBe(2);
    expect(
      results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.message),
    ).toEqual(["enough", "enough", "enough"]);
  });

  it("fans a WS-Management call out to many hosts", async () => {
    const server = await peer.start(() => thing);
    const url = server.url;
    const hosts = Array.from({ length: 12 }, () => url);
    const results = await mapWithConcurrency(hosts, 4, async (host) => {
      const c = new WbemClient({ protocol: "wsman", url: host });
      try {
        return (await c.getInstance(path)).properties.Id;
      } finally {
        c.close();
      }
    });
    expect(results.map((r) => r.status === "fulfilled" && r.value)).toEqual(Array(12).fill("1"));
    await expect(mapWithConcurrency([], 0, async () => 1)).rejects.toThrow("limit 0 is not a positive integer");
  });
});
