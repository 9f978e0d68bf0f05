import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { IntrinsicTypeName, ValueMapEntry } from "../../src/model/types.js";
import {
  decodeValue,
  implicitValueMap,
  resolveValueMap,
  type ValueMapInput,
  type WrittenString,
} from "../../src/model/value-map.js";
import { SourceFile } from "../../src/source/source-file.js";
import { resolveSpan, type Span, span } from "../../src/source/span.js";

const intrinsic = new Set<string>(["boolean", "string", "char16", "datetime", "real32", "real64"]);
for (const bits of [8, 16, 32, 64]) intrinsic.add(`uint${bits}`).add(`sint${bits}`);

/**
 * The input for the ValueMap and Values qualifiers written in `text`, which ends with `<type> <name>;`: each
 * string's span covers its literal with the quotes, `at` is the element's name, and a type that is not a CIM
 * type (`Foo P;`) stands for an unknown element type.
 */
function input(text: string): ValueMapInput {
  const file = new SourceFile("t.mof", text);
  const strings = (qualifier: string): WrittenString[] | undefined => {
    const m = new RegExp(`\\b${qualifier}\\s*\\{([^}]*)\\}`).exec(text);
    if (m === null) return undefined;
    const body = m.index + m[0].indexOf("{") + 1;
    return [...(m[1] ?? "").matchAll(/"([^"]*)"/g)].map((s) => {
      const start = body + (s.index ?? 0);
      return { value: s[1] ?? "", span: span(file, start, start + s[0].length) };
    });
  };
  const element = /(\w+)\s+(\w+);\s*$/.exec(text);
  if (element === null) throw new Error(`no element in ${text}`);
  const type = element[1] ?? "";
  const nameStart = element.index + element[0].lastIndexOf(element[2] ?? "");
  return {
    valueMap: strings("ValueMap"),
    values: strings("Values"),
    elementType: intrinsic.has(type) ? (type as IntrinsicTypeName) : undefined,
    at: span(file, nameStart, nameStart + (element[2] ?? "").length),
  };
}

function resolve(text: string) {
  return resolveValueMap(input(text));
}

/** The map of `text`, which must resolve without diagnostics. */
function mapOf(text: string) {
  const r = resolve(text);
  expect(r.diagnostics.map(show)).toEqual([]);
  if (r.valueMap === undefined) throw new Error("no value map");
  return r.valueMap;
}

function at(s: Span): string {
  const r = resolveSpan(s);
  return `${r.line}:${r.column}`;
}

/** An entry's decoded fields, without the spans of its strings (pinned by their own tests). */
function decoded(e: ValueMapEntry | undefined) {
  if (e === undefined) return undefined;
  const { span: _span, labelSpan: _labelSpan, ...rest } = e;
  return rest;
}

/** Where an entry's ValueMap string and its Values label were written, as `line:column` (or `-`). */
function spansOf(e: ValueMapEntry): string {
  return `${e.span ? at(e.span) : "-"} ${e.labelSpan ? at(e.labelSpan) : "-"}`;
}

/** `line:column code message`, then each related location as `[line:column message]`. */
function show(d: Diagnostic): string {
  const related = (d.related ?? []).map((r) => ` [${at(r.span)} ${r.message}]`).join("");
  return `${d.span ? at(d.span) : "?"} ${d.code} ${d.message}${related}`;
}

