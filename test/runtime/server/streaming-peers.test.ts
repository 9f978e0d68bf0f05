import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CimServer } from "../../../runtime/src/server/index.js";
import { onCi } from "../../helpers/corpora.js";
import { type RecordProvider, recordServer } from "./record-stream.js";

/**
 * Real peers against a provider that streams (an async generator, record-stream.ts): pywinrm (python3-winrm)
 * Enumerates and Pulls, or Releases, over WS-Management (`pywinrm_stream.py` beside this file); sblim-wbemcli runs
 * the one-answer EnumerateInstances, which must hold the whole result and so is bounded by maxResultCount. Under CI
 * a missing peer is a failure, as in pywinrm.test.ts and wbemcli.test.ts.
 */
const run = promisify(execFile);
const python = "/usr/bin/python3";
const script = join(dirname(fileURLToPath(import.meta.url)), "pywinrm_stream.py");
const hasWinrm = await run(python, ["-c", "import winrm, xmltodict"]).then(
  () => true,
  () => false,
);
const hasWbemcli = await run("wbemcli", [], { timeout: 5000 }).then(
  () => true,
  (e: { code?: unknown }) => e.code !== "ENOENT",
);
if (onCi && !(hasWinrm && hasWbemcli)) throw new Error("pywinrm or wbemcli is missing: CI installs both (.ci/run)");

let server: CimServer;
let records: RecordProvider;
let url: string;

beforeAll(async () => {
  ({ server, records } = recordServer({ maxResultCount: 1000 }));
  url = await server.listen(0);
});
afterAll(() => server.close());
beforeEach(() => {
  records.failAt = undefined;
  records.produced = 0;
  records.finished = 0;
});

const pywinrm = async (mode: string) =>
  (await run(python, [script, url, "admin", "s3cret", mode], { timeout: 60_000 })).stdout.trimEnd();

describe.runIf(hasWinrm)("pywinrm pulls a streaming provider", () => {
  it("every record, in order, 500 at a time; the generator read one record past the last page and finished", async () => {
    records.count = 20_000;
    expect(await pywinrm("all")).toBe(
      ["enumerate: 500 records", "pulled: 20000 records in 40 pages, in order: True"].join("\n"),
    );
    expect([records.produced, records.finished]).toEqual([20_000, 1]);
  }, 60_000);

  it("Release after the first page: the generator had read one record past it, and its finally ran", async () => {
    records.count = 20_000;
    expect(await pywinrm("release")).toBe(["enumerate: 500 records", "released"].join("\n"));
    expect([records.produced, records.finished]).toEqual([501, 1]);
  });

  it("a generator that fails midway is a fault for that Pull", async () => {
    records.count = 20_000;
    records.failAt = 700;
    const out = await pywinrm("fail");
    expect(out).toContain("enumerate: 500 records");
    expect(out).toContain("'fault_subcode': 'wsman:InternalError'");
    expect(records.finished).toBe(1);
  });
});

describe.runIf(hasWbemcli)("sblim-wbemcli enumerates a streaming provider (one-answer EnumerateInstances)", () => {
  const wbemcli = (...args: string[]) =>
    run("wbemcli", args, { timeout: 30_000 }).then(
      (r) => r.stdout.trimEnd(),
      (e: { stderr: string }) => e.stderr.trimEnd(),
    );

  it("answers the whole stream within maxResultCount", async () => {
    records.count = 3;
    const base = `${url}/root/stream:Test_Record`;
    const host = `${new URL(url).host}/root/stream:Test_Record`;
    expect(await wbemcli("ei", base)).toBe([0, 1, 2].map((i) => `${host}.Id=${i} Id=${i},Text="r${i}"`).join("\n"));
  });

  it("past it, CIM_ERR_SERVER_LIMITS_EXCEEDED, having read one record past the limit", async () => {
    records.count = 200_000;
    // 27 is CIM_ERR_SERVER_LIMITS_EXCEEDED, which this wbemcli (older than DSP0200 1.3) has no name for.
    expect(await wbemcli("ein", `${url}/root/stream:Test_Record`)).toContain(
      "wbemcli: Cim: (27) Invalid/Unknown CIM Error Code: EnumerateInstanceNames: the result has more than 1000 items",
    );
    expect([records.produced, records.finished]).toEqual([1001, 1]);
  });
});
