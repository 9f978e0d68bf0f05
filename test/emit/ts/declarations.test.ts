import { describe, expect, it } from "vitest";
import { type Declaration, declarationLines } from "../../../src/emit/ts/declarations.js";
import { type ModuleStatement, printStatements } from "../../../src/emit/ts/print.js";

// The layout these expectations spell out is the one the goldens under expected/ hold (ts-morph's, kept byte for
// byte when printing moved to text): a change here is a change to every generated file.
const cases: [string, Declaration, string[]][] = [
  [
    "an interface with a heritage and documented members",
    {
      kind: "interface",
      name: "C",
      extends: ["B"],
      docs: ["One line."],
      properties: [
        { name: "K", isReadonly: true, type: "string", docs: ["Key.", "", "@key"] },
        { name: "P", isReadonly: true, hasQuestionToken: true, type: "number | null" },
      ],
    },
    [
      "/** One line. */",
      "export interface C extends B {",
      "  /**",
      "   * Key.",
      "   *",
      "   * @key",
      "   */",
      "  readonly K: string;",
      "  readonly P?: number | null;",
      "}",
    ],
  ],
  ["an empty interface", { kind: "interface", name: "E", properties: [] }, ["export interface E {", "}"]],
  [
    "a function",
    {
      kind: "function",
      name: "f",
      parameters: [
        { name: "a", type: "A" },
        { name: "b", type: "B" },
      ],
      returnType: "a is A",
      statements: ["return true;"],
    },
    ["export function f(a: A, b: B): a is A {", "  return true;", "}"],
  ],
  [
    "a type alias",
    { kind: "typeAlias", name: "T", type: "1 | 2", docs: ["T."] },
    ["/** T. */", "export type T = 1 | 2;"],
  ],
  [
    "a class with a property and methods",
    {
      kind: "class",
      name: "P",
      isAbstract: true,
      extends: "Base<X>",
      implements: ["I"],
      properties: [{ name: "schema", hasOverrideKeyword: true, isReadonly: true, type: "S", initializer: "X_Schema" }],
      methods: [
        {
          name: "m",
          isAsync: true,
          parameters: [],
          returnType: "Promise<void>",
          statements: ["switch (x) {", "  default:", "}"],
        },
        {
          name: "n",
          hasOverrideKeyword: true,
          docs: ["N."],
          parameters: [{ name: "i", type: "I" }],
          returnType: "void",
          statements: [],
        },
      ],
    },
    [
      "export abstract class P extends Base<X> implements I {",
      "  override readonly schema: S = X_Schema;",
      "",
      "  async m(): Promise<void> {",
      "    switch (x) {",
      "      default:",
      "    }",
      "  }",
      "",
      "  /** N. */",
      "  override n(i: I): void {",
      "  }",
      "}",
    ],
  ],
  ["an empty class", { kind: "class", name: "U", extends: "B" }, ["export class U extends B {", "}"]],
  ["a re-export", { kind: "exportAll", moduleSpecifier: "./a.js" }, ['export * from "./a.js";']],
  [
    "a namespace re-export",
    { kind: "exportAll", namespaceExport: "ns", moduleSpecifier: "./a.js" },
    ['export * as ns from "./a.js";'],
  ],
];

describe("declarationLines", () => {
  it.each(cases)("prints %s", (_, declaration, expected) => {
    expect(declarationLines(declaration)).toEqual(expected);
  });
});

describe("printStatements", () => {
  const raw = (...lines: string[]): ModuleStatement => ({ kind: "raw", lines });
  const alias: Declaration = { kind: "typeAlias", name: "T", type: "1" };
  const fn: Declaration = { kind: "function", name: "f", parameters: [], returnType: "void", statements: [] };

  it("puts a blank line before blocks and raw text; a type alias or re-export follows unless after a }", () => {
    const text = printStatements(
      ["// header"],
      [{ kind: "exportAll", moduleSpecifier: "./a.js" }, raw("export const T = 1;"), alias, fn, alias],
    );
    expect(text.split("\n")).toEqual([
      "// header",
      'export * from "./a.js";',
      "",
      "export const T = 1;",
      "export type T = 1;",
      "",
      "export function f(): void {",
      "}",
      "",
      "export type T = 1;",
      "",
    ]);
  });

  it("adds no second blank line after a header that ends in one", () => {
    expect(printStatements(["// header", ""], [fn])).toBe("// header\n\nexport function f(): void {\n}\n");
  });
});
