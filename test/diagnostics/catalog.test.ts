import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogEntries } from "../../src/diagnostics/catalog.js";

describe("diagnostic catalog", () => {
  const entries = catalogEntries();

  it("gives every diagnostic its own code, in the MOF1xxx-MOF4xxx ranges", () => {
    const codes = entries.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^MOF[1-4]\d{3}$/);
  });

  it("is documented in the README: same codes, same severities", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const rows = [...readme.matchAll(/^\| (MOF\d{4})\s*\| (error|warning|info)\s*\|/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows.sort()).toEqual(entries.map((e) => `${e.code} ${e.severity}`).sort());
  });
});
