import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeDirectory, refusedDirectoryCode } from "../../src/cli/make-dir.js";
import { runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

describe("makeDirectory", () => {
  it("makes the missing directories from the nearest existing one down and returns the first it made", () => {
    const dir = tempTree({});
    expect(makeDirectory(join(dir, "a/b/c"))).toBe(join(dir, "a"));
    expect(statSync(join(dir, "a/b/c")).isDirectory()).toBe(true);
    expect(makeDirectory(join(dir, "a/b/c"))).toBeUndefined();
    expect(makeDirectory(join(dir, "a/b/d"))).toBe(join(dir, "a/b/d"));
  });

  it("throws ENOTDIR for a file in the way, and makes nothing below it", () => {
    const dir = tempTree({ file: "x\n" });
    expect(() => makeDirectory(join(dir, "file"))).toThrow(expect.objectContaining({ code: "ENOTDIR" }));
    // Named at the file in the way, not at the directory asked for.
    const inTheWay = expect.objectContaining({ code: "ENOTDIR", path: join(dir, "file") });
    expect(() => makeDirectory(join(dir, "file/a/b"))).toThrow(inTheWay);
    expect(existsSync(join(dir, "file/a"))).toBe(false);
  });

  it.skipIf(process.platform !== "linux")(
    "says the system refused a directory below /proc, after a bounded number of tries",
    () => {
      expect(() => makeDirectory("/proc/mofgen-none/a")).toThrow(
        expect.objectContaining({ code: refusedDirectoryCode }),
      );
    },
  );
});

describe("an output directory that cannot be made", () => {
  it("is reported at the file in its way, not at the directory or at a lock inside it", async () => {
    const dir = tempTree({ "a.mof": "class A { [Key] string Id; };\n", build: "a file\n" });
    const run = await runCli(["generate", "a.mof", "--no-docs", "--out", "build/gen"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("build - error MOF4912: cannot create the output directory: a file is in the way");
    expect(run.stdout).toBe("Nothing written: build/gen/ cannot be written (see above).\n");
  });

  it("is said the same way by mofgen docs: cannot be written, not could not be locked", async () => {
    const dir = tempTree({ "a.mof": "class A { [Key] string Id; };\n", build: "a file\n" });
    const run = await runCli(["docs", "a.mof", "--out", "build/pages"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("build - error MOF4912: cannot create the output directory: a file is in the way");
    expect(run.stdout).toBe("Nothing written: build/pages/ cannot be written (see above).\n");
  });
});
