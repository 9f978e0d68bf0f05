// npm run bench, the CIM-XML block (issue 10): a server process (cim-server.mjs) with 1,000 or 100,000 instances,
// driven over loopback with raw HTTP (keep-alive) and the runtime's codec to read every answer, as a client would.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { roundTrips } from "./round-trips.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const ns = "root/bench";

/** The bench of the CIM-XML server; `runtime` is the bundled runtime module (index and server). */
export async function benchCimXml(runtimePath) {
  const rt = await import(runtimePath);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const schemas = () => undefined;
  const post = (url, method, params) =>
    new Promise((resolve, reject) => {
      const body = rt.encodeIMethodCall("1", ns, method, params);
      const req = request(`${url}/cimom`, {
        method: "POST",
        agent,
        headers: { "Content-Type": "application/xml", CIMOperation: "MethodCall", CIMMethod: method, CIMObject: ns },
      });
      req.on("response", (res) => {
        // The codec reads the answer as it arrives, as a client does: never the raw bytes held whole.
        const reader = new rt.XmlReader({ maxBytes: 1 << 30, maxDepth: 100 });
        res.on("data", (chunk) => reader.write(chunk));
        res.on("end", () => {
          try {
            resolve(rt.decodeResponse(reader.close(), { id: "1", method, intrinsic: true }, schemas));
          } catch (error) {
            reject(error);
          }
        });
      });
      req.on("error", reject);
      req.end(body);
    });
  const className = (w) => rt.iparam(w, "ClassName", rt.iparamValue.className("Bench_ComputerSystem"));
  const instancesOf = (response) =>
    (response.iReturnValue?.children ?? []).map((item) => rt.decodeInstance(item.children[1], schemas));

  console.log("CIM-XML server (loopback, raw HTTP with keep-alive, answers decoded with the runtime's codec)");
  // GetInstance round trips and 32 concurrent clients, against 1,000 instances.
  await withServer(runtimePath, 1000, async (url, peak) => {
    const path = {
      className: "Bench_ComputerSystem",
      keys: { CreationClassName: "Bench_ComputerSystem", Name: "VM-000500" },
    };
    const get = () => post(url, "GetInstance", (w) => rt.iparam(w, "InstanceName", rt.iparamValue.objectName(path)));
    await roundTrips("GetInstance round trip (2,000 in a row)", get, 44);

    const enumTimes = [];
    let count = 0;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      count = instancesOf(await post(url, "EnumerateInstances", className)).length;
      enumTimes.push(performance.now() - t);
    }
    enumTimes.sort((a, b) => a - b);
    console.log(
      `  EnumerateInstances of ${count.toLocaleString("en")} instances        median ${enumTimes[3].toFixed(1)} ms  server peak RSS ${peak()} MB`,
    );

    const seconds = 3;
    let done = 0;
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (performance.now() < end) {
          await get();
          done++;
        }
      }),
    );
    console.log(
      `  GetInstance, 32 concurrent clients          ${Math.round(done / seconds).toLocaleString("en")} requests/s`,
    );
  });

  // 100,000 instances: in one response, then pulled 1,000 at a time, each from a fresh server process so that each
  // peak RSS is that way's own.
  await withServer(runtimePath, 100_000, async (url, peak) => {
    const t = performance.now();
    const whole = instancesOf(await post(url, "EnumerateInstances", className)).length;
    console.log(
      `  EnumerateInstances of ${whole.toLocaleString("en")} (one response)  ${((performance.now() - t) / 1000).toFixed(2)} s  server peak RSS ${peak()} MB`,
    );
  });
  await withServer(runtimePath, 100_000, async (url, peak) => {
    const t = performance.now();
    let pulled = 0;
    const outParam = (r, name) => r.outParameters.find((p) => p.attributes.NAME === name)?.children[0]?.text;
    let response = await post(url, "OpenEnumerateInstances", (w) => {
      className(w);
      rt.iparam(w, "MaxObjectCount", rt.iparamValue.integer(1000));
    });
    pulled += instancesOf(response).length;
    while (outParam(response, "EndOfSequence") !== "TRUE") {
      const context = outParam(response, "EnumerationContext");
      response = await post(url, "PullInstancesWithPath", (w) => {
        rt.iparam(w, "EnumerationContext", rt.iparamValue.string(context));
        rt.iparam(w, "MaxObjectCount", rt.iparamValue.integer(1000));
      });
      pulled += instancesOf(response).length;
    }
    console.log(
      `  Open/PullInstancesWithPath of ${pulled.toLocaleString("en")} (1,000 a pull) ${((performance.now() - t) / 1000).toFixed(2)} s  server peak RSS ${peak()} MB`,
    );
  });
  // The typed client's pull iterators over the same 100,000 (1,000 a page): the whole of the client's work,
  // request writing and answer decoding included; the client's heap is sampled every page, so its growth says
  // whether more than a page is ever held.
  await withServer(runtimePath, 100_000, async (url, peak) => {
    const client = new rt.WbemClient({ url, namespace: ns });
    const walk = async (label, iterator) => {
      const base = process.memoryUsage().heapUsed;
      let most = base;
      let n = 0;
      const t = performance.now();
      for await (const _ of iterator) if (++n % 1000 === 0) most = Math.max(most, process.memoryUsage().heapUsed);
      const growth = ((most - base) / 1024 / 1024).toFixed(0);
      console.log(
        `  ${label} of ${n.toLocaleString("en")} (1,000 a page) ${((performance.now() - t) / 1000).toFixed(2)} s  client heap growth at most ${growth} MB  server peak RSS ${peak()} MB`,
      );
    };
    await walk("WbemClient.iterEnumerateInstances", client.iterEnumerateInstances("Bench_ComputerSystem"));
    const query = "SELECT Name, ProcessID FROM Bench_ComputerSystem WHERE EnabledState = 2";
    await walk("WbemClient.iterQueryInstances (WQL)", client.iterQueryInstances("WQL", query));
    client.close();
  });
  agent.destroy();
}

/** Start a server process with `count` instances, run `work(url, peakMb)`, stop it. */
export async function withServer(runtimePath, count, work) {
  const child = spawn(process.execPath, [join(here, "cim-server.mjs"), runtimePath, String(count)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve) => child.stdout.once("data", (d) => resolve(String(d).trim())));
  const peak = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    return (Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024).toFixed(0);
  };
  try {
    await work(url, peak);
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}
