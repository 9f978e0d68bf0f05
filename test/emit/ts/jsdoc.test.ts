import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { docComment, safeLines } from "../../../src/emit/ts/jsdoc.js";
import { jsDocLines } from "../../../src/emit/ts/names.js";

describe("comment text", () => {
  it("safeLines is jsDocLines (its shortcut never changes the result)", () => {
    const char = fc.constantFrom("a", "Z", " ", "\t", "\n", "\r", "\u2028", "\u2029", "@", "*", "/", "\u00a0", "`");
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), (chars) => {
        const text = chars.join("");
        expect(safeLines(text)).toEqual(jsDocLines(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("cannot be closed early, and puts tags after the text", () => {
    expect(
      docComment({
        notes: ["ends */ here\u2028@param x"],
        tags: [{ tagName: "deprecated", text: "Use Y\ninstead */" }],
      }),
    ).toEqual(["/**", " * ends *\\/ here", " * \\@param x", " * @deprecated Use Y instead *\\/", " */"]);
  });
});
