import { describe, expect, it } from "vitest";
import type { ClassDeclaration } from "../../src/ast/nodes.js";
import { parseText } from "../../src/program/program.js";
import { messagesOf } from "../helpers/parse.js";

describe("error recovery", () => {
  it("reports every syntax error of a file in one run and keeps the rest of the tree", () => {
    const text = [
      "class A {",
      "  string P",
      "  uint16 Q;",
      "};",
      "class B {",
      "  [Key string K;",
      "};",
      "class C : {",
      "};",
      "instance of A { P = ; };",
      "class D { uint32 Good; };",
    ].join("\n");
    const r = parseText(text);
    expect(messagesOf(text)).toEqual([
      "3:3 MOF1201 expected ';' after the property declaration, found 'uint16'",
      "6:8 MOF1201 expected ']' to close the qualifier list, found 'string'",
      "8:11 MOF1201 expected a name in the class declaration, found '{'",
      "10:21 MOF1201 expected a value, found ';'",
    ]);
    const classes = r.ast.productions.filter((p): p is ClassDeclaration => p.kind === "class");
    expect(classes.map((c) => c.name.name)).toEqual(["A", "B", "C", "D"]);
    expect(classes[0]?.features.map((f) => f.name.name)).toEqual(["P", "Q"]);
  });

  it("skips the rest of a statement after garbage on the same line, then goes on", () => {
    const text = "class A {\n  datetime T = 00000000000500.000000:000;\n  boolean B;\n};";
    expect(messagesOf(text)).toEqual(["2:37 MOF1201 expected ';' after the property declaration, found ':'"]);
    const cls = parseText(text).ast.productions[0] as ClassDeclaration;
    expect(cls.features.map((f) => f.name.name)).toEqual(["T", "B"]);
  });

  it("resumes at the next declaration after stray text at the top level", () => {
    const text = 'class A { string P; }\nuint32 Stray;\n[Description("d")] string AlsoStray;\nclass B { string Q; };';
    expect(messagesOf(text)).toEqual(["2:1 MOF1201 expected ';' after the class declaration, found 'uint32'"]);
    expect(parseText(text).ast.productions.map((p) => (p as ClassDeclaration).name.name)).toEqual(["A", "B"]);
  });

  it("keeps a class that lacks only its final ';' at the end of the file", () => {
    const text = "class CIM_Foo {\n  string InstanceID;\n}";
    expect(messagesOf(text)).toEqual(["3:2 MOF1201 expected ';' after the class declaration, found end of file"]);
    expect(parseText(text).ast.productions).toHaveLength(1);
  });

  it("says which word is wrong where any word is parsed (flavors, scopes, types)", () => {
    expect(messagesOf("Qualifier Q : boolean, Scope(class, thing), Flavor(Amended, Sticky);")).toEqual([
      "1:37 MOF1204 unknown qualifier scope 'thing'; expected one of Schema, Class, Association, Indication, Qualifier, Property, Reference, Method, Parameter, Any",
      "1:61 MOF1203 unknown qualifier flavor 'Sticky'; expected one of EnableOverride, DisableOverride, Restricted, ToSubclass, Translatable, Amended, ToInstance, NotToInstance, NotToSubclass",
    ]);
    expect(messagesOf("class A { unit16 P; int32 Q; strng R; };")).toEqual([
      "1:11 MOF1202 'unit16' is not a CIM data type; did you mean 'uint16'?",
      "1:21 MOF1202 'int32' is not a CIM data type; did you mean 'sint32'?",
      "1:30 MOF1202 'strng' is not a CIM data type; did you mean 'string'?",
    ]);
    // Two suggestions, each quoted, and the note outside the quotes.
    expect(messagesOf("class A { Integer P; };")).toEqual([
      "1:11 MOF1202 'Integer' is not a CIM data type; did you mean 'sint32' or 'sint64'? ('Integer' is MOF 3.0)",
    ]);
  });

  it("reports MOF 3.0 declarations once each and reads the MOF 2 around them", () => {
    const text = "enumeration E : uint16 { A = 1, B = 2 };\nclass C { structure S { string X; }; uint8 P; };";
    expect(messagesOf(text).map((m) => m.slice(0, 14))).toEqual(["1:1 MOF1210 a ", "2:11 MOF1210 a"]);
    const cls = parseText(text).ast.productions[0] as ClassDeclaration;
    expect(cls.features.map((f) => f.name.name)).toEqual(["P"]);
  });

  it("stops checking a file after 100 syntax errors, saying so", () => {
    const codes = messagesOf(`class A { ${"[Q] ".repeat(500)}};`).map((m) => m.split(" ")[1]);
    // Errors Chevrotain raises twice at one token are reported once, so slightly fewer than 100 are shown.
    const syntax = codes.filter((c) => c === "MOF1201").length;
    expect(syntax).toBeGreaterThan(90);
    expect(syntax).toBeLessThanOrEqual(100);
    expect(codes.at(-1)).toBe("MOF1214");
  });

  it("reports nesting too deep for the parser instead of overflowing the stack, then goes on", () => {
    const deep = `instance of A { P = ${"instance of B { P = ".repeat(100)}1${"; }".repeat(100)}; };`;
    const text = `${deep}\nclass After { uint8 P; };`;
    const r = parseText(text);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["MOF1213"]);
    expect(messagesOf(text)[0]?.startsWith("1:1281 MOF1213")).toBe(true);
    expect(r.ast.productions.at(-1)).toMatchObject({ kind: "class", name: { name: "After" } });
  });
});
