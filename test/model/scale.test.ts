import { describe, expect, it } from "vitest";
import type { ClassDeclaration, PragmaDirective, Production } from "../../src/ast/nodes.js";
import { collect } from "../../src/model/collect.js";
import { resolveSchema } from "../../src/model/resolve.js";
import { type Program, parseText } from "../../src/program/program.js";

/**
 * Issue 13 items 10 and 12: tens of thousands of classes, pragmas and namespaces. The declarations are made by
 * copying parsed ones under new names, so that the tests measure the model, not the parser.
 */
const template = parseText(
  `#pragma namespace("root/t")\nclass T : Base {};\n#pragma deleteclass("T", NOFAIL)\n`,
  "t.mof",
).ast.productions;
const [namespacePragma, classDecl, deletePragma] = template as [PragmaDirective, ClassDeclaration, PragmaDirective];

const cls = (name: string, superclass?: string): ClassDeclaration => ({
  ...classDecl,
  name: { ...classDecl.name, name },
  superclass: superclass === undefined ? undefined : { ...(classDecl.superclass ?? classDecl.name), name: superclass },
});
const pragma = (p: PragmaDirective, value: string): PragmaDirective => {
  const [first, ...rest] = p.arguments;
  if (first?.kind !== "string") throw new Error("the template's pragma has a string argument");
  return { ...p, arguments: [{ ...first, value }, ...rest] };
};

function program(productions: Production[]): Program {
  const file = parseText("", "big.mof");
  const big = { ...file, ast: { ...file.ast, productions } };
  return { files: [big], roots: [big], diagnostics: [], inputErrors: false };
}

describe("#pragma deleteclass at scale", () => {
  it("deletes one class of 130,000, more than fit in call arguments", () => {
    const productions: Production[] = Array.from({ length: 130_000 }, (_, i) => cls(`C${i}`));
    productions.push(pragma(deletePragma, "c64999"));
    const classes = collect(program(productions), "root/cimv2").namespaces.get("root/cimv2")?.classes ?? [];
    expect(classes.length).toBe(129_999);
    expect(classes.some((c) => c.name.name === "C64999")).toBe(false);
    expect(classes[64_999]?.name.name).toBe("C65000");
  });

  it("applies 20,000 pragmas to 40,000 classes, each to the classes declared before it (minutes before)", () => {
    const productions: Production[] = [];
    for (let i = 0; i < 40_000; i++) {
      productions.push(cls(`C${i}`));
      if (i % 2 === 1) productions.push(pragma(deletePragma, `C${i - 1}`));
    }
    // Declared again after its deletion: stays. Deleted before it is declared: a later declaration stays too.
    productions.push(cls("C0"), pragma(deletePragma, "Later"), cls("Later"));
    const classes = collect(program(productions), "root/cimv2").namespaces.get("root/cimv2")?.classes ?? [];
    const names = classes.map((c) => c.name.name);
    expect(names.length).toBe(20_002);
    expect(names.slice(0, 3)).toEqual(["C1", "C3", "C5"]);
    expect(names.slice(-3)).toEqual(["C39999", "C0", "Later"]);
  });
});

describe("namespaces at scale", () => {
  it("resolves 20,000 namespaces whose classes inherit from a class of another namespace (minutes before)", () => {
    const productions: Production[] = [pragma(namespacePragma, "root/base"), cls("Base")];
    for (let i = 0; i < 20_000; i++) productions.push(pragma(namespacePragma, `root/n${i}`), cls("C", "Base"));
    const { schema, diagnostics } = resolveSchema(program(productions));
    expect(diagnostics).toEqual([]);
    expect(schema.namespaces.length).toBe(20_001);
    const last = schema.namespaceByName.get("root/n19999")?.classByName.get("c");
    expect(last?.superclass).toBe("Base");
  });
});
