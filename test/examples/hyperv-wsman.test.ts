/**
 * The Hyper-V example end to end over WS-Management, as a user runs it: `npm run example:host` (on a port it
 * picks), then `npm run example:client -- --protocol wsman` against its /wsman. The client lists the VMs with a
 * WQL filter, calls Msvm_VirtualSystemSnapshotService.CreateSnapshot, follows the 4096 job to completion (web-01)
 * and to a failure whose GetErrorEx Msvm_Error becomes a typed JobCimError (db-01, which has a pass-through
 * disk), and finds the snapshot through Msvm_AffectedJobElement and Msvm_SnapshotOfVirtualSystem. What the client
 * prints is compared exactly (the job's random InstanceID and the snapshot's date masked), and so is the
 * conversation: the client talks to the host through a recording relay here, whose log (each request read back
 * with the WS-Man codec) shows the WMI resource URIs, the WQL and association filters and the Invokes sent. The
 * README shows both outputs ("The example client, against the example host and a Windows host"): they must match.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readEnumerate, readEnvelope } from "../../runtime/src/codecs/wsman/index.js";
import { db01Failure, example, firstLine, listedVms, masked, repo, web01Snapshot } from "./example-run.js";

const wmi = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";

/** One line per request the client sent: the action, the resource URI, and what the body asked. */
function describe(body: Buffer): string {
  const envelope = readEnvelope(body);
  const action = envelope.headers.action.split("/").pop() ?? "";
  const uri = (envelope.headers.resourceUri ?? "").replace(wmi, "wmi:");
  const selectors = (envelope.headers.selectors ?? []).map((s) => s.name).join(",");
  let what = "";
  if (action === "Enumerate" && envelope.body !== undefined) {
    const { filter } = readEnumerate(envelope.body);
    if (filter?.dialect === "wql") what = `WQL ${filter.query}`;
    else if (filter?.dialect === "associators")
      what = `AssociatedInstances of ${filter.object.resourceUri?.replace(wmi, "wmi:")} via ${filter.assocClass}`;
    else if (filter !== undefined) what = filter.dialect;
  } else if (envelope.body?.local.endsWith("_INPUT")) {
    what = envelope.body.local;
  }
  return [action, uri, selectors === "" ? "" : `[${selectors}]`, what].filter((s) => s !== "").join(" ");
}

/** The outputs the README shows for the two runs, in order. */
const readme = readFileSync(join(repo, "README.md"), "utf8");
const shown = [
  ...(
    /\n### The example client, against the example host and a Windows host\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? ""
  ).matchAll(/```text\n([\s\S]*?)```\n/g),
].map((m) => m[1] ?? "");

let host: ChildProcess;
let relay: Server;
let url = "";
const conversation: string[] = [];

beforeAll(async () => {
  host = spawn(process.execPath, [example, "hyperv-host", "--port", "0"]);
  const line = await firstLine(host);
  const target = /WS-Management at (http:\/\/127\.0\.0\.1:(\d+)\/wsman)/.exec(line);
  expect(target).not.toBeNull();
  const port = Number(target?.[2]);
  // The relay passes every request through unchanged and notes what it asked.
  relay = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      conversation.push(describe(body));
      const out = request(
        { host: "127.0.0.1", port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on("error", () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/wsman`;
}, 60_000);

afterAll(async () => {
  host?.kill("SIGTERM");
  await new Promise((resolve) => relay?.close(resolve));
});

async function client(vm: string): Promise<{ stdout: string; code: number }> {
  const args = [example, "hyperv-client", "--protocol", "wsman", "--url", url, "--vm", vm];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: 60_000 });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    if (typeof failed.code !== "number") throw error;
    return { stdout: failed.stdout ?? "", code: failed.code };
  }
}

const job = /[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/g;

it("lists the VMs with WQL, snapshots web-01, follows the job and finds the snapshot by association", async () => {
  conversation.length = 0;
  const { stdout, code } = await client("web-01");
  expect(code).toBe(0);
  expect(masked(shown[0] ?? "")).toBe(masked(stdout));
  expect(masked(stdout)).toBe(web01Snapshot);
  // Every resource URI is in WinRM's WMI convention; the job is polled with Get until it completes.
  const polls = conversation.filter((c): boolean => c === "Get wmi:Msvm_ConcreteJob [InstanceID]");
  expect(polls.length).toBeGreaterThanOrEqual(1);
  expect(conversation.filter((c) => !polls.includes(c))).toEqual([
    "Enumerate wmi:* WQL SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'",
    "Enumerate wmi:Msvm_VirtualSystemSnapshotService",
    "CreateSnapshot wmi:Msvm_VirtualSystemSnapshotService [Name,SystemCreationClassName,SystemName,CreationClassName] CreateSnapshot_INPUT",
    "Enumerate wmi:* AssociatedInstances of wmi:Msvm_ConcreteJob via Msvm_AffectedJobElement",
    "Enumerate wmi:* AssociatedInstances of wmi:Msvm_ComputerSystem via Msvm_SnapshotOfVirtualSystem",
  ]);
}, 120_000);

it("a snapshot of db-01 fails: the job's GetErrorEx Msvm_Error is printed as a typed CimError, exit 1", async () => {
  conversation.length = 0;
  const { stdout, code } = await client("db-01");
  expect(code).toBe(1);
  expect(shown[1]).toBe(stdout);
  expect(stdout).toBe(db01Failure);
  // After the job failed, the client asked it for its errors (GetErrorEx, which answered; no GetError after it),
  // and the VM still has no snapshot.
  const calls = conversation.map((c) => c.replace(job, "<id>")).filter((c) => !c.startsWith("Get wmi:"));
  expect(calls.slice(3)).toEqual([
    "GetErrorEx wmi:Msvm_ConcreteJob [InstanceID] GetErrorEx_INPUT",
    "Enumerate wmi:* AssociatedInstances of wmi:Msvm_ComputerSystem via Msvm_SnapshotOfVirtualSystem",
  ]);
}, 120_000);

it("with Basic credentials, as a Windows host wants: the right ones list the VMs, wrong ones are one line, exit 2", async () => {
  const guarded = spawn(process.execPath, [example, "hyperv-host", "--port", "0", "--user", "ops", "--password", "s3"]);
  try {
    const at = /WS-Management at (http:\/\/127\.0\.0\.1:\d+\/wsman)/.exec(await firstLine(guarded))?.[1] ?? "";
    const run = (password: string, target = at) =>
      promisify(execFile)(
        process.execPath,
        [example, "hyperv-client", "--protocol", "wsman", "--url", target, "--user", "ops", "--password", password],
        { timeout: 60_000 },
      );
    const { stdout } = await run("s3");
    expect(stdout.split("\n").slice(0, 4)).toEqual([...listedVms, "CreateSnapshot: 4096"]);
    await expect(run("wrong")).rejects.toMatchObject({
      code: 2,
      stdout: "",
      stderr: `hyperv-client: ${at}: authentication failed (HTTP 401): authentication required\n`,
    });
    // Nothing listening: the transport's error, in one line too.
    await expect(run("s3", "http://127.0.0.1:1/wsman")).rejects.toMatchObject({
      code: 2,
      stderr: "hyperv-client: http://127.0.0.1:1/wsman: connect ECONNREFUSED 127.0.0.1:1\n",
    });
  } finally {
    guarded.kill("SIGTERM");
  }
}, 120_000);
