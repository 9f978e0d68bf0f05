import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogEntries } from "../../src/diagnostics/catalog.js";

/**
 * Every code of the catalog is produced by at least one test input. The evidence is read from the tests
 * themselves, so the check cannot drift from them: a code counts when a test file states it as an outcome
 * (`findings` lists, `toContain("MOF1234")`, expected code lists) or a golden listing records it
 * (test/corpus/expected, written from real compiler runs and compared exactly). Those expectations pass only
 * when the input really produces the code. Lines that say a code is *not* reported do not count.
 *
 * A code that no input can produce is listed in `unproduced` with the reason; the list may only shrink: a listed
 * code that a test does produce fails too, so the entry goes.
 */
const unproduced: Readonly<Record<string, string>> = {};

const testRoot = import.meta.dirname.replace(/[/\\]diagnostics$/, "");
/** The catalog's own tests name every code without producing any. */
const notEvidence = new Set(["diagnostics/catalog.test.ts", "diagnostics/coverage.test.ts"]);

function evidenceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((p) => p.split("\\").join("/"))
    .filter((p) => /\.(ts|txt)$/.test(p) && !p.includes("node_modules") && !notEvidence.has(p))
    .map((p) => join(dir, p));
}

/** Code -> the first test file (relative to test/) that states it as produced. */
function producedCodes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of evidenceFiles(testRoot)) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (/\.not\.|\bnot reported\b|\bno MOF\d/.test(line)) continue;
      for (const [code] of line.matchAll(/MOF\d{4}/g))
        if (!found.has(code)) found.set(code, relative(testRoot, file).split("\\").join("/"));
    }
  }
  return found;
}

describe("diagnostic catalog coverage", () => {
  const catalog = catalogEntries().map((e) => e.code);
  const produced = producedCodes();

  it("has a test input for every code (or says why none can exist)", () => {
    const missing = catalog.filter((code) => !produced.has(code) && unproduced[code] === undefined);
    expect(missing).toEqual([]);
  });

  it("lists as unproduced only catalog codes that no test produces", () => {
    for (const [code, why] of Object.entries(unproduced)) {
      expect({ code, inCatalog: catalog.includes(code), producedIn: produced.get(code) }).toEqual({
        code,
        inCatalog: true,
        producedIn: undefined,
      });
      expect(why.length).toBeGreaterThan(0);
    }
  });

  it("finds evidence in the tests, not in a list that names every code", () => {
    // The scan really reads the tests and the corpus listings, and finds most codes in them.
    const files = evidenceFiles(testRoot).map((f) => relative(testRoot, f).split("\\").join("/"));
    expect(files.filter((f) => f.startsWith("corpus/expected/")).length).toBeGreaterThan(10);
    expect(produced.size).toBeGreaterThan(catalog.length / 2);
  });
});
