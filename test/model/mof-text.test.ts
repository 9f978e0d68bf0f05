import { describe, expect, it } from "vitest";
import { mofTypeText, mofValueText, type ValueTextStyle } from "../../src/model/mof-text.js";
import type { CimValue, DataType, InstanceModel } from "../../src/model/types.js";

const docs: ValueTextStyle = { keywords: "title", arrays: "spaced" };
const diff: ValueTextStyle = { integers: "decimal", strings: "json", char16: "bare" };

const int = (value: bigint, text: string): CimValue => ({ kind: "integer", value, text });
const str = (value: string): CimValue => ({ kind: "string", value });
const instance = { kind: "instance", className: "CIM_Foo" } as unknown as InstanceModel;

describe("mofTypeText", () => {
  const ref: DataType = { kind: "reference", className: "CIM_System" };
  it.each<[string, DataType, Parameters<typeof mofTypeText>[1], string]>([
    ["intrinsic", { kind: "intrinsic", name: "uint16" }, undefined, "uint16"],
    ["variable array", { kind: "intrinsic", name: "uint16" }, { array: true }, "uint16[]"],
    ["fixed array", { kind: "intrinsic", name: "uint8" }, { array: { size: 4n } }, "uint8[4]"],
    ["array info without size", { kind: "intrinsic", name: "string" }, { array: { size: undefined } }, "string[]"],
    ["reference", ref, undefined, "CIM_System REF"],
    ["reference array", ref, { array: true }, "CIM_System REF[]"],
    ["reference without REF (docs)", ref, { ref: false }, "CIM_System"],
    ["WMI object REF", { kind: "reference", className: undefined }, undefined, "object REF"],
    ["object", { kind: "object" }, { array: true }, "object[]"],
    ["class-typed", { kind: "instance", className: "Msvm_Foo" }, undefined, "Msvm_Foo"],
    ["void takes no brackets", { kind: "void" }, { array: true }, "void"],
  ])("%s", (_why, type, options, text) => {
    expect(mofTypeText(type, options)).toBe(text);
  });
});

describe("mofValueText", () => {
  it.each<[string, CimValue, string, string, string]>([
    // what, value, MOF (default), docs, diff
    ["null", { kind: "null" }, "null", "Null", "null"],
    ["true", { kind: "boolean", value: true }, "true", "True", "true"],
    ["hex integer", int(16n, "0x10"), "0x10", "0x10", "16"],
    ["integer without text", int(-5n, ""), "-5", "-5", "-5"],
    ["real as written", { kind: "real", value: 1500, text: "1.5e3" }, "1.5e3", "1.5e3", "1.5e3"],
    ["real without text gets a point", { kind: "real", value: 5, text: "" }, "5.0", "5.0", "5.0"],
    ["string with escapes", str('a"b\\c\n'), '"a\\"b\\\\c\\n"', '"a\\"b\\\\c\\n"', '"a\\"b\\\\c\\n"'],
    ["control character", str("\u0001"), '"\\x0001"', '"\\x0001"', '"\\u0001"'],
    ["char16 quote", { kind: "char16", value: "'" }, "'\\''", "'\\''", "'''"],
    ["reference by alias", { kind: "reference", alias: "a1", path: undefined }, "$a1", "$a1", "$a1"],
    [
      "reference by path",
      { kind: "reference", alias: undefined, path: 'X.k="1"' },
      '"X.k=\\"1\\""',
      '"X.k=\\"1\\""',
      '"X.k=\\"1\\""',
    ],
    [
      "embedded instance",
      { kind: "instance", instance },
      "instance of CIM_Foo",
      "instance of CIM_Foo",
      "instance of CIM_Foo",
    ],
    ["empty array", { kind: "array", elements: [] }, "{}", "{ }", "{}"],
    ["array", { kind: "array", elements: [int(1n, "1"), str("x")] }, '{1, "x"}', '{ 1, "x" }', '{1, "x"}'],
  ])("%s", (_why, value, mof, inDocs, inDiff) => {
    expect(mofValueText(value)).toBe(mof);
    expect(mofValueText(value, docs)).toBe(inDocs);
    expect(mofValueText(value, diff)).toBe(inDiff);
  });
});

describe("mofValueText in the reference pages' Microsoft style (microsoftValueStyle) and the overlay's choices", () => {
  const page: ValueTextStyle = { ...docs, strings: "page", emptyArrays: "tight" };
  it.each<[string, CimValue, ValueTextStyle, string]>([
    ["a string keeps its backslash", str("GUID\\Data"), page, '"GUID\\Data"'],
    ["a quote and a line break keep their escapes", str('a"b\nc\rd'), page, '"a\\"b\\nc\\rd"'],
    ["a control character is printed as it is", str("\u0001"), page, '"\u0001"'],
    ["a reference path keeps MOF's escapes", { kind: "reference", alias: undefined, path: "a\\b" }, page, '"a\\\\b"'],
    ["an empty array is {}", { kind: "array", elements: [] }, page, "{}"],
    [
      "a string array's elements as the page writes strings",
      { kind: "array", elements: [str("a\\b")] },
      page,
      '{ "a\\b" }',
    ],
    ["upper-case keywords", { kind: "boolean", value: false }, { ...page, keywords: "upper" }, "FALSE"],
    ["upper-case null", { kind: "null" }, { keywords: "upper" }, "NULL"],
    ["a bare one-element array", { kind: "array", elements: [int(2n, "2")] }, { ...page, singleElement: "bare" }, "2"],
    [
      "bare applies to one element only",
      { kind: "array", elements: [int(2n, "2"), int(3n, "3")] },
      { ...page, singleElement: "bare" },
      "{ 2, 3 }",
    ],
    ["tight arrays", { kind: "array", elements: [str("OK")] }, { ...page, arrays: "tight" }, '{"OK"}'],
  ])("%s", (_why, value, style, text) => {
    expect(mofValueText(value, style)).toBe(text);
  });
});
