import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/**
 * The source maps that the packages ship must lead somewhere: each source a map names is either in the package or
 * inlined in the map (`sourcesContent`). tsc's maps named `../src/*.ts`, which neither package ships ("files"), so
 * a debugger or `node --enable-source-maps` met a missing file; `inlineSources` (tsconfig.json) puts the text in.
 * What ships is what `npm pack` lists (dry run: nothing packed, no build script run).
 */
const repo = join(import.meta.dirname, "../..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

async function packedFiles(dir: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: dir,
    env: { ...process.env, npm_config_update_notifier: "false" },
    maxBuffer: 16 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as { files: { path: string }[] }[];
  return (packed?.files ?? []).map((f) => f.path);
}

interface SourceMap {
  readonly sources: readonly string[];
  readonly sourceRoot?: string;
  readonly sourcesContent?: readonly (string | null)[];
}

/** The sources of the package's maps that lead nowhere: `map -> source` for each. */
function danglingSources(dir: string, files: readonly string[]): string[] {
  const shipped = new Set(files);
  return files
    .filter((f) => f.endsWith(".map"))
    .flatMap((file) => {
      const map = JSON.parse(readFileSync(join(dir, file), "utf8")) as SourceMap;
      return map.sources
        .filter((source, i) => {
          if (typeof map.sourcesContent?.[i] === "string") return false;
          return !shipped.has(posix.join(posix.dirname(file), map.sourceRoot ?? "", source));
        })
        .map((source) => `${file} -> ${source}`);
    });
}

describe.each([
  ["@mofgen/runtime", "runtime", "dist/index.js"],
  ["mofgen", ".", "dist/mofgen.cjs"],
])("the %s package's source maps", (_name, folder, built) => {
  it("each lead to sources the package holds or the map inlines", async () => {
    const dir = join(repo, folder);
    if (!existsSync(join(dir, built))) throw new Error(`${built} is missing: run npm run build before the tests`);
    const files = await packedFiles(dir);
    const maps = files.filter((f) => f.endsWith(".js.map") || f.endsWith(".cjs.map"));
    // Maps are shipped (a test of none would pass for nothing), and every one of them resolves.
    expect(maps.length).toBeGreaterThan(0);
    expect(danglingSources(dir, files)).toEqual([]);
  });
});
