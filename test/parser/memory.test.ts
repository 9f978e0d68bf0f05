import { describe, expect, it } from "vitest";
import { mofParser } from "../../src/parser/parse.js";
import { parseText } from "../../src/program/program.js";

describe("parser memory", () => {
  it("keeps no tokens after a parse (the one shared parser held the last file's, ~20 bytes per input byte)", () => {
    const parsed = parseText("class A { [Key] string Name; };\nclass B : A { uint32 Count; };\n");
    expect(parsed.diagnostics).toEqual([]);
    expect(mofParser().input).toHaveLength(0);
  });
});
