import { describe, expect, it } from "vitest";
import type { ModelOptions } from "../../src/model/resolve.js";
import { compileText, findings } from "../helpers/model.js";

const wmi: ModelOptions = { dialect: "wmi" };
const dmtf: ModelOptions = { dialect: "dmtf", builtinQualifiers: true };

const base = "class CIM_ManagedElement { [key] string Id; };\n[Association] class A { CIM_ManagedElement REF E; };\n";

// Issue 12 C5: a REF overridden with a narrower class whose superclass chain reaches an undefined class was
// "not a subclass" (MOF2008); whether it is one cannot be known, and the undefined class is reported already.
describe("a REF narrowed to a class under an undefined ancestor", () => {
  const text = `${base}class B : CIM_Setting { };\n[Association] class Sub : A { [Override("E")] B REF E; };\n`;

  it("is reported once, as the undefined superclass, in both dialects", () => {
    expect(findings(compileText(text, wmi))).toEqual(["3:11 MOF2002 warning"]);
    expect(findings(compileText(text, dmtf))).toEqual(["3:11 MOF2002 error"]);
  });

  it("a class known not to descend from the REF class is still a mismatch", () => {
    const other = `${base}class B { };\n[Association] class Sub : A { [Override("E")] B REF E; };\n`;
    expect(findings(compileText(other, dmtf))).toEqual(["4:53 MOF2008 error"]);
  });

  it("a class that does descend is fine", () => {
    const sub = `${base}class B : CIM_ManagedElement { };\n[Association] class Sub : A { [Override("E")] B REF E; };\n`;
    expect(findings(compileText(sub, dmtf))).toEqual([]);
  });
});

// Issue 12 C6: each cause reported once, with no knock-on diagnostics.
describe("no knock-on diagnostics", () => {
  it("a reference in a class under an undefined superclass is not also 'not an association'", () => {
    const text = `${base}class C : Undefined_Base { CIM_ManagedElement REF R; };\n`;
    expect(findings(compileText(text, dmtf))).toEqual(["3:11 MOF2002 error"]);
    // Without the undefined superclass, the reference is reported.
    const plain = `${base}class C { CIM_ManagedElement REF R; };\n`;
    expect(findings(compileText(plain, dmtf))).toEqual(["3:34 MOF2005 error"]);
  });

  it("a misspelt type on an overriding property is not also an override-type mismatch", () => {
    const text = 'class P { uint16 Q; };\nclass P2 : P { [Override("Q")] uint16e Q; };\n';
    expect(findings(compileText(text, wmi))).toEqual(["2:32 MOF1202 error"]);
    expect(findings(compileText(text, dmtf))).toEqual(["2:32 MOF1202 error"]);
  });

  it("an undefined class as the type of an overriding property is reported once (WMI)", () => {
    const text = 'class P { object Q; };\nclass P2 : P { [Override("Q")] Undefined_Thing Q; };\n';
    expect(findings(compileText(text, wmi))).toEqual(["2:32 MOF2009 warning"]);
  });
});
