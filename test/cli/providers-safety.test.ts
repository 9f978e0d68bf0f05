import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { providerFileLimit } from "../../src/cli/plan-providers.js";
import { headlines, runCli } from "../helpers/cli.js";
import { fileTree, tempTree } from "../helpers/tmp.js";

/**
 * `providers.out` holds the user's provider implementations: created once by mofgen, then theirs. The same guard
 * as for the output directory: taken by its real path, never written through a symbolic link inside it, and a
 * name taken by anything (a dangling link too) is the user's.
 */
const mof = "class A { [Key] string Id; };\nclass B { [Key] string Id; };\n";
const config = JSON.stringify({
  inputs: ["a.mof"],
  out: "gen",
  docs: false,
  providers: { out: "prov", classes: ["A", "B"] },
});

describe("the providers directory", () => {
  it("refuses a symbolic link inside it (MOF4916), creates nothing through it and writes nothing at all", async () => {
    const dir = tempTree({ "a.mof": mof, "mofgen.config.json": config, "elsewhere/keep.txt": "mine\n" });
    mkdirSync(join(dir, "prov"));
    symlinkSync(join(dir, "elsewhere"), join(dir, "prov/root"));
    const run = await runCli(["generate"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `prov/root - error MOF4916: is a symbolic link (to '${join(dir, "elsewhere")}') inside the providers directory`,
    );
    expect(run.stderr.match(/MOF4916/g)).toHaveLength(1);
    expect(run.stdout).toBe("Nothing written to gen/.\n");
    expect(fileTree(join(dir, "elsewhere"))).toEqual(["keep.txt"]);
    expect(existsSync(join(dir, "gen"))).toBe(false);
  });

  it("follows a link that is the providers directory itself, as the user asked", async () => {
    const dir = tempTree({ "a.mof": mof, "mofgen.config.json": config });
    mkdirSync(join(dir, "real-prov"));
    symlinkSync("real-prov", join(dir, "prov"));
    const run = await runCli(["generate"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Created 2 provider implementations in prov/:\n  prov/root/cimv2/A.ts\n");
    expect(fileTree(join(dir, "real-prov"))).toEqual(["root/cimv2/A.ts", "root/cimv2/B.ts"]);
  });

  it("takes a dangling link at an implementation's own place for the user's file: left as it is", async () => {
    const dir = tempTree({ "a.mof": mof, "mofgen.config.json": config });
    mkdirSync(join(dir, "prov/root/cimv2"), { recursive: true });
    symlinkSync("../../../nowhere/A.ts", join(dir, "prov/root/cimv2/A.ts"));
    const run = await runCli(["generate"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Created 1 provider implementation in prov/:\n  prov/root/cimv2/B.ts\n");
    expect(lstatSync(join(dir, "prov/root/cimv2/A.ts")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "prov/root/cimv2/A.ts"))).toBe("../../../nowhere/A.ts");
    expect(existsSync(join(dir, "nowhere"))).toBe(false);
    // And --check does not ask for it to be created, run after run.
    const check = await runCli(["generate", "--check"], dir);
    expect([check.code, check.stdout]).toEqual([0, expect.not.stringContaining("is missing")]);
  });

  it("never replaces an existing implementation, however it differs", async () => {
    const dir = tempTree({ "a.mof": mof, "mofgen.config.json": config, "prov/root/cimv2/A.ts": "// mine\n" });
    expect((await runCli(["generate"], dir)).code).toBe(0);
    expect(readFileSync(join(dir, "prov/root/cimv2/A.ts"), "utf8")).toBe("// mine\n");
  });

  it("does not read an implementation larger than 1 MiB (a link to a disk image): a warning, the file left", async () => {
    const dir = tempTree({ "a.mof": mof, "mofgen.config.json": config, "prov/root/cimv2/B.ts": "", "disk.img": "" });
    // Sparse files: no disk or memory used unless something reads them.
    truncateSync(join(dir, "prov/root/cimv2/B.ts"), providerFileLimit);
    truncateSync(join(dir, "disk.img"), 64 * 1024 ** 3);
    symlinkSync("../../../disk.img", join(dir, "prov/root/cimv2/A.ts"));
    const run = await runCli(["generate"], dir);
    expect(run.code).toBe(0);
    expect(headlines(run.stderr)).toEqual([
      "prov/root/cimv2/A.ts - warning MOF4920: provider implementation is larger than 1 MiB (68719476736 bytes): " +
        "mofgen does not read it, so it is not checked for methods that its generated base declares (MOF4914); " +
        "it is left as it is",
    ]);
    expect(run.stdout).not.toContain("Created");
    expect(readlinkSync(join(dir, "prov/root/cimv2/A.ts"))).toBe("../../../disk.img");
    // One byte more than the limit is refused too; the limit itself is read.
    truncateSync(join(dir, "prov/root/cimv2/B.ts"), providerFileLimit + 1);
    const again = await runCli(["generate"], dir);
    expect(headlines(again.stderr).map((l) => l.slice(0, l.indexOf(" (")))).toEqual([
      "prov/root/cimv2/A.ts - warning MOF4920: provider implementation is larger than 1 MiB",
      "prov/root/cimv2/B.ts - warning MOF4920: provider implementation is larger than 1 MiB",
    ]);
  });
});

describe("temporary files that killed runs left in the providers directory", () => {
  it("are listed by --check and removed by generate; a live process's are left alone", async () => {
    const gone = Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout);
    const dead = `.B.ts.${gone}-0123456789ab-0.mofgen-tmp`;
    const live = `.B.ts.${process.ppid}-0123456789ab-1.mofgen-tmp`;
    const dir = tempTree({ "a.mof": mof, "mofgen.config.json": config });
    expect((await runCli(["generate"], dir)).code).toBe(0);
    const folder = join(dir, "prov/root/cimv2");
    for (const name of [dead, live]) writeFileSync(join(folder, name), "half a provider\n");
    const check = await runCli(["generate", "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`  leftover prov/root/cimv2/${dead}\n`);
    expect(check.stdout).not.toContain(live);
    const run = await runCli(["generate"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Removed 1 temporary file left by an interrupted run");
    expect(readdirSync(folder).sort()).toEqual([live, "A.ts", "B.ts"]);
  });
});
