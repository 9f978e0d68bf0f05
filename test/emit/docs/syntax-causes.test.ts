import { describe, expect, it } from "vitest";
import { renderDocs } from "../../../src/emit/docs/generate.js";
import { classPagePath, methodPagePath } from "../../../src/emit/docs/paths.js";
import { compileText } from "../../helpers/model.js";
import { syntaxBlock } from "./seed-pages.js";
import { classFindings, methodFindings, splitQualifiers } from "./syntax-causes.js";

/**
 * The classifier that msdocs-causes.test.ts runs over every HyperV_v2 page, on small cases whose answer is
 * known: a "page" block is written by hand with one difference from the block mofgen writes, and the verdict
 * must name that difference and its cause (the schema's fact, or mofgen's printing of it).
 */

const mof = `
[Abstract, Association, Version("1.0.0"), DisplayName("Shown"), Description("Prose.")]
class CIM_Link
{
  [Key] CIM_Link REF A;
  [Key] CIM_Link REF B;
};
class CIM_Empty
{
  [Key] string InstanceID;
  string None[] = {};
};
class CIM_Base
{
  [Key] string InstanceID;
  string Caption;
};
[Dynamic, AMENDMENT]
class Msvm_Thing : CIM_Base
{
  boolean Flag = TRUE;
  uint16 Codes[] = { 6 };
  string Label = "x y";
  uint32 Go([In] uint16 Mode, [Out] CIM_Base REF Job);
};`;

const compiled = compileText(mof);
const ns = compiled.schema.namespaces[0];
const pages = new Map(renderDocs(compiled.schema).files.map((f) => [f.path, f.content]));
const cls = (name: string) => ns?.classes.find((c) => c.name === name);
const block = (name: string) => syntaxBlock(pages.get(classPagePath(cls(name)?.namespace ?? "", name)) ?? "") ?? "";

