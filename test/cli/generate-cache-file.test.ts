import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEntry, writeEntry } from "../../src/cli/generate-cache-file.js";
import type { GeneratedFile } from "../../src/emit/ts/generated-file.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * The generate cache's entry file (src/cli/generate-cache-file.ts): what is written is read back exactly, and
 * an entry cut short, lengthened or with any byte changed is refused (a miss), never read as other files.
 */
const chunk = 1024 * 1024;

const files: GeneratedFile[] = [
  { path: "a.ts", owner: "mofgen", content: "// plain ASCII\nexport const a = 1;\n" },
  { path: "empty.ts", owner: "mofgen", content: "" },
  // Characters above U+00FF (two-byte strings in V8) and above U+FFFF (surrogate pairs, four UTF-8 bytes).
  { path: "docs/é.md", owner: "mofgen", content: "Übersicht … “quoted” 𝄞 ✓\n" },
  // Longer than the write buffer, and contents that straddle its end.
  { path: "big.ts", owner: "mofgen", content: `${"x".repeat(chunk + 17)}é` },
  { path: "straddle1.ts", owner: "mofgen", content: "ü".repeat(chunk / 2 - 3) },
  { path: "straddle2.ts", owner: "mofgen", content: "y".repeat(chunk - 5) },
  { path: "providers/P.ts", owner: "user", content: "export class P {}\n" },
];

const meta = { key: "k", list: [1, 2, 3], nested: { text: "ü" } };

function written(): string {
  const path = join(tempTree({}), "entry.cache");
  writeEntry(path, meta, files);
  return path;
}

const read = (path: string) => readEntry(path, (m) => m);

describe("the generate cache's entry file", () => {
  it("reads back the meta and every file exactly, in order", () => {
    const path = written();
    const entry = read(path);
    expect(entry?.value).toEqual(meta);
    expect(entry?.files.map((f) => ({ path: f.path, owner: f.owner, content: f.content }))).toEqual(files);
    // Held as UTF-8, decoded only when asked.
    expect(entry?.files.map((f) => f.utf8.toString("utf8"))).toEqual(files.map((f) => f.content));
  });

  it("hands the meta to accept, and returns nothing when it refuses", () => {
    const path = written();
    const seen: unknown[] = [];
    const refuse = (m: unknown) => {
      seen.push(m);
      return undefined;
    };
    expect(readEntry(path, refuse)).toBeUndefined();
    expect(seen).toEqual([meta]);
  });

  it("refuses an entry cut short anywhere", () => {
    const path = written();
    const whole = readFileSync(path);
    const header = whole.indexOf(10, whole.indexOf(10) + 1) + 1;
    const cuts = [0, 5, whole.indexOf(10) + 1, header - 1, header, header + 40, chunk, whole.length - 65];
    for (const size of [...cuts, whole.length - 1]) {
      writeFileSync(path, whole);
      truncateSync(path, size);
      expect(read(path), `cut at ${size} of ${whole.length}`).toBeUndefined();
    }
  });

  it("refuses an entry with bytes added at its end", () => {
    const path = written();
    writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.from("x")]));
    expect(read(path)).toBeUndefined();
  });

  it("refuses an entry with any byte of a content, the header or the digest changed", () => {
    const path = written();
    const whole = readFileSync(path);
    const at = (text: string) => whole.indexOf(Buffer.from(text));
    const places = {
      "a content": at("plain ASCII"),
      "a content past the first chunk": at("yyy") + 100,
      "a path in the header": at("a.ts"),
      "a size in the header": at(`"a.ts","mofgen",`) + `"a.ts","mofgen",`.length,
      "the meta": at('"key":"k"') + 7,
      "the digest": whole.length - 2,
    };
    for (const [what, offset] of Object.entries(places)) {
      expect(offset, what).toBeGreaterThan(0);
      const damaged = Buffer.from(whole);
      damaged[offset] = (damaged[offset] ?? 0) ^ 0x01;
      writeFileSync(path, damaged);
      expect(read(path), what).toBeUndefined();
    }
  });

  it("refuses other formats and anything but a regular file, without blocking", () => {
    const dir = tempTree({
      "old.json": JSON.stringify({ key: "k", files }),
      "other.cache": "mofgen-generate-cache 1 2\n{}\n",
    });
    expect(read(join(dir, "old.json"))).toBeUndefined();
    expect(read(join(dir, "other.cache"))).toBeUndefined();
    expect(read(join(dir, "missing.cache"))).toBeUndefined();
    mkdirSync(join(dir, "folder.cache"));
    expect(read(join(dir, "folder.cache"))).toBeUndefined();
    if (process.platform !== "win32") {
      expect(spawnSync("mkfifo", [join(dir, "fifo.cache")]).status).toBe(0);
      expect(read(join(dir, "fifo.cache"))).toBeUndefined();
    }
  });

  it("writes only a new file: an existing name is never opened", () => {
    const dir = tempTree({ "taken.cache": "the user's" });
    expect(() => writeEntry(join(dir, "taken.cache"), meta, files)).toThrow(
      expect.objectContaining({ code: "EEXIST" }),
    );
    expect(readFileSync(join(dir, "taken.cache"), "utf8")).toBe("the user's");
    expect(statSync(join(dir, "taken.cache")).size).toBe(10);
  });
});
