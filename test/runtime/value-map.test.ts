import { describe, expect, expectTypeOf, it } from "vitest";
import {
  compactInteger,
  decode,
  findEntry,
  isNamedValue,
  isOpen,
  type NamedValue,
  type OpenValue,
  type ValueMap,
} from "../../runtime/src/values/value-map.js";

/** Msvm_VirtualSystemSnapshotService.CreateSnapshot's return map (schemas/WindowsVirtualization.V2.mof). */
const createSnapshotReturn = [
  { label: "Completed with No Error", value: "0", lo: 0, hi: 0 },
  { label: "Not Supported", value: "1", lo: 1, hi: 1 },
  { label: "Failed", value: "2", lo: 2, hi: 2 },
  { label: "Timeout", value: "3", lo: 3, hi: 3 },
  { label: "Invalid Parameter", value: "4", lo: 4, hi: 4 },
  { label: "Invalid State", value: "5", lo: 5, hi: 5 },
  { label: "Invalid Type", value: "6", lo: 6, hi: 6 },
  { label: "DMTF Reserved", value: "..", rest: true },
  { label: "Method Parameters Checked - Job Started", value: "4096", lo: 4096, hi: 4096 },
  { label: "Method Reserved", value: "4097..32767", lo: 4097, hi: 32767 },
  { label: "Vendor Specific", value: "32768..65535", lo: 32768, hi: 65535 },
] as const satisfies ValueMap;

describe("decode: CreateSnapshot's return map (MOF_GUIDE §4)", () => {
  it.each<[number | bigint | string, string | undefined]>([
    [0, "Completed with No Error"],
    [6, "Invalid Type"],
    [7, "DMTF Reserved"],
    [4095, "DMTF Reserved"],
    [4096, "Method Parameters Checked - Job Started"],
    [4097, "Method Reserved"],
    [32767, "Method Reserved"],
    [32768, "Vendor Specific"],
    [40000, "Vendor Specific"],
    [65535, "Vendor Specific"],
    [65536, "DMTF Reserved"],
    [-1, "DMTF Reserved"],
    [4096n, "Method Parameters Checked - Job Started"],
    [40000n, "Vendor Specific"],
    ["4097", "Method Reserved"],
    ["7", "DMTF Reserved"],
    [1.5, undefined],
    [Number.NaN, undefined],
    ["0x1000", undefined],
    ["..", undefined],
  ])("%s -> %s", (value, label) => {
    expect(decode(createSnapshotReturn, value)).toBe(label);
  });

  it("returns the whole entry from findEntry", () => {
    expect(findEntry(createSnapshotReturn, 40000)).toEqual({
      label: "Vendor Specific",
      value: "32768..65535",
      lo: 32768,
      hi: 65535,
    });
  });
});

describe("decode: entry kinds and order", () => {
  const map: ValueMap = [
    { label: "Low", value: "..9", hi: 9 },
    { label: "Ten", value: "0xA", lo: 10, hi: 10 },
    { label: "Overlapping", value: "10..20", lo: 10, hi: 20 },
    { label: "High", value: "100..", lo: 100 },
  ];
  it.each<[number, string | undefined]>([
    [-5, "Low"],
    [9, "Low"],
    [10, "Ten"], // the first entry in written order wins
    [15, "Overlapping"],
    [50, undefined], // no `..`: the map names nothing here
    [1e9, "High"],
  ])("%s -> %s", (value, label) => {
    expect(decode(map, value)).toBe(label);
  });

  it("puts `..` after every single and range, wherever it is written", () => {
    const restFirst: ValueMap = [
      { label: "Rest", value: "..", rest: true },
      { label: "Two", value: "2", lo: 2, hi: 2 },
    ];
    expect([decode(restFirst, 2), decode(restFirst, 3)]).toEqual(["Two", "Rest"]);
  });

  it("compares bigint bounds with number values exactly (uint64 maps)", () => {
    const max = 2n ** 64n - 1n;
    const map: ValueMap = [
      { label: "Safe", value: "9007199254740991", lo: Number.MAX_SAFE_INTEGER, hi: Number.MAX_SAFE_INTEGER },
      { label: "Above", value: "9007199254740992..", lo: 2n ** 53n, hi: max },
    ];
    expect(decode(map, Number.MAX_SAFE_INTEGER)).toBe("Safe");
    expect(decode(map, 2 ** 53)).toBe("Above");
    expect(decode(map, max)).toBe("Above");
    expect(decode(map, max + 1n)).toBeUndefined();
    expect(decode(map, "18446744073709551615")).toBe("Above");
  });

  it("matches string maps exactly, where `..` is just a string", () => {
    const map: ValueMap = [
      { label: "Gold level", value: "Gold" },
      { label: "Dots", value: ".." },
      { label: "Digits", value: "12" },
    ];
    expect([decode(map, "Gold"), decode(map, "gold"), decode(map, ".."), decode(map, "12"), decode(map, 12)]).toEqual([
      "Gold level",
      undefined,
      "Dots",
      "Digits",
      undefined,
    ]);
  });
});

