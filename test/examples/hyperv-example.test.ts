/**
 * The two examples together, as a user runs them: `npm run example:host` (on a port it picks), then
 * `npm run example:client` against it over CIM-XML: the virtual machines with their EnabledState decoded, a
 * snapshot created (4096), its job followed to completion, the snapshot found through the job, and the VM's
 * snapshots listed through the pull operations. The output is compared exactly, with only the job's random
 * InstanceID and the snapshot's date masked. A snapshot of db-01 (which has a pass-through disk) fails, and its
 * job's error is printed.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const repo = join(import.meta.dirname, "../..");
const example = join(repo, "scripts/example.mjs");

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout?.on("data", (d) => {
      text += String(d);
      if (text.includes("\n")) resolve(text.split("\n")[0] ?? "");
    });
    child.on("exit", (code) => reject(new Error(`the host exited (${code}) before printing its URL: ${text}`)));
  });
}

it("the example client lists, snapshots and follows the job on the example host", async () => {
  const host = spawn(process.execPath, [example, "hyperv-host", "--port", "0"]);
  try {
    const line = await firstLine(host);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
    expect(url).toBeDefined();
    const { stdout } = await promisify(execFile)(process.execPath, [example, "hyperv-client", "--url", url ?? ""], {
      timeout: 60_000,
    });
    const masked = stdout
      .replace(/job [0-9A-F-]{36}:/, "job <InstanceID>:")
      .replace(/\(\d{4}-\d{2}-\d{2}\)/, "(<date>)");
    expect(masked).toBe(
      [
        "web-01  6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01  Enabled",
        "db-01  9B1F7A3C-2E5D-4C8B-B6A4-3D2E1F0C8B02  Enabled",
        "build-01  2A4C6E8F-1B3D-4F5A-8C7E-9D0B2A4C6E03  Disabled",
        "CreateSnapshot: 4096",
        "job <InstanceID>: JobState 7, 100% complete",
        "snapshot: web-01 - (<date>)",
        "web-01 has snapshot Microsoft:6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01:SNAPSHOT-0001",
        "",
      ].join("\n"),
    );
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
      stdout: [
        "web-01  6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01  Enabled",
        "db-01  9B1F7A3C-2E5D-4C8B-B6A4-3D2E1F0C8B02  Enabled",
        "build-01  2A4C6E8F-1B3D-4F5A-8C7E-9D0B2A4C6E03  Disabled",
        "CreateSnapshot: 4096",
        "CIM_ERR_FAILED: job failed: Exception (10): error 1: checkpoint of db-01 failed: 'db-01' could not create a " +
          "checkpoint: the virtual machine has a pass-through disk. [HyperVExample.PassThroughDisk]",
        "  Msvm_Error HyperVExample.PassThroughDisk: 'db-01' could not create a checkpoint: the virtual machine has a " +
          "pass-through disk.",
        "",
      ].join("\n"),
    });
  } finally {
    host.kill("SIGTERM");
  }
}, 90_000);
