import { describe, expect, it } from "vitest";
import { compactInteger } from "../../../runtime/src/values/value-map.js";
import { boundLiteral, tableEntry } from "../../../src/emit/ts/shared-maps.js";
import type { ValueMapEntry } from "../../../src/model/types.js";

/**
 * The generator prints value-map bounds by the runtime's `compactInteger` (a number while it is a safe integer, else
 * a bigint literal), so the tables it writes are read back by the runtime's decoder as the model decoded them.
 */
const safe = 2n ** 53n - 1n;

describe("value-map bounds as printed", () => {
  it.each([
    [0n, "0"],
    [-1n, "-1"],
    [safe, "9007199254740991"],
    [safe + 1n, "9007199254740992n"],
    [-safe, "-9007199254740991"],
    [-safe - 1n, "-9007199254740992n"],
    [2n ** 64n - 1n, "18446744073709551615n"],
  ])("%s prints as %s, the literal of compactInteger's value", (n, text) => {
    expect(boundLiteral(n)).toBe(text);
    const value = compactInteger(n);
    expect(typeof value === "bigint" ? `${value}n` : String(value)).toBe(text);
  });

  it("prints a range entry of a uint64 map with a number low bound and a bigint high bound", () => {
    const entry: ValueMapEntry = {
      label: "Big",
      value: "1..0xFFFFFFFFFFFFFFFF",
      kind: "range",
      lo: 1n,
      hi: 2n ** 64n - 1n,
      span: undefined,
      labelSpan: undefined,
    };
    expect(tableEntry(entry)).toBe(
      '{ label: "Big", value: "1..0xFFFFFFFFFFFFFFFF", lo: 1, hi: 18446744073709551615n }',
    );
  });
});
