import { describe, expect, it } from "vitest";
import type { ModelOptions } from "../../src/model/resolve.js";
import { compileText, findings } from "../helpers/model.js";

const wmi: ModelOptions = { dialect: "wmi" };
const dmtf: ModelOptions = { dialect: "dmtf", builtinQualifiers: true };

// Issue 12 C2: a class declared again with only its own Description changed was a warning in WMI mode, the
// same change on a property's Description an error; mofcomp's default update mode takes both.
describe("a class declared again (MOF2001)", () => {
  const cases: readonly [string, string, string][] = [
    [
      "the class's Description changed",
      '[Description("one")] class A { [key] string P; };\n[Description("two")] class A { [key] string P; };',
      "2:28",
    ],
    [
      "a property's Description changed",
      'class A { [key, Description("one")] string P; };\nclass A { [key, Description("two")] string P; };',
      "2:7",
    ],
    [
      "a parameter's and a method's Description changed",
      'class A { [Description("m")] uint32 M([in, Description("x")] string S); };\n' +
        'class A { [Description("n")] uint32 M([in, Description("y")] string S); };',
      "2:7",
    ],
    [
      "a property's Description added",
      'class A { [key] string P; };\nclass A { [key, Description("new")] string P; };',
      "2:7",
    ],
  ];
  it.each(cases)("%s: a warning in WMI mode, an error in DMTF mode", (_, text, at) => {
    expect(findings(compileText(text, wmi))).toEqual([`${at} MOF2001 warning`]);
    expect(findings(compileText(text, dmtf))).toEqual([`${at} MOF2001 error`]);
  });

  it("stays an error in WMI mode when a member changes otherwise (type, qualifier, a member added)", () => {
    for (const second of [
      "class A { [key] uint32 P; };",
      "class A { [key, MaxLen(3)] string P; };",
      "class A { [key] string P; string Q; };",
    ]) {
      expect(findings(compileText(`class A { [key] string P; };\n${second}`, wmi))).toEqual(["2:7 MOF2001 error"]);
    }
  });
});
