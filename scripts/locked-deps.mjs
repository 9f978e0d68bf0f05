#!/usr/bin/env node
// Prints `name@version` for every package the published mofgen and @mofgen/runtime need at run time, as
// package-lock.json locks them (top-level, not dev, not a workspace link). Two users:
// - test/package/install.test.ts pins them in its fresh projects (npm "overrides"), so an offline install resolves
//   exactly the locked versions rather than whatever newer versions npm's cached registry metadata would pick;
// - .ci/run (`npm cache add $(node scripts/locked-deps.mjs)`) puts their registry metadata in npm's cache, which
//   `npm ci` alone does not (it installs from the lock's URLs), so that install runs offline on a fresh machine.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The locked run-time dependencies, name -> version. */
export function lockedRuntimeDeps(lockPath) {
  const lock = JSON.parse(readFileSync(lockPath, "utf8"));
  const deps = {};
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.startsWith("node_modules/") || entry.dev || entry.devOptional || entry.link) continue;
    const name = path.slice("node_modules/".length);
    if (name.includes("node_modules/")) continue;
    deps[name] = entry.version;
  }
  return deps;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lock = fileURLToPath(new URL("../package-lock.json", import.meta.url));
  for (const [name, version] of Object.entries(lockedRuntimeDeps(lock))) console.log(`${name}@${version}`);
}
