import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

const schema = `
[Abstract] class Base { [Key] string Id; uint16 State = 2; };
class Thing : Base {
  [ValueMap {"0", "2", "..", "0x8000.."}, Values {"Off", "On", "Reserved", "Vendor"}] uint16 State;
  [ValueMap {"0", "4096"}, Values {"OK", "Job"}] uint32 Run([In] string Mode, [Out] Base REF Job);
};`;

describe("mofgen model", () => {
  it("prints the resolved model as JSON", async () => {
    const dir = tempTree({ "s.mof": schema });
    const r = await runCli(["model", "s.mof"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const model = JSON.parse(r.stdout);
    const thing = model.classes.find((c: { name: string }) => c.name === "Thing");
    expect(thing.superclass).toBe("Base");
    expect(
      thing.properties.map((p: { name: string; classOrigin: string; propagated: boolean }) => [
        p.name,
        p.classOrigin,
        p.propagated,
      ]),
    ).toEqual([
      ["Id", "Base", true],
      ["State", "Thing", false],
    ]);
    const state = thing.properties[1];
    expect(state.default).toBe(2);
    expect(state.valueMap).toEqual({
      declarer: { namespace: "root/cimv2", className: "Thing", element: "property", member: "State", parameter: null },
      open: true,
      entries: [
        { label: "Off", value: "0" },
        { label: "On", value: "2" },
        { label: "Reserved", value: ".." },
        { label: "Vendor", value: "0x8000.." },
      ],
    });
    const run_ = thing.methods[0];
    expect(
      run_.parameters.map((p: { name: string; in: boolean; out: boolean; referenceClass: string | null }) => [
        p.name,
        p.in,
        p.out,
        p.referenceClass,
      ]),
    ).toEqual([
      ["Mode", true, false, null],
      ["Job", false, true, "Base"],
    ]);
    expect(run_.valueMap).toEqual({
      declarer: { namespace: "root/cimv2", className: "Thing", element: "method", member: "Run", parameter: null },
      open: false,
      entries: [
        { label: "OK", value: "0" },
        { label: "Job", value: "4096" },
      ],
    });
  });

  it("prints nothing on stdout and exits 1 when the schema has errors", async () => {
    const dir = tempTree({ "bad.mof": "class A { string P; uint8 p; };" });
    const r = await runCli(["model", "bad.mof"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("bad.mof:1:27 - error MOF2006: property 'p' is declared twice");
  });

  it("prints canonical MOF with format (and model --format mof), which compiles to the same model", async () => {
    const dir = tempTree({ "s.mof": schema });
    const printed = await runCli(["format", "s.mof"], dir);
    expect(printed.code).toBe(0);
    expect((await runCli(["model", "--format", "mof", "s.mof"], dir)).stdout).toBe(printed.stdout);
    const again = tempTree({ "p.mof": printed.stdout });
    expect((await runCli(["model", "p.mof"], again)).stdout).toBe((await runCli(["model", "s.mof"], dir)).stdout);
  });
});
