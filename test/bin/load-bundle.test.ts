import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Script } from "node:vm";
import { afterEach, describe, expect, it, vi } from "vitest";
// @ts-expect-error: bin/ is plain JavaScript without declarations; the test checks its behaviour.
import { loadBundle } from "../../bin/load-bundle.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * bin/load-bundle.js: the CLI bundle runs through a V8 code cache kept in node_modules/.cache/mofgen beside the
 * package. Checked on a small CommonJS "bundle" in a temporary package: the exports work, the cache is written
 * once and then reused, a damaged cache is ignored and replaced, and nothing is serialised when the cache
 * directory cannot be written.
 */
interface Loaded {
  readonly exports: { main: (args: string[]) => string };
  readonly saveCache: () => void;
}
const load = loadBundle as (url: URL, command: string | undefined) => Loaded;

const bundle =
  "exports.main = (args) => 'ran ' + args.join(' ') + ' from ' + require('node:path').basename(__filename);\n";

function pkg(extra: Record<string, string> = {}): { root: string; url: URL; cache: (name: string) => string } {
  const root = tempTree({ "dist/mofgen.cjs": bundle, ...extra });
  return {
    root,
    url: pathToFileURL(join(root, "dist/mofgen.cjs")),
    cache: (name) => join(root, "node_modules/.cache/mofgen", `${name}.bin`),
  };
}

afterEach(() => vi.restoreAllMocks());

describe("loadBundle", () => {
  it("runs the bundle as CommonJS and writes the command's cache once", () => {
    const p = pkg();
    const first = load(p.url, "check");
    expect(first.exports.main(["a", "b"])).toBe("ran a b from mofgen.cjs");
    first.saveCache();
    const written = statSync(p.cache("check"));
    expect(written.size).toBeGreaterThan(64);

    const save = vi.spyOn(Script.prototype, "createCachedData");
    const second = load(p.url, "check");
    expect(second.exports.main([])).toBe("ran  from mofgen.cjs");
    second.saveCache();
    // Reused: nothing serialised, the file left as it was.
    expect(save).not.toHaveBeenCalled();
    expect(statSync(p.cache("check")).mtimeMs).toBe(written.mtimeMs);
  });

  it("keeps one cache per command, and 'other' for anything that is not a plain command name", () => {
    const p = pkg();
    load(p.url, "generate").saveCache();
    load(p.url, "../x").saveCache();
    load(p.url, undefined).saveCache();
    expect(readdirSync(join(p.root, "node_modules/.cache/mofgen")).sort()).toEqual(["generate.bin", "other.bin"]);
  });

  it("ignores a damaged cache and replaces it", () => {
    const p = pkg();
    load(p.url, "check").saveCache();
    const bytes = readFileSync(p.cache("check"));
    bytes.writeUInt8((bytes.at(-1) ?? 0) ^ 0xff, bytes.length - 1);
    writeFileSync(p.cache("check"), bytes);
    const loaded = load(p.url, "check");
    expect(loaded.exports.main(["x"])).toBe("ran x from mofgen.cjs");
    loaded.saveCache();
    expect(readFileSync(p.cache("check")).equals(bytes)).toBe(false);
  });

  it("does not serialise the code when the cache directory cannot be written", () => {
    // A file where node_modules should be: the cache directory cannot exist (a read-only directory would do,
    // but tests may run as root, who can write anywhere).
    const p = pkg({ node_modules: "not a directory" });
    const save = vi.spyOn(Script.prototype, "createCachedData");
    const loaded = load(p.url, "check");
    expect(loaded.exports.main([])).toBe("ran  from mofgen.cjs");
    expect(() => loaded.saveCache()).not.toThrow();
    expect(save).not.toHaveBeenCalled();
    expect(readdirSync(p.root).sort()).toEqual(["dist", "node_modules"]);
  });
});