describe("classifying a Syntax-block difference", () => {
  it("keeps DisplayName on the class line in the Microsoft style only (Description never)", () => {
    expect(block("CIM_Link").split("\n")[0]).toBe('[Association, Abstract, Version("1.0.0"), DisplayName("Shown")]');
    const dmtf = renderDocs(compiled.schema, { style: "dmtf" }).files.find(
      (f) => f.path === classPagePath(cls("CIM_Link")?.namespace ?? "", "CIM_Link"),
    );
    expect(syntaxBlock(dmtf?.content ?? "")?.split("\n")[0]).toBe('[Association, Abstract, Version("1.0.0")]');
  });

  it("writes an empty array default as {} in the Microsoft style, { } in the DMTF style", () => {
    expect(block("CIM_Empty")).toContain("string None[] = {};");
    const dmtf = renderDocs(compiled.schema, { style: "dmtf" }).files.find(
      (f) => f.path === classPagePath(cls("CIM_Empty")?.namespace ?? "", "CIM_Empty"),
    );
    expect(syntaxBlock(dmtf?.content ?? "")).toContain("string None[] = { };");
  });

  it("compiles the sample and writes its blocks", () => {
    expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(block("Msvm_Thing").split("\n")).toEqual([
      "[Dynamic, AMENDMENT]",
      "class Msvm_Thing : CIM_Base",
      "{",
      "  string  InstanceID;",
      "  string  Caption;",
      "  boolean Flag = TRUE;",
      "  uint16  Codes[] = { 6 };",
      '  string  Label = "x y";',
      "};",
    ]);
  });

  const cases: readonly (readonly [string, string, (mine: string) => string, readonly string[]])[] = [
    [
      "identical blocks (called anyway) give only a layout finding",
      "Msvm_Thing",
      (b) => b,
      ["rendering: layout (alignment, spacing)"],
    ],
    [
      "True for TRUE is the boolean's writing",
      "Msvm_Thing",
      (b) => b.replace("TRUE", "True"),
      ["rendering: default: boolean case"],
    ],
    ["a bare 6 for { 6 }", "Msvm_Thing", (b) => b.replace("{ 6 }", "6"), ["rendering: default: array without braces"]],
    [
      "a string without quotes",
      "Msvm_Thing",
      (b) => b.replace('"x y"', "x y"),
      ["page: default: string without quotes"],
    ],
    [
      "another string is the schema's value",
      "Msvm_Thing",
      (b) => b.replace('"x y"', '"xy"'),
      ["schema: default value"],
    ],
    [
      "a default the MOF does not have",
      "Msvm_Thing",
      (b) => b.replace("Caption;", 'Caption = "c";'),
      ["schema: default the MOF lacks"],
    ],
    [
      "no default where the MOF has one",
      "Msvm_Thing",
      (b) => b.replace(" = TRUE", ""),
      ["schema: default the page lacks"],
    ],
    ["another type", "Msvm_Thing", (b) => b.replace("string  Caption", "uint16  Caption"), ["schema: property type"]],
    [
      "a property the MOF lacks",
      "Msvm_Thing",
      (b) => b.replace(/\n\};$/, "\n  uint8 Extra;\n};"),
      ["schema: property the MOF lacks"],
    ],
    [
      "a page leaving out an inherited property",
      "Msvm_Thing",
      (b) => b.replace("  string  Caption;\n", ""),
      ["rendering: inherited property the page leaves out"],
    ],
    [
      "a page leaving out a property the class declares",
      "Msvm_Thing",
      (b) => b.replace("  boolean Flag = TRUE;\n", ""),
      ["schema: property the page lacks"],
    ],
    [
      "properties in another order than the MOF's",
      "Msvm_Thing",
      (b) =>
        b.replace(
          "  boolean Flag = TRUE;\n  uint16  Codes[] = { 6 };",
          "  uint16  Codes[] = { 6 };\n  boolean Flag = TRUE;",
        ),
      ["schema: property order other than the MOF's"],
    ],
    [
      "a qualifier the MOF lacks",
      "Msvm_Thing",
      (b) => b.replace("[Dynamic,", "[Dynamic, Abstract,"),
      ["schema: qualifier the MOF lacks"],
    ],
    [
      "a qualifier the page lacks",
      "Msvm_Thing",
      (b) => b.replace("Dynamic, ", ""),
      ["schema: qualifier the page lacks"],
    ],
    [
      "a qualifier spelled otherwise",
      "Msvm_Thing",
      (b) => b.replace("AMENDMENT", "Amendment"),
      ["schema: qualifier spelled otherwise in the MOF"],
    ],
    [
      "Description on the line: prose the MOF has but no page prints",
      "CIM_Link",
      (b) => b.replace('DisplayName("Shown")', 'DisplayName("Shown"), Description("Prose.")'),
      ["rendering: qualifier mofgen leaves out"],
    ],
    [
      "the MOF's own order where mofgen puts Association first",
      "CIM_Link",
      (b) => b.replace("[Association, Abstract,", "[Abstract, Association,"),
      ["rendering: qualifier order"],
    ],
    [
      "an order that is neither",
      "CIM_Link",
      (b) => b.replace('Version("1.0.0"), DisplayName("Shown")', 'DisplayName("Shown"), Version("1.0.0")'),
      ["schema: qualifier order other than the MOF's"],
    ],
  ];
  for (const [title, name, edit, expected] of cases)
    it(title, () => {
      const mine = block(name);
      const found = classFindings(cls(name), edit(mine), mine).map((f) => `${f.cause}: ${f.kind}`);
      expect(found).toEqual(expected);
    });

  it("reads a method block against the model", () => {
    const method = cls("Msvm_Thing")?.methods.find((m) => m.name === "Go");
    const mine =
      syntaxBlock(pages.get(methodPagePath(cls("Msvm_Thing")?.namespace ?? "", "Msvm_Thing", "Go")) ?? "") ?? "";
    expect(mine).toContain("[out] CIM_Base REF Job");
    const verdict = (page: string) => methodFindings(method, page).map((f) => `${f.cause}: ${f.kind}`);
    expect(verdict(mine.replace("Mode", "mode"))).toEqual(["schema: parameter spelled otherwise in the MOF"]);
    expect(verdict(mine.replace("uint16", "uint32"))).toEqual(["schema: parameter type"]);
    expect(verdict(mine.replace("[out] CIM_Base REF Job", "[in]  CIM_Base REF Job"))).toEqual([
      "schema: parameter direction",
    ]);
    expect(methodFindings(undefined, mine).map((f) => f.kind)).toEqual(["method the MOF lacks"]);
  });

  it("splits a qualifier line at top-level commas only", () => {
    expect(splitQualifiers('[A, B("x, y"), C({ "p", "q" }), D]').map((q) => q.text)).toEqual([
      "A",
      'B("x, y")',
      'C({ "p", "q" })',
      "D",
    ]);
  });
});
