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
import { createHash } from "node:crypto";
import { accessSync, constants, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

/** Bytes of a SHA-256 digest. */
const hashLength = 32;

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
  script.runInThisContext()(module.exports, createRequire(filename), module, filename, dirname(filename));
  const reused = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    saveCache: () => {
      // createCachedData serialises every compiled function (tens of milliseconds): not worth doing when there is
      // nowhere to put the result, as in a read-only installation, where it would otherwise happen on every run.
      if (!reused && writableDirectory(dirname(cacheFile))) writeCache(cacheFile, key, script.createCachedData());
    },
  };
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
