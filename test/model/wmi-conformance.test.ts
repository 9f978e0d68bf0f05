import { describe, expect, it } from "vitest";
import type { ModelOptions } from "../../src/model/resolve.js";
import { classOf, compileText, findings } from "../helpers/model.js";

const wmi: ModelOptions = { dialect: "wmi" };
const dmtf: ModelOptions = { dialect: "dmtf", builtinQualifiers: true };

function qualifier(text: string, cls: string, prop: string, name: string) {
  const p = classOf(compileText(text, wmi), cls).properties.find((x) => x.name === prop);
  return p?.qualifiers.find((q) => q.name.toLowerCase() === name.toLowerCase())?.value;
}

// Issue 12 C3: on WMI performance classes Counter names the raw counter a formatted property is cooked from
// (a string, as Microsoft documents it); DMTF's Counter is a boolean flag. 603 of the 641 warnings of the
// Windows XP CIMV2 export were this one.
describe("Counter in the WMI dialect", () => {
  const perf =
    '[Cooked, AutoCook(1), AutoCook_RawClass("Win32_PerfRawData_PerfOS_Processor")]\n' +
    "class Win32_PerfFormattedData_PerfOS_Processor {\n" +
    '  [key] string Name;\n  [Counter("PercentProcessorTime"), CookingType("PERF_100NSEC_TIMER_INV")] uint64 PercentProcessorTime;\n' +
    "  [Counter] uint64 Interrupts;\n};\n";

  it("takes a string naming the raw counter, and the bare flag, without a warning", () => {
    expect(findings(compileText(perf, wmi))).toEqual([]);
    const cls = "Win32_PerfFormattedData_PerfOS_Processor";
    expect(qualifier(perf, cls, "PercentProcessorTime", "Counter")).toEqual({
      kind: "string",
      value: "PercentProcessorTime",
    });
    expect(qualifier(perf, cls, "Interrupts", "Counter")).toMatchObject({ kind: "boolean", value: true });
  });

  it("stays DMTF's boolean in the DMTF dialect, and where a file declares it", () => {
    expect(findings(compileText(perf.replace(/\[Cooked[^\n]*\n/, ""), dmtf))).toContain("3:12 MOF3008 error");
    const declared = `qualifier Counter : boolean = false, Scope(property);\nclass A { [key, Counter("x")] uint64 P; };`;
    expect(findings(compileText(declared, wmi))).toEqual(["2:25 MOF3008 error"]);
  });
});

// Issue 12 C4: pywbem, cimmof and sfcb accept "c" for a char16; mofgen refused it in both dialects.
describe("a one-character string for a char16", () => {
  const text = "class A { [key] string K; char16 C = \"c\"; char16 D = 'd'; };";

  it("is a warning in WMI mode, and the value is the character", () => {
    const compiled = compileText(text, wmi);
    expect(findings(compiled)).toEqual(["1:38 MOF3008 warning"]);
    expect(compiled.diagnostics[0]?.message).toBe(
      "the default of A.C must be a char16 ('c'), not a one-character string; pywbem, cimmof and sfcb read it as that character",
    );
    const c = classOf(compiled, "A").properties.find((p) => p.name === "C");
    expect(c?.default).toEqual({ kind: "char16", value: "c" });
  });

  it("is an error in DMTF mode", () => {
    expect(findings(compileText(text, dmtf))).toEqual(["1:38 MOF3008 error"]);
  });

  it("a longer string stays an error in both", () => {
    const two = 'class A { [key] string K; char16 C = "cd"; };';
    expect(findings(compileText(two, wmi))).toEqual(["1:38 MOF3008 error"]);
    expect(findings(compileText(two, dmtf))).toEqual(["1:38 MOF3008 error"]);
  });
});
