import { describe, expect, it } from "vitest";
import { foldName } from "../../../runtime/src/values/cim-name.js";
import { emitClassModules } from "../../../src/emit/ts/class-modules.js";
import { defaultTypeScriptOptions } from "../../../src/emit/ts/generated-file.js";
import { emitProviderModules } from "../../../src/emit/ts/provider-modules.js";
import { compileText } from "../../../src/index.js";

/**
 * Names that are one MOF name under the rule (`foldName`: ASCII letters fold, nothing else) are one element, so one
 * generated member: an override spelt `SIZE` of an inherited `Size` replaces it, as `STRAßE` replaces `Straße`. A
 * spelling that differs in a non-ASCII case pair (`MASSE` for `Maße`, `XΒ` for `Xϐ`) is another name (issue 13 item
 * 23): the override names no inherited element (MOF2007) and the subclass gets a member beside the inherited one.
 */
function compiledModule(mof: string, name: string) {
  const compiled = compileText(mof);
  const file = emitClassModules(compiled.schema, defaultTypeScriptOptions).find((f) => f.path.endsWith(`/${name}.ts`));
  return { codes: compiled.diagnostics.map((d) => d.code), content: file?.content ?? expect.unreachable(name) };
}

function classModule(mof: string, name: string): string {
  const { codes, content } = compiledModule(mof, name);
  expect(codes).toEqual([]);
  return content;
}

/** The names of the members an interface declares, quoted or not. */
function memberNames(content: string): (string | undefined)[] {
  return [...content.matchAll(/^ {2}readonly "?([^"?:]+)"?\?:/gm)].map((m) => m[1]);
}

describe("generated members of names equal under ASCII case", () => {
  it.each([
    ["Size", "SIZE"],
    ["Stra\u00DFe", "STRA\u00DFE"],
  ])("an override of %s spelt %s is one member", (inherited, override) => {
    const mof = `class Test_A { [Key] string Id; uint32 ${inherited}; };
      class Test_B : Test_A { [Override("${override}")] uint32 ${override}; };`;
    const b = classModule(mof, "Test_B");
    expect(b).toContain(`export interface Test_B extends Omit<Test_A, "${inherited}"> {`);
    expect(memberNames(b)).toEqual([override]);
    expect(b.match(/\{ name: "[^"]*"/g)).toEqual([`{ name: "${override}"`]);
  });

  it.each([
    ["Ma\u00DFe", "MASSE"],
    ["X\u03D0", "X\u0392"],
    ["Gr\u00F6\u00DFe", "GR\u00D6\u00DFE"], // Ö/ö, which toLowerCase() would join
  ])("an override of %s spelt %s is another member beside the inherited one", (inherited, override) => {
    const mof = `class Test_A { [Key] string Id; uint32 ${inherited}; };
      class Test_B : Test_A { [Override("${override}")] uint32 ${override}; };`;
    const { codes, content } = compiledModule(mof, "Test_B");
    expect(codes).toEqual(["MOF2007"]);
    // Nothing of Test_A is left out: its member keeps the inherited spelling.
    expect(content).toContain("export interface Test_B extends Test_A {");
    expect(memberNames(content)).toEqual([override]);
    expect(content.match(/\{ name: "[^"]*"/g)).toEqual([`{ name: "${override}"`]);
  });

  it("dispatches a generated provider's method by the spelling the host hands it", () => {
    // ProviderHost finds the method by foldName and passes the schema's spelling: the switch's label must be what
    // the switch computes from that spelling, also for a name with non-ASCII letters.
    const compiled = compileText("class Test_C { [Key] string Id; uint32 Gr\u00FC\u00DFe(); };");
    const files = emitProviderModules(compiled.schema, {
      runtimeImport: "@mofgen/runtime",
      providers: { classes: ["Test_C"], generatedImport: "../generated" },
    });
    const base = files.find((f) => f.path.endsWith("providers/Test_C.ts"))?.content ?? "";
    expect(base).toContain("switch (foldName(context.methodName)) {");
    expect(base).toContain(`case ${JSON.stringify(foldName("Gr\u00FC\u00DFe"))}:`);
  });

  it("dispatches two methods whose names lower-case alike (Rän, RÄn) each to its own member", () => {
    // Two MOF names (only ASCII letters fold), which toLowerCase() joins: with a switch on it, the second case was
    // unreachable and a call of RÄn ran Rän. The switch folds by foldName, the host's rule.
    const compiled = compileText("class Test_E { [Key] string Id; uint32 R\u00E4n(); uint32 R\u00C4n(); };");
    expect(compiled.diagnostics.map((d) => d.code)).toEqual([]);
    const files = emitProviderModules(compiled.schema, {
      runtimeImport: "@mofgen/runtime",
      providers: { classes: ["Test_E"], generatedImport: "../generated" },
    });
    const base = files.find((f) => f.path.endsWith("providers/Test_E.ts"))?.content ?? "";
    const cases = [...base.matchAll(/case ("[^"]*"):\s*return this\.(\w+)\(/g)].map((m) => [m[1], m[2]]);
    expect(cases).toEqual([
      ['"r\u00E4n"', "R_n"],
      ['"r\u00C4n"', "R_n_2"],
    ]);
    expect(base).toContain("switch (foldName(context.methodName)) {");
    expect(base).toMatch(/^import \{[^}]*\bfoldName\b[^}]*\} from "@mofgen\/runtime";$/m);
  });

  it("leaves out of a method's output an Out parameter named ReturnValue in any case, as the runtime does", () => {
    const mof = "class Test_D { [Key] string Id; uint32 Run([Out] uint32 RETURNVALUE, [Out] uint32 Count); };";
    const d = classModule(mof, "Test_D");
    const output = d.slice(d.indexOf("export interface Test_D_Run_Out"));
    const members = [...output.slice(0, output.indexOf("\n}")).matchAll(/^ {2}readonly "?([^"?:]+)"?\??:/gm)];
    expect(members.map((m) => m[1])).toEqual(["ReturnValue", "Count"]);
  });
});
