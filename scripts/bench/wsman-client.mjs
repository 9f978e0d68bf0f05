// npm run bench, the WS-Management client block (issue 11): WbemClient with protocol "wsman" against a loopback
// peer (wsman-peer.mjs, its own process) answering with the runtime's codec: Get and Invoke round trips,
// Enumerate + Pull of 1,000 and 100,000 instances (1,000 a page, optimized enumeration), and requests per second
// with 32 concurrent clients. Every answer is decoded into instances, as a program would use them.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { roundTrips } from "./round-trips.mjs";

const here = dirname(fileURLToPath(import.meta.url));

export async function benchWsmanClient(runtimePath) {
  const rt = await import(runtimePath);
  console.log("WS-Management client (WbemClient over loopback, answers written and read by the runtime's codec)");
  await withPeer(runtimePath, 1000, async (url) => {
    const client = new rt.WbemClient({ protocol: "wsman", url, namespace: "root/bench" });
    const path = {
      className: "Bench_ComputerSystem",
      keys: { CreationClassName: "Bench_ComputerSystem", Name: "VM-000500" },
    };

    await roundTrips("Get round trip (2,000 in a row)", () => client.getInstance(path), 44);
    await roundTrips(
      "Invoke round trip (2,000 in a row)",
      () => client.invokeMethod(path, "RequestStateChange", { RequestedState: rt.typed("uint16", 2) }),
      44,
    );
    const times = [];
    let n = 0;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      n = 0;
      for await (const _ of client.iterEnumerateInstances("Bench_ComputerSystem", { maxObjectCount: 1000 })) n++;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `  Enumerate+Pull of ${n.toLocaleString("en")} instances (1,000 a page)   median ${times[3].toFixed(1)} ms`,
    );
    const seconds = 3;
    let done = 0;
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (performance.now() < end) {
          await client.getInstance(path);
          done++;
        }
      }),
    );
    console.log(
      `  Get, 32 concurrent callers                   ${Math.round(done / seconds).toLocaleString("en")} requests/s`,
    );
    client.close();
  });
  await withPeer(runtimePath, 100_000, async (url) => {
    const client = new rt.WbemClient({ protocol: "wsman", url, namespace: "root/bench" });
    const before = process.memoryUsage().rss;
    let peak = before;
    const t = performance.now();
    let n = 0;
    for await (const _ of client.iterEnumerateInstances("Bench_ComputerSystem", { maxObjectCount: 1000 })) {
      n++;
      if (n % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    console.log(
      `  Enumerate+Pull of ${n.toLocaleString("en")} instances (1,000 a page) ${((performance.now() - t) / 1000).toFixed(2)} s  client RSS +${((peak - before) / 2 ** 20).toFixed(0)} MB`,
    );
    client.close();
  });
}

async function withPeer(runtimePath, count, work) {
  const child = spawn(process.execPath, [join(here, "wsman-peer.mjs"), runtimePath, String(count)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve) => child.stdout.once("data", (d) => resolve(String(d).trim())));
  try {
    await work(url);
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}
