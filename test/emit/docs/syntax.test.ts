import { describe, expect, it } from "vitest";
import { classSyntax, methodSyntax } from "../../../src/emit/docs/syntax.js";
import { classOf, compileText } from "../../helpers/model.js";

describe("simplified MOF syntax blocks", () => {
  const compiled = compileText(`
    [Association, Description("Links two things.")]
    class EX_Link { [Key] EX_Thing REF Antecedent; [Key] EX_ThingWithALongName REF Dependent; uint16 Weight = 1; };
    class EX_Thing { [Key] string Id; real64 Ratio = 1.5; char16 Mark = 'x'; boolean On = false; string Tags[] = {}; };
    class EX_ThingWithALongName : EX_Thing {
      uint32 Stop();
      uint32 Resize([In] uint64 Size, [Out] uint64 Sizes[], [In, Out] string Note);
    };
  `);

  it("gives an association's references a REF column of their own", () => {
    expect(classSyntax(classOf(compiled, "EX_Link"))).toBe(
      [
        "[Association]",
        "class EX_Link",
        "{",
        "  EX_Thing              REF Antecedent;",
        "  EX_ThingWithALongName REF Dependent;",
        "  uint16                    Weight = 1;",
        "};",
      ].join("\n"),
    );
  });

  it("writes defaults as the reference pages do", () => {
    expect(classSyntax(classOf(compiled, "EX_Thing"))).toBe(
      [
        "class EX_Thing",
        "{",
        "  string  Id;",
        "  real64  Ratio = 1.5;",
        "  char16  Mark = 'x';",
        "  boolean On = False;",
        "  string  Tags[] = { };",
        "};",
      ].join("\n"),
    );
  });

  it("aligns method parameters without a REF column when none is a reference", () => {
    const cls = classOf(compiled, "EX_ThingWithALongName");
    expect(methodSyntax(cls.methodByName.get("stop") ?? (undefined as never))).toBe("uint32 Stop();");
    expect(methodSyntax(cls.methodByName.get("resize") ?? (undefined as never))).toBe(
      [
        "uint32 Resize(",
        "  [in]      uint64 Size,",
        "  [out]     uint64 Sizes[],",
        "  [in, out] string Note",
        ");",
      ].join("\n"),
    );
  });
});