describe("decoding integer maps", () => {
  const radixes = mapOf(
    `[ValueMap {"10", "0x1F", "017", "101b", "-3", "+4", "0XfF", "11B", "0"},
      Values {"ten", "hex", "octal", "binary", "minus three", "plus four", "upper hex", "upper binary", "zero"}]
     sint32 P;`,
  );
  it.each([
    [10n, "ten"],
    [31n, "hex"],
    [15n, "octal"],
    [5n, "binary"],
    [-3n, "minus three"],
    [4n, "plus four"],
    [255n, "upper hex"],
    [3n, "upper binary"],
    [0n, "zero"],
    [6n, undefined],
    [-4n, undefined],
    [16n, undefined],
  ])("single %s is %s", (value, label) => {
    expect(decodeValue(radixes, value)?.label).toBe(label);
  });

  it("keeps each single's string as written with its value as both bounds", () => {
    expect(decoded(radixes.entries[1])).toEqual({ label: "hex", value: "0x1F", kind: "single", lo: 31n, hi: 31n });
    expect(decoded(radixes.entries[4])).toEqual({
      label: "minus three",
      value: "-3",
      kind: "single",
      lo: -3n,
      hi: -3n,
    });
    expect(radixes.open).toBe(false);
  });

  it("keeps the span of each ValueMap string and of the Values string that labels it", () => {
    expect(radixes.entries.slice(0, 2).map(spansOf)).toEqual(["1:12 2:15", "1:18 2:22"]);
  });

  it.each([
    ["0x0A", "ten"],
    [" 0b11 ", undefined],
    ["11b", "upper binary"],
    ["abc", undefined],
  ])("the string %j decodes as a MOF integer: %s", (value, label) => {
    expect(decodeValue(radixes, value)?.label).toBe(label);
  });

  const ranges = mapOf(
    `[ValueMap {"..-10", "0..9", "0x10..0x1F", "100.."}, Values {"very low", "digit", "hex", "big"}] sint64 P;`,
  );
  it.each([
    [-(2n ** 62n), "very low"],
    [-11n, "very low"],
    [-10n, "very low"],
    [-9n, undefined],
    [0n, "digit"],
    [9n, "digit"],
    [10n, undefined],
    [16n, "hex"],
    [31n, "hex"],
    [32n, undefined],
    [99n, undefined],
    [100n, "big"],
    [2n ** 62n, "big"],
  ])("range value %s is %s", (value, label) => {
    expect(decodeValue(ranges, value)?.label).toBe(label);
  });

  it("gives open sides undefined bounds", () => {
    expect(ranges.entries.map(decoded)).toEqual([
      { label: "very low", value: "..-10", kind: "range", lo: undefined, hi: -10n },
      { label: "digit", value: "0..9", kind: "range", lo: 0n, hi: 9n },
      { label: "hex", value: "0x10..0x1F", kind: "range", lo: 16n, hi: 31n },
      { label: "big", value: "100..", kind: "range", lo: 100n, hi: undefined },
    ]);
  });
});

describe("CreateSnapshot's return value map", () => {
  const createSnapshot = mapOf(
    `[ValueMap {"0", "1", "2", "3", "4", "5", "6", "..", "4096", "4097..32767", "32768..65535"},
      Values {"Completed with No Error", "Not Supported", "Unknown", "Timeout", "Failed",
              "Invalid Parameter", "In Use", "DMTF Reserved", "Method Parameters Checked - Job Started",
              "Method Reserved", "Vendor Specific"}]
     uint32 CreateSnapshot;`,
  );
  it.each([
    [0n, "Completed with No Error"],
    [6n, "In Use"],
    [7n, "DMTF Reserved"],
    [4095n, "DMTF Reserved"],
    [4096n, "Method Parameters Checked - Job Started"],
    [4097n, "Method Reserved"],
    [32767n, "Method Reserved"],
    [32768n, "Vendor Specific"],
    [40000n, "Vendor Specific"],
    [65535n, "Vendor Specific"],
    [65536n, "DMTF Reserved"],
  ])("%s is %s", (value, label) => {
    expect(decodeValue(createSnapshot, value)?.label).toBe(label);
  });

  it("records the bare '..' as the rest entry and the map as open", () => {
    expect(decoded(createSnapshot.entries[7])).toEqual({
      label: "DMTF Reserved",
      value: "..",
      kind: "rest",
      lo: undefined,
      hi: undefined,
    });
    expect(createSnapshot.open).toBe(true);
  });

  it("lets singles and ranges win over a '..' written before them", () => {
    const m = mapOf(`[ValueMap {"..", "5", "10..20"}, Values {"other", "five", "teens"}] uint8 P;`);
    expect([4n, 5n, 10n, 15n, 20n, 21n].map((v) => decodeValue(m, v)?.label)).toEqual([
      "other",
      "five",
      "teens",
      "teens",
      "teens",
      "other",
    ]);
  });
});

