import { describe, expect, it } from "vitest";
import type {
  ClassDeclaration,
  InstanceDeclaration,
  MethodDeclaration,
  PragmaDirective,
  PropertyDeclaration,
  QualifierTypeDeclaration,
  ReferenceDeclaration,
} from "../../src/ast/nodes.js";
import { parseText } from "../../src/program/program.js";
import { diagnosticsOf } from "../helpers/parse.js";

function only<T>(text: string): T {
  const r = parseText(text);
  expect(r.diagnostics).toEqual([]);
  return r.ast.productions[0] as T;
}

describe("DSP0004 productions", () => {
  it("reads a class with superclass, qualifiers, properties, references and methods", () => {
    const cls = only<ClassDeclaration>(`
      [Association, Version("2.49.0"), Description("A" "B")]
      class CIM_X : CIM_Dependency {
        [Key, Override("Antecedent")] CIM_ManagedElement REF Antecedent;
        uint16 States[] = {1, 2, 0x8000};
        string Fixed[4];
        [Static] uint32 Do([In] string Name, [In, Out] uint8 Data[], [Out] CIM_Job REF Job);
      };`);
    expect(cls.name.name).toBe("CIM_X");
    expect(cls.superclass?.name).toBe("CIM_Dependency");
    expect(cls.qualifiers?.qualifiers.map((q) => q.name.name)).toEqual(["Association", "Version", "Description"]);
    expect(cls.qualifiers?.qualifiers[2]?.value).toMatchObject({ kind: "string", value: "AB" });
    const [ref, states, fixed, method] = cls.features as [
      ReferenceDeclaration,
      PropertyDeclaration,
      PropertyDeclaration,
      MethodDeclaration,
    ];
    expect(ref).toMatchObject({
      kind: "reference",
      className: { name: "CIM_ManagedElement" },
      name: { name: "Antecedent" },
    });
    expect(states.array).toMatchObject({ kind: "array" });
    expect(states.default).toMatchObject({
      kind: "arrayValue",
      elements: [{ value: 1n }, { value: 2n }, { value: 32768n }],
    });
    expect(fixed.array?.size).toBe(4n);
    expect(method.returnType).toMatchObject({ kind: "intrinsic", name: "uint32" });
    expect(method.parameters.map((p) => [p.name.name, p.isRef, p.array !== undefined])).toEqual([
      ["Name", false, false],
      ["Data", false, true],
      ["Job", true, false],
    ]);
  });

  it("reads qualifier declarations with scopes, flavors, arrays and defaults", () => {
    const q = only<QualifierTypeDeclaration>(
      "Qualifier ValueMap : string[], Scope(property, method, parameter), Flavor(EnableOverride, ToSubclass);",
    );
    expect(q.type).toMatchObject({ kind: "intrinsic", name: "string" });
    expect(q.array).toBeDefined();
    expect(q.scopes.map((s) => s.name)).toEqual(["property", "method", "parameter"]);
    expect(q.flavors.map((f) => f.name)).toEqual(["EnableOverride", "ToSubclass"]);
    const d = only<QualifierTypeDeclaration>(
      "Qualifier Abstract : boolean = false, Scope(class, association, indication);",
    );
    expect(d.default).toMatchObject({ kind: "boolean", value: false });
  });

  it("reads instances with aliases, alias references and values of every kind", () => {
    const r = parseText(`
      instance of CIM_Link { Left = $B; Right = $A; };
      instance of CIM_Thing as $A { Name = "a"; Count = 3; Ratio = 0.5; Letter = 'x'; On = TRUE; Nothing = NULL; };
      instance of CIM_Thing as $B { Name = "b"; Tags = {"x", "y"}; };`);
    expect(r.diagnostics).toEqual([]);
    const [link, a] = r.ast.productions as [InstanceDeclaration, InstanceDeclaration];
    expect(link.properties.map((p) => p.value)).toMatchObject([
      { kind: "alias", name: "B" },
      { kind: "alias", name: "A" },
    ]);
    expect(a.alias).toMatchObject({ name: "A" });
    expect(a.properties.map((p) => p.value?.kind)).toEqual(["string", "integer", "real", "char16", "boolean", "null"]);
  });

  it("reads every pragma form", () => {
    const r = parseText(`
      #pragma include ("CIM_Core.mof")
      #pragma namespace("\\\\\\\\.\\\\root\\\\virtualization\\\\v2")
      #pragma locale ("en_US")
      #pragma autorecover
      #PRAGMA AUTORECOVER
      #pragma classflags("updateonly", "forceupdate")
      #pragma classflags(64)
      #pragma deleteclass("NETWORKPRINTERS", NOFAIL)
      #pragma deleteinstance("MyClass.Name=\\"x\\"", FAIL)
      #pragma instanceflags("createonly")
      #pragma amendment("MS_409")`);
    const pragmas = r.ast.productions as PragmaDirective[];
    // The include is not followed (in-memory text), so only check the parse.
    expect(r.diagnostics).toEqual([]);
    expect(pragmas.map((p) => [p.name.name.toLowerCase(), p.parenthesized, p.arguments.length])).toEqual([
      ["include", true, 1],
      ["namespace", true, 1],
      ["locale", true, 1],
      ["autorecover", false, 0],
      ["autorecover", false, 0],
      ["classflags", true, 2],
      ["classflags", true, 1],
      ["deleteclass", true, 2],
      ["deleteinstance", true, 2],
      ["instanceflags", true, 1],
      ["amendment", true, 1],
    ]);
    expect(pragmas[1]?.arguments[0]).toMatchObject({ kind: "string", value: "\\\\.\\root\\virtualization\\v2" });
  });

  it("puts a span on every node, covering exactly its text", () => {
    const text = 'class A {\r\n  [Key] string Name = "x";\r\n};';
    const cls = only<ClassDeclaration>(text);
    const p = cls.features[0] as PropertyDeclaration;
    const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);
    expect(slice(cls.span)).toBe(text);
    expect(slice(p.span)).toBe('[Key] string Name = "x";');
    expect(slice(p.name.span)).toBe("Name");
    expect(slice(p.type.span)).toBe("string");
    expect(slice(p.default?.span ?? { start: 0, end: 0 })).toBe('"x"');
    expect(slice(p.qualifiers?.span ?? { start: 0, end: 0 })).toBe("[Key]");
    expect(cls.span.file.position(p.name.span.start)).toEqual({ line: 2, column: 16 });
  });
});

