// Loads the CommonJS bundle of the CLI through a V8 code cache. A cold `mofgen check` of a whole schema spends
// tens of milliseconds compiling the bundle's functions; the cache, written after a run, holds the bytecode of
// every function that run compiled, so later runs skip that work (Node 20 has no module compile cache).
//
// What a run compiles depends on its command, so each command has its own cache (`mofgen --version` must not
// leave `check` a cache without the compiler's functions): node_modules/.cache/mofgen/<command>.bin beside the
// package. A file holds a SHA-256 of the Node version and the bundle text, a SHA-256 of V8's data, then the
// data. V8 rejects data from another V8 version or other flags, but it checks neither the source (only its
// length) nor, in release builds, the data itself: damaged data it accepts crashes the process. Both hashes
// are therefore checked here first. Any problem (no cache yet, a read-only directory, a stale or damaged file)
// only means compiling as usual: the cache never changes what the command does.
//
// The large CommonJS files that the bundle requires from node_modules (ts-morph and the TypeScript compiler it
// carries, 13 MB that `generate` loads) go through the same kind of cache, one file each in deps/. Their key is
// the file's path, size and modification time rather than a hash of its text, which would cost 30 ms of the
// gain; the data itself is still checked against its hash.
import { createHash } from "node:crypto";
import { accessSync, constants, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

/** Bytes of a SHA-256 digest. */
const hashLength = 32;

/** Smaller dependency files compile in a few milliseconds: not worth a cache file and a hash each. */
const minDependencyBytes = 256 * 1024;

/**
 * Compile and run the bundle for a run of `command` (the first argument); returns the bundle's exports and a
 * function that saves the code cache when the run could not use one.
 */
export function loadBundle(bundleUrl, command) {
  const filename = fileURLToPath(bundleUrl);
  const source = readFileSync(filename, "utf8");
  const key = sha256(`${process.version} ${process.arch}\n`, source);
  const name = /^[a-z]+$/.test(command ?? "") ? command : "other";
  const cacheFile = join(dirname(filename), `../node_modules/.cache/mofgen/${name}.bin`);
  const cachedData = readCache(cacheFile, key);
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapper, { filename, ...(cachedData && { cachedData }) });
  const module = { exports: {} };
  const compiled = [{ script, file: cacheFile, key, reused: cachedData !== undefined && !script.cachedDataRejected }];
  const restore = cacheDependencies(join(dirname(cacheFile), "deps"), compiled);
  script.runInThisContext()(module.exports, createRequire(filename), module, filename, dirname(filename));
  return {
    exports: module.exports,
    saveCache: () => {
      restore();
      // createCachedData serialises every compiled function (tens of milliseconds): not worth doing when there is
      // nowhere to put the result, as in a read-only installation, where it would otherwise happen on every run.
      const stale = compiled.filter((c) => !c.reused);
      if (stale.length === 0 || !writableDirectory(dirname(cacheFile))) return;
      for (const c of stale) {
        if (writableDirectory(dirname(c.file))) writeCache(c.file, c.key, c.script.createCachedData());
      }
    },
  };
}

/**
 * Compile large files required from node_modules through a code cache in `dir`, recording each in `compiled`.
 * Node 20 compiles CommonJS in `Module.prototype._compile`; this replaces it for those files only, with what
 * Node does (wrap, compile, call with the module's exports, require, module, file name and directory), plus the
 * cached data. Everything else, and any file whose text is not plain script (a `#!` line), compiles as before.
 * Returns what puts Node's own back (the run is over: nothing is recorded after it).
 */
function cacheDependencies(dir, compiled) {
  const original = Module.prototype._compile;
  Module.prototype._compile = function compileCached(content, filename) {
    if (content.length < minDependencyBytes || content.startsWith("#!") || !/[\\/]node_modules[\\/]/.test(filename)) {
      return original.call(this, content, filename);
    }
    const stat = statSync(filename);
    const key = sha256(`${process.version} ${process.arch}\n${filename}\n${stat.size} ${stat.mtimeMs}`);
    const file = join(dir, `${sha256(filename).toString("hex").slice(0, 32)}.bin`);
    const cachedData = readCache(file, key);
    const script = new Script(Module.wrap(content), { filename, ...(cachedData && { cachedData }) });
    compiled.push({ script, file, key, reused: cachedData !== undefined && !script.cachedDataRejected });
    const run = script.runInThisContext({ displayErrors: true });
    return run.call(this.exports, this.exports, moduleRequire(this), this, filename, dirname(filename));
  };
  return () => {
    Module.prototype._compile = original;
  };
}

/** The `require` a CommonJS module gets, as Node makes it: resolving from that module, sharing Node's cache. */
function moduleRequire(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function sha256(...parts) {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function readCache(file, key) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(2 * hashLength);
  const intact =
    data.length > 0 &&
    bytes.subarray(0, hashLength).equals(key) &&
    bytes.subarray(hashLength, 2 * hashLength).equals(sha256(data));
  return intact ? data : undefined;
}

/** Whether `dir` exists (created if need be) and this process may write in it. */
function writableDirectory(dir) {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function writeCache(file, key, data) {
  // Written whole under a temporary name, then renamed: a concurrent run reads the old file or the new one.
  const temporary = `${file}.${process.pid}`;
  try {
    writeFileSync(temporary, Buffer.concat([key, sha256(data), data]));
    renameSync(temporary, file);
  } catch {
    removeQuietly(temporary);
  }
}

function removeQuietly(file) {
  try {
    rmSync(file, { force: true });
  } catch {
    // Nothing to clean up, or nowhere we may write: either way there is no cache.
  }
}
