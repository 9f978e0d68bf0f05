import { describe, expect, it } from "vitest";
import { diffTexts, summary } from "./helpers.js";

/** The rules around the catalog: effective members, direction and openness of maps, order, namespaces. */

describe("effective members", () => {
  it("does not report a property moved to the superclass as removed from the subclass", () => {
    const before = 'class Base {}; class A : Base { [Description("Size.")] uint32 Size; };';
    const after = 'class Base { [Description("Size.")] uint32 Size; }; class A : Base {};';
    expect(summary(diffTexts(before, after))).toEqual(["property-added Base.Size non-breaking"]);
  });

  it("reports a change of an inherited member once, in the class that declares it", () => {
    const classes = (type: string) => `class Base { ${type} Size; }; class A : Base {}; class B : A {};`;
    expect(summary(diffTexts(classes("uint16"), classes("uint32")))).toEqual([
      "property-type-changed Base.Size breaking",
    ]);
  });

  it("reports an inherited qualifier change in the superclass, not again in a subclass that overrides", () => {
    const before = `class Base { [Description("Old.")] string P; }; class A : Base { [Override("P")] string P; };`;
    const after = `class Base { [Description("New.")] string P; }; class A : Base { [Override("P")] string P; };`;
    expect(summary(diffTexts(before, after))).toEqual(["description-changed Base.P non-breaking"]);
  });

  it("reports the members a class gains or loses by changing its superclass, in that class", () => {
    const before = "class X { string FromX; }; class Y { string FromY; }; class A : X {};";
    const after = "class X { string FromX; }; class Y { string FromY; }; class A : Y {};";
    expect(summary(diffTexts(before, after))).toEqual([
      "superclass-ancestor-removed A breaking",
      "property-removed A.FromX breaking",
      "property-added A.FromY non-breaking",
    ]);
  });

  it("reports a change of the superclass chain once, in the class whose superclass changed", () => {
    const before = "class R {}; class M : R {}; class A : R {}; class B : A {}; class C : B {};";
    const after = "class R {}; class M : R {}; class A : M {}; class B : A {}; class C : B {};";
    const changes = diffTexts(before, after);
    expect(summary(changes)).toEqual(["superclass-ancestor-added A non-breaking"]);
    expect([changes[0]?.before, changes[0]?.after]).toEqual(["R", "M : R"]);
  });

  it("compares names case-insensitively and value-map numbers by value", () => {
    const before = `class Thing { [ValueMap {"16", "0x20"}, Values {"A", "B"}] uint16 State; };`;
    const after = `class THING { [ValueMap {"0x10", "32"}, Values {"A", "B"}] uint16 STATE; };`;
    expect(diffTexts(before, after)).toEqual([]);
  });
});

describe("value maps: direction and openness", () => {
  const prop = (map: string, quals = "") => `class A { [${quals}${map}] uint16 State; };`;
  const param = (dir: string, map: string) => `class A { uint32 Run([${dir}, ${map}] uint16 Mode); };`;
  const two = `ValueMap {"0", "1"}, Values {"Off", "On"}`;
  const one = `ValueMap {"0"}, Values {"Off"}`;

  it("treats a value added to an open output map as non-breaking", () => {
    const before = prop(`ValueMap {"0", ".."}, Values {"Off", "Reserved"}`);
    const after = prop(`ValueMap {"0", "1", ".."}, Values {"Off", "On", "Reserved"}`);
    expect(summary(diffTexts(before, after))).toEqual(["value-added A.State[ValueMap 1] non-breaking"]);
  });

  it("treats a value removed from a writable property as removed from an input", () => {
    expect(summary(diffTexts(prop(two, "Write, "), prop(one, "Write, ")))).toEqual([
      "value-removed-from-input A.State[ValueMap 1] breaking",
    ]);
  });

  it("judges an In/Out parameter by both directions", () => {
    expect(summary(diffTexts(param("In, Out", two), param("In, Out", one)))).toEqual([
      "value-removed-from-input A.Run(Mode)[ValueMap 1] breaking",
    ]);
    expect(summary(diffTexts(param("In, Out", one), param("In, Out", two)))).toEqual([
      "value-added-to-closed-output A.Run(Mode)[ValueMap 1] dangerous",
    ]);
  });

  it("treats the return codes of a method as an output map", () => {
    const before = `class A { [ValueMap {"0", "4096"}, Values {"OK", "Job Started"}] uint32 Run(); };`;
    const after = `class A { [ValueMap {"0", "5", "4096"}, Values {"OK", "Busy", "Job Started"}] uint32 Run(); };`;
    expect(summary(diffTexts(before, after))).toEqual(["value-added-to-closed-output A.Run()[ValueMap 5] dangerous"]);
  });

  it("does not compare the entries of a string map with those of an integer map", () => {
    const before = `class A { [ValueMap {"x", ".."}, Values {"X", "Other"}] string Field; };`;
    const after = `class A { [ValueMap {"1", ".."}, Values {"X", "Other"}] uint32 Field; };`;
    expect(summary(diffTexts(before, after))).toEqual(["property-type-changed A.Field breaking"]);
  });

  it("tells renamed labels from renumbered values in one map, pairing repeated labels in order", () => {
    const before = prop(`ValueMap {"0", "1", "2..9", "10..19"}, Values {"Off", "On", "Reserved", "Reserved"}`);
    const after = prop(
      `ValueMap {"0", "3", "2", "4..9", "10..19"}, Values {"Stopped", "On", "Paused", "Reserved", "Reserved"}`,
    );
    const changes = diffTexts(before, after);
    expect(summary(changes)).toEqual([
      "value-renamed A.State[ValueMap 0] dangerous",
      "value-renumbered A.State[ValueMap 3] breaking",
      "value-range-changed A.State[ValueMap 4..9] dangerous",
      // The old map has ranges, so it was open: clients already had to accept 2 without a name.
      "value-added A.State[ValueMap 2] non-breaking",
    ]);
    expect(changes.map((c) => [c.before, c.after])).toEqual([
      ["Off", "Stopped"],
      ["1", "3"],
      ["2..9", "4..9"],
      [null, "Paused"],
    ]);
  });
});

