import { describe, expect, it } from "vitest";
import type { ModelOptions } from "../../src/model/resolve.js";
import { type Compiled, classOf, compileText, findings, namespaceOf } from "../helpers/model.js";

const wmi: ModelOptions = { dialect: "wmi" };
const dmtf: ModelOptions = { dialect: "dmtf", builtinQualifiers: true };

/** `namespace: Class Class...` per namespace, in the order namespaces were first used. */
function layout(compiled: Compiled): string[] {
  return compiled.schema.namespaces.map((n) => `${n.name}: ${n.classes.map((c) => c.name).join(" ")}`);
}

describe("the namespace of declarations before any #pragma namespace", () => {
  it("is root/cimv2 by default", () => {
    const compiled = compileText("class A {};", wmi);
    expect(layout(compiled)).toEqual(["root/cimv2: A"]);
    expect(classOf(compiled, "A").namespace).toBe("root/cimv2");
  });

  it("is the namespace option when given", () => {
    const compiled = compileText('class A {};\n#pragma namespace("ms_409")\nclass B {};', {
      ...wmi,
      namespace: "root/virtualization/v2",
    });
    expect(layout(compiled)).toEqual(["root/virtualization/v2: A", "root/virtualization/v2/ms_409: B"]);
  });

  it("is normalised like a pragma when the option is written with backslashes", () => {
    const text = String.raw`class A {};
#pragma namespace("root\\test")
class B {};`;
    const compiled = compileText(text, { ...wmi, namespace: String.raw`root\test` });
    expect(layout(compiled)).toEqual(["root/test: A B"]);
  });
});

describe("#pragma namespace", () => {
  it.each([
    ["a WMI path with the local host", String.raw`\\\\.\\root\\virtualization\\v2`, "root/virtualization/v2"],
    ["a WMI path with a named host", String.raw`\\\\server\\root\\interop`, "root/interop"],
    ["a path with backslashes", String.raw`root\\wmi`, "root/wmi"],
    ["a path with slashes", "root/StandardCimv2", "root/StandardCimv2"],
    ["a path with a leading slash", "/root/test", "root/test"],
    ["a relative child", "ms_409", "root/cimv2/ms_409"],
    ["a relative path of two levels", "a/b", "root/cimv2/a/b"],
  ])("takes %s", (_what, written, expected) => {
    const compiled = compileText(`#pragma namespace("${written}")\nclass A {};`, wmi);
    expect(findings(compiled)).toEqual([]);
    expect(layout(compiled)).toEqual([`${expected}: A`]);
    expect(classOf(compiled, "A", expected).namespace).toBe(expected);
  });

  it("joins relative children to the namespace in force, as localisation files do", () => {
    const text = String.raw`#pragma namespace("\\\\.\\root\\virtualization\\v2")
class Msvm_A {};
#pragma namespace("ms_409")
[Amendment, Locale(0x409)] class Msvm_A {};
#pragma namespace("\\\\.\\root\\virtualization\\v2")
class Msvm_B : Msvm_A {};`;
    const compiled = compileText(text, wmi);
    expect(findings(compiled)).toEqual([]);
    expect(layout(compiled)).toEqual([
      "root/virtualization/v2: Msvm_A Msvm_B",
      "root/virtualization/v2/ms_409: Msvm_A",
    ]);
  });

  it("compares namespaces case-insensitively and keeps the first spelling", () => {
    const text = String.raw`#pragma namespace("root\\Virtualization")
class A {};
#pragma namespace("ROOT/virtualization")
class B {};`;
    const compiled = compileText(text, wmi);
    expect(layout(compiled)).toEqual(["root/Virtualization: A B"]);
    expect(namespaceOf(compiled, "root/virtualization").name).toBe("root/Virtualization");
  });

  it("spells a parent namespace one way for all its children, as first written (issue 13, item 6)", () => {
    const text = `#pragma namespace("Root/a")
class A {};
#pragma namespace("root/b")
class B {};
#pragma namespace("ROOT/B/c")
class C {};`;
    const compiled = compileText(text, wmi);
    expect(layout(compiled)).toEqual(["Root/a: A", "Root/b: B", "Root/b/c: C"]);
    expect(namespaceOf(compiled, "root/b").classes.map((c) => c.namespace)).toEqual(["Root/b"]);
  });

  it("puts instances and qualifier declarations into the namespace in force", () => {
    const text = String.raw`class A { [key] string K; };
#pragma namespace("root\\other")
qualifier Mine : boolean = false, scope(class);
[Mine] class B { [key] string K; };
instance of B { K = "b"; };`;
    const compiled = compileText(text, wmi);
    expect(findings(compiled)).toEqual([]);
    expect(namespaceOf(compiled).instances).toEqual([]);
    expect(namespaceOf(compiled, "root/other").instances.map((i) => i.className)).toEqual(["B"]);
    expect(namespaceOf(compiled).qualifierTypes).toEqual([]);
    expect(namespaceOf(compiled, "root/other").qualifierTypes.map((q) => q.name)).toEqual(["Mine"]);
  });
});

