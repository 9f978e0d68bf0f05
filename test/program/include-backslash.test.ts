import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

/** `file:line:col CODE` of each diagnostic line of `mofgen check`'s pretty output. */
function found(stdout: string): string[] {
  return [...stdout.matchAll(/^(\S+) - (?:error|warning|info) (MOF\d{4}):/gm)].map((m) => `${m[1]} ${m[2]}`);
}

// Issue 12 C1: DMTF CIM 2.13.1's roll-up writes `#pragma include ("System\CIM_DiagnosticResult.mof")`; the
// unknown escape `\C` dropped its backslash and the include looked for SystemCIM_DiagnosticResult.mof. cimmof
// takes `\` in an include path as a separator (and so does mofcomp on Windows).
describe("backslashes in include paths", () => {
  const files = {
    "cim_schema_2.13.1.mof": [
      '#pragma include ("qualifiers.mof")',
      '#pragma include ("System\\CIM_DiagnosticResult.mof")',
      '#pragma include ("Device\\test.mof")',
      '#pragma include ("Physical\\\\CIM_Chassis.mof")',
      "",
    ].join("\n"),
    "qualifiers.mof": "qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride);\n",
    "System/CIM_DiagnosticResult.mof": "class CIM_DiagnosticResult { [Key] string Id; };\n",
    // `\t` would be a tab in a string; in an include path it is a separator followed by a folder's 't'.
    "Device/test.mof": "class CIM_Test { [Key] string Id; };\n",
    "Physical/CIM_Chassis.mof": "class CIM_Chassis { [Key] string Id; };\n",
  };

  it("are separators: the roll-up compiles, with the unknown escape's warning kept", async () => {
    const dir = tempTree(files);
    const r = await runCli(["check", "--dialect", "dmtf", "cim_schema_2.13.1.mof"], dir);
    expect(found(r.stdout)).toEqual(["cim_schema_2.13.1.mof:2:25 MOF1104"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Checked 5 files/);
  });

  it("a model of the roll-up holds the classes of every included file", async () => {
    const dir = tempTree(files);
    const r = await runCli(["model", "--dialect", "dmtf", "cim_schema_2.13.1.mof"], dir);
    expect(r.code).toBe(0);
    for (const name of ["CIM_DiagnosticResult", "CIM_Test", "CIM_Chassis"]) expect(r.stdout).toContain(`"${name}"`);
  });
});