describe("units", () => {
  const speed = (quals: string) => `class A { [${quals}] uint32 Speed; };`;

  it("compares a unit only with one in the same notation, without case or a plural s", () => {
    expect(diffTexts(speed(`Units("MegaHertz")`), speed(`Units("MegaHertz"), PUnit("hertz * 10^6")`))).toEqual([]);
    expect(diffTexts(speed(`Units("MegaHertz")`), speed(`PUnit("hertz * 10^6")`))).toEqual([]);
    expect(diffTexts(speed(`Units("Seconds")`), speed(`Units("second")`))).toEqual([]);
    expect(diffTexts(speed(`Description("x")`), speed(`Description("x"), PUnit("byte")`))).toEqual([]);
  });

  it("reports a stated unit that now reads otherwise", () => {
    const changes = diffTexts(speed(`PUnit("byte")`), speed(`PUnit("byte * 2^10")`));
    expect(summary(changes)).toEqual(["units-changed A.Speed dangerous"]);
    expect([changes[0]?.before, changes[0]?.after]).toEqual(["byte", "byte * 2^10"]);
  });
});

describe("what a change carries", () => {
  it("has before and after values and the locations on both sides", () => {
    const [change] = diffTexts("class A {\n  uint16 P;\n};", "class A {\n\n  uint32 P;\n};");
    expect(change).toMatchObject({
      type: "property-type-changed",
      criticality: "breaking",
      namespace: "root/cimv2",
      className: "A",
      path: "A.P",
      before: "uint16",
      after: "uint32",
      oldLocation: { file: "test.mof", line: 2, column: 10 },
      newLocation: { file: "test.mof", line: 3, column: 10 },
    });
    expect(change?.reason).toMatch(/type/);
  });

  it("leaves descriptions out with ignoreDescriptions", () => {
    const before = `[Description("a")] class A { [Description("b")] string P; };`;
    const after = `[Description("c")] class A { [Description("d")] string P; string Q; };`;
    expect(diffTexts(before, after)).toHaveLength(3);
    expect(summary(diffTexts(before, after, { ignoreDescriptions: true }))).toEqual([
      "property-added A.Q non-breaking",
    ]);
  });

  it("lists classes in code-unit order of their folded names, whatever the declaration order", () => {
    const changes = diffTexts("class m {};", "class b {}; class Z {}; class m {}; class a {};");
    expect(changes.map((c) => c.path)).toEqual(["a", "b", "Z"]);
  });
});

describe("namespaces", () => {
  const ns = (name: string, body: string) => `#pragma namespace("${name}")\n${body}\n`;

  it("pairs the only namespace of each side even when their names differ", () => {
    // As WMI MOF writes them: "\\\\.\\root\\virtualization" in the source.
    const before = ns(String.raw`\\\\.\\root\\virtualization`, "class Msvm_A { string P; }; class Msvm_B {};");
    const after = ns(String.raw`\\\\.\\root\\virtualization\\v2`, "class Msvm_A { string P; };");
    expect(summary(diffTexts(before, after))).toEqual([
      "namespace-renamed root/virtualization/v2 breaking",
      "class-removed Msvm_B breaking",
    ]);
  });

  it("does not guess a pairing when more than one namespace is unpaired", () => {
    const before = ns("root/a", "class A {};") + ns("root/b", "class B {};");
    const after = ns("root/c", "class A {};") + ns("root/d", "class B {};");
    expect(summary(diffTexts(before, after)).filter((s) => s.startsWith("namespace"))).toEqual([
      "namespace-removed root/a breaking",
      "namespace-removed root/b breaking",
      "namespace-added root/c non-breaking",
      "namespace-added root/d non-breaking",
    ]);
  });
});
