import type { ChildProcess } from "node:child_process";
import { join } from "node:path";

/** What the example tests share: how to run an example, its first line, and what the client prints of the host. */
export const repo = join(import.meta.dirname, "../..");
export const example = join(repo, "scripts/example.mjs");

/** The host's first line (its URLs), or a rejection when it exits before printing one. */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout?.on("data", (d) => {
      text += String(d);
      if (text.includes("\n")) resolve(text.split("\n")[0] ?? "");
    });
    child.on("exit", (code) => reject(new Error(`the host exited (${code}) before printing its URL: ${text}`)));
  });
}

/** The example host's virtual machines as the client lists them. */
export const listedVms = [
  "web-01  6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01  Enabled",
  "db-01  9B1F7A3C-2E5D-4C8B-B6A4-3D2E1F0C8B02  Enabled",
  "build-01  2A4C6E8F-1B3D-4F5A-8C7E-9D0B2A4C6E03  Disabled",
];

/** What the client prints for db-01, whose snapshot job fails (the same over both protocols). */
export const db01Failure = [
  ...listedVms,
  "CreateSnapshot: 4096",
  "CIM_ERR_FAILED: job failed: Exception (10): error 1: checkpoint of db-01 failed: 'db-01' could not create a " +
    "checkpoint: the virtual machine has a pass-through disk. [HyperVExample.PassThroughDisk]",
  "  Msvm_Error HyperVExample.PassThroughDisk: 'db-01' could not create a checkpoint: the virtual machine has a " +
    "pass-through disk.",
  "",
].join("\n");

/** The job's random InstanceID and the snapshot's date (the host's clock) masked, as the tests compare output. */
export const masked = (text: string) =>
  text.replace(/job [0-9A-F-]{36}:/, "job <InstanceID>:").replace(/\(\d{4}-\d{2}-\d{2}\)/, "(<date>)");

/** What the client prints, masked, for web-01: its snapshot job completes and the snapshot is found. */
export const web01Snapshot = [
  ...listedVms,
  "CreateSnapshot: 4096",
  "job <InstanceID>: JobState 7, 100% complete",
  "snapshot: web-01 - (<date>)",
  "web-01 has snapshot Microsoft:6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01:SNAPSHOT-0001",
  "",
].join("\n");
