import { describe, expect, it } from "vitest";
import type { ModelOptions } from "../../src/model/resolve.js";
import type { ValueMap } from "../../src/model/types.js";
import { fold } from "../../src/model/types.js";
import { decodeValue } from "../../src/model/value-map.js";
import { resolveSpan, type Span } from "../../src/source/span.js";
import { type Compiled, classOf, compileText, findings } from "../helpers/model.js";

const wmi: ModelOptions = { dialect: "wmi" };
const dmtf: ModelOptions = { dialect: "dmtf", builtinQualifiers: true };

/** Entries as `value=label kind` rows, with the bounds of integer entries: what a generator reads. */
function entryRows(map: ValueMap | undefined): string[] {
  if (map === undefined) return [];
  return map.entries.map((e) => {
    const bounds = e.lo === undefined && e.hi === undefined ? "" : ` [${e.lo ?? ""}, ${e.hi ?? ""}]`;
    return `${e.value}=${e.label} ${e.kind}${bounds}`;
  });
}

function propertyMap(compiled: Compiled, cls: string, name: string): ValueMap | undefined {
  return classOf(compiled, cls).propertyByName.get(fold(name))?.valueMap;
}

function methodMap(compiled: Compiled, cls: string, name: string): ValueMap | undefined {
  return classOf(compiled, cls).methodByName.get(fold(name))?.valueMap;
}

function parameterMap(compiled: Compiled, cls: string, method: string, name: string): ValueMap | undefined {
  const m = classOf(compiled, cls).methodByName.get(fold(method));
  return m?.parameters.find((p) => fold(p.name) === fold(name))?.valueMap;
}

const schema = [
  "class CIM_Thing {",
  '  [ValueMap{"2", "3", "0x8000..0xFFFF", ".."}, Values{"Enabled", "Disabled", "Vendor Reserved", "DMTF Reserved"}]',
  "  uint16 EnabledState;",
  '  [ValueMap{"Fast", "Slow"}] string Mode;',
  '  [ValueMap{"0", "4096", "4097..32767", "32768..65535", ".."},',
  '   Values{"Completed with No Error", "Method Parameters Checked - Job Started", "Method Reserved",',
  '          "Vendor Specific", "DMTF Reserved"}]',
  "  uint32 CreateSnapshot(",
  '    [In, ValueMap{"017", "101b", "-1", "0x10"}, Values{"Fifteen", "Five", "Minus one", "Sixteen"}] sint8 Kind,',
  '    [Out, Values{"Zero", "One"}] uint8 Result);',
  "};",
  "class Msvm_Thing : CIM_Thing {",
  '  [ValueMap{"2", "3", "32768", "32769"}, Values{"Enabled", "Disabled", "Paused", "Suspended"}]',
  "  uint16 EnabledState;",
  "};",
  "class Msvm_Plain : CIM_Thing {",
  '  [Description("same values, other words")] uint16 EnabledState;',
  "  uint32 CreateSnapshot([In] sint8 Kind, [Out] uint8 Result);",
  "};",
  "class Msvm_Leaf : Msvm_Thing {};",
].join("\n");