describe("isOpen", () => {
  it.each<[string, ValueMap, boolean]>([
    ["singles only", [{ label: "A", value: "1", lo: 1, hi: 1 }], false],
    ["a bare ..", [{ label: "R", value: "..", rest: true }], true],
    ["a closed range", [{ label: "V", value: "2..3", lo: 2, hi: 3 }], true],
    ["an open range", [{ label: "V", value: "2..", lo: 2 }], true],
    ["a string map", [{ label: "G", value: "Gold" }], false],
    ["the empty map", [], false],
  ])("%s: %s", (_, map, open) => {
    expect(isOpen(map)).toBe(open);
  });

  it("sees CreateSnapshot's return map as open", () => {
    expect(isOpen(createSnapshotReturn)).toBe(true);
  });
});

describe("the same-named union type pattern", () => {
  const SnapshotType = { FullSnapshot: 2, DiskSnapshot: 3 } as const;
  type SnapshotType = (typeof SnapshotType)[keyof typeof SnapshotType] | OpenValue;
  type Closed = NamedValue<typeof SnapshotType>;

  it("accepts named and unnamed values when open, only named ones when closed", () => {
    const named: SnapshotType = SnapshotType.DiskSnapshot;
    const unnamed: SnapshotType = 32768;
    expectTypeOf<NamedValue<typeof SnapshotType, true>>().toEqualTypeOf<SnapshotType>();
    expectTypeOf<Closed>().toEqualTypeOf<2 | 3>();
    expectTypeOf<4>().not.toExtend<Closed>();
    expectTypeOf<number>().toExtend<SnapshotType>();
    expectTypeOf<bigint>().toExtend<NamedValue<{ Max: 1n }, true, bigint>>();
    expect([named, unnamed]).toEqual([3, 32768]);
  });

  it("narrows with isNamedValue", () => {
    const value: SnapshotType = 3;
    const seen: (2 | 3 | "other")[] = [];
    for (const v of [value, 9]) {
      if (isNamedValue(SnapshotType, v)) {
        expectTypeOf(v).toEqualTypeOf<2 | 3>();
        seen.push(v);
      } else seen.push("other");
    }
    expect(seen).toEqual([3, "other"]);
    expect(isNamedValue({ Big: 2n ** 64n - 1n }, 2n ** 64n - 1n)).toBe(true);
  });
});

describe("compactInteger", () => {
  it.each<[bigint, number | bigint]>([
    [0n, 0],
    [-5n, -5],
    [9007199254740991n, 9007199254740991],
    [-9007199254740991n, -9007199254740991],
    [9007199254740992n, 9007199254740992n],
    [-9007199254740992n, -9007199254740992n],
    [18446744073709551615n, 18446744073709551615n],
  ])("%s -> %s", (n, expected) => {
    expect(compactInteger(n)).toBe(expected);
  });
});
