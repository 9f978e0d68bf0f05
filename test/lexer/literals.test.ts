import { describe, expect, it } from "vitest";
import type { ClassDeclaration, PropertyDeclaration, Value } from "../../src/ast/nodes.js";
import { parseText } from "../../src/program/program.js";
import { diagnosticsOf, messagesOf } from "../helpers/parse.js";

/** The default value of the first property of `class A { <type> P = <literal>; };`. */
function defaultOf(type: string, literal: string): Value | undefined {
  const r = parseText(`class A { ${type} P = ${literal}; };`);
  const cls = r.ast.productions[0] as ClassDeclaration;
  return (cls.features[0] as PropertyDeclaration).default;
}

describe("integer literals", () => {
  it.each([
    ["0", 0n, 10],
    ["42", 42n, 10],
    ["-17", -17n, 10],
    ["+5", 5n, 10],
    ["0x1F", 31n, 16],
    ["0XfF", 255n, 16],
    ["-0x10", -16n, 16],
    ["017", 15n, 8],
    ["101b", 5n, 2],
    ["1B", 1n, 2],
    ["18446744073709551615", 18446744073709551615n, 10],
  ])("%s is %s (radix %s)", (text, value, radix) => {
    expect(defaultOf("uint64", text)).toMatchObject({ kind: "integer", value, radix, text });
    expect(diagnosticsOf(`class A { uint64 P = ${text}; };`)).toEqual([]);
  });

  it.each([
    ["08", "a leading 0 makes an octal number, whose digits are 0-7"],
    ["2b", "binary digits are 0 and 1"],
    ["0x", "'0x' must be followed by hexadecimal digits"],
    ["0x1G", "hexadecimal digits are 0-9 and A-F"],
    ["12abc", "not a decimal, hexadecimal, octal or binary integer"],
  ])("%s is rejected: %s", (text, why) => {
    expect(messagesOf(`class A { uint64 P = ${text}; };`)).toEqual([`1:22 MOF1105 invalid number '${text}': ${why}`]);
  });
});

describe("real literals", () => {
  it.each([
    ["1.5", 1.5],
    ["-0.25", -0.25],
    [".5", 0.5],
    ["1.0e3", 1000],
    ["2.5E-2", 0.025],
  ])("%s is %s", (text, value) => {
    expect(defaultOf("real64", text)).toMatchObject({ kind: "real", value, text });
  });

  it.each([
    ["1.", "a real number needs digits after the '.'"],
    ["1e5", "a real number needs a '.' (write 1.0e5)"],
  ])("%s is rejected", (text, why) => {
    expect(messagesOf(`class A { real64 P = ${text}; };`)).toEqual([`1:22 MOF1105 invalid number '${text}': ${why}`]);
  });
});

describe("string literals", () => {
  it.each([
    ['"plain"', "plain"],
    ['"tab\\there"', "tab\there"],
    ['"\\b\\t\\n\\f\\r\\"\\\'\\\\"', "\b\t\n\f\r\"'\\"],
    ['"\\x41"', "A"],
    ['"\\X263a!"', "\u263a!"],
    ['"end\\x41"', "endA"],
    ['"\\x1"', "\u0001"],
    ['"a" "b"', "ab"],
    ['"a" /* comment */ "b" // more\n "c"', "abc"],
    ['""', ""],
    // Plain literals take a shorter path than literals with escapes: mixed, in either order.
    ['"a\\tb" "c" "d\\x41"', "a\tbcdA"],
    ['"a" "\\n" "b"', "a\nb"],
    ['"a" "" "b"', "ab"],
  ])("%s decodes", (text, value) => {
    expect(defaultOf("string", text)).toMatchObject({ kind: "string", value });
  });

  it("has no length limit (cimmof truncates at 1,023 characters)", () => {
    const long = "x".repeat(100_000);
    expect(defaultOf("string", `"${long}"`)).toMatchObject({ value: long });
  });

  // Issue 12 C1: the backslash was dropped ("class\subclass" read as "classsubclass"); cimmof keeps it.
  it("keeps an unknown escape as written, backslash and all, and warns", () => {
    expect(defaultOf("string", '"C:\\dir"')).toMatchObject({ value: "C:\\dir" });
    expect(defaultOf("string", '"class\\subclass"')).toMatchObject({ value: "class\\subclass" });
    expect(defaultOf("string", '"\\x"')).toMatchObject({ value: "\\x" });
    expect(messagesOf('class A { string P = "C:\\dir"; };')).toEqual([
      "1:25 MOF1104 unknown escape sequence '\\d', kept as written; MOF escapes are \\b \\t \\n \\f \\r \\\" \\' \\\\ \\xHHHH (write \\\\ for a backslash)",
    ]);
  });

  it("reports an unterminated string at its start", () => {
    expect(diagnosticsOf('class A { string P = "abc')).toContain("1:22 MOF1102");
  });

  it("reports a string broken across lines once and keeps the rest of the file in step", () => {
    const text = 'class A {\n  string P = "one\n  two";\n  string Q = "ok";\n};\nclass B { string R; };';
    expect(diagnosticsOf(text)).toEqual(["2:14 MOF1108"]);
    const r = parseText(text);
    expect(r.ast.productions.map((p) => (p as ClassDeclaration).name.name)).toEqual(["A", "B"]);
    expect((r.ast.productions[0] as ClassDeclaration).features.map((f) => f.name.name)).toEqual(["P", "Q"]);
  });
});

describe("char16 literals", () => {
  it.each([
    ["'a'", "a"],
    ["'\\n'", "\n"],
    ["'\\x41'", "A"],
    ["'\\''", "'"],
  ])("%s stores the character, not the quotes", (text, value) => {
    expect(defaultOf("char16", text)).toMatchObject({ kind: "char16", value });
  });

  it("two char16 literals on one line are two values (cimmof drops declarations here)", () => {
    const r = parseText("class A { char16 P = 'a'; char16 Q = 'b'; };");
    const features = (r.ast.productions[0] as ClassDeclaration).features as PropertyDeclaration[];
    expect(features.map((f) => f.default)).toMatchObject([{ value: "a" }, { value: "b" }]);
  });

  it.each([
    ["''", "invalid char16 literal: it is empty"],
    ["'ab'", 'invalid char16 literal: it holds 2 characters; use a string ("...")'],
  ])("%s is rejected", (text, message) => {
    expect(messagesOf(`class A { char16 P = ${text}; };`)).toEqual([`1:22 MOF1106 ${message}`]);
  });
});

describe("other tokens", () => {
  it("treats keywords case-insensitively and lets them serve as names", () => {
    const text = "CLASS Class { STRING Instance; Boolean Qualifier; uint8 Of; string Scope; string Flavor; };";
    expect(diagnosticsOf(text)).toEqual([]);
    const cls = parseText(text).ast.productions[0] as ClassDeclaration;
    expect(cls.name.name).toBe("Class");
    expect(cls.features.map((f) => f.name.name)).toEqual(["Instance", "Qualifier", "Of", "Scope", "Flavor"]);
  });

  it("reports a run of unexpected characters once, with its code point", () => {
    expect(messagesOf("class A { string P; @ };")).toEqual(["1:21 MOF1101 unexpected character '@' (U+0040)"]);
  });

  it("reports an unterminated block comment where it starts", () => {
    expect(diagnosticsOf("class A {};\n/* never closed\nclass B {};")).toEqual(["2:1 MOF1103"]);
  });
});