describe("WMI superset", () => {
  const wmi = `
    qualifier Description : ToSubClass Amended;
    [dynamic: ToInstance, provider("P"), Description("d") : Amended ToSubclass, ValueMap{}]
    class Msvm_X as $X : __ExtrinsicEvent {
      object Embedded;
      Msvm_Other Typed;
      object ref AnyRef;
      Msvm_Other REF Refs[];
      void Reset();
      uint32 Start([In] uint16 Mode = 2, [In] string Opts[] = {"a"});
    };
    instance of __Win32Provider as $P { Name = "x"; [Key] ClsId = "{1}"; Inner = instance of Msvm_Other { V = 1; }; };`;

  it("parses the WMI superset without errors by default", () => {
    expect(diagnosticsOf(wmi)).toEqual([]);
  });

  it("reports each WMI extension under --dialect dmtf, at the extension", () => {
    expect(diagnosticsOf(wmi, "dmtf")).toEqual([
      "2:15 MOF1205", // flavor-only qualifier declaration
      "2:40 MOF1205", // Amended
      "3:15 MOF1205", // ToInstance
      "3:61 MOF1205", // Amended
      "5:7 MOF1205", // object
      "6:7 MOF1202", // class name as a property type
      "9:7 MOF1205", // void method
      "10:32 MOF1205", // parameter default (at the parameter name)
      "10:54 MOF1205", // parameter default
      "12:82 MOF1205", // inline instance value
      // Not "12:53 [Key]": DSP0004's valueInitializer has a qualifier list (grammar/DEVIATIONS.md, 14).
    ]);
  });
});

describe("pragma arguments", () => {
  it("accepts a bare word as the first argument too", () => {
    const r = parseText("#pragma deleteclass(NOFAIL)");
    expect(r.ast.productions[0]).toMatchObject({ arguments: [{ kind: "identifier", name: "NOFAIL" }] });
    // The parse succeeds; the pragma check then says what deleteclass takes.
    expect(r.diagnostics.map((d) => d.code)).toEqual(["MOF1207"]);
  });
});
