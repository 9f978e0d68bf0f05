import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CompileSettings, compile, createSession } from "../../src/index.js";
import { corpus } from "../helpers/corpora.js";
import { compilationDifference } from "../helpers/same-model.js";
import { tempTree } from "../helpers/tmp.js";

const qualifiers = [
  "Qualifier Description : string = null, Scope(any), Translatable;",
  "Qualifier Key : boolean = false, Scope(property, reference), DisableOverride;",
  "Qualifier Association : boolean = false, Scope(association), DisableOverride;",
  "Qualifier Override : string = null, Scope(property, reference, method), Restricted;",
  "Qualifier ValueMap : string[], Scope(property, method, parameter);",
  "Qualifier Values : string[], Scope(property, method, parameter), Translatable;",
  "Qualifier Units : string = null, Scope(property, method, parameter);",
  "",
].join("\n");

/** A small schema whose classes read one another every way the model does. */
const files = {
  "all.mof": ["qualifiers.mof", "core.mof", "device.mof", "assoc.mof", "log.mof"]
    .map((f) => `#pragma include ("${f}")\n`)
    .join(""),
  "qualifiers.mof": qualifiers,
  "core.mof": [
    '[Description ("The root.")] class T_Managed { [Key] string Id; };',
    "class T_Other { };",
    "class T_Element : T_Managed {",
    '  [ValueMap {"0", "2", "3"}, Values {"Unknown", "OK", "Degraded"}] uint16 Health;',
    '  [Units ("Bytes")] uint64 Size;',
    "};",
    "",
  ].join("\n"),
  "device.mof": [
    "class T_Device : T_Element { string DeviceId; T_Element Embedded; };",
    "class T_Disk : T_Device { uint32 Blocks; };",
    '[Description ("Overrides Health.")] class T_Port : T_Device {',
    '  [Override ("Health"), Values {"Unknown", "Up", "Down"}] uint16 Health;',
    "};",
    "",
  ].join("\n"),
  "assoc.mof": [
    "[Association] class T_Dependency { [Key] T_Managed REF Antecedent; [Key] T_Managed REF Dependent; };",
    "[Association] class T_DiskOnPort : T_Dependency {",
    '  [Override ("Antecedent")] T_Port REF Antecedent;',
    '  [Override ("Dependent")] T_Disk REF Dependent;',
    "};",
    "",
  ].join("\n"),
  // Reads T_Disk by name only (whether it is defined).
  "log.mof": "class T_Log { T_Disk Last; };\n",
};

type Step = readonly [what: string, edit: (dir: string) => void];

/** Rewrite one file with a change of its text (exactly one occurrence must match). */
function replace(file: string, from: string, to: string): (dir: string) => void {
  return (dir) => {
    const path = join(dir, file);
    const text = readFileSync(path, "utf8");
    if (text.split(from).length !== 2) throw new Error(`test edit: '${from}' not once in ${file}`);
    writeFileSync(path, text.replace(from, to));
  };
}

