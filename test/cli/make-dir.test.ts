import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeDirectory, refusedDirectoryCode } from "../../src/cli/make-dir.js";
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
    expect(() => makeDirectory(join(dir, "file/a/b"))).toThrow(expect.objectContaining({ code: "ENOTDIR" }));
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
