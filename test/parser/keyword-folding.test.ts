import { describe, expect, it } from "vitest";
import { compileText } from "../../src/index.js";

/**
 * Keywords, scope and flavor names and pragma names are MOF words, compared by the one rule every MOF name follows
 * (`foldName`): ASCII letters fold, nothing else does. `CLASS` is `class`; `claſs` (LONG S, which Unicode case
 * folding would make `s`) is a name like any other, so it is no keyword, scope, flavor or pragma.
 */
describe("MOF words fold by the ASCII rule", () => {
  it("reads CLASS, Scope(CLASS) and Flavor(TOSUBCLASS) as the keyword, scope and flavor", () => {
    const compiled = compileText(`
      Qualifier Note : string = null, Scope(CLASS), Flavor(TOSUBCLASS);
      CLASS Test_A { [Key] string Id; };
      [Note("x")] Class Test_B : Test_A { };`);
    expect(compiled.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(compiled.schema.namespaces[0]?.classes.map((c) => c.name)).toEqual(["Test_A", "Test_B"]);
  });

  it("does not read claſs, Scope(claſs) or Flavor(ToSubclaſs) as the keyword, scope or flavor", () => {
    // A name where a declaration must start: the parser's error, spanning `claſs` at the start of the file.
    const asKeyword = compileText("claſs Test_A { [Key] string Id; };");
    expect(asKeyword.diagnostics.map((d) => [d.code, d.severity, d.span?.start, d.span?.end])).toEqual([
      ["MOF1201", "error", 0, "claſs".length],
    ]);
    expect(asKeyword.diagnostics[0]?.message).toContain("found 'claſs'");
    expect(asKeyword.schema.namespaces.flatMap((n) => n.classes)).toEqual([]);
    // Parsed as words, then checked: an unknown scope and an unknown flavor, each spanning its word.
    const text = "Qualifier Note : string = null, Scope(claſs), Flavor(ToSubclaſs);";
    const inLists = compileText(text);
    expect(inLists.diagnostics.map((d) => [d.code, d.severity, text.slice(d.span?.start, d.span?.end)])).toEqual([
      ["MOF1204", "error", "claſs"],
      ["MOF1203", "error", "ToSubclaſs"],
    ]);
  });
});

describe("pragma names fold by the same rule", () => {
  it("reads #PRAGMA NAMESPACE as #pragma namespace", () => {
    const compiled = compileText('#PRAGMA NAMESPACE("root/folded")\nclass Test_A { [Key] string Id; };');
    expect(compiled.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(compiled.schema.namespaces.map((n) => n.name)).toEqual(["root/folded"]);
  });

  it("does not read #pragma nameſpace as #pragma namespace", () => {
    const compiled = compileText('#pragma nameſpace("root/folded")\nclass Test_A { [Key] string Id; };');
    expect(compiled.schema.namespaces.map((n) => n.name)).not.toContain("root/folded");
    expect(compiled.diagnostics.map((d) => `${d.code} ${d.severity} ${d.message}`)).toEqual([
      "MOF1206 warning unknown pragma 'nameſpace'; ignored",
    ]);
  });
});
