import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { corpus } from "../helpers/corpora.js";
import { tempTree } from "../helpers/tmp.js";
import { builtCli } from "../helpers/watch-cli.js";

/**
 * generate's second core (src/cli/generate-worker.ts), through the built CLI (`npm run build` first), since only
 * the bundle has a worker to start: the files written with the worker are byte for byte those of a run without it,
 * and a worker that throws or exits leaves the main thread to make its share, with the same files.
 * MOFGEN_WORKER_STATS=1 says who made the worker's units, so that each test knows which path it took.
 */
const schemas = join(import.meta.dirname, "../../schemas");

function tree(root: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((p) => statSync(join(root, p)).isFile())
      .sort()
      .map((p) => [p.split("\\").join("/"), readFileSync(join(root, p), "utf8")]),
  );
}

function generate(args: readonly string[], cwd: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [builtCli, "generate", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", MOFGEN_CACHE: "0", MOFGEN_WORKER_STATS: "1", ...env },
    timeout: 120_000,
  });
  const line = /^mofgen: worker: (.*)$/m.exec(r.stderr)?.[1];
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    stats: line === undefined ? undefined : JSON.parse(line),
  };
}

/** A project generating the bundled Hyper-V schemas with pages and a provider implementation. */
function hyperVProject(): string {
  return tempTree({
    "mofgen.config.json": JSON.stringify({
      inputs: [schemas],
      out: "generated",
      dialect: "wmi",
      providers: { out: "providers", classes: ["Msvm_VirtualSystemSnapshotService", "Msvm_ComputerSystem"] },
    }),
  });
}

/** The summary line without its time. */
const summary = (stdout: string) => stdout.replace(/ in \d+\.\d+ s/, "");

describe("generate with the worker thread", () => {
  const alone = hyperVProject();
  const one = generate([], alone, { MOFGEN_WORKER: "0" });
  const expected = { generated: tree(join(alone, "generated")), providers: tree(join(alone, "providers")) };

  it("writes pages, modules and providers without it (MOFGEN_WORKER=0)", () => {
    expect(one.code, one.stderr).toBe(0);
    expect(one.stats).toBeUndefined();
    expect(Object.keys(expected.generated).some((p) => p.startsWith("docs/"))).toBe(true);
    expect(Object.keys(expected.providers).length).toBe(3);
  });

  it("writes the same files with it: Hyper-V with docs and providers (MOFGEN_WORKER=1)", () => {
    const dir = hyperVProject();
    const two = generate([], dir, { MOFGEN_WORKER: "1" });
    expect(two.code, two.stderr).toBe(0);
    expect(two.stats).toMatchObject({ madeBy: "worker" });
    expect(two.stats.units).toBeGreaterThan(50);
    expect(tree(join(dir, "generated"))).toEqual(expected.generated);
    expect(tree(join(dir, "providers"))).toEqual(expected.providers);
    expect(summary(two.stdout)).toBe(summary(one.stdout));
  });

  it.each(["throw", "exit"])("makes the worker's share itself when the worker fails (%s)", (fail) => {
    const dir = hyperVProject();
    const run = generate([], dir, { MOFGEN_WORKER: "1", MOFGEN_TEST_WORKER_FAIL: fail });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stats).toMatchObject({ madeBy: "main", worker: "failed" });
    expect(run.stats.units).toBeGreaterThan(50);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(tree(join(dir, "generated"))).toEqual(expected.generated);
    expect(tree(join(dir, "providers"))).toEqual(expected.providers);
  });

  it("leaves small inputs to the main thread by default, starting no worker", () => {
    const dir = hyperVProject();
    const run = generate([], dir, {});
    expect(run.code, run.stderr).toBe(0);
    // Or, on a machine without a spare core (fewer than three, or a load that leaves none idle), not started at all.
    expect(run.stats).toMatchObject({ units: 0, madeBy: "main" });
    expect(run.stats.worker).toMatch(/^(not needed|no spare core)$/);
    expect(tree(join(dir, "generated"))).toEqual(expected.generated);
  });

  it("stops the worker when the MOF has errors, and reports them once", () => {
    const dir = tempTree({ "bad.mof": "class A { string P; };\nclass B { string Q }\n" });
    const run = generate(["bad.mof", "--out", "out"], dir, { MOFGEN_WORKER: "1" });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Nothing generated: the MOF has errors/);
    expect(run.stderr.match(/error MOF1201/g)?.length).toBe(2);
    expect(run.stats).toBeUndefined();
  });

  it("from the sources (no bundle, no worker), makes the worker's share in the main thread", async () => {
    const dir = hyperVProject();
    const run = await runCli(["generate"], dir, { MOFGEN_CACHE: "0", MOFGEN_WORKER: "1", MOFGEN_WORKER_STATS: "1" });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^mofgen: worker: \{"units":\d+,"madeBy":"main","worker":"none"\}$/m);
    expect(tree(join(dir, "generated"))).toEqual(expected.generated);
    expect(tree(join(dir, "providers"))).toEqual(expected.providers);
  });
});

describe("mofgen docs with the worker thread", () => {
  it("writes the same pages as without it (a share of the class pages made by the worker)", () => {
    const dir = tempTree({});
    const docs = (out: string, env: Record<string, string>) => {
      const r = spawnSync(process.execPath, [builtCli, "docs", schemas, "--out", out], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", MOFGEN_WORKER_STATS: "1", ...env },
        timeout: 120_000,
      });
      return { code: r.status, stderr: r.stderr };
    };
    const off = docs("off", { MOFGEN_WORKER: "0" });
    expect(off.code, off.stderr).toBe(0);
    expect(off.stderr).not.toMatch(/mofgen: worker:/);
    const on = docs("on", { MOFGEN_WORKER: "1" });
    expect(on.code, on.stderr).toBe(0);
    const stats = JSON.parse(/^mofgen: worker: (.*)$/m.exec(on.stderr)?.[1] ?? "{}");
    expect(stats).toMatchObject({ madeBy: "worker" });
    const pages = tree(join(dir, "off"));
    // A class page per class, beside its namespace's README (method pages are a folder further down).
    const classes = Object.keys(pages).filter((p) => /^[^/]+\/[^/]+\.md$/.test(p) && !p.endsWith("README.md"));
    expect(classes.length).toBeGreaterThan(40);
    // A share of them, spread (emit-share.ts): neither none nor all.
    expect(stats.units).toBeGreaterThan(classes.length / 4);
    expect(stats.units).toBeLessThan(classes.length);
    expect(tree(join(dir, "on"))).toEqual(pages);
  });
});

describe("generate --no-docs on DMTF CIM 2.49 with the worker thread", () => {
  const dir = corpus("dmtf-cim-2.49");
  it.skipIf(dir === undefined)("writes the same files as without it", () => {
    const rollup = join(dir ?? "", "cim_schema_2.49.0.mof");
    const work = tempTree({});
    const args = (out: string) => ["--dialect", "dmtf", rollup, "--no-docs", "--quiet", "--out", out];
    const off = generate(args("off"), work, { MOFGEN_WORKER: "0" });
    expect(off.code, off.stderr).toBe(0);
    const on = generate(args("on"), work, { MOFGEN_WORKER: "1" });
    expect(on.code, on.stderr).toBe(0);
    expect(on.stats).toMatchObject({ madeBy: "worker" });
    const files = tree(join(work, "off"));
    expect(Object.keys(files).length).toBeGreaterThan(3000);
    expect(tree(join(work, "on"))).toEqual(files);
  });
});
