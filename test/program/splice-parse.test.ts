import { describe, expect, it } from "vitest";
import type { MofFile } from "../../src/ast/nodes.js";
import { parseSource } from "../../src/parser/parse.js";
import { spliceParse } from "../../src/program/splice-parse.js";
import { SourceFile } from "../../src/source/source-file.js";
import type { Span } from "../../src/source/span.js";

const base = [
  '#pragma namespace("root/test")',
  "Qualifier Key : boolean = false, Scope(property);",
  "class A { [Key] string Id; };",
  "",
  "/* the second class */",
  "class B : A {",
  "  string Name;",
  "};",
  "class C { uint8 N; }; class D { };",
  "#pragma autorecover",
  "class E { };",
  "",
].join("\n");

const crlf = base.replaceAll("\n", "\r\n");

function parse(text: string): MofFile {
  const result = parseSource(new SourceFile("/x/a.mof", text));
  expect(result.diagnostics).toEqual([]);
  return result.ast;
}

/** The tree without its `SourceFile` references, each span as its text and line:column in `text`. */
function shape(ast: MofFile, text: string): string {
  const file = new SourceFile("/x/a.mof", text);
  return JSON.stringify(ast.productions, (key, value) => {
    if (key === "file" || key === "source") return undefined;
    if (typeof value === "bigint") return `${value}n`;
    if (value !== null && typeof value === "object" && "file" in value) {
      const s = value as Span;
      const at = file.position(s.start);
      return `${at.line}:${at.column} ${text.slice(s.start, s.end)}`;
    }
    return value;
  });
}

/** Every span's own file agrees with the new text: same characters and same line and column. */
function spansAgree(ast: MofFile, text: string): void {
  const file = new SourceFile("/x/a.mof", text);
  const walk = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (const v of value) walk(v);
      return;
    }
    if ("file" in value) {
      const s = value as Span;
      expect(s.file.text.slice(s.start, s.end)).toBe(text.slice(s.start, s.end));
      expect(s.file.position(s.start)).toEqual(file.position(s.start));
      expect(s.file.position(s.end)).toEqual(file.position(s.end));
      return;
    }
    for (const v of Object.values(value)) walk(v);
  };
  walk(ast.productions);
}

/** Splice `next` into the parse of `before`; expect the tree a full parse of `next` gives. */
function splicedEqualsFull(before: MofFile, next: string): MofFile {
  const spliced = spliceParse({ ast: before }, new SourceFile("/x/a.mof", next), "wmi");
  expect(spliced).toBeDefined();
  const tree = spliced as MofFile;
  expect(shape(tree, next)).toBe(shape(parse(next), next));
  spansAgree(tree, next);
  return tree;
}

describe("spliceParse (an edited file parsed from its edit on)", () => {
  const edits: [string, string][] = [
    ["a class appended", `${base}class F : B { string More; };\n`],
    ["a line inserted before B", base.replace("/* the second", "class G { };\n/* the second")],
    ["the first declaration edited", base.replace("root/test", "root/other")],
    [
      "a comment opened before C and closed inside D",
      base.replace("class C", "/* class C").replace("D { };", "D { */"),
    ],
    ["two declarations on one line, the second edited", base.replace("class D { }", "class D { string X; }")],
    // The pragma has no parentheses: the parser looked past its name, so it is parsed again with what follows.
    ["the class after a pragma without parentheses", base.replace("class E { }", "class E { string Z; }")],
    ["the text emptied", ""],
    ["a class inserted in a file with CRLF line ends", crlf.replace("/* the second", "class G { };\r\n/* the second")],
    ["B deleted", base.replace("class B : A {\n  string Name;\n};\n", "")],
  ];
  for (const [what, next] of edits) {
    it(`gives the full parse's tree: ${what}`, () => {
      splicedEqualsFull(parse(next.includes("\r\n") ? crlf : base), next);
    });
  }

  for (const [ends, text] of [
    ["LF", base],
    ["CRLF", crlf],
  ] as const) {
    it(`reuses the declarations before the edit as they are, and parses the rest afresh (${ends})`, () => {
      const before = parse(text);
      const next = text.replace("string Name;", "string Name; string Caption;");
      const tree = splicedEqualsFull(before, next);
      // The pragma, the qualifier type and A end cleanly before the edit: the same objects. B on is new.
      for (let i = 0; i < 3; i++) expect(tree.productions[i]).toBe(before.productions[i]);
      expect(tree.productions[3]).not.toBe(before.productions[3]);
    });
  }

  it("refuses when the new text has any diagnostic (the caller parses the whole file)", () => {
    const before = parse(base);
    for (const next of [
      base.replace("class C", "/* class C"), // a comment left open to the end
      base.replace("string Name;", "string Name"), // a syntax error
      base.replace("string Name;", 'string Name = "open;'), // a string left open
    ]) {
      expect(spliceParse({ ast: before }, new SourceFile("/x/a.mof", next), "wmi")).toBeUndefined();
    }
  });

  it("keeps a tree exact over many edits, each spliced into the last, holding at most four texts", () => {
    let tree = parse(base);
    let text = base;
    for (let i = 0; i < 12; i++) {
      // Alternate between appending and editing an early class, so kept declarations come from several texts.
      text =
        i % 2 === 0 ? `${text}class N${i} { uint${8 << (i % 3)} P${i}; };\n` : text.replace("Id;", `Id; string F${i};`);
      const spliced = spliceParse({ ast: tree }, new SourceFile("/x/a.mof", text), "wmi");
      tree = spliced ?? parse(text);
      expect(shape(tree, text)).toBe(shape(parse(text), text));
      spansAgree(tree, text);
      expect(new Set(tree.productions.map((p) => p.span.file)).size).toBeLessThanOrEqual(4);
    }
  });
});
