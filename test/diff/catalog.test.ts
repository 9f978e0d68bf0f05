import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allChangeTypes, changeTypes } from "../../src/diff/catalog.js";

describe("change catalog", () => {
  it("names every type in kebab case and gives each a reason", () => {
    for (const type of allChangeTypes) {
      expect(type).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(changeTypes[type].reason.length).toBeGreaterThan(10);
    }
  });

  it("is documented in the README: same types, criticalities and reasons", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| (breaking|dangerous|non-breaking) \| (.+) \|$/gm)].map(
      (m) => `${m[1]} ${m[2]} ${m[3]}`,
    );
    expect(rows).toEqual(allChangeTypes.map((t) => `${t} ${changeTypes[t].criticality} ${changeTypes[t].reason}`));
  });
});