describe("value maps in the model", () => {
  const compiled = compileText(schema, wmi);

  it("compiles cleanly", () => {
    expect(findings(compiled)).toEqual([]);
  });

  it("decodes a property's map, with ranges and the bare '..'", () => {
    const map = propertyMap(compiled, "CIM_Thing", "EnabledState");
    expect(map?.valueType).toBe("integer");
    expect(map?.open).toBe(true);
    expect(entryRows(map)).toEqual([
      "2=Enabled single [2, 2]",
      "3=Disabled single [3, 3]",
      "0x8000..0xFFFF=Vendor Reserved range [32768, 65535]",
      "..=DMTF Reserved rest",
    ]);
  });

  it("decodes a string property's map as allowed strings", () => {
    const map = propertyMap(compiled, "CIM_Thing", "Mode");
    expect(map?.valueType).toBe("string");
    expect(map?.open).toBe(false);
    expect(entryRows(map)).toEqual(["Fast=Fast single", "Slow=Slow single"]);
  });

  it("decodes a method's map as the map of its return value", () => {
    const map = methodMap(compiled, "CIM_Thing", "CreateSnapshot");
    expect(map?.open).toBe(true);
    expect(entryRows(map)).toEqual([
      "0=Completed with No Error single [0, 0]",
      "4096=Method Parameters Checked - Job Started single [4096, 4096]",
      "4097..32767=Method Reserved range [4097, 32767]",
      "32768..65535=Vendor Specific range [32768, 65535]",
      "..=DMTF Reserved rest",
    ]);
  });

  it("decodes octal, binary, negative and hex entries of a parameter's map", () => {
    const map = parameterMap(compiled, "CIM_Thing", "CreateSnapshot", "Kind");
    expect(map?.open).toBe(false);
    expect(entryRows(map)).toEqual([
      "017=Fifteen single [15, 15]",
      "101b=Five single [5, 5]",
      "-1=Minus one single [-1, -1]",
      "0x10=Sixteen single [16, 16]",
    ]);
  });

  it("numbers Values without a ValueMap from 0", () => {
    const map = parameterMap(compiled, "CIM_Thing", "CreateSnapshot", "Result");
    expect(entryRows(map)).toEqual(["0=Zero single [0, 0]", "1=One single [1, 1]"]);
  });

  it("reads integer ValueMap entries as Microsoft's samples write them (ValueMap{0,1,2,3})", () => {
    // From MicrosoftDocs win32 WmiSdk/localizing-static-properties.md: mofcomp accepts integers here.
    const text = [
      "class Group1 {",
      "  [key] string ID;",
      '  [ValueMap{0, 1, 0x10, -1}, Values{"Zero", "One", "Sixteen", "Minus one"}] sint32 Numbers;',
      "};",
    ].join("\n");
    const integers = compileText(text, wmi);
    expect(entryRows(propertyMap(integers, "Group1", "Numbers"))).toEqual([
      "0=Zero single [0, 0]",
      "1=One single [1, 1]",
      "0x10=Sixteen single [16, 16]",
      "-1=Minus one single [-1, -1]",
    ]);
    // DSP0004 still wants strings: one warning per integer, and no false "ValueMap has 0 entries" (MOF3010).
    expect(findings(integers)).toEqual([
      "3:13 MOF3008 warning",
      "3:16 MOF3008 warning",
      "3:19 MOF3008 warning",
      "3:25 MOF3008 warning",
    ]);
  });

  it("has no map for an element without ValueMap or Values", () => {
    const compiledPlain = compileText("class A { uint8 P; uint8 M([In] uint8 x); };", wmi);
    expect(propertyMap(compiledPlain, "A", "P")).toBeUndefined();
    expect(methodMap(compiledPlain, "A", "M")).toBeUndefined();
    expect(parameterMap(compiledPlain, "A", "M", "x")).toBeUndefined();
  });
});

