import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WbemClient } from "../../../runtime/src/client/wbem-client.js";
import type { Provider } from "../../../runtime/src/host/provider.js";
import { ProviderHost } from "../../../runtime/src/host/provider-host.js";
import { type CimServer, createCimServer } from "../../../runtime/src/server/index.js";
import { TransportError } from "../../../runtime/src/transport/http.js";
import { type IdleClosingProxy, idleClosingProxy } from "../../helpers/idle-proxy.js";
import { namespace, pathOf, provider, schema, widgets } from "./widget-provider.js";

/**
 * The client against the server whose kept-alive connections are closed after 100 ms idle (an idle-closing proxy
 * in front, as HTTP.sys closes WinRM's), the client's pool keeping them longer: the next call goes out on a
 * connection the server has just closed. A read is sent once more on a new connection and succeeds; a method is
 * not sent again (the provider counts the calls that reach it) and fails saying why; a call on a new connection
 * that the server drops is never sent again.
 */
const calls = { getInstance: 0, enumerateInstances: 0, invokeMethod: 0 };
const counting: Provider = {
  ...provider,
  getInstance: (path, context) => {
    calls.getInstance++;
    return provider.getInstance?.(path, context);
  },
  enumerateInstances: (context) => {
    calls.enumerateInstances++;
    return provider.enumerateInstances?.(context) ?? [];
  },
  invokeMethod: (input, context) => {
    calls.invokeMethod++;
    return provider.invokeMethod?.(input, context);
  },
};

let server: CimServer;
let proxy: IdleClosingProxy;
const clients: WbemClient[] = [];

beforeAll(async () => {
  server = createCimServer({ host: new ProviderHost().register(counting), schemas: [schema] });
  await server.listen(0);
});
afterAll(() => server.close());
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await proxy.close();
});

async function client(protocol: "cimxml" | "wsman"): Promise<WbemClient> {
  // Test files share a worker's modules (vitest.config.ts): one known widget, whatever another file left.
  widgets.clear();
  widgets.set("a", { Id: "a", Size: 5, Label: "one" });
  Object.assign(calls, { getInstance: 0, enumerateInstances: 0, invokeMethod: 0 });
  proxy = await idleClosingProxy(server.url, 100);
  const base = { namespace, schemas: [schema], timeoutMs: 5000 };
  const c =
    protocol === "wsman"
      ? new WbemClient({ ...base, protocol, url: `${proxy.url}/wsman`, resourceUris: "dmtf" })
      : new WbemClient({ ...base, url: proxy.url });
  clients.push(c);
  return c;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("the call succeeded"),
    (e: unknown) => e as Error,
  );

describe.each(["cimxml", "wsman"] as const)("%s: a kept-alive connection the server closed while idle", (protocol) => {
  it("a read is sent again on a new connection, once, and succeeds", async () => {
    const c = await client(protocol);
    await c.getInstance(pathOf("a"));
    await proxy.nextIdleClose();
    expect((await c.getInstance(pathOf("a"))).properties).toMatchObject({ Id: "a", Size: 5 });
    // The second call crossed the close on the first connection and went again on a second one.
    expect([proxy.crossed, calls.getInstance, proxy.accepted]).toEqual([1, 2, 2]);
    await proxy.nextIdleClose();
    expect((await c.enumerateInstances("Test_Widget")).map((w) => w.properties.Id)).toEqual(["a"]);
    expect([proxy.crossed, calls.enumerateInstances, proxy.accepted]).toEqual([2, 1, 3]);
  });

  it("the opening of a pulled enumeration is sent again; the enumeration then reads every instance", async () => {
    const c = await client(protocol);
    await c.getInstance(pathOf("a"));
    await proxy.nextIdleClose();
    const ids: unknown[] = [];
    for await (const w of c.iterEnumerateInstances("Test_Widget", { maxObjectCount: 1 })) ids.push(w.properties.Id);
    expect(ids).toEqual(["a"]);
    expect([proxy.crossed, calls.enumerateInstances, proxy.accepted]).toEqual([1, 1, 2]);
  });

  it("a Pull is not sent again (it would move the enumeration on): the loop fails instead of skipping a page", async () => {
    const c = await client(protocol);
    widgets.set("b", { Id: "b", Size: 6, Label: "two" });
    const ids: unknown[] = [];
    const loop = async () => {
      for await (const w of c.iterEnumerateInstances("Test_Widget", { maxObjectCount: 1 })) {
        ids.push(w.properties.Id);
        await proxy.nextIdleClose();
      }
    };
    const e = await failure(loop());
    expect(e).toBeInstanceOf(TransportError);
    expect(e.message).toMatch(/not sent again/);
    // The failed loop still closes its context on the server, over a new connection.
    expect([ids, proxy.crossed, proxy.accepted]).toEqual([["a"], 1, 2]);
  });

  it("the read is sent again on a new connection, not on another kept-alive one that idled as long", async () => {
    const c = await client(protocol);
    // Two calls at once leave two kept-alive connections; the server closes both.
    await Promise.all([c.getInstance(pathOf("a")), c.getInstance(pathOf("a"))]);
    expect(proxy.accepted).toBe(2);
    proxy.closeAllNow();
    expect((await c.getInstance(pathOf("a"))).properties).toMatchObject({ Id: "a" });
    expect([proxy.crossed, calls.getInstance, proxy.accepted]).toEqual([1, 3, 3]);
  });

  it("a method is not sent again: it fails saying the connection was closed, and the provider never ran twice", async () => {
    const c = await client(protocol);
    await c.getInstance(pathOf("a"));
    await proxy.nextIdleClose();
    const e = await failure(c.invokeMethod("Test_Widget", "Count", { MinSize: 1 }));
    expect(e).toBeInstanceOf(TransportError);
    expect(e.message).toMatch(/a kept-alive connection, closed by the server as the request went out on it/);
    expect(e.message).toMatch(/not sent again/);
    expect([proxy.crossed, calls.invokeMethod, proxy.accepted]).toEqual([1, 0, 1]);
    // The caller, who knows the method, may call it again: on a new connection it runs once.
    expect(await c.invokeMethod("Test_Widget", "Count", { MinSize: 1 })).toMatchObject({ ReturnValue: 1 });
    expect([calls.invokeMethod, proxy.accepted]).toEqual([1, 2]);
  });

  it("a read whose new connection the server drops is not sent again", async () => {
    const c = await client(protocol);
    proxy.refuseNew = true;
    const e = await failure(c.getInstance(pathOf("a")));
    expect(e).toBeInstanceOf(TransportError);
    expect(e.message).toMatch(/the server closed the connection before answering/);
    expect([calls.getInstance, proxy.accepted]).toEqual([0, 1]);
  });
});
