import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readSourceBytes } from "../../src/source/read-source.js";
import { tempTree } from "../helpers/tmp.js";

/** Every readSync call the reader makes, counted through a pass-through mock of node:fs. */
const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const readSync = fs.readSync as (...args: unknown[]) => number;
  return {
    ...fs,
    readSync: (...args: unknown[]) => {
      reads.count++;
      return readSync(...args);
    },
  };
});

afterEach(() => {
  reads.count = 0;
});

function bytesOf(path: string): number[] {
  const read = readSourceBytes(path);
  if ("reason" in read) throw new Error(read.reason);
  return [...read.bytes];
}

describe("readSourceBytes", () => {
  it.each([
    ["an empty file", 0],
    ["one byte", 1],
    ["a page", 4096],
    ["more than the 64 KiB growth step", 65_537],
  ])("reads %s whole, in one read call when the size is what stat said", (_what, size) => {
    const dir = tempTree({});
    const path = join(dir, "f.mof");
    const content = Buffer.alloc(size, "class A {};\n");
    writeFileSync(path, content);
    expect(bytesOf(path)).toEqual([...content]);
    expect(reads.count).toBe(1);
  });

  // /proc files report a size of 0: the reader must read on to the end rather than trust the stat.
  it.skipIf(!existsSync("/proc/self/cmdline"))("reads a file whose stat size is 0 to its end", () => {
    expect(bytesOf("/proc/self/cmdline")).toEqual([...readFileSync("/proc/self/cmdline")]);
    expect(reads.count).toBeGreaterThan(1);
  });
});
