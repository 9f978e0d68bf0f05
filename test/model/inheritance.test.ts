import { describe, expect, it } from "vitest";
import type { ModelOptions } from "../../src/model/resolve.js";
import type { CimValue, ClassModel } from "../../src/model/types.js";
import { classOf, compileText, findings } from "../helpers/model.js";

const dmtf: ModelOptions = { dialect: "dmtf", builtinQualifiers: true };
const wmi: ModelOptions = { dialect: "wmi" };

/** Effective members as `name origin propagated` rows: what subclass resolution must get right. */
function propertyRows(c: ClassModel): string[] {
  return c.properties.map((p) => `${p.name} ${p.classOrigin} ${p.propagated}`);
}

function methodRows(c: ClassModel): string[] {
  return c.methods.map((m) => `${m.name} ${m.classOrigin} ${m.propagated}`);
}

function text(v: CimValue | undefined): string | undefined {
  return v?.kind === "string" ? v.value : undefined;
}

const declarations = {
  A: 'class A { string a1 = "a"; string a2; uint32 ma(); };',
  B: "class B : A { string b1; uint32 mb(); };",
  C: "class C : B { string c1; uint32 mc(); };",
};

/** Every order of the three declarations: superclasses may come after their subclasses. */
const orders: readonly (keyof typeof declarations)[][] = [
  ["A", "B", "C"],
  ["C", "B", "A"],
  ["B", "C", "A"],
  ["C", "A", "B"],
];

describe("effective members", () => {
  it.each(orders)("are the same in the order %s %s %s", (...order) => {
    const compiled = compileText(order.map((k) => declarations[k]).join("\n"), dmtf);
    expect(findings(compiled)).toEqual([]);
    const c = classOf(compiled, "C");
    expect(c.superclass).toBe("B");
    expect(propertyRows(c)).toEqual(["a1 A true", "a2 A true", "b1 B true", "c1 C false"]);
    expect(methodRows(c)).toEqual(["ma A true", "mb B true", "mc C false"]);
    expect(c.ownProperties.map((p) => p.name)).toEqual(["c1"]);
    expect(c.ownMethods.map((m) => m.name)).toEqual(["mc"]);
    expect(text(c.propertyByName.get("a1")?.default)).toBe("a");
    // The classes keep their declaration order, whatever the order of resolution.
    expect(compiled.schema.namespaces[0]?.classes.map((x) => x.name)).toEqual(order);
  });

  it("list the root class's members first at every level", () => {
    const compiled = compileText(Object.values(declarations).join("\n"), dmtf);
    expect(propertyRows(classOf(compiled, "A"))).toEqual(["a1 A false", "a2 A false"]);
    expect(propertyRows(classOf(compiled, "B"))).toEqual(["a1 A true", "a2 A true", "b1 B false"]);
  });

  it("find members and superclasses case-insensitively, keeping the declared spelling", () => {
    const compiled = compileText("class Base { string MixedCase; };\nclass Sub : BASE {};", dmtf);
    expect(findings(compiled)).toEqual([]);
    const sub = classOf(compiled, "sub");
    expect(sub.superclass).toBe("Base");
    expect(sub.propertyByName.get("mixedcase")?.name).toBe("MixedCase");
  });
});

describe("overrides", () => {
  const overriding = [
    'class A { [Description("a")] string a1 = "a"; string a2; uint32 ma([In] uint32 x); };',
    'class B : A { [Override("a1"), Description("b")] string a1 = "b"; string b1;',
    '  [Override("ma")] uint32 ma([In] uint32 x); };',
    "class C : B { string c1; };",
  ].join("\n");

  it("replace the inherited member in place (DMTF Override)", () => {
    const compiled = compileText(overriding, dmtf);
    expect(findings(compiled)).toEqual([]);
    const b = classOf(compiled, "B");
    expect(propertyRows(b)).toEqual(["a1 B false", "a2 A true", "b1 B false"]);
    expect(methodRows(b)).toEqual(["ma B false"]);
    expect(text(b.propertyByName.get("a1")?.default)).toBe("b");
    expect(b.ownProperties.map((p) => p.name)).toEqual(["a1", "b1"]);
  });

  it("pass the overriding member on to the grandchild", () => {
    const c = classOf(compileText(overriding, dmtf), "C");
    expect(propertyRows(c)).toEqual(["a1 B true", "a2 A true", "b1 B true", "c1 C false"]);
    expect(text(c.propertyByName.get("a1")?.default)).toBe("b");
    expect(methodRows(c)).toEqual(["ma B true"]);
  });

  it("leave the superclass untouched", () => {
    const a = classOf(compileText(overriding, dmtf), "A");
    expect(propertyRows(a)).toEqual(["a1 A false", "a2 A false"]);
    expect(text(a.propertyByName.get("a1")?.default)).toBe("a");
  });

  it("happen by re-declaration in WMI, inheriting the default and qualifiers not given again", () => {
    const source = [
      'class A { [Description("a")] string a1 = "a"; string a2; uint32 ma([In] uint32 x); };',
      "class B : A { string A1; uint32 ma([In] uint32 x); string b1; };",
    ].join("\n");
    const compiled = compileText(source, wmi);
    expect(findings(compiled)).toEqual([]);
    const b = classOf(compiled, "B");
    expect(propertyRows(b)).toEqual(["A1 B false", "a2 A true", "b1 B false"]);
    expect(methodRows(b)).toEqual(["ma B false"]);
    const a1 = b.propertyByName.get("a1");
    expect(text(a1?.default)).toBe("a");
    expect(a1?.qualifiers.map((q) => [q.name, text(q.value), q.propagated])).toEqual([["Description", "a", true]]);
  });

  it("of a reference may narrow the referenced class to a subclass", () => {
    const source = [
      "class X {};",
      "class Y : X {};",
      "[Association] class L { X REF R; };",
      '[Association] class M : L { [Override("R")] Y REF R; };',
    ].join("\n");
    const compiled = compileText(source, dmtf);
    expect(findings(compiled)).toEqual([]);
    expect(classOf(compiled, "M").propertyByName.get("r")?.type).toEqual({ kind: "reference", className: "Y" });
  });

  it("of a reference may not widen it", () => {
    const source = [
      "class X {};",
      "class Y : X {};",
      "[Association] class L { Y REF R; };",
      '[Association] class M : L { [Override("R")] X REF R; };',
    ].join("\n");
    expect(findings(compileText(source, dmtf))).toEqual(["4:51 MOF2008 error"]);
  });
});

