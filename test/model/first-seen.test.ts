import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { compileText } from "../helpers/model.js";

/**
 * A name met twice in one list (src/model/first-seen.ts): whatever the list, the later one is reported at its
 * place, names compare case-insensitively, and the diagnostic points back at the first one with the list's note.
 */

/** `line:col CODE message -> line:col note` of each diagnostic with a related place. */
function repeats(text: string): string[] {
  const at = (span: NonNullable<Diagnostic["span"]>) => {
    const { line, column } = span.file.position(span.start);
    return `${line}:${column}`;
  };
  return compileText(text)
    .diagnostics.filter((d) => d.related !== undefined && d.span !== undefined)
    .map((d) => {
      const first = d.related?.[0];
      return `${at(d.span as NonNullable<Diagnostic["span"]>)} ${d.code} ${d.message} -> ${first?.span ? at(first.span) : "?"} ${first?.message}`;
    });
}

describe("a name met twice in one list", () => {
  it.each([
    [
      "class members",
      "class A {\n  string Name;\n  uint8 NAME;\n};",
      ["3:9 MOF2006 property 'NAME' is declared twice -> 2:10 first declared here"],
    ],
    [
      "method parameters",
      "class A {\n  uint32 M(uint8 Size,\n           uint8 size);\n};",
      ["3:18 MOF2010 parameter 'size' of 'M' is declared twice -> 2:18 first declared here"],
    ],
    [
      "qualifiers",
      '[Description("a"),\n description("b")]\nclass A { };',
      ["2:2 MOF3005 qualifier 'description' is given twice -> 1:2 first given here"],
    ],
    [
      "instance property values",
      'class A { [Key] string Id; };\ninstance of A {\n  Id = "x";\n  ID = "y";\n};',
      ["4:3 MOF2022 property 'ID' is given a value twice -> 3:3 first given here"],
    ],
  ])("%s: the later one, pointing at the first", (_, text, expected) => {
    expect(repeats(text)).toEqual(expected);
  });

  it("keeps the first and reports each later repeat against it", () => {
    expect(repeats("class A {\n  string P;\n  string p;\n  string P;\n};")).toEqual([
      "3:10 MOF2006 property 'p' is declared twice -> 2:10 first declared here",
      "4:10 MOF2006 property 'P' is declared twice -> 2:10 first declared here",
    ]);
  });
});