describe("string maps", () => {
  const states = mapOf(
    `[ValueMap {"Enabled", "Disabled", "0x10", ".."}, Values {"On", "Off", "Hex-looking", "Dots"}] string P;`,
  );
  it("lists the allowed strings as singles without bounds", () => {
    expect(states.valueType).toBe("string");
    expect(states.open).toBe(false);
    expect(states.entries.map((e) => [e.value, e.kind, e.lo, e.hi])).toEqual([
      ["Enabled", "single", undefined, undefined],
      ["Disabled", "single", undefined, undefined],
      ["0x10", "single", undefined, undefined],
      ["..", "single", undefined, undefined],
    ]);
  });

  it.each([
    ["Enabled", "On"],
    ["enabled", undefined],
    ["0x10", "Hex-looking"],
    ["..", "Dots"],
    ["Other", undefined],
    [16n, undefined],
  ])("%s is %s", (value, label) => {
    expect(decodeValue(states, value)?.label).toBe(label);
  });

  it.each([
    [`[ValueMap {"1", "2..3"}] Foo P;`, "integer", true],
    [`[ValueMap {"1", "abc"}] Foo P;`, "string", false],
    [`[ValueMap {"1", "2"}] real64 P;`, "integer", false],
    [`[ValueMap {"a", "b"}] datetime P;`, "string", false],
    [`[ValueMap {"1", "2"}] string P;`, "string", false],
  ])("%s is an %s map (open: %s)", (text, valueType, open) => {
    const m = mapOf(text);
    expect([m.valueType, m.open]).toEqual([valueType, open]);
  });
});

describe("implicit and partial maps", () => {
  it("reads Values without ValueMap as 0..n-1, without a diagnostic", () => {
    const i = input(`[Values {"a", "b", "c"}] uint8 P;`);
    const r = resolveValueMap(i);
    expect(r.diagnostics).toEqual([]);
    expect({ ...r.valueMap, entries: r.valueMap?.entries.map(decoded) }).toEqual({
      kind: "valueMap",
      valueType: "integer",
      entries: [
        { label: "a", value: "0", kind: "single", lo: 0n, hi: 0n },
        { label: "b", value: "1", kind: "single", lo: 1n, hi: 1n },
        { label: "c", value: "2", kind: "single", lo: 2n, hi: 2n },
      ],
      open: false,
    });
    expect(implicitValueMap(i.values ?? [])).toEqual(r.valueMap);
    expect([2n, 3n].map((v) => r.valueMap && decodeValue(r.valueMap, v)?.label)).toEqual(["c", undefined]);
    // Numbered, not written: only the labels have a place in the MOF.
    expect(r.valueMap?.entries.map(spansOf)).toEqual(["- 1:10", "- 1:15", "- 1:20"]);
  });

  it("labels a ValueMap without Values with its own strings", () => {
    const m = mapOf(`[ValueMap {"1", "0x2..3", ".."}] uint8 P;`);
    expect(m.entries.map((e) => [e.label, e.value])).toEqual([
      ["1", "1"],
      ["0x2..3", "0x2..3"],
      ["..", ".."],
    ]);
    expect(m.entries.map(spansOf)).toEqual(["1:12 -", "1:17 -", "1:27 -"]);
  });

  it("gives an empty ValueMap a closed map with no entries", () => {
    const m = mapOf(`[ValueMap {}] uint8 P;`);
    expect([m.entries, m.open, decodeValue(m, 0n)]).toEqual([[], false, undefined]);
  });

  it("gives no map when neither qualifier is written", () => {
    expect(resolve(`[Description("x")] uint8 P;`)).toEqual({ valueMap: undefined, diagnostics: [] });
  });

  it.each([
    [`[ValueMap {"0", "1"}] uint8 P;`, false],
    [`[ValueMap {"0..1"}] uint8 P;`, true],
    [`[ValueMap {"0", ".."}] uint8 P;`, true],
    [`[ValueMap {"5.."}] uint8 P;`, true],
    [`[ValueMap {"..5"}] uint8 P;`, true],
    [`[ValueMap {"3..3"}] uint8 P;`, true],
    [`[Values {"a"}] uint8 P;`, false],
    [`[ValueMap {"..", "1..2"}] string P;`, false],
  ])("%s is open: %s", (text, open) => {
    expect(mapOf(text).open).toBe(open);
  });
});

