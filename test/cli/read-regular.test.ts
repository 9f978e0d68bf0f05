import { truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRegularFile, tooLargeCode } from "../../src/cli/read-regular.js";
import { tempTree } from "../helpers/tmp.js";

describe("readRegularFile with a bound", () => {
  it("reads a file up to the bound and refuses one byte more, without reading it", () => {
    const dir = tempTree({ "a.txt": "12345" });
    const path = join(dir, "a.txt");
    expect(readRegularFile(path, 5).toString()).toBe("12345");
    writeFileSync(path, "123456");
    expect(() => readRegularFile(path, 5)).toThrow(expect.objectContaining({ code: tooLargeCode, size: 6 }));
    // A sparse 16 GiB file: refused at once, where reading it would need 16 GiB of memory.
    truncateSync(path, 16 * 1024 ** 3);
    expect(() => readRegularFile(path, 1024)).toThrow(expect.objectContaining({ code: tooLargeCode }));
  });

  it.skipIf(process.platform !== "linux")("bounds a file whose size the system does not report (/proc)", () => {
    // /proc/self/maps says size 0 and holds a few kilobytes: read to its end it is, but not past the bound.
    expect(readRegularFile("/proc/self/maps").length).toBeGreaterThan(100);
    expect(() => readRegularFile("/proc/self/maps", 100)).toThrow(
      expect.objectContaining({ code: tooLargeCode, size: undefined }),
    );
  });
});