const steps: Step[] = [
  ["add a class", replace("device.mof", "class T_Disk", "class T_Tape : T_Device { };\nclass T_Disk")],
  ["rename a superclass", replace("core.mof", "class T_Element : T_Managed", "class T_Element2 : T_Managed")],
  ["rename it back", replace("core.mof", "class T_Element2 : T_Managed", "class T_Element : T_Managed")],
  ["change a superclass", replace("device.mof", "class T_Disk : T_Device", "class T_Disk : T_Managed")],
  ["and back", replace("device.mof", "class T_Disk : T_Managed", "class T_Disk : T_Device")],
  // T_DiskOnPort's reference override then names a class outside the overridden one's hierarchy.
  ["rebase a referenced class elsewhere", replace("device.mof", "class T_Disk : T_Device", "class T_Disk : T_Other")],
  ["and back again", replace("device.mof", "class T_Disk : T_Other", "class T_Disk : T_Device")],
  [
    "change a qualifier type (Units no longer on properties)",
    replace("qualifiers.mof", "Units : string = null, Scope(property,", "Units : string = null, Scope("),
  ],
  [
    "change a qualifier type's flavor (Description no longer inherited)",
    replace("qualifiers.mof", "Scope(any), Translatable;", "Scope(any), Translatable, Restricted;"),
  ],
  ["change an inherited ValueMap", replace("core.mof", '{"0", "2", "3"}', '{"0", "2", "3", "4"}')],
  ["make it match again", replace("core.mof", '"OK", "Degraded"}', '"OK", "Degraded", "Stressed"}')],
  [
    "move a class to another file",
    (dir) => {
      replace("device.mof", "class T_Disk : T_Device { uint32 Blocks; };\n", "")(dir);
      writeFileSync(
        join(dir, "assoc.mof"),
        `class T_Disk : T_Device { uint32 Blocks; };\n${readFileSync(join(dir, "assoc.mof"), "utf8")}`,
      );
    },
  ],
  [
    "delete a class that references name",
    replace("device.mof", "class T_Port : T_Device {", "class T_Port2 : T_Device {"),
  ],
  ["fix the references", replace("assoc.mof", "T_Port REF Antecedent", "T_Port2 REF Antecedent")],
  ["rename a class used as a type", replace("assoc.mof", "class T_Disk : T_Device", "class T_Disk2 : T_Device")],
  ["and its references", replace("assoc.mof", "T_Disk REF Dependent", "T_Disk2 REF Dependent")],
  ["rename T_Disk2 back", replace("assoc.mof", "class T_Disk2 : T_Device", "class T_Disk : T_Device")],
  ["and its references back", replace("assoc.mof", "T_Disk2 REF Dependent", "T_Disk REF Dependent")],
  [
    "an error: unknown superclass",
    replace("device.mof", "class T_Device : T_Element {", "class T_Device : T_Elemnt {"),
  ],
  ["fix it", replace("device.mof", "class T_Device : T_Elemnt {", "class T_Device : T_Element {")],
  ["an inheritance cycle", replace("core.mof", "class T_Element : T_Managed", "class T_Element : T_Disk")],
  ["no cycle", replace("core.mof", "class T_Element : T_Disk", "class T_Element : T_Managed")],
  [
    "rename a file the roll-up includes",
    (dir) => {
      renameSync(join(dir, "assoc.mof"), join(dir, "links.mof"));
      replace("all.mof", "assoc.mof", "links.mof")(dir);
    },
  ],
  ["delete a class", replace("device.mof", "class T_Tape : T_Device { };\n", "")],
];

