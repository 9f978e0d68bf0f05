import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fileTree, tempTree } from "../helpers/tmp.js";

/**
 * Issue 13, items 6 and 7: output names must hold on every file system (Windows device names, 255-byte names,
 * case-insensitive folders) and the layout must keep namespaces, classes and provider bases apart. Generated into a
 * real temporary directory.
 */

const cjk = Array.from({ length: 40 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join("");

const devices = `
#pragma namespace("root/a")
class CON { [key] string Name; };
class nul { [key] string Name; };
class COM1 { [key] string Name; uint32 Start(); };
class LPT9 : CON { };
class ${cjk} { [key] string Name; uint32 ${cjk}(); };
#pragma namespace("Root/b")
class Other { [key] string Name; CON REF Device; };
`;

/** Windows's device names, also before an extension (the list, in any case). */
const device = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

async function generate(files: Record<string, string>, extra: string[] = []) {
  const dir = tempTree(files);
  const run = await runCli(["generate", ...Object.keys(files), "--out", "out", ...extra], dir);
  return { dir, run, files: fileTree(join(dir, "out")) };
}

/** Every folder below `root`, relative with '/'. */
function folders(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) =>
      join(e.parentPath, e.name)
        .slice(root.length + 1)
        .split("\\")
        .join("/"),
    );
}

describe("generate: output names that every file system accepts", () => {
  it("never uses a Windows device name, never a name over 255 bytes, and writes everything (exit 0)", async () => {
    const { run, files } = await generate({ "devices.mof": devices });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(files.length).toBeGreaterThan(15);
    for (const path of files)
      for (const name of path.split("/")) {
        expect(name, path).not.toMatch(device);
        expect(Buffer.byteLength(name), path).toBeLessThanOrEqual(255);
      }
    // Each class still has its module, its provider base and its page, under readable names.
    expect(files).toEqual(
      expect.arrayContaining(["root/a/CON$.ts", "root/a/providers/nul$.ts", "docs/root.a/com1$.md"]),
    );
  });

  it("puts namespaces whose paths differ only in case in one folder (MOF namespace names are case-insensitive)", async () => {
    const { dir, files } = await generate({ "devices.mof": devices });
    const all = folders(join(dir, "out"));
    const folded = new Set(all.map((f) => f.toLowerCase()));
    expect(all.length).toBe(folded.size);
    const lower = files.map((f) => f.toLowerCase());
    expect(new Set(lower).size).toBe(files.length);
    expect(files).toEqual(expect.arrayContaining(["root/a/index.ts", "root/b/index.ts"]));
  });

  it("keeps a namespace <ns>/providers apart from the provider bases of <ns>, and a namespace docs from the pages", async () => {
    const mof = `
#pragma namespace("root/a")
class Foo { [key] string Name; uint32 Go(); };
#pragma namespace("root/a/providers")
class Foo { [key] string Name; uint32 Stop(); };
#pragma namespace("/docs")
class Foo { [key] string Name; };
`;
    const { run, files } = await generate({ "nested.mof": mof });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const bases = files.filter((f) => /\/providers\/Foo\.ts$/.test(f));
    const modules = files.filter((f) => /\/Foo\.ts$/.test(f) && !bases.includes(f));
    expect(bases).toHaveLength(3);
    expect(modules).toHaveLength(3);
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(files.length);
  });

  it("refuses, with a diagnostic and nothing written, a namespace so deep that a path passes 800 bytes", async () => {
    const deep = Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(97 + i)}${"n".repeat(109)}`).join("/");
    const { run, files } = await generate({
      "deep.mof": `#pragma namespace("root/${deep}")\nclass A { [key] string K; };\n`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr.match(/MOF4931/g)).toHaveLength(1);
    expect(run.stderr).not.toMatch(/internal error|MOF4930/);
    expect(files).toEqual([]);
  });
});
