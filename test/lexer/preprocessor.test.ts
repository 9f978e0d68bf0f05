import { describe, expect, it } from "vitest";
import type { ClassDeclaration, PropertyDeclaration, Qualifier } from "../../src/ast/nodes.js";
import { parseText } from "../../src/program/program.js";
import { diagnosticsOf, messagesOf } from "../helpers/parse.js";

describe("WMI preprocessor subset", () => {
  it("expands object-like #define macros, with line continuations, where they are used", () => {
    const text = [
      "#define MY_TYPE uint8",
      "#define MY_QUALIFIERS \\",
      '    Description("expanded") : amended, \\',
      '    ValueMap{"0", "1"}',
      "class A {",
      "  [MY_QUALIFIERS] MY_TYPE P;",
      "};",
    ].join("\n");
    const r = parseText(text);
    expect(r.diagnostics).toEqual([]);
    const p = (r.ast.productions[0] as ClassDeclaration).features[0] as PropertyDeclaration;
    expect(p.type).toMatchObject({ kind: "intrinsic", name: "uint8" });
    const qualifiers = p.qualifiers?.qualifiers as Qualifier[];
    expect(qualifiers.map((q) => q.name.name)).toEqual(["Description", "ValueMap"]);
    expect(qualifiers[0]?.value).toMatchObject({ kind: "string", value: "expanded" });
  });

  it("places expanded tokens at the use site, so errors point at the macro name", () => {
    expect(diagnosticsOf("#define BAD 08\nclass A { uint8 P = BAD; };")).toEqual(["2:21 MOF1105"]);
  });

  it("reports a macro body's lexical problem at each use, not at the #define", () => {
    const text = "#define FLAGS (A | B)\nclass A { uint8 P; };\nclass B { [Q(FLAGS)] uint8 P; };";
    const messages = messagesOf(text);
    expect(messages[0]).toBe("3:14 MOF1101 in the expansion of macro 'FLAGS': unexpected character '|' (U+007C)");
    expect(messages.every((m) => !m.startsWith("1:"))).toBe(true);
  });

  it("honours #ifdef / #ifndef / #else / #endif and #undef", () => {
    const text = [
      "#define X",
      "#ifdef X",
      "class A {};",
      "#else",
      "class Broken { !!! };",
      "#endif",
      "#undef X",
      "#ifndef X",
      "class B {};",
      "#endif",
    ].join("\n");
    const r = parseText(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.ast.productions.map((p) => (p as ClassDeclaration).name.name)).toEqual(["A", "B"]);
  });

  it.each([
    ["#frobnicate\nclass A {};", "1:1 MOF1151"],
    ["#define F(x) x\nclass A {};", "1:9 MOF1153"],
    ["#endif\nclass A {};", "1:1 MOF1156"],
    ["#ifdef X\nclass A {};", "1:1 MOF1156"],
    ["#define R R\nclass A { uint8 P = R; };", "2:21 MOF1155"],
  ])("reports a bad directive: %j", (text, expected) => {
    expect(diagnosticsOf(text)).toContain(expected);
  });

  it("joins a line ending in a backslash to the next, as WDK MOF files expect", () => {
    expect(diagnosticsOf('class A {\n  [Description("x") : amended, \\\n   read] uint8 P;\n};')).toEqual([]);
  });

  it("reports every preprocessor directive under --dialect dmtf", () => {
    expect(diagnosticsOf("#define X uint8\nclass A { X P; };", "dmtf")).toEqual(["1:1 MOF1205"]);
  });

  it("cuts off an expansion that doubles at every level, once, instead of running out of memory", () => {
    const defines = Array.from({ length: 40 }, (_, i) => `#define M${i} M${i + 1} M${i + 1}`).join("\n");
    expect(diagnosticsOf(`${defines}\nclass A { uint8 P = M0; };`).filter((d) => d.endsWith("MOF1157"))).toEqual([
      "41:21 MOF1157",
    ]);
  });

  it("expands a chain of 10,000 macros without exhausting the stack", () => {
    const defines = Array.from({ length: 10_000 }, (_, i) => `#define M${i} M${i + 1}`).join("\n");
    expect(diagnosticsOf(`${defines}\n#define M10000 uint8\nclass A { M0 P; };`)).toEqual([]);
  });
});
