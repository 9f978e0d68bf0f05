import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAllFrom, readSourceBytes } from "../../src/source/read-source.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * A file as a descriptor reads it: `content` now, whatever its stat said; each call gives at most `chunk` bytes
 * (a short read), and `calls` counts them.
 */
function fileReader(content: Uint8Array, chunk = Number.POSITIVE_INFINITY) {
  let position = 0;
  const reader = {
    calls: 0,
    read: (buffer: Uint8Array, offset: number, length: number): number => {
      reader.calls++;
      const n = Math.min(length, chunk, content.length - position);
      buffer.set(content.subarray(position, position + n), offset);
      position += n;
      return n;
    },
  };
  return reader;
}

function bytesRead(result: ReturnType<typeof readAllFrom>): number[] {
  if ("reason" in result) throw new Error(result.reason);
  return [...result.bytes];
}

describe("reading a source file", () => {
  it.each([
    ["an empty file", 0],
    ["one byte", 1],
    ["a page", 4096],
    ["more than the 64 KiB growth step", 65_537],
  ])("reads %s whole, in one read call when the size is what stat said", (_what, size) => {
    const content = Buffer.alloc(size, "class A {};\n");
    const file = fileReader(content);
    expect(bytesRead(readAllFrom(file.read, size))).toEqual([...content]);
    expect(file.calls).toBe(1);
  });

  it("reads on when the file grew after its stat, and to its end when it shrank", () => {
    const content = Buffer.from("class A {};\nclass B {};\n");
    const grew = fileReader(content);
    expect(bytesRead(readAllFrom(grew.read, 10))).toEqual([...content]);
    expect(grew.calls).toBeGreaterThan(1);
    const shrank = fileReader(content);
    expect(bytesRead(readAllFrom(shrank.read, 100))).toEqual([...content]);
  });

  it("reads on after a short read, and a file whose stat size is 0 (/proc) to its end", () => {
    const content = Buffer.alloc(1000, "x");
    expect(bytesRead(readAllFrom(fileReader(content, 300).read, 1000))).toEqual([...content]);
    expect(bytesRead(readAllFrom(fileReader(content).read, 0))).toEqual([...content]);
  });

  it("reads real files through their descriptor", () => {
    const dir = tempTree({});
    const path = join(dir, "f.mof");
    writeFileSync(path, "class A {};\n");
    expect(bytesRead(readSourceBytes(path))).toEqual([...readFileSync(path)]);
    if (existsSync("/proc/self/cmdline")) {
      expect(bytesRead(readSourceBytes("/proc/self/cmdline"))).toEqual([...readFileSync("/proc/self/cmdline")]);
    }
  });
});