describe("ValueMap and Values lengths (MOF3010)", () => {
  it.each([
    [
      `[ValueMap {"0", "1", "2"},\n Values {"a", "b"}]\nuint8 P;`,
      "2:10 MOF3010 ValueMap has 3 entries but Values has 2; they must pair up",
      ["a", "b", "2"],
    ],
    [
      `[ValueMap {"0"}, Values {"a", "b"}] uint8 P;`,
      "1:26 MOF3010 ValueMap has 1 entries but Values has 2; they must pair up",
      ["a"],
    ],
    [
      `[ValueMap {"0"}, Values {}]\nuint8 Prop;`,
      "2:7 MOF3010 ValueMap has 1 entries but Values has 0; they must pair up",
      ["0"],
    ],
  ])("%j", (text, expected, labels) => {
    const r = resolve(text);
    expect(r.diagnostics.map(show)).toEqual([expected]);
    expect(r.valueMap?.entries.map((e) => e.label)).toEqual(labels);
  });
});

describe("ValueMap entries (MOF3011)", () => {
  const notInteger = "not an integer (5, 0x1F, 017 or 101b)";
  const notEntry = `${notInteger} or a range (lo..hi, ..hi, lo.. or a bare ..)`;
  it.each([
    ["abc", "uint8", notEntry],
    ["", "uint8", `empty; ${notEntry}`],
    ["1.5", "uint8", notEntry],
    ["0x", "uint8", "'0x' must be followed by hexadecimal digits"],
    ["0x1G", "uint32", "hexadecimal digits are 0-9 and A-F"],
    ["08", "uint8", "a leading 0 makes an octal number, whose digits are 0-7"],
    ["2b", "uint8", "binary digits are 0 and 1"],
    ["1...2", "uint8", "a range has exactly one '..' between its bounds"],
    ["1..2..3", "uint8", "a range has exactly one '..' between its bounds"],
    ["5..3", "uint8", "the range is empty: its low bound 5 is greater than its high bound 3"],
    ["0x10..0xF", "Foo", "the range is empty: its low bound 0x10 is greater than its high bound 0xF"],
    ["..x", "uint8", `its high bound 'x': ${notInteger}`],
    ["abc..5", "uint8", `its low bound 'abc': ${notInteger}`],
    ["256", "uint8", "256 is outside the uint8 range 0..255"],
    ["0x100", "uint8", "0x100 (256) is outside the uint8 range 0..255"],
    ["0..256", "uint8", "256 is outside the uint8 range 0..255"],
    ["-1", "uint16", "-1 is outside the uint16 range 0..65535"],
    ["-129", "sint8", "-129 is outside the sint8 range -128..127"],
    ["128..", "sint8", "128 is outside the sint8 range -128..127"],
    ["4294967296", "uint32", "4294967296 is outside the uint32 range 0..4294967295"],
    ["18446744073709551616", "uint64", "18446744073709551616 is outside the uint64 range 0..18446744073709551615"],
    [
      "-9223372036854775809",
      "sint64",
      "-9223372036854775809 is outside the sint64 range -9223372036854775808..9223372036854775807",
    ],
  ])("%j on %s: %s", (entry, type, why) => {
    const r = resolve(`[ValueMap {"0",\n           "${entry}"}]\n${type} P;`);
    expect(r.diagnostics.map(show)).toEqual([`2:12 MOF3011 ValueMap entry '${entry}': ${why}`]);
    expect(r.valueMap?.valueType).toBe("integer");
    expect(r.valueMap?.entries.map((e) => e.value)).toEqual(["0"]);
  });

  it.each([
    ["255", "uint8"],
    ["-128..127", "sint8"],
    ["0..0xFFFF", "uint16"],
    ["18446744073709551615", "uint64"],
    ["-9223372036854775808..", "sint64"],
    ["-5", "Foo"],
    [" 7 ", "uint8"],
    ["1 .. 2", "uint8"],
  ])("%j on %s is accepted", (entry, type) => {
    expect(mapOf(`[ValueMap {"${entry}"}] ${type} P;`).entries.map((e) => e.value)).toEqual([entry]);
  });

  it("leaves out a bad entry but keeps the others paired with their labels", () => {
    const r = resolve(`[ValueMap {"0", "x", "2"}, Values {"zero", "ex", "two"}] uint8 P;`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["MOF3011"]);
    expect(r.valueMap?.entries.map((e) => [e.value, e.label])).toEqual([
      ["0", "zero"],
      ["2", "two"],
    ]);
  });
});

