import { connect, createServer, type Socket } from "node:net";

/**
 * A TCP proxy in front of a test server that closes client connections left idle `idleMs`, without saying so in
 * any header first: what WinRM (HTTP.sys), a load balancer or a NAT does to a kept-alive connection. A Node server
 * announces its own idle timeout (`Keep-Alive: timeout=5`) and Node's agent drops the connection a second before,
 * so the race with an announced timeout is rare; with this proxy it is not.
 *
 * `nextIdleClose()` resolves in the very turn the proxy closes a connection, before the client's event loop can
 * read the close: a request the test sends right then goes out on the closed connection, as a request does that
 * crosses the server's close on the wire. That makes the race the client must survive happen on every run.
 */
export interface IdleClosingProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Client connections accepted so far. */
  readonly accepted: number;
  /** Requests that arrived on a connection after the proxy had closed it (they crossed the close). */
  readonly crossed: number;
  /** Close each new connection at its first bytes, without an answer (a server hanging up on a fresh connection). */
  refuseNew: boolean;
  nextIdleClose(): Promise<void>;
  /** Close every connection now, as its idle timer would: the test's next request, sent at once, crosses it. */
  closeAllNow(): void;
  close(): Promise<void>;
}

export async function idleClosingProxy(target: string, idleMs: number): Promise<IdleClosingProxy> {
  const { hostname, port } = new URL(target);
  const waiting: (() => void)[] = [];
  const open = new Set<Socket>();
  const closers = new Set<() => void>();
  let accepted = 0;
  let crossed = 0;
  const proxy: IdleClosingProxy = {
    url: "",
    get accepted() {
      return accepted;
    },
    get crossed() {
      return crossed;
    },
    refuseNew: false,
    nextIdleClose: () => new Promise<void>((resolve) => waiting.push(resolve)),
    closeAllNow: () => {
      for (const close of [...closers]) close();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((client) => {
    accepted++;
    open.add(client);
    if (proxy.refuseNew) {
      client.once("data", () => client.destroy());
      client.on("close", () => open.delete(client));
      return;
    }
    const upstream = connect(Number(port), hostname);
    open.add(upstream);
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    const closeNow = () => {
      // A graceful close (FIN), as HTTP.sys closes: what still arrives is a request that crossed it.
      clearTimeout(timer);
      closers.delete(closeNow);
      closed = true;
      client.end();
      upstream.destroy();
    };
    closers.add(closeNow);
    const idle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        closeNow();
        for (const resolve of waiting.splice(0)) resolve();
      }, idleMs);
    };
    client.on("data", (chunk: Buffer) => {
      if (closed) {
        crossed++;
        client.destroy();
        return;
      }
      idle();
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      idle();
      client.write(chunk);
    });
    const end = () => {
      clearTimeout(timer);
      closers.delete(closeNow);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", () => {
      open.delete(client);
      end();
    });
    upstream.on("close", () => {
      open.delete(upstream);
      if (!closed) end();
    });
    client.on("error", end);
    upstream.on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const listening = typeof address === "object" && address !== null ? address.port : 0;
  return Object.assign(proxy, { url: `http://127.0.0.1:${listening}` });
}
