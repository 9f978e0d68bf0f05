import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import Module from "node:module";
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
 * directory cannot be written. Large files the bundle requires from node_modules get a cache of their own.
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

describe("loadBundle: large files required from node_modules", () => {
  // A dependency over the 256 KiB threshold (mostly a comment), which itself requires a small file beside it.
  const big = `// ${"x".repeat(300 * 1024)}\nexports.answer = require("./small.js").half * 2;\nexports.file = __filename;\n`;
  const usesBig =
    "exports.main = () => { const b = require('big'); return b.answer + ' ' + require('node:path').basename(b.file); };\n";
  const depsDir = (root: string) => join(root, "node_modules/.cache/mofgen/deps");

  // Each CLI run is a new process; here the runs share one, so Node's module cache must forget the dependency.
  function forget(root: string): void {
    const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
    for (const id of Object.keys(cache)) if (id.startsWith(root)) delete cache[id];
  }

  function withDependency() {
    const root = tempTree({
      "dist/mofgen.cjs": usesBig,
      "node_modules/big/index.js": big,
      "node_modules/big/small.js": "exports.half = 21;\n",
    });
    return { root, url: pathToFileURL(join(root, "dist/mofgen.cjs")) };
  }

  it("compiles them through a cache written once and then reused; small files are left to Node", () => {
    const p = withDependency();
    const first = load(p.url, "generate");
    expect(first.exports.main([])).toBe("42 index.js");
    first.saveCache();
    const [written, ...more] = readdirSync(depsDir(p.root));
    expect(more).toEqual([]);
    const cacheFile = join(depsDir(p.root), written as string);
    const mtime = statSync(cacheFile).mtimeMs;
    forget(p.root);

    const save = vi.spyOn(Script.prototype, "createCachedData");
    const second = load(p.url, "generate");
    expect(second.exports.main([])).toBe("42 index.js");
    second.saveCache();
    expect(save).not.toHaveBeenCalled();
    expect(statSync(cacheFile).mtimeMs).toBe(mtime);
  });

  it("compiles a changed dependency afresh and replaces its cache", () => {
    const p = withDependency();
    const first = load(p.url, "generate");
    expect(first.exports.main([])).toBe("42 index.js");
    first.saveCache();
    const [name] = readdirSync(depsDir(p.root));
    const before = readFileSync(join(depsDir(p.root), name as string));
    writeFileSync(join(p.root, "node_modules/big/index.js"), big.replace("* 2", "* 3"));
    forget(p.root);
    const loaded = load(p.url, "generate");
    expect(loaded.exports.main([])).toBe("63 index.js");
    loaded.saveCache();
    expect(readFileSync(join(depsDir(p.root), name as string)).equals(before)).toBe(false);
  });

  it("puts Node's compiler back when the run is over", () => {
    const compile = (Module.prototype as unknown as { _compile: unknown })._compile;
    const loaded = load(withDependency().url, "generate");
    expect((Module.prototype as unknown as { _compile: unknown })._compile).not.toBe(compile);
    loaded.saveCache();
    expect((Module.prototype as unknown as { _compile: unknown })._compile).toBe(compile);
  });
});
