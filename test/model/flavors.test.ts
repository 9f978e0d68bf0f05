import { describe, expect, it } from "vitest";
import type { ModelOptions } from "../../src/model/resolve.js";
import type { CimValue, Flavors, QualifierValue } from "../../src/model/types.js";
import { fold } from "../../src/model/types.js";
import { type Compiled, classOf, compileText, findings, namespaceOf } from "../helpers/model.js";

/**
 * Qualifier flavors across three levels of inheritance (A <- B <- C). DMTF mode with the qualifier types
 * declared here (lines 1-6), so that each flavor combination is explicit; classes start on line 7.
 */
const declarations = [
  "Qualifier Tag : string = null, Scope(class, property), Flavor(EnableOverride, ToSubclass);",
  "Qualifier Local : string = null, Scope(class, property), Flavor(Restricted);",
  "Qualifier Fixed : string = null, Scope(class, property), Flavor(DisableOverride, ToSubclass);",
  "Qualifier Label : string = null, Scope(class, property), Flavor(DisableOverride, Restricted, Translatable);",
  "Qualifier Plain : string = null, Scope(class, property);",
  "Qualifier Override : string = null, Scope(property, reference, method), Flavor(EnableOverride, Restricted);",
];

function compileDmtf(...classes: string[]): Compiled {
  return compileText([...declarations, ...classes].join("\n"), { dialect: "dmtf" });
}

const wmi: ModelOptions = { dialect: "wmi" };

function show(v: CimValue): string {
  return v.kind === "string" ? v.value : v.kind === "boolean" ? String(v.value) : v.kind;
}

/** `Name=value` rows, `(propagated)` marked, sorted by name: what an element ends up with. */
function rows(qualifiers: readonly QualifierValue[]): string[] {
  return qualifiers
    .map((q) => `${q.name}=${show(q.value)}${q.propagated ? " (propagated)" : ""}`)
    .sort((a, b) => a.localeCompare(b));
}

function classRows(compiled: Compiled, name: string): string[] {
  return rows(classOf(compiled, name).qualifiers);
}

function propertyRows(compiled: Compiled, cls: string, property: string): string[] {
  const p = classOf(compiled, cls).propertyByName.get(fold(property));
  if (p === undefined) throw new Error(`${cls}.${property} not found`);
  return rows(p.qualifiers);
}

function flavorsOf(qualifiers: readonly QualifierValue[], name: string): Flavors | undefined {
  return qualifiers.find((q) => fold(q.name) === fold(name))?.flavors;
}

const flavors = (f: Partial<Flavors>): Flavors => ({
  overridable: true,
  toSubclass: true,
  translatable: false,
  amended: false,
  toInstance: false,
  ...f,
});

describe("propagation to subclasses and grandchildren", () => {
  const hierarchy = compileDmtf('[Tag("a"), Local("a"), Fixed("a")] class A {};', "class B : A {};", "class C : B {};");

  it("compiles cleanly", () => {
    expect(findings(hierarchy)).toEqual([]);
  });

  it.each([
    ["A", ["Fixed=a", "Local=a", "Tag=a"]],
    ["B", ["Fixed=a (propagated)", "Tag=a (propagated)"]],
    ["C", ["Fixed=a (propagated)", "Tag=a (propagated)"]],
  ])("class %s: ToSubclass qualifiers propagate, Restricted ones do not", (name, expected) => {
    expect(classRows(hierarchy, name)).toEqual(expected);
  });

  const properties = compileDmtf(
    'class A { [Tag("a"), Local("a"), Fixed("a")] string P; };',
    "class B : A {};",
    "class C : B {};",
  );

  it.each([
    ["A", ["Fixed=a", "Local=a", "Tag=a"]],
    ["B", ["Fixed=a (propagated)", "Tag=a (propagated)"]],
    ["C", ["Fixed=a (propagated)", "Tag=a (propagated)"]],
  ])("property %s.P, only inherited: the same rules as for classes", (name, expected) => {
    expect(findings(properties)).toEqual([]);
    expect(propertyRows(properties, name, "P")).toEqual(expected);
  });

  it("property overridden in the child: the grandchild gets the child's effective qualifiers", () => {
    const compiled = compileDmtf(
      'class A { [Tag("a"), Local("a"), Fixed("a")] string P; };',
      'class B : A { [Override("P"), Tag("b")] string P; };',
      "class C : B {};",
    );
    expect(findings(compiled)).toEqual([]);
    expect(propertyRows(compiled, "B", "P")).toEqual(["Fixed=a (propagated)", "Override=P", "Tag=b"]);
    expect(propertyRows(compiled, "C", "P")).toEqual(["Fixed=a (propagated)", "Tag=b (propagated)"]);
  });
});

