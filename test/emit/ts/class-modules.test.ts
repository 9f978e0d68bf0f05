import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { emitClassModules } from "../../../src/emit/ts/class-modules.js";
import { defaultTypeScriptOptions } from "../../../src/emit/ts/generated-file.js";
import { compileText } from "../../helpers/model.js";
import { typeCheck } from "../../helpers/typecheck.js";

/**
 * Golden files for the class-module emitter: every file generated from test/fixtures/emit-ts/classes.mof is compared
 * whole with test/emit/ts/expected/classes/ (as `.ts.txt`). Update after a reviewed change with
 * `npx vitest run test/emit/ts/class-modules.test.ts -u`, and read the diff.
 */

const fixture = readFileSync(new URL("../../fixtures/emit-ts/classes.mof", import.meta.url), "utf8");

function generate(text = fixture) {
  const compiled = compileText(text);
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  expect(errors).toEqual([]);
  return emitClassModules(compiled.schema, defaultTypeScriptOptions);
}

const files = generate();

describe("class modules of the fixture", () => {
  it("are the expected files", () => {
    expect(files.map((f) => `${f.owner} ${f.path}`)).toEqual([
      "mofgen index.ts",
      "mofgen root/test/Test_Element.ts",
      "mofgen root/test/Test_Job.ts",
      "mofgen root/test/Test_Leaf.ts",
      "mofgen root/test/Test_LeafLink.ts",
      "mofgen root/test/Test_Link.ts",
      "mofgen root/test/Test_Setting.ts",
      "mofgen root/test/Test_Typed.ts",
      "mofgen root/test/index.ts",
      "mofgen root/test/value-maps.ts",
    ]);
  });

  for (const file of files) {
    it(`${file.path} matches its golden file`, async () => {
      // `.txt`: golden files are compared, not compiled or linted with the repository (the strict check is below).
      await expect(file.content).toMatchFileSnapshot(`expected/classes/${file.path}.txt`);
    });
  }

  it("type-checks under the strictest settings", () => {
    const result = typeCheck({ out: files });
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("class modules, in detail", () => {
  const text = (path: string) => files.find((f) => f.path === path)?.content ?? "";
  const typed = text("root/test/Test_Typed.ts");
  const leaf = text("root/test/Test_Leaf.ts");
  const maps = text("root/test/value-maps.ts");

  it("extends Omit of the superclass only for overrides that are not assignable", () => {
    expect(typed).toContain('export interface Test_Typed extends Omit<Test_Element, "Health"> {');
    expect(leaf).toContain("export interface Test_Leaf extends Test_Typed {");
    // Narrowing a REF needs no Omit: every Reference<"X"> is assignable to every Reference<"Y">.
    expect(text("root/test/Test_LeafLink.ts")).toContain("export interface Test_LeafLink extends Test_Link {");
  });

  it("decodes hex, octal and binary entries and keeps every kind of range in the label table", () => {
    expect(maps).toContain("  Hex: 16,\n  Octal: 8,\n  Binary: 5,\n} as const;");
    expect(maps).toContain('{ label: "Up To Four", value: "..4", hi: 4 },');
    expect(maps).toContain('{ label: "From Thousand", value: "1000..", lo: 1000 },');
    expect(maps).toContain('{ label: "Rest", value: "..", rest: true },');
  });

  it("gives 64-bit maps bigint literals, and bounds past 2^53 as bigint in the table", () => {
    expect(maps).toContain("  PastSafe: 9007199254740993n,");
    expect(maps).toContain('{ label: "Zero", value: "0", lo: 0, hi: 0 },');
    expect(maps).toContain("lo: 18446744073709551615n, hi: 18446744073709551615n }");
    expect(maps).toContain("  Minus: -1n,");
  });

  it("declares an identical map once and gives the second element its own const and type", () => {
    expect(maps.match(/export const Test_Element_Health = \{/g)).toHaveLength(1);
    expect(maps).not.toContain("Test_Typed_OtherHealth");
    // Its own union, not `type Test_Typed_OtherHealth = Test_Element_Health`, which TypeScript shows as the latter.
    expect(typed).toContain("export const Test_Typed_OtherHealth = Test_Element_Health;");
    expect(typed).toContain(
      "export type Test_Typed_OtherHealth = (typeof Test_Typed_OtherHealth)[keyof typeof Test_Typed_OtherHealth];",
    );
    expect(typed).toContain("Test_Element_Health_Map as Test_Typed_OtherHealth_Map");
    expect(typed).toContain("readonly OtherHealth?: Test_Typed_OtherHealth | null;");
  });

  it("re-exports the maps of inherited properties from the declaring class's module", () => {
    expect(typed).toMatch(/export \{ [^}]*\bdecodeTest_Element_State\b[^}]*\} from "\.\/Test_Element\.js";/);
    // Health is Test_Typed's own map in Test_Leaf (Test_Typed overrides it), and so is OtherHealth's own name.
    expect(leaf).toMatch(
      /export \{ [^}]*\bdecodeTest_Typed_Health, [^}]*\bTest_Typed_OtherHealth_Map\b[^}]*\} from "\.\/Test_Typed\.js";/,
    );
    expect(leaf).not.toContain("decodeTest_Element_Health");
  });

  it("orders parameters by ID and makes Required ones non-optional", () => {
    const input = leaf.slice(
      leaf.indexOf("export interface Test_Leaf_Create_In"),
      leaf.indexOf("export interface Test_Leaf_Create_Out"),
    );
    expect([...input.matchAll(/readonly (\w+)/g)].map((m) => m[1])).toEqual(["Mode", "Name", "Note"]);
    expect(input).toContain("readonly Name: string;");
  });

  it("types an inherited method's return map by the declaring class's name, with a job guard", () => {
    expect(leaf).toContain('import type { Test_Element_Stop_ReturnValue } from "./Test_Element.js";');
    expect(leaf).toContain("export function isTest_Leaf_Stop_JobStarted(out: Test_Leaf_Stop_Out)");
  });

  it("names the class that first declared an overridden property, not the one that overrode it last", () => {
    // classOrigin is the class that declared a property last (Msvm_ComputerSystem.Name overrides CIM_System's,
    // which overrides CIM_ManagedSystemElement's): the note must not call CIM_System the first declarer.
    const chain = [
      "class A_Base { [key] string Id; string Name; };",
      'class A_Mid : A_Base { [Override("Name")] string Name; };',
      'class A_Leaf : A_Mid { [Override("Name")] string Name; };',
    ].join("\n");
    const leafFile = generate(chain).find((f) => f.path === "root/cimv2/A_Leaf.ts")?.content ?? "";
    expect(leafFile).toContain("MOF: `string Name` of A_Leaf, overriding A_Mid's, first declared in A_Base.");
    expect(leafFile).toContain('{ name: "Name", type: "string", classOrigin: "A_Leaf" }');
    const midFile = generate(chain).find((f) => f.path === "root/cimv2/A_Mid.ts")?.content ?? "";
    expect(midFile).toContain("MOF: `string Name` of A_Mid, overriding the property first declared in A_Base.");
  });
});

describe("determinism", () => {
  it("gives byte-identical output across runs", () => {
    expect(generate()).toEqual(files);
  });

  it("does not depend on the order of classes in the input", () => {
    const [head, ...classes] = fixture.split(/\n\n(?=\[|class )/);
    const reversed = [head, ...classes.reverse()].join("\n\n");
    expect(reversed).not.toBe(fixture);
    expect(generate(reversed)).toEqual(files);
  });
});
