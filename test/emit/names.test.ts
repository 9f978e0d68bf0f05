import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsDocLines, memberName, safeIdentifier, stringLiteral, uniqueNames } from "../../src/emit/ts/names.js";

describe("safeIdentifier", () => {
  it.each([
    ["Msvm_ComputerSystem", "Msvm_ComputerSystem"],
    ["__Win32Provider", "__Win32Provider"],
    ["class", "class_"],
    ["constructor", "constructor_"],
    ["type", "type_"],
    ["2ndTry", "_2ndTry"],
    ["a-b c", "a_b_c"],
    ["caf\u00e9", "caf_"],
    ["", "_"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the MOF text deliberately holds a placeholder
    ["${x}", "$_x_"],
  ])("%j -> %j", (name, expected) => {
    expect(safeIdentifier(name)).toBe(expected);
  });

  it("always gives an identifier that is not a reserved word", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const id = safeIdentifier(s);
        expect(id).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
        expect(() => new Function(`"use strict"; let ${id} = 1; return ${id};`)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe("memberName", () => {
  it.each([
    ["Method Parameters Checked - Job Started", "4096", "MethodParametersCheckedJobStarted"],
    ["DMTF Reserved", "..", "DMTFReserved"],
    ["Completed with No Error", "0", "CompletedWithNoError"],
    ["", "7", "Value_7"],
    ["--", "0x8000..", "Value_0x8000__"],
    ["3D Accelerator", "5", "_3DAccelerator"],
    ["New", "2", "New"],
    ["default", "1", "Default"],
  ])("%j (%s) -> %j", (label, value, expected) => {
    expect(memberName(label, value)).toBe(expected);
  });
});

describe("uniqueNames", () => {
  it("keeps the first and numbers the rest, in order", () => {
    expect(uniqueNames(["A", "B", "A", "A", "A_2"])).toEqual(["A", "B", "A_2", "A_3", "A_2_2"]);
  });

  it("can compare case-insensitively (file names)", () => {
    expect(uniqueNames(["Msvm_Foo", "MSVM_FOO", "msvm_foo"], true)).toEqual(["Msvm_Foo", "MSVM_FOO_2", "msvm_foo_3"]);
    expect(uniqueNames(["Msvm_Foo", "MSVM_FOO"])).toEqual(["Msvm_Foo", "MSVM_FOO"]);
  });

  // Issue 13 item 12: each repeat counted up from `_2` again (40,000 equal value-map labels: 85 s).
  it("numbers 40,000 equal names in one pass, as one by one, with taken suffixes skipped", () => {
    const names = ["Same_3", ...Array.from({ length: 40_000 }, (_, i) => (i % 2 === 0 ? "Same" : "SAME")), "Same_2"];
    const unique = uniqueNames(names, true);
    expect(unique.slice(0, 5)).toEqual(["Same_3", "Same", "SAME_2", "Same_4", "SAME_5"]);
    expect(unique.at(-2)).toBe("SAME_40001");
    expect(unique.at(-1)).toBe("Same_2_2");
    expect(new Set(unique.map((n) => n.toLowerCase())).size).toBe(unique.length);
  });
});

describe("stringLiteral", () => {
  it("round-trips any text through a TypeScript string literal, with line separators escaped", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite" }), (s) => {
        const literal = stringLiteral(s);
        expect(literal).not.toMatch(/[\u2028\u2029\n\r]/);
        expect(new Function(`return ${literal};`)()).toBe(s);
      }),
      { numRuns: 300 },
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text deliberately holds a placeholder
    expect(stringLiteral('a"b`${c}\u2028')).toBe('"a\\"b`${c}\\u2028"');
  });
});

describe("jsDocLines", () => {
  it("cannot end the comment, start a tag or break lines in odd places", () => {
    expect(jsDocLines("Ends here */ alert(1) /*\r\n@deprecated not really  \u2028second")).toEqual([
      "Ends here *\\/ alert(1) /*",
      "\\@deprecated not really",
      "second",
    ]);
  });

  it("keeps any text inside one comment", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const comment = `/**\n${jsDocLines(s)
          .map((l) => ` * ${l}`)
          .join("\n")}\n */\nconst marker = 1; marker;`;
        expect(() => new Function(comment)).not.toThrow();
        expect(comment.indexOf("*/")).toBe(comment.lastIndexOf("*/"));
      }),
      { numRuns: 300 },
    );
  });
});
