// npm run bench, the WS-Management block (issue 11): the same server process as the CIM-XML block (cim-server.mjs,
// 1,000 or 100,000 instances), driven at /wsman over loopback with raw HTTP (keep-alive); every answer is read
// with the runtime's WS-Management codec (envelope, enumeration page, instances), as a client would.
import { Agent, request } from "node:http";
import { withServer } from "./cimxml.mjs";
import { roundTrips } from "./round-trips.mjs";

const uri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/bench/Bench_ComputerSystem";

/** The bench of the WS-Management endpoint; `runtimePath` is the bundled runtime module (index and server). */
export async function benchWsman(runtimePath) {
  const rt = await import(runtimePath);
  const ws = rt.wsman;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const values = { schemas: () => undefined, addressing: { convention: "wmi", namespace: "root/bench" } };
  const post = (url, headers, body) =>
    new Promise((resolve, reject) => {
      const text = ws.writeEnvelope(ws.requestHeaders({ to: `${url}/wsman`, resourceUri: uri, ...headers }), body);
      const req = request(`${url}/wsman`, {
        method: "POST",
        agent,
        headers: { "Content-Type": "application/soap+xml;charset=UTF-8", "Content-Length": Buffer.byteLength(text) },
      });
      req.on("response", (res) => {
        const reader = new rt.XmlReader({ maxBytes: 1 << 30, maxDepth: 100 });
        res.on("data", (chunk) => reader.write(chunk));
        res.on("end", () => {
          try {
            const envelope = ws.readEnvelope(ws.withNamespaces(reader.close()));
            if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}: ${envelope.body?.local}`));
            else resolve(envelope);
          } catch (error) {
            reject(error);
          }
        });
      });
      req.on("error", reject);
      req.end(text);
    });
  const vm = [
    { name: "CreationClassName", value: "Bench_ComputerSystem" },
    { name: "Name", value: "VM-000500" },
  ];
  const get = async (url) =>
    ws.decodeInstance((await post(url, { action: ws.actions.get, selectors: vm })).body, values);
  const invoke = async (url) => {
    const answer = await post(url, { action: `${uri}/RequestStateChange`, selectors: vm }, (w) =>
      ws.writeMethodInput(
        w,
        {
          resourceUri: uri,
          className: "Bench_ComputerSystem",
          method: "RequestStateChange",
          params: { RequestedState: 3 },
        },
        values,
      ),
    );
    return ws.readMethodOutput(answer.body, "Bench_ComputerSystem", "RequestStateChange", values);
  };
  /** Enumerate (optimized) then Pull, `batch` a page, to the end; the instances read. */
  const enumerateAll = async (url, batch) => {
    let page = ws.readEnumerationPage(
      (
        await post(url, { action: ws.actions.enumerate }, (w) =>
          ws.writeEnumerate(w, { optimize: true, maxElements: batch }),
        )
      ).body,
    );
    let count = page.items.filter((i) => ws.decodeInstance(i.object, values)).length;
    while (page.context !== undefined) {
      const context = page.context;
      page = ws.readEnumerationPage(
        (await post(url, { action: ws.actions.pull }, (w) => ws.writePull(w, context, batch))).body,
      );
      count += page.items.filter((i) => ws.decodeInstance(i.object, values)).length;
    }
    return count;
  };

  console.log(
    "WS-Management server (/wsman on the same server, raw HTTP with keep-alive, answers read with the codec)",
  );
  await withServer(runtimePath, 1000, async (url, peak) => {
    const vmRead = await get(url);
    if (vmRead.properties.ElementName !== "vm 500") throw new Error(`Get read ${JSON.stringify(vmRead)}`);
    const out = await invoke(url);
    if (out.ReturnValue !== "0") throw new Error(`Invoke read ${JSON.stringify(out)}`);
    await roundTrips("Get round trip (2,000 in a row)", () => get(url), 43);
    await roundTrips("Invoke round trip (2,000 in a row)", () => invoke(url), 43);
    const times = [];
    let count = 0;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      count = await enumerateAll(url, 100);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `  Enumerate+Pull of ${count.toLocaleString("en")} (100 a page)          median ${times[3].toFixed(1)} ms  server peak RSS ${peak()} MB`,
    );
    const seconds = 3;
    let done = 0;
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (performance.now() < end) {
          await get(url);
          done++;
        }
      }),
    );
    console.log(
      `  Get, 32 concurrent clients                  ${Math.round(done / seconds).toLocaleString("en")} requests/s`,
    );
  });
  await withServer(runtimePath, 100_000, async (url, peak) => {
    const t = performance.now();
    const count = await enumerateAll(url, 1000);
    console.log(
      `  Enumerate+Pull of ${count.toLocaleString("en")} (1,000 a page)    ${((performance.now() - t) / 1000).toFixed(2)} s  server peak RSS ${peak()} MB`,
    );
  });
  agent.destroy();
}