describe("class kinds", () => {
  const kinds = [
    "class X {};",
    "[Association] class A { X REF R; };",
    "class B : A {};",
    "class C : B { X REF S; };",
    "[Indication] class I {};",
    "class J : I {};",
    "class K : J {};",
  ].join("\n");

  it.each([
    ["A", true, false],
    ["B", true, false],
    ["C", true, false],
    ["I", false, true],
    ["J", false, true],
    ["K", false, true],
    ["X", false, false],
  ])("%s: association %s, indication %s (inherited down the hierarchy)", (name, association, indication) => {
    const compiled = compileText(kinds, dmtf);
    expect(findings(compiled)).toEqual([]);
    const c = classOf(compiled, name);
    expect([c.association, c.indication]).toEqual([association, indication]);
  });

  it("lets a class inherit Association from a superclass declared later", () => {
    const compiled = compileText("class B : A { X REF S; };\n[Association] class A {};\nclass X {};", dmtf);
    expect(findings(compiled)).toEqual([]);
    expect(classOf(compiled, "B").association).toBe(true);
  });

  it("rejects an indication derived from a plain class", () => {
    expect(findings(compileText("class P {};\n[Indication] class I : P {};", dmtf))).toEqual(["2:20 MOF2004 error"]);
  });
});

describe("inheritance cycles", () => {
  it.each([
    ["self", "class A : A {};", ["1:11 MOF2003 error"]],
    ["two classes", "class A : B {};\nclass B : A {};", ["1:11 MOF2003 error"]],
    ["three classes", "class A : C {};\nclass B : A {};\nclass C : B {};", ["1:11 MOF2003 error"]],
    [
      "three classes and one deriving from the cycle",
      "class D : A { string d; };\nclass A : C {};\nclass B : A {};\nclass C : B {};",
      ["2:11 MOF2003 error"],
    ],
  ])("are reported once (%s)", (_what, source, expected) => {
    expect(findings(compileText(source, dmtf))).toEqual(expected);
  });

  it("names the whole chain", () => {
    const compiled = compileText("class A : C {};\nclass B : A {};\nclass C : B {};", dmtf);
    expect(compiled.diagnostics.map((d) => d.message)).toEqual(["inheritance cycle: A -> C -> B -> A"]);
  });

  it("ends the subclass test of an overriding reference to a class of the cycle (it never ended)", () => {
    const source = [
      "[Association] class R { [Key] M REF X; };",
      "class M { };",
      "class A : B { };",
      "class B : A { };",
      '[Association] class S : R { [Override ("X")] A REF X; };',
    ].join("\n");
    expect(findings(compileText(source, dmtf))).toEqual(["3:11 MOF2003 error"]);
  });

  it.each([
    [
      "a subclass overriding a reference with its own class",
      '[Association] class A { [Key] A REF Self; };\n[Association] class B : A { [Override ("Self")] B REF Self; };',
    ],
    [
      "a subclass overriding a reference with its subclass",
      [
        "[Association] class A { [Key] A REF Self; };",
        '[Association] class B : A { [Override ("Self")] C REF Self; };',
        "[Association] class C : B { };",
      ].join("\n"),
    ],
  ])("are not reported where the subclass test meets a class being built (%s)", (_what, source) => {
    expect(findings(compileText(source, dmtf))).toEqual([]);
  });

  it("still gives the classes of the cycle a model", () => {
    const compiled = compileText("class A : B { string a; };\nclass B : A { string b; };", dmtf);
    expect(compiled.schema.namespaces[0]?.classes.map((c) => c.name)).toEqual(["A", "B"]);
    expect(classOf(compiled, "B").ownProperties.map((p) => p.name)).toEqual(["b"]);
  });
});