describe("overlapping entries (MOF3012)", () => {
  const twoLines = (a: string, b: string, type: string) => `[ValueMap {\n  "${a}",\n  "${b}"}]\n${type} P;`;
  it.each([
    ["1", "1", "uint32"],
    ["16", "0x10", "uint32"],
    ["0..10", "5", "uint32"],
    ["5", "0..10", "uint32"],
    ["0..10", "10..20", "uint32"],
    ["10..20", "0..10", "uint32"],
    ["..5", "3", "sint32"],
    ["5..", "..5", "sint32"],
    ["0..", "1000000", "uint32"],
    ["..", "..", "uint32"],
    ["a", "a", "string"],
  ])("%j then %j on %s", (a, b, type) => {
    expect(resolve(twoLines(a, b, type)).diagnostics.map(show)).toEqual([
      `3:3 MOF3012 ValueMap entry '${b}' overlaps '${a}' [2:3 '${a}' is here]`,
    ]);
  });

  it.each([
    ["0..4", "5..9", "uint32"],
    ["..4", "5..", "sint32"],
    ["..", "5", "uint32"],
    ["5", "..", "uint32"],
    ["0x10", "17", "uint32"],
    ["a", "A", "string"],
  ])("%j and %j on %s do not overlap", (a, b, type) => {
    expect(resolve(twoLines(a, b, type)).diagnostics).toEqual([]);
  });

  it.each([
    [
      `[ValueMap {"0..100", "50", "40..60"}] uint8 P;`,
      ["1:22 '50' overlaps '0..100'", "1:28 '40..60' overlaps '0..100'"],
    ],
    [`[ValueMap {"50", "0..10", "40..60"}] uint8 P;`, ["1:27 '40..60' overlaps '50'"]],
    [`[ValueMap {"7", "0..100", "7"}] uint8 P;`, ["1:17 '0..100' overlaps '7'", "1:27 '7' overlaps '7'"]],
  ])("%s names the earliest entry it overlaps", (text, expected) => {
    const found = resolve(text).diagnostics.map((d) => `${d.span ? at(d.span) : "?"} ${d.message.slice(15)}`);
    expect(found).toEqual(expected);
  });

  it("points the related location at the earliest overlapped entry", () => {
    const [d] = resolve(`[ValueMap {"7", "0..100", "7"}] uint8 P;`).diagnostics.slice(1);
    expect(d?.related?.map((r) => at(r.span))).toEqual(["1:12"]);
  });
});

// --- properties ---------------------------------------------------------------------------------------------

const anywhere = span(new SourceFile("p.mof", "x"), 0, 1);
const written = (value: string): WrittenString => ({ value, span: anywhere });

/** `v` in one of the four DSP0004 integer notations. */
function inRadix(v: bigint, radix: 2 | 8 | 10 | 16): string {
  const sign = v < 0n ? "-" : "";
  const a = v < 0n ? -v : v;
  if (radix === 2) return `${sign}${a.toString(2)}b`;
  if (radix === 8) return `${sign}0${a.toString(8)}`;
  if (radix === 16) return `${sign}0x${a.toString(16).toUpperCase()}`;
  return `${sign}${a}`;
}

const piece = fc.record({
  gap: fc.bigInt({ min: 1n, max: 50n }),
  width: fc.bigInt({ min: 0n, max: 50n }),
  range: fc.boolean(),
  radix: fc.constantFrom(2 as const, 8 as const, 10 as const, 16 as const),
  order: fc.nat({ max: 1000 }),
});

