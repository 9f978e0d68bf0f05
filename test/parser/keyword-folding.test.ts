import { describe, expect, it } from "vitest";
import { compileText } from "../../src/index.js";

/**
 * Keywords, scope and flavor names and pragma names are MOF words too, compared by the one rule (`foldName`): LONG S
 * (`ſ`) folds to `s`, so `claſs` is `class` as `CLASS` is. They were lower-cased, which leaves `ſ` as it is: a parse
 * error, an unknown scope and an unknown flavor, while the same spelling named one class in the model.
 */
describe("MOF words fold like names", () => {
  it("reads claſs, Scope(claſs) and Flavor(ToSubclaſs) as the keyword, scope and flavor", () => {
    const compiled = compileText(`
      Qualifier Note : string = null, Scope(claſs), Flavor(ToSubclaſs);
      claſs Test_A { [Key] string Id; };
      [Note("x")] CLASS Test_B : Test_A { };`);
    expect(compiled.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(compiled.schema.namespaces[0]?.classes.map((c) => c.name)).toEqual(["Test_A", "Test_B"]);
  });
});

describe("pragma names fold like every MOF word", () => {
  it("reads #PRAGMA nameſpace as #pragma namespace", () => {
    const compiled = compileText('#PRAGMA nameſpace("root/folded")\nclass Test_A { [Key] string Id; };');
    expect(compiled.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(compiled.schema.namespaces.map((n) => n.name)).toEqual(["root/folded"]);
  });
});
