import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

const v1 = `class A { [ValueMap {"0", "1"}, Values {"Off", "On"}] uint16 State; [Description("x")] string P; };`;
const dangerous = `class A { [ValueMap {"0", "1", "2"}, Values {"Off", "On", "Paused"}] uint16 State; [Description("x")] string P; };`;
const breaking = `class A { [ValueMap {"0", "1"}, Values {"Off", "On"}] uint16 State; };`;
const describedOnly = `class A { [ValueMap {"0", "1"}, Values {"Off", "On"}] uint16 State; [Description("y")] string P; };`;

describe("mofgen diff", () => {
  it("fails on breaking changes by default, and --fail-on moves the threshold", async () => {
    const dir = tempTree({ "v1.mof": v1, "d.mof": dangerous, "b.mof": breaking });
    expect((await runCli(["diff", "v1.mof", "d.mof"], dir)).code).toBe(0);
    expect((await runCli(["diff", "v1.mof", "b.mof"], dir)).code).toBe(1);
    expect((await runCli(["diff", "--fail-on", "dangerous", "v1.mof", "d.mof"], dir)).code).toBe(1);
    expect((await runCli(["diff", "--fail-on", "none", "v1.mof", "b.mof"], dir)).code).toBe(0);
    expect((await runCli(["diff", "v1.mof", "v1.mof"], dir)).stdout).toContain("\nNo changes\n");
  });

  it("leaves description changes out with --ignore-descriptions", async () => {
    const dir = tempTree({ "v1.mof": v1, "v2.mof": describedOnly });
    expect((await runCli(["diff", "v1.mof", "v2.mof"], dir)).stdout).toContain("A.P  description changed");
    const r = await runCli(["diff", "--ignore-descriptions", "--format", "json", "v1.mof", "v2.mof"], dir);
    expect(JSON.parse(r.stdout).changes).toEqual([]);
  });

  it("compares directories, with paths relative to the working directory", async () => {
    const dir = tempTree({ "old/a.mof": v1, "new/a.mof": breaking });
    const r = await runCli(["diff", "--format", "json", "old", "new"], dir);
    const [change] = JSON.parse(r.stdout).changes;
    expect(change).toMatchObject({ type: "property-removed", path: "A.P", oldLocation: { file: "old/a.mof" } });
  });

  it("reports compile errors of either side like check, prints no diff and exits 1", async () => {
    const dir = tempTree({ "v1.mof": v1, "bad.mof": "class A { unit16 P; };" });
    const r = await runCli(["diff", "v1.mof", "bad.mof"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("bad.mof:1:11 - error MOF1202: 'unit16' is not a CIM data type");
    expect(r.stderr).toContain("not compared");
  });

  it("exits 2 for an input that cannot be read", async () => {
    const dir = tempTree({ "v1.mof": v1 });
    const r = await runCli(["diff", "v1.mof", "missing.mof"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("missing.mof");
  });

  it.each([
    [["diff", "v1.mof"], "diff needs two paths, OLD and NEW (got 1)"],
    [["diff", "v1.mof", "v1.mof", "v1.mof"], "diff needs two paths, OLD and NEW (got 3)"],
    [["diff", "--format", "html", "v1.mof", "v1.mof"], "--format must be one of text, markdown, json (got 'html')"],
    [
      ["diff", "--fail-on", "all", "v1.mof", "v1.mof"],
      "--fail-on must be one of breaking, dangerous, none (got 'all')",
    ],
    [["diff", "--frobnicate", "v1.mof", "v1.mof"], "Unknown option '--frobnicate'"],
    [
      ["diff", "--docs-base", "https://x.test/ref", "v1.mof", "v1.mof"],
      "--docs-base links the markdown report to the reference pages; add --format markdown (got --format text)",
    ],
    [
      ["diff", "--format", "json", "--docs-base", "ref", "v1.mof", "v1.mof"],
      "--docs-base links the markdown report to the reference pages; add --format markdown (got --format json)",
    ],
  ])("exits 2 with one line for the usage error in %j", async (args, message) => {
    const dir = tempTree({ "v1.mof": v1 });
    const r = await runCli(args, dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`mofgen: ${message}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("is in the usage text", async () => {
    const r = await runCli(["diff", "--help"], tempTree({}));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("mofgen diff [options] OLD NEW");
    expect(r.stdout).toContain("--fail-on breaking|dangerous|none");
  });
});
