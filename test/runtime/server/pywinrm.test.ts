import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExampleServer } from "../../../examples/hyperv-host/src/host.js";
import type { CimServer } from "../../../runtime/src/server/index.js";
import { onCi } from "../../helpers/corpora.js";

/**
 * A real peer: pywinrm (Debian's python3-winrm) through its `winrm.protocol.Protocol` transport, driven by
 * `pywinrm_client.py` beside this file: a WQL Enumerate of the running VMs pulled two at a time, an Invoke of
 * CreateSnapshot with a REF argument, and a Get whose selector is not a key. What the script prints is compared
 * exactly. Under CI a missing pywinrm is a failure.
 */
const run = promisify(execFile);
const python = "/usr/bin/python3";
const script = join(dirname(fileURLToPath(import.meta.url)), "pywinrm_client.py");
const available = await run(python, ["-c", "import winrm, xmltodict"]).then(
  () => true,
  () => false,
);
if (!available && onCi) throw new Error("pywinrm is missing: CI installs python3-winrm (.ci/run)");
if (!available) console.warn("[skip] python3-winrm is not installed");

let server: CimServer;
let url: string;

beforeAll(async () => {
  server = createExampleServer({ jobMs: 20, auth: { user: "admin", password: "s3cret" } });
  url = await server.listen(0);
});
afterAll(() => server.close());

describe.runIf(available)("pywinrm against the example host's /wsman", () => {
  it("WQL Enumerate + Pull, Invoke, and a fault, as pywinrm reads them", async () => {
    const { stdout } = await run(python, [script, url, "admin", "s3cret"], { timeout: 30_000 });
    expect(stdout.trimEnd()).toBe(
      [
        "enumerate: 3 instances in 2 pages",
        "  Msvm_ComputerSystem ElementName=HYPERV-01 EnabledState=2",
        "  Msvm_ComputerSystem ElementName=web-01 EnabledState=2",
        "  Msvm_ComputerSystem ElementName=db-01 EnabledState=2",
        "invoke: ReturnValue=4096",
        "  Job Msvm_ConcreteJob",
        "get: fault {'transport_message': 'Bad HTTP response returned from server. Code 500', 'http_status_code': 500, 'fault_code': 's:Sender', 'fault_subcode': 'wsman:InvalidSelectors'}",
      ].join("\n"),
    );
  });

  it("wrong credentials are refused with 401 before any WS-Management is read", async () => {
    const failed = await run(python, [script, url, "admin", "wrong"], { timeout: 30_000 }).then(
      () => "",
      (e: { stderr: string }) => e.stderr,
    );
    expect(failed).toContain("InvalidCredentialsError");
  });
});
