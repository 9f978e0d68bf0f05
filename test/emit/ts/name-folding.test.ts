import { describe, expect, it } from "vitest";
import { emitClassModules } from "../../../src/emit/ts/class-modules.js";
import { defaultTypeScriptOptions } from "../../../src/emit/ts/generated-file.js";
import { emitProviderModules } from "../../../src/emit/ts/provider-modules.js";
import { compileText } from "../../../src/index.js";

/**
 * Names that are one MOF name under the folding rule (`foldName`) are one element, so one generated member: an
 * override spelt `MASSE` of an inherited `Maße` replaces it, as `SIZE` replaces `Size`. Lower-casing kept the two
 * apart: Test_B got a second member beside the inherited one, and the override named "no inherited element".
 */
function classModule(mof: string, name: string): string {
  const compiled = compileText(mof);
  expect(compiled.diagnostics.map((d) => d.message)).toEqual([]);
  const file = emitClassModules(compiled.schema, defaultTypeScriptOptions).find((f) => f.path.endsWith(`/${name}.ts`));
  return file?.content ?? expect.unreachable(name);
}

describe("generated members of names equal under case folding", () => {
  it.each([
    ["Size", "SIZE"],
    ["Ma\u00DFe", "MASSE"],
    ["X\u03D0", "X\u0392"],
  ])("an override of %s spelt %s is one member", (inherited, override) => {
    const mof = `class Test_A { [Key] string Id; uint32 ${inherited}; };
      class Test_B : Test_A { [Override("${override}")] uint32 ${override}; };`;
    const b = classModule(mof, "Test_B");
    expect(b).toContain(`export interface Test_B extends Omit<Test_A, "${inherited}"> {`);
    // Non-ASCII member names are quoted.
    const members = [...b.matchAll(/^ {2}readonly "?([^"?:]+)"?\?:/gm)].map((m) => m[1]);
    expect(members).toEqual([override]);
    expect(b.match(/\{ name: "[^"]*"/g)).toEqual([`{ name: "${override}"`]);
  });

  it("dispatches a generated provider's method by the spelling the host hands it", () => {
    // ProviderHost finds the method by foldName and passes the schema's spelling: the switch's label must be what
    // the switch computes from that spelling, for a name whose folding (grüsse) differs from its lower case (grüße).
    const compiled = compileText("class Test_C { [Key] string Id; uint32 Gr\u00FC\u00DFe(); };");
    const files = emitProviderModules(compiled.schema, {
      runtimeImport: "@mofgen/runtime",
      providers: { classes: ["Test_C"], generatedImport: "../generated" },
    });
    const base = files.find((f) => f.path.endsWith("providers/Test_C.ts"))?.content ?? "";
    expect(base).toContain("switch (context.methodName.toLowerCase()) {");
    expect(base).toContain(`case ${JSON.stringify("Gr\u00FC\u00DFe".toLowerCase())}:`);
  });

  it("leaves out of a method's output an Out parameter named ReturnValue in any case, as the runtime does", () => {
    const mof = "class Test_D { [Key] string Id; uint32 Run([Out] uint32 RETURNVALUE, [Out] uint32 Count); };";
    const d = classModule(mof, "Test_D");
    const output = d.slice(d.indexOf("export interface Test_D_Run_Out"));
    const members = [...output.slice(0, output.indexOf("\n}")).matchAll(/^ {2}readonly "?([^"?:]+)"?\??:/gm)];
    expect(members.map((m) => m[1])).toEqual(["ReturnValue", "Count"]);
  });
});