describe("value map identity across inheritance", () => {
  const compiled = compileText(schema, wmi);
  const base = propertyMap(compiled, "CIM_Thing", "EnabledState");

  it("an overriding subclass with its own ValueMap gets its own map", () => {
    const own = propertyMap(compiled, "Msvm_Thing", "EnabledState");
    expect(own).not.toBe(base);
    expect(own?.open).toBe(false);
    expect(entryRows(own)).toEqual([
      "2=Enabled single [2, 2]",
      "3=Disabled single [3, 3]",
      "32768=Paused single [32768, 32768]",
      "32769=Suspended single [32769, 32769]",
    ]);
    // The superclass keeps its own map.
    expect(base?.entries).toHaveLength(4);
    expect(base?.entries[2]?.label).toBe("Vendor Reserved");
  });

  it("a merely inheriting subclass shares the map of the class that declares it", () => {
    expect(propertyMap(compiled, "Msvm_Leaf", "EnabledState")).toBe(
      propertyMap(compiled, "Msvm_Thing", "EnabledState"),
    );
    expect(methodMap(compiled, "Msvm_Leaf", "CreateSnapshot")).toBe(methodMap(compiled, "CIM_Thing", "CreateSnapshot"));
  });

  it("re-declaring an element without ValueMap or Values shares the inherited map", () => {
    expect(propertyMap(compiled, "Msvm_Plain", "EnabledState")).toBe(base);
    expect(methodMap(compiled, "Msvm_Plain", "CreateSnapshot")).toBe(
      methodMap(compiled, "CIM_Thing", "CreateSnapshot"),
    );
    expect(parameterMap(compiled, "Msvm_Plain", "CreateSnapshot", "Kind")).toBe(
      parameterMap(compiled, "CIM_Thing", "CreateSnapshot", "Kind"),
    );
  });

  it("overriding only the Values gives a new map with the inherited ValueMap", () => {
    const source = [
      'class A { [ValueMap{"1", "2"}, Values{"One", "Two"}] uint8 P; };',
      'class B : A { [Override("P"), Values{"Eins", "Zwei"}] uint8 P; };',
    ].join("\n");
    const c = compileText(source, dmtf);
    expect(findings(c)).toEqual([]);
    expect(propertyMap(c, "B", "P")).not.toBe(propertyMap(c, "A", "P"));
    expect(entryRows(propertyMap(c, "B", "P"))).toEqual(["1=Eins single [1, 1]", "2=Zwei single [2, 2]"]);
  });

  it("reports problems of an inherited map once, where it is written", () => {
    const source = [
      'class A { [ValueMap{"1", "x"}, Values{"One", "Ex"}] uint8 P; };',
      "class B : A {};",
      "class C : B {};",
    ].join("\n");
    expect(findings(compileText(source, dmtf))).toEqual(["1:26 MOF3011 error"]);
  });
});

describe("who declared each map", () => {
  const compiled = compileText(schema, wmi);
  const namespace = classOf(compiled, "CIM_Thing").namespace;
  const mapOf = (cls: string, member: string, parameter?: string) =>
    parameter !== undefined
      ? parameterMap(compiled, cls, member, parameter)
      : (propertyMap(compiled, cls, member) ?? methodMap(compiled, cls, member));

  // [element asked for, the element the model names as declarer]: the nearest one, up the overrides, that
  // writes ValueMap or Values; inheriting and merely re-declaring elements share their map.
  it.each([
    ["CIM_Thing.EnabledState", "CIM_Thing property EnabledState"],
    ["CIM_Thing.CreateSnapshot", "CIM_Thing method CreateSnapshot"],
    ["CIM_Thing.CreateSnapshot(Kind)", "CIM_Thing parameter CreateSnapshot(Kind)"],
    ["Msvm_Thing.EnabledState", "Msvm_Thing property EnabledState"],
    ["Msvm_Leaf.EnabledState", "Msvm_Thing property EnabledState"],
    ["Msvm_Plain.EnabledState", "CIM_Thing property EnabledState"],
    ["Msvm_Plain.CreateSnapshot(Result)", "CIM_Thing parameter CreateSnapshot(Result)"],
  ])("%s is declared by %s", (element, expected) => {
    const [, cls = "", member = "", parameter] = /^(\w+)\.(\w+)(?:\((\w+)\))?$/.exec(element) ?? [];
    const d = mapOf(cls, member, parameter)?.declarer;
    expect(d?.namespace).toBe(namespace);
    const shown = d && `${d.className} ${d.element} ${d.member}${d.parameter === undefined ? "" : `(${d.parameter})`}`;
    expect(shown).toBe(expected);
  });
});