describe("value map properties", () => {
  it("decodes to the entry containing the value, else '..', else nothing", () => {
    const layout = fc.record({
      start: fc.bigInt({ min: -1000n, max: 1000n }),
      pieces: fc.array(piece, { minLength: 1, maxLength: 12 }),
      lowOpen: fc.boolean(),
      highOpen: fc.boolean(),
      rest: fc.option(fc.nat({ max: 12 }), { nil: undefined }),
      probe: fc.bigInt({ min: -2000n, max: 3000n }),
    });
    fc.assert(
      fc.property(layout, ({ start, pieces, lowOpen, highOpen, rest, probe }) => {
        let cursor = start;
        const intervals = pieces.map((p, i) => {
          const lo = cursor + p.gap;
          const hi = p.range ? lo + p.width : lo;
          cursor = hi;
          const openLow = p.range && lowOpen && i === 0;
          // Both sides open would be a bare "..", which is the rest entry, not a range.
          const openHigh = p.range && highOpen && i === pieces.length - 1 && !openLow;
          const text = p.range
            ? `${openLow ? "" : inRadix(lo, p.radix)}..${openHigh ? "" : inRadix(hi, p.radix)}`
            : inRadix(lo, p.radix);
          return { lo: openLow ? undefined : lo, hi: openHigh ? undefined : hi, text, label: `L${i}`, order: p.order };
        });
        const shuffled = [...intervals].sort((a, b) => a.order - b.order);
        const entries = shuffled.map((iv) => [iv.text, iv.label]);
        if (rest !== undefined) entries.splice(Math.min(rest, entries.length), 0, ["..", "rest"]);
        const r = resolveValueMap({
          valueMap: entries.map(([text]) => written(text ?? "")),
          values: entries.map(([, label]) => written(label ?? "")),
          elementType: "sint64",
          at: anywhere,
        });
        expect(r.diagnostics).toEqual([]);
        const map = r.valueMap;
        if (map === undefined) throw new Error("no map");
        expect(map.open).toBe(rest !== undefined || pieces.some((p) => p.range));
        const probes = [probe, ...intervals.flatMap((iv) => [iv.lo, iv.hi].filter((b) => b !== undefined))];
        for (const p of probes.flatMap((b) => [b - 1n, b, b + 1n])) {
          const owner = intervals.find(
            (iv) => (iv.lo === undefined || iv.lo <= p) && (iv.hi === undefined || p <= iv.hi),
          );
          const expected = owner?.label ?? (rest !== undefined ? "rest" : undefined);
          expect(decodeValue(map, p)?.label).toBe(expected);
        }
      }),
    );
  });

  it("never throws, and reports only its own codes at the strings it was given", () => {
    const entry = fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^[-+ ]?[0-9a-fxXbB.]{0,10}$/));
    const types = [undefined, ...intrinsic].map((t) => t as IntrinsicTypeName | undefined);
    const file = new SourceFile("f.mof", " ".repeat(100));
    const strings = (texts: readonly string[], base: number) =>
      texts.map((value, i) => ({ value, span: span(file, base + i, base + i + 1) }));
    fc.assert(
      fc.property(
        fc.option(fc.array(entry, { maxLength: 8 }), { nil: undefined }),
        fc.option(fc.array(fc.string({ maxLength: 4 }), { maxLength: 8 }), { nil: undefined }),
        fc.constantFrom(...types),
        fc.bigInt({ min: -(2n ** 65n), max: 2n ** 65n }),
        (valueMap, values, elementType, probe) => {
          const given = {
            valueMap: valueMap && strings(valueMap, 0),
            values: values && strings(values, 50),
            elementType,
            at: span(file, 99, 100),
          };
          const r = resolveValueMap(given);
          const places = new Set([...(given.valueMap ?? []), ...(given.values ?? [])].map((w) => w.span));
          places.add(given.at);
          for (const d of r.diagnostics) {
            expect(["MOF3010", "MOF3011", "MOF3012"]).toContain(d.code);
            expect(d.span && places.has(d.span)).toBe(true);
          }
          if (r.valueMap !== undefined) {
            decodeValue(r.valueMap, probe);
            decodeValue(r.valueMap, String(probe));
            for (const e of r.valueMap.entries) {
              if (r.valueMap.valueType === "integer" && e.kind === "single") expect(e.lo).toBe(e.hi);
            }
          }
        },
      ),
    );
  });
});