describe("overriding qualifier values", () => {
  it("EnableOverride: the child gives a new value, which the grandchild inherits", () => {
    const compiled = compileDmtf('[Tag("a")] class A {};', '[Tag("b")] class B : A {};', "class C : B {};");
    expect(findings(compiled)).toEqual([]);
    expect(classRows(compiled, "B")).toEqual(["Tag=b"]);
    expect(classRows(compiled, "C")).toEqual(["Tag=b (propagated)"]);
  });

  it("DisableOverride: a new value in the child is reported at the child's qualifier", () => {
    const compiled = compileDmtf('[Fixed("a")] class A {};', '[Fixed("b")] class B : A {};', "class C : B {};");
    expect(findings(compiled)).toEqual(["8:2 MOF3007 error"]);
    expect(compiled.diagnostics[0]?.message).toBe(
      "qualifier 'Fixed' is DisableOverride in 'A'; its value cannot be changed",
    );
  });

  it("DisableOverride: the inherited value stays in force after the error", () => {
    const compiled = compileDmtf('[Fixed("a")] class A {};', '[Fixed("b")] class B : A {};', "class C : B {};");
    const fixed = (cls: string) => classOf(compiled, cls).qualifiers.find((q) => q.name === "Fixed")?.value;
    expect(fixed("B")).toEqual({ kind: "string", value: "a" });
    expect(fixed("C")).toEqual({ kind: "string", value: "a" });
  });

  it("DisableOverride: giving the same value again is no change", () => {
    const compiled = compileDmtf('[Fixed("a")] class A {};', '[Fixed("a")] class B : A {};', "class C : B {};");
    expect(findings(compiled)).toEqual([]);
    expect(classRows(compiled, "B")).toEqual(["Fixed=a"]);
  });

  it("DisableOverride: a grandchild cannot change a value its parent only inherited", () => {
    const compiled = compileDmtf('[Fixed("a")] class A {};', "class B : A {};", '[Fixed("c")] class C : B {};');
    expect(findings(compiled)).toEqual(["9:2 MOF3007 error"]);
  });

  it("DisableOverride on a property: reported at the overriding property's qualifier", () => {
    const compiled = compileDmtf(
      'class A { [Fixed("a")] string P; };',
      'class B : A { [Override("P"), Fixed("b")] string P; };',
    );
    expect(findings(compiled)).toEqual(["8:31 MOF3007 error"]);
  });
});

