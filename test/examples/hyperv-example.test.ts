/**
 * The two examples together, as a user runs them: `npm run example:host` (on a port it picks), then
 * `npm run example:client` against it over CIM-XML: the virtual machines with their EnabledState decoded, a
 * snapshot created (4096), its job followed to completion, the snapshot found through the job, and the VM's
 * snapshots listed through the pull operations. The output is compared exactly, with only the job's random
 * InstanceID and the snapshot's date masked. A snapshot of db-01 (which has a pass-through disk) fails, and its
 * job's error is printed.
 */
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { db01Failure, example, firstLine, masked, web01Snapshot } from "./example-run.js";

it("the example client lists, snapshots and follows the job on the example host", async () => {
  const host = spawn(process.execPath, [example, "hyperv-host", "--port", "0"]);
  try {
    const line = await firstLine(host);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
    expect(url).toBeDefined();
    const { stdout } = await promisify(execFile)(process.execPath, [example, "hyperv-client", "--url", url ?? ""], {
      timeout: 60_000,
    });
    expect(masked(stdout)).toBe(web01Snapshot);
  } finally {
    host.kill("SIGTERM");
  }
}, 90_000);

it("over CIM-XML too, db-01's failed snapshot job is reported with its GetErrorEx Msvm_Error, exit 1", async () => {
  const host = spawn(process.execPath, [example, "hyperv-host", "--port", "0"]);
  try {
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(await firstLine(host))?.[0] ?? "";
    const run = promisify(execFile)(process.execPath, [example, "hyperv-client", "--url", url, "--vm", "db-01"], {
      timeout: 60_000,
    });
    // The embedded Msvm_Error arrives as CIM-XML INSTANCE text here (typed XML over WS-Man): the same typed error.
    await expect(run).rejects.toMatchObject({
      code: 1,
      stdout: db01Failure,
    });
  } finally {
    host.kill("SIGTERM");
  }
}, 90_000);
