import { afterEach, describe, expect, it } from "vitest";
import { WbemClient } from "../../../runtime/src/client/wbem-client.js";
import type { WsmanAuthenticator } from "../../../runtime/src/client/wsman-connection.js";
import { actions } from "../../../runtime/src/codecs/wsman/index.js";
import { type IdleClosingProxy, idleClosingProxy } from "../../helpers/idle-proxy.js";
import { fakeWsmanPerTest, type SeenRequest, thingAnswer, thingPath, type WsAnswer } from "./fake-wsman.js";

/**
 * NTLM and Negotiate authenticate a connection, not a request. A peer that demands it (a two-leg handshake per
 * connection, then plain requests on that connection, 401 on any other), behind a proxy that closes connections
 * left idle 100 ms (as WinRM's HTTP.sys does), and a hook that keeps its handshake: when the authenticated
 * connection is gone and the client opens a new one, the handshake runs again on the new one.
 */
const peer = fakeWsmanPerTest();
let proxy: IdleClosingProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

const path = thingPath;
const thing = thingAnswer;

/** The peer: per connection (the proxy's port toward it), a handshake first; what each request got. */
async function connectionAuthPeer() {
  const authenticated = new Set<number>();
  const log: string[] = [];
  const answer = (s: SeenRequest): WsAnswer =>
    s.envelope.headers.action === actions.delete ? { action: actions.deleteResponse } : thing;
  const server = await peer.start((s) => {
    const auth = s.headers.authorization;
    const verb = s.envelope.headers.action?.split("/").pop();
    const said = (what: string) => log.push(`${verb} ${auth ?? "-"} ${what}`);
    if (auth === "Negotiate step-1") {
      said("401 challenge");
      return { status: 401, headers: { "WWW-Authenticate": "Negotiate challenge-1" } };
    }
    if (auth === "Negotiate step-2" || (auth === undefined && authenticated.has(s.clientPort))) {
      authenticated.add(s.clientPort);
      said("200");
      return answer(s);
    }
    said("401");
    return { status: 401, headers: { "WWW-Authenticate": "Negotiate" } };
  });
  proxy = await idleClosingProxy(new URL(server.url).origin, 100);
  return { url: `${proxy.url}/wsman`, log, authenticated, server, proxy };
}

/** A connection-based hook: the handshake in `send`, nothing more on a connection it authenticated. */
const negotiate: WsmanAuthenticator = {
  async send(request, next) {
    const first = await next({ ...request, headers: { ...request.headers, Authorization: "Negotiate step-1" } });
    if (first.status !== 401) return first;
    return next({ ...request, headers: { ...request.headers, Authorization: "Negotiate step-2" } });
  },
  sendAuthenticated: (request, next) => next(request),
};

const client = (url: string) =>
  new WbemClient({ protocol: "wsman", url, authenticator: negotiate, resourceUris: "dmtf", timeoutMs: 5000 });

describe("a connection-based authentication hook", () => {
  it("hands-shakes once per connection, and again on the new connection once the server closed the old one", async () => {
    const p = await connectionAuthPeer();
    const c = client(p.url);
    await c.getInstance(path);
    await c.getInstance(path);
    await p.proxy.nextIdleClose();
    // The client sees the close; its pool opens a new connection, which no handshake has authenticated yet.
    await new Promise((resolve) => setTimeout(resolve, 30));
    await c.deleteInstance(path);
    await c.getInstance(path);
    c.close();
    expect(p.log).toEqual([
      "Get Negotiate step-1 401 challenge",
      "Get Negotiate step-2 200",
      "Get - 200",
      // The new connection: refused unread (so even a Delete may go again), the handshake, the Delete once.
      "Delete - 401",
      "Delete Negotiate step-1 401 challenge",
      "Delete Negotiate step-2 200",
      "Get - 200",
    ]);
    expect(p.proxy.accepted).toBe(2);
  });

  it("a Get that crossed the server's close goes again on a new connection, with the handshake", async () => {
    const p = await connectionAuthPeer();
    const c = client(p.url);
    await c.getInstance(path);
    p.proxy.closeAllNow();
    expect((await c.getInstance(path)).properties).toEqual({ Id: "1" });
    c.close();
    expect(p.proxy.crossed).toBe(1);
    expect(p.log.slice(2)).toEqual(["Get - 401", "Get Negotiate step-1 401 challenge", "Get Negotiate step-2 200"]);
  });

  it("a 401 on the connection the handshake authenticated is the server's refusal: no second logon", async () => {
    const p = await connectionAuthPeer();
    const c = client(p.url);
    await c.getInstance(path);
    p.authenticated.clear();
    await expect(c.getInstance(path)).rejects.toThrow(/authentication failed \(HTTP 401\)/);
    c.close();
    expect(p.log.slice(2)).toEqual(["Get - 401"]);
  });
});
