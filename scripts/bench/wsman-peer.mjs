// A WS-Management peer for the client bench (scripts/bench/wsman-client.mjs), built from the runtime's codec:
// `count` Bench_ComputerSystem instances, Get, Invoke (RequestStateChange) and Enumerate/Pull page by page. It stands
// in for the /wsman endpoint so that the figures are the client's: every answer is written by the same codec the
// endpoint uses. Prints its URL, then serves until killed.
import { createServer } from "node:http";

const [runtimePath, countText] = process.argv.slice(2);
const rt = await import(runtimePath);
const w = rt.wsman;
const count = Number(countText);
const ns = "root/bench";
const o = { schemas: () => undefined, addressing: { convention: "wmi", namespace: ns } };
const uri = w.resourceUriFor("Bench_ComputerSystem", ns, "wmi").resourceUri;
const instance = (i) => ({
  className: "Bench_ComputerSystem",
  properties: {
    CreationClassName: "Bench_ComputerSystem",
    Name: `VM-${String(i).padStart(6, "0")}`,
    ElementName: `virtual machine ${i}`,
    EnabledState: rt.typed("uint16", 2),
    OnTimeInMilliseconds: rt.typed("uint64", 123456789n + BigInt(i)),
    InstallDate: {
      kind: "timestamp",
      year: 2024,
      month: 1,
      day: 31,
      hours: 12,
      minutes: 0,
      seconds: 0,
      microseconds: 0,
      utcOffset: 0,
    },
  },
});
const keysOf = (i) => ({ CreationClassName: "Bench_ComputerSystem", Name: `VM-${String(i).padStart(6, "0")}` });

function page(writer, kind, from, max) {
  const end = Math.min(count, from + max);
  const done = end >= count;
  w.writeEnumerationPage(
    writer,
    kind,
    { context: done ? undefined : String(end), endOfSequence: done, itemCount: end - from },
    (x) => {
      for (let i = from; i < end; i++) {
        x.start("w:Item");
        w.encodeInstance(x, instance(i), { ...o, typed: true });
        x.start("a:EndpointReference");
        w.writeEndpointContent(
          x,
          w.pathToEndpoint({ className: "Bench_ComputerSystem", keys: keysOf(i) }, o.addressing),
        );
        x.end().end();
      }
    },
  );
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const env = w.readEnvelope(Buffer.concat(chunks));
    const h = env.headers;
    let action;
    let body;
    if (h.action === w.actions.get) {
      action = w.actions.getResponse;
      body = (x) => w.encodeInstance(x, instance(500), { ...o, typed: true });
    } else if (h.action === w.invokeAction(uri, "RequestStateChange")) {
      action = `${h.action}Response`;
      body = (x) =>
        w.writeMethodOutput(
          x,
          {
            resourceUri: uri,
            className: "Bench_ComputerSystem",
            method: "RequestStateChange",
            out: { ReturnValue: rt.typed("uint32", 0) },
          },
          o,
        );
    } else if (h.action === w.actions.enumerate) {
      const r = w.readEnumerate(env.body);
      action = w.actions.enumerateResponse;
      body = (x) => page(x, "enumerate", 0, r.maxElements ?? 1);
    } else if (h.action === w.actions.pull) {
      const r = w.readPull(env.body);
      action = w.actions.pullResponse;
      body = (x) => page(x, "pull", Number(r.context), r.maxElements ?? 1);
    } else {
      action = w.actions.releaseResponse;
    }
    res.writeHead(200, { "Content-Type": "application/soap+xml;charset=UTF-8" });
    res.end(w.writeEnvelope(w.responseHeaders(h, action), body));
  });
});
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}/wsman`));
