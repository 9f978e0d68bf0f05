import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { packagesReached } from "../helpers/packages-reached.js";

/**
 * `@mofgen/runtime` is what an application that runs generated code installs: the XML parser and nothing of the
 * compiler (Chevrotain, ts-morph, TypeScript, Handlebars: about 24 MB).
 */
const repo = fileURLToPath(new URL("../../", import.meta.url));
const manifest = JSON.parse(readFileSync(join(repo, "runtime/package.json"), "utf8"));

interface LockedPackage {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}
const lock = JSON.parse(readFileSync(join(repo, "package-lock.json"), "utf8")) as {
  packages: Record<string, LockedPackage>;
};

/** Every package an install of `name` brings, by the lockfile that npm ci installs from. */
function installClosure(start: LockedPackage): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  for (let pkg = queue.pop(); pkg !== undefined; pkg = queue.pop()) {
    const deps = { ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies };
    for (const dep of Object.keys(deps)) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      const locked = lock.packages[`node_modules/${dep}`];
      if (locked === undefined) throw new Error(`${dep} is not in package-lock.json`);
      queue.push(locked);
    }
  }
  return seen;
}

describe("the @mofgen/runtime package", () => {
  it("depends on the XML parser only (saxes and its own xmlchars)", () => {
    expect(Object.keys(manifest.dependencies)).toEqual(["saxes"]);
    expect(manifest.peerDependencies ?? {}).toEqual({});
    expect(manifest.optionalDependencies ?? {}).toEqual({});
    const runtime = lock.packages.runtime;
    if (runtime === undefined) throw new Error("runtime/ is not a workspace in package-lock.json");
    expect([...installClosure(runtime)].sort()).toEqual(["saxes", "xmlchars"]);
  });

  it("publishes its built files as an ES module package for Node 20", () => {
    expect(manifest.type).toBe("module");
    expect(manifest.engines.node).toBe(">=20");
    expect(manifest.files).toEqual(["dist"]);
    for (const entry of Object.values(manifest.exports) as { types: string; default: string }[]) {
      expect(entry.types).toMatch(/^\.\/dist\/.*\.d\.ts$/);
      expect(entry.default).toMatch(/^\.\/dist\/.*\.js$/);
    }
  });

  it("is what mofgen depends on, at the workspace's version", () => {
    const root = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
    expect(root.workspaces).toEqual(["runtime"]);
    expect(root.dependencies["@mofgen/runtime"]).toBe(manifest.version);
  });

  it("loads no compiler package when imported", async () => {
    const reached = await packagesReached(join(repo, "runtime/src/index.ts"));
    for (const compilerPackage of ["chevrotain", "ts-morph", "typescript", "handlebars"]) {
      expect(reached.has(compilerPackage)).toBe(false);
    }
    expect([...reached].every((name) => name === "saxes" || name === "xmlchars")).toBe(true);
  });
});
