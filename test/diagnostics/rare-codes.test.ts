import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, compileText } from "../../src/compile.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * Inputs for the diagnostics no other test produced (see coverage.test.ts): each compiles real MOF and expects
 * the code among what compile() reports.
 */
const codes = (diagnostics: readonly { code: string }[]) => diagnostics.map((d) => d.code);

describe("rarely met diagnostics", () => {
  it("MOF1002: a UTF-16 file without a byte-order mark is read as UTF-16, with a note", () => {
    const dir = tempTree({ "a.mof": Buffer.from("class A { string x; };\n", "utf16le") });
    const { schema, diagnostics } = compile([join(dir, "a.mof")]);
    expect(codes(diagnostics)).toEqual(["MOF1002"]);
    expect(schema.namespaces[0]?.classes.map((c) => c.name)).toEqual(["A"]);
  });

  it("MOF1006: a directory with no .mof file in it", () => {
    const dir = tempTree({ "notes.txt": "not MOF" });
    expect(codes(compile([dir]).diagnostics)).toEqual(["MOF1006"]);
  });

  it("MOF1107: a '$' with no alias name after it", () => {
    expect(codes(compileText("instance of A as $ { };\n").diagnostics)).toContain("MOF1107");
  });

  it("MOF1152: a #define without a macro name", () => {
    expect(codes(compileText("#define\nclass A { };\n").diagnostics)).toContain("MOF1152");
  });

  it("MOF1154: a macro defined twice", () => {
    expect(codes(compileText("#define N 1\n#define N 2\nclass A { };\n").diagnostics)).toContain("MOF1154");
  });
});