describe("flavors of the declaration and of the use", () => {
  const uses = compileDmtf('[Tag("t"), Local("l"), Fixed("f"), Label("x"), Plain("p")] class A {};');

  it.each([
    ["Tag", flavors({})],
    ["Local", flavors({ toSubclass: false })],
    ["Fixed", flavors({ overridable: false })],
    ["Label", flavors({ overridable: false, toSubclass: false, translatable: true })],
    ["Plain", flavors({})],
  ])("%s gets its declaration's flavors (DSP0004 defaults for what it leaves out)", (name, expected) => {
    expect(findings(uses)).toEqual([]);
    expect(flavorsOf(classOf(uses, "A").qualifiers, name)).toEqual(expected);
  });

  it("records the declared flavors on the qualifier type", () => {
    const label = namespaceOf(uses).qualifierTypeByName.get("label");
    expect(label?.flavors).toEqual(flavors({ overridable: false, toSubclass: false, translatable: true }));
    expect(label?.origin).toBe("declared");
  });

  it("ToSubclass on the use makes a Restricted qualifier propagate", () => {
    const compiled = compileDmtf('[Local("a") : ToSubclass] class A {};', "class B : A {};", "class C : B {};");
    expect(findings(compiled)).toEqual([]);
    expect(classRows(compiled, "C")).toEqual(["Local=a (propagated)"]);
  });

  it("Restricted on the use stops a ToSubclass qualifier", () => {
    const compiled = compileDmtf('[Tag("a") : Restricted] class A {};', "class B : A {};");
    expect(findings(compiled)).toEqual([]);
    expect(classRows(compiled, "B")).toEqual([]);
  });

  it("DisableOverride on the use forbids a change the declaration allows", () => {
    const compiled = compileDmtf('[Tag("a") : DisableOverride] class A {};', '[Tag("b")] class B : A {};');
    expect(findings(compiled)).toEqual(["8:2 MOF3007 error"]);
  });

  it("EnableOverride on the use allows a change the declaration forbids", () => {
    const compiled = compileDmtf('[Fixed("a") : EnableOverride] class A {};', '[Fixed("b")] class B : A {};');
    expect(findings(compiled)).toEqual([]);
    expect(classRows(compiled, "B")).toEqual(["Fixed=b"]);
  });

  it("the propagated copy keeps the flavors of the use", () => {
    const compiled = compileDmtf(
      '[Plain("a") : DisableOverride Translatable] class A {};',
      "class B : A {};",
      "class C : B {};",
    );
    const expected = flavors({ overridable: false, translatable: true });
    expect(flavorsOf(classOf(compiled, "A").qualifiers, "Plain")).toEqual(expected);
    expect(flavorsOf(classOf(compiled, "C").qualifiers, "Plain")).toEqual(expected);
  });
});

describe("WMI flavors", () => {
  const source = [
    '[Description("d") : Amended ToInstance, Note("n") : NotToSubclass] class A {};',
    "class B : A {};",
    "class C : B {};",
  ].join("\n");

  it("records Amended and ToInstance and carries them down to the grandchild", () => {
    const compiled = compileText(source, wmi);
    expect(findings(compiled)).toEqual([]);
    expect(classRows(compiled, "C")).toEqual(["Description=d (propagated)"]);
    const expected = flavors({ amended: true, toInstance: true, translatable: true });
    expect(flavorsOf(classOf(compiled, "A").qualifiers, "Description")).toEqual(expected);
    expect(flavorsOf(classOf(compiled, "C").qualifiers, "Description")).toEqual(expected);
  });

  it("NotToSubclass stops propagation", () => {
    const compiled = compileText(source, wmi);
    expect(flavorsOf(classOf(compiled, "A").qualifiers, "Note")).toEqual(flavors({ toSubclass: false }));
    expect(flavorsOf(classOf(compiled, "B").qualifiers, "Note")).toBeUndefined();
  });

  it("a flavor-only qualifier declaration sets the default flavors of its uses", () => {
    const compiled = compileText(
      'qualifier Mine : ToInstance Amended;\n[Mine("x")] class A {};\n[Mine("y") : NotToInstance] class B : A {};',
      wmi,
    );
    expect(findings(compiled)).toEqual([]);
    expect(flavorsOf(classOf(compiled, "A").qualifiers, "Mine")).toEqual(flavors({ amended: true, toInstance: true }));
    expect(flavorsOf(classOf(compiled, "B").qualifiers, "Mine")).toEqual(flavors({ amended: true }));
  });

  it("reports contradicting WMI flavors", () => {
    const compiled = compileText('[Note("n") : ToInstance NotToInstance] class A {};', wmi);
    expect(findings(compiled)).toEqual(["1:25 MOF3006 error"]);
  });
});

describe("contradicting flavors", () => {
  it("are reported at the flavor written second", () => {
    const text = 'Qualifier Q : string = null, Scope(any);\n[Q("a") : Restricted ToSubclass] class A {};';
    expect(findings(compileText(text, { dialect: "dmtf" }))).toEqual(["2:22 MOF3006 error"]);
  });
});
