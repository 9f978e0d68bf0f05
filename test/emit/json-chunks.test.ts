import { describe, expect, it } from "vitest";
import { jsonChunks } from "../../src/emit/json-chunks.js";

/** jsonChunks prints what JSON.stringify(value, null, 2) prints, whatever the depth it walks to. */
const values: [string, unknown][] = [
  ["scalars", { a: 1, b: 'x\ny\u2028"', c: true, d: null, e: -0, f: 1e21, g: Number.NaN }],
  ["empty containers", { a: [], b: {}, c: [[], [{}]], d: [{ x: [] }] }],
  ["undefined and functions", { a: undefined, b: () => 1, c: [undefined, () => 1, 2] }],
  ["only undefined", { a: undefined }],
  ["nested", { classes: [{ name: "A", properties: [{ name: "P", qualifiers: [{ v: [1, [2, { z: 3 }]] }] }] }] }],
  ["top-level array", [1, "two", { three: [3] }]],
  ["top-level scalar", "text"],
];

describe("jsonChunks", () => {
  for (const [name, value] of values) {
    it(`prints ${name} as JSON.stringify does at every walk depth`, () => {
      for (let depth = 0; depth <= 6; depth++) {
        expect([...jsonChunks(value, depth, 8)].join("")).toBe(JSON.stringify(value, null, 2));
      }
    });
  }

  it("prints a generator as an array, reading one element at a time", () => {
    let built = 0;
    function* items() {
      for (let i = 0; i < 3; i++) {
        built++;
        yield { i };
      }
    }
    const chunks = jsonChunks({ items: items(), none: (function* () {})() }, 3, 1);
    expect(chunks.next().value).toBe('{\n  "items": ');
    expect(built).toBe(0);
    expect([...chunks].join("")).toBe(
      JSON.stringify({ items: [{ i: 0 }, { i: 1 }, { i: 2 }], none: [] }, null, 2).slice(13),
    );
  });
});