describe("a session's model cache (classes resolved again only where an edit reaches)", () => {
  it("gives the model and diagnostics of a cold compile after every edit of a series", () => {
    const dir = tempTree(files);
    const roll = join(dir, "all.mof");
    const settings: CompileSettings = { dialect: "dmtf" };
    const session = createSession([roll], settings);
    session.compile();
    expect(session.stats).toMatchObject({ reusedClasses: 0, resolvedClasses: 9 });
    const reused: number[] = [];
    const differences: [string, string | undefined][] = [];
    for (const [what, edit] of steps) {
      edit(dir);
      const warm = session.compile();
      differences.push([what, compilationDifference(warm, compile([roll], settings))]);
      reused.push(session.stats?.reusedClasses ?? -1);
    }
    // Every step is compared (a failure lists each step that differs, and where).
    expect(differences).toEqual(steps.map(([what]) => [what, undefined]));
    // Reuse happened where it may. Adding T_Tape before T_Disk parses device.mof again from there: T_Disk and
    // T_Port are new trees, and T_DiskOnPort reads them; the six others are reused (T_Log only asks whether
    // T_Disk is defined). After the cycle, none (the resolve that met it started again without the cache).
    expect(reused[0]).toBe(6);
    expect(reused[steps.findIndex(([w]) => w === "no cycle")]).toBe(0);
    expect(reused.filter((n) => n > 0).length).toBeGreaterThan(steps.length / 2);
    // Nothing changed: nothing is resolved again.
    expect(compilationDifference(session.compile(), compile([roll], settings))).toBeUndefined();
    expect(session.stats).toMatchObject({ reusedClasses: 9, resolvedClasses: 0 });
  });

  it("follows WMI classes across namespaces and localised amendments", () => {
    const ns = (name: string) => `#pragma namespace("\\\\\\\\.\\\\root\\\\${name}")\n`;
    const dir = tempTree({
      "all.mof": ["a.mof", "b.mof", "a.mfl"].map((f) => `#pragma include ("${f}")\n`).join(""),
      "a.mof": `${ns("a")}[Description("Base.")] class A_Base { [key] string Id; [Description("P.")] string P; };\nclass A_Only { string O; };\n`,
      "b.mof": `${ns("b")}class B_Derived : A_Base { string Q; };\n[Association] class B_Link { A_Base ref X; };\nclass B_Other : A_Only { };\n`,
      "a.mfl": `${ns("a\\\\ms_409")}[Amendment, Locale(0x409)] class A_Base { [Description("Localised P.")] string P; };\n`,
    });
    const roll = join(dir, "all.mof");
    const session = createSession([roll]);
    session.compile();
    const edits: Step[] = [
      ["add a property to the base in its namespace", replace("a.mof", "string P; };", "string P; uint32 R; };")],
      ["localise it", replace("a.mfl", "string P; };", 'string P; [Description("Localised R.")] uint32 R; };')],
      ["nothing changed", () => {}],
      // Declared in root/a only: B_Other's superclass comes from there, and follows its edits.
      [
        "add a property to a class another namespace derives from",
        replace("a.mof", "string O; };", "string O; string O2; };"),
      ],
      ["rename the base", (d) => replace("a.mof", "class A_Base", "class A_Base2")(d)],
      ["and back", (d) => replace("a.mof", "class A_Base2", "class A_Base")(d)],
    ];
    const differences: [string, string | undefined][] = [];
    for (const [what, edit] of edits) {
      edit(dir);
      differences.push([what, compilationDifference(session.compile(), compile([roll]))]);
    }
    expect(differences).toEqual(edits.map(([what]) => [what, undefined]));
    expect(session.stats?.reusedClasses).toBeGreaterThan(0);
  });

  it("resolves again only the edited class and its dependants in CIM 2.49, as a cold compile does", () => {
    const dir = corpus("dmtf-cim-2.49");
    if (dir === undefined) return;
    const copy = tempTree({});
    cpSync(dir, copy, { recursive: true });
    const roll = join(copy, "cim_schema_2.49.0.mof");
    const settings: CompileSettings = { dialect: "dmtf" };
    const session = createSession([roll], settings);
    session.compile();
    const edited = join(copy, "Core/CIM_EnabledLogicalElement.mof");
    const text = readFileSync(edited, "utf8");
    // A new property on a class with hundreds of subclasses, then a class appended to a leaf's file.
    writeFileSync(edited, text.replace("uint16 EnabledState", "uint16 Added;\n      uint16 EnabledState"));
    let warm = session.compile();
    expect(compilationDifference(warm, compile([roll], settings))).toBeUndefined();
    const first = session.stats;
    expect(first?.reusedClasses).toBeGreaterThan(300);
    expect(first?.resolvedClasses).toBeGreaterThan(300);
    const leaf = join(copy, "Network/CIM_TCPProtocolEndpoint.mof");
    writeFileSync(leaf, `${readFileSync(leaf, "utf8")}\nclass CIM_Edit : CIM_TCPProtocolEndpoint { string P; };\n`);
    warm = session.compile();
    expect(compilationDifference(warm, compile([roll], settings))).toBeUndefined();
    expect(session.stats?.resolvedClasses).toBe(1);
    rmSync(leaf);
    warm = session.compile();
    expect(compilationDifference(warm, compile([roll], settings))).toBeUndefined();
  });

  it("keeps Hyper-V's localised amendments once per class across compiles", () => {
    const dir = corpus("hyperv");
    if (dir === undefined) return;
    const copy = tempTree({});
    cpSync(join(dir, "v2"), copy, { recursive: true });
    const roll = join(copy, "all.mof");
    const big = join(copy, "WindowsVirtualization.V2.mof");
    const text = readFileSync(big, "utf8");
    const session = createSession([roll]);
    session.compile();
    for (const added of ["class Msvm_Added { string P; };", "class Msvm_Added : Msvm_ComputerSystem { };"]) {
      writeFileSync(big, `${text}\n${added}\n`);
      const warm = session.compile();
      expect(compilationDifference(warm, compile([roll]))).toBeUndefined();
      expect(session.stats?.resolvedClasses).toBeLessThan(5);
    }
  });
});