describe("class names across namespaces", () => {
  it("allows the same class name in two namespaces", () => {
    const text = String.raw`class Msvm_A {};
#pragma namespace("root\\virtualization\\v2")
class Msvm_A {};`;
    const compiled = compileText(text, wmi);
    expect(findings(compiled)).toEqual([]);
    expect(layout(compiled)).toEqual(["root/cimv2: Msvm_A", "root/virtualization/v2: Msvm_A"]);
    expect(classOf(compiled, "Msvm_A")).not.toBe(classOf(compiled, "Msvm_A", "root/virtualization/v2"));
  });

  it("reports a class declared again after switching back to its namespace", () => {
    const text = String.raw`class A {};
#pragma namespace("root\\other")
class A {};
#pragma namespace("root\\cimv2")
class A { string P; };`;
    const compiled = compileText(text, wmi);
    expect(findings(compiled)).toEqual(["5:7 MOF2001 error"]);
    expect(compiled.diagnostics[0]?.message).toBe("class 'A' is declared twice in namespace 'root/cimv2'");
  });

  it("resolves a superclass declared only in another namespace in WMI", () => {
    const text = String.raw`#pragma namespace("root\\a")
class Base { string P; };
#pragma namespace("root\\b")
class Sub : Base { string Q; };`;
    const compiled = compileText(text, wmi);
    expect(findings(compiled)).toEqual([]);
    const sub = classOf(compiled, "Sub", "root/b");
    expect(sub.properties.map((p) => `${p.name} ${p.classOrigin}`)).toEqual(["P Base", "Q Sub"]);
  });

  it.each([
    [
      "embedded instances",
      'class A { [EmbeddedInstance("B")] string E; };',
      'class B { [EmbeddedInstance("A")] string F; };',
    ],
    ["references", "[Association] class A { B REF L; };", '[Association] class B : A { [Override("L")] B REF L; };'],
  ])("names a class of another namespace that names it back without a false cycle in WMI (%s)", (_what, a, b) => {
    const text = `#pragma namespace("root/a")\n${a}\n#pragma namespace("root/b")\n${b}`;
    const compiled = compileText(text, wmi);
    expect(findings(compiled)).toEqual([]);
    expect(layout(compiled)).toEqual(["root/a: A", "root/b: B"]);
  });

  it("does not look into other namespaces in DMTF", () => {
    const text = `#pragma namespace("root/a")
class Base { string P; };
#pragma namespace("root/b")
class Sub : Base {};`;
    expect(findings(compileText(text, dmtf))).toEqual(["4:13 MOF2002 error"]);
  });

  it("keeps qualifier declarations to their namespace in DMTF", () => {
    const text = `#pragma namespace("root/a")
Qualifier Key : boolean = false, Scope(property), Flavor(DisableOverride, ToSubclass);
class A { [Key] string K; };
#pragma namespace("root/b")
class B { [Key] string K; };`;
    expect(findings(compileText(text, { dialect: "dmtf" }))).toEqual(["5:12 MOF3001 error"]);
  });

  it("applies #pragma deleteclass to the namespace in force only", () => {
    const text = String.raw`class Old {};
#pragma namespace("root\\other")
class Old {};
#pragma deleteclass("Old", FAIL)
#pragma namespace("root\\empty")
#pragma deleteclass("Old", FAIL)`;
    const compiled = compileText(text, wmi);
    expect(findings(compiled)).toEqual(["6:21 MOF2020 warning"]);
    expect(namespaceOf(compiled).classes.map((c) => c.name)).toEqual(["Old"]);
    expect(namespaceOf(compiled, "root/other").classes).toEqual([]);
  });
});

describe("qualifier declarations outside any namespace pragma", () => {
  it("made before any #pragma namespace type the qualifiers of every namespace that declares none", () => {
    const text = [
      "Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);",
      "Qualifier Description : string = null, Scope(any), Flavor(Translatable);",
      '#pragma namespace("root/other")',
      '[Description("d")] class A { [Key] string K; };',
    ].join("\n");
    const compiled = compileText(text, { dialect: "dmtf" });
    expect(findings(compiled)).toEqual([]);
    const key = classOf(compiled, "A", "root/other").properties[0];
    expect(key?.key).toBe(true);
  });
});