describe("where each entry was written", () => {
  const place = (s: Span | undefined) => {
    if (s === undefined) return "-";
    const r = resolveSpan(s);
    return `${r.line}:${r.column}`;
  };
  const rows = (map: ValueMap | undefined) =>
    map?.entries.map((e) => `${e.value}=${e.label} ${place(e.span)} ${place(e.labelSpan)}`);

  // [what it shows, superclass A (line 1), subclass B (line 2), B.P's entries as `value=label valueMapAt labelAt`].
  it.each([
    [
      "an override that writes only Values pairs them with the ValueMap strings where the superclass wrote them",
      'class A { [ValueMap{"1", "2"}, Values{"One", "Two"}] uint8 P; };',
      'class B : A { [Override("P"), Values{"Eins", "Zwei"}] uint8 P; };',
      ["1=Eins 1:21 2:38", "2=Zwei 1:26 2:46"],
    ],
    [
      // "x" is no integer: A's map leaves it out, but B's third label still belongs to A's third string.
      "an override's Values pair with the inherited strings as written, not as decoded",
      'class A { [ValueMap{"1", "x", "3"}, Values{"One", "Ex", "Three"}] uint8 P; };',
      'class B : A { [Override("P"), Values{"Eins", "Iks", "Drei"}] uint8 P; };',
      ["1=Eins 1:21 2:38", "3=Drei 1:31 2:53"],
    ],
    [
      "an override that writes only ValueMap keeps the labels where the superclass wrote them",
      'class A { [ValueMap{"1", "2"}, Values{"One", "Two"}] uint8 P; };',
      'class B : A { [Override("P"), ValueMap{"2", "1"}] uint8 P; };',
      ["2=One 2:40 1:39", "1=Two 2:45 1:46"],
    ],
  ])("%s", (_, a, b, expected) => {
    const c = compileText(`${a}\n${b}`, dmtf);
    expect(rows(propertyMap(c, "B", "P"))).toEqual(expected);
    expect(propertyMap(c, "B", "P")?.declarer.className).toBe("B");
  });

  it("a class's own map keeps the spans of its own strings", () => {
    const c = compileText('class A { [ValueMap{"1", "x", "3"}, Values{"One", "Ex", "Three"}] uint8 P; };', dmtf);
    expect(rows(propertyMap(c, "A", "P"))).toEqual(["1=One 1:21 1:44", "3=Three 1:31 1:57"]);
  });
});

describe("decoding through the compiled map", () => {
  const compiled = compileText(schema, wmi);

  it.each([
    [0n, "Completed with No Error"],
    [4096n, "Method Parameters Checked - Job Started"],
    [4097n, "Method Reserved"],
    [32767n, "Method Reserved"],
    [32768n, "Vendor Specific"],
    [40000n, "Vendor Specific"],
    [7n, "DMTF Reserved"],
    [65536n, "DMTF Reserved"],
  ])("CreateSnapshot returning %s is %s", (value, label) => {
    const map = methodMap(compiled, "CIM_Thing", "CreateSnapshot");
    if (map === undefined) throw new Error("no map");
    expect(decodeValue(map, value)?.label).toBe(label);
  });

  it.each([
    [15n, "Fifteen"],
    [5n, "Five"],
    [-1n, "Minus one"],
    [16n, "Sixteen"],
    ["0x10", "Sixteen"],
    ["not a number", undefined],
    [4n, undefined],
  ])("Kind %s is %s", (value, label) => {
    const map = parameterMap(compiled, "CIM_Thing", "CreateSnapshot", "Kind");
    if (map === undefined) throw new Error("no map");
    expect(decodeValue(map, value)?.label).toBe(label);
  });

  it.each([
    [0x9000n, "Vendor Reserved"],
    [4n, "DMTF Reserved"],
    [2n, "Enabled"],
  ])("the base EnabledState %s is %s", (value, label) => {
    const map = propertyMap(compiled, "CIM_Thing", "EnabledState");
    if (map === undefined) throw new Error("no map");
    expect(decodeValue(map, value)?.label).toBe(label);
  });

  it.each([
    [32768n, "Paused"],
    [0x9000n, undefined],
  ])("the overriding EnabledState %s is %s", (value, label) => {
    const map = propertyMap(compiled, "Msvm_Leaf", "EnabledState");
    if (map === undefined) throw new Error("no map");
    expect(decodeValue(map, value)?.label).toBe(label);
  });

  it("matches string maps by exact string", () => {
    const map = propertyMap(compiled, "CIM_Thing", "Mode");
    if (map === undefined) throw new Error("no map");
    expect(decodeValue(map, "Slow")?.label).toBe("Slow");
    expect(decodeValue(map, "slow")).toBeUndefined();
    expect(decodeValue(map, 0n)).toBeUndefined();
  });
});
