import { describe, expect, it } from "vitest";
import { parseText } from "../src/program/program.js";

describe("parseText", () => {
  it("parses a class with a property and reports nothing", () => {
    const r = parseText("class CIM_Foo { [Key] string Name; };");
    expect(r.diagnostics).toEqual([]);
    expect(r.ast.productions.map((p) => p.kind)).toEqual(["class"]);
  });
});
