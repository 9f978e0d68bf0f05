import { describe, expect, it } from "vitest";
import { SourceFile } from "../../src/source/source-file.js";

describe("SourceFile.offset", () => {
  const file = new SourceFile("t.hbs", "ab\r\ncde\n\nf");

  it.each([
    [1, 1, 0],
    [1, 2, 1],
    [2, 1, 4],
    [2, 3, 6],
    [3, 1, 8],
    [4, 1, 9],
  ])("line %i, column %i is offset %i, and position() gives them back", (line, column, offset) => {
    expect(file.offset(line, column)).toBe(offset);
    expect(file.position(offset)).toEqual({ line, column });
  });

  it("clamps a column past the line's end to the end, before the line break, and refuses a line past the last", () => {
    expect(file.offset(1, 99)).toBe(2);
    expect(file.offset(2, Number.POSITIVE_INFINITY)).toBe(7);
    expect(file.offset(1, 0)).toBe(0);
    expect(file.offset(5, 1)).toBeUndefined();
  });
});
