import { describe, expect, it } from "vitest";
import { integerRange } from "../../runtime/src/values/cim-value.js";
import { compactInteger, isOpen, type ValueMap } from "../../runtime/src/values/value-map.js";
import type { IntrinsicTypeName } from "../../src/model/types.js";
import { resolveValueMap } from "../../src/model/value-map.js";
import { integerRange as modelIntegerRange } from "../../src/model/values.js";
import { SourceFile } from "../../src/source/source-file.js";
import { span } from "../../src/source/span.js";

/**
 * The compiler's model and the runtime read one rule each for integer ranges and value-map openness. The model
 * decides the generated type (`| OpenValue`), the runtime what a provider host and a client accept; if they
 * disagreed, a value the type allows would be refused at run time or the other way round.
 */
const file = new SourceFile("t.mof", "");
const written = (values: readonly string[]) => values.map((value) => ({ value, span: span(file, 0, 0) }));

/** The model's map as the generator prints its run-time table (shared-maps.ts `tableEntry`). */
function runtimeTable(values: readonly string[], type: IntrinsicTypeName): { open: boolean; table: ValueMap } {
  const { valueMap } = resolveValueMap({
    valueMap: written(values),
    values: undefined,
    elementType: type,
    at: span(file, 0, 0),
  });
  if (valueMap === undefined) throw new Error("no map");
  const table = valueMap.entries.map((e) => ({
    label: e.label,
    value: e.value,
    ...(e.kind === "rest" ? { rest: true as const } : {}),
    ...(e.lo === undefined ? {} : { lo: compactInteger(e.lo) }),
    ...(e.hi === undefined ? {} : { hi: compactInteger(e.hi) }),
  }));
  return { open: valueMap.open, table };
}

describe("value-map openness: model and runtime agree (DSP0004: an entry with '..' is a range or the rest)", () => {
  it.each<[readonly string[], IntrinsicTypeName, boolean]>([
    [["1", "5..5"], "uint16", true],
    [["1", "2"], "uint16", false],
    [[".."], "uint16", true],
    [["0", "..", "4096"], "uint32", true],
    [["1..", "0"], "uint8", true],
    [["..5", "7"], "sint8", true],
    [["0x10", "0x20"], "uint16", false],
    [["18446744073709551615"], "uint64", false],
    [["0..18446744073709551615"], "uint64", true],
    [["-9223372036854775808..-1"], "sint64", true],
    [["a..b", "c"], "string", false],
  ])("%j on %s is open: %s", (values, type, open) => {
    const { open: modelOpen, table } = runtimeTable(values, type);
    expect(modelOpen).toBe(open);
    expect(isOpen(table)).toBe(open);
  });
});

describe("integer ranges: the model reads the runtime's", () => {
  it.each<IntrinsicTypeName>([
    "uint8",
    "sint8",
    "uint16",
    "sint16",
    "uint32",
    "sint32",
    "uint64",
    "sint64",
    "string",
    "real64",
    "boolean",
  ])("%s", (type) => {
    expect(modelIntegerRange(type)).toEqual(integerRange(type));
  });
});
