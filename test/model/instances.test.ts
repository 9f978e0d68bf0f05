import { describe, expect, it } from "vitest";
import type { ModelOptions } from "../../src/model/resolve.js";
import type { CimValue, InstanceModel } from "../../src/model/types.js";
import { fold } from "../../src/model/types.js";
import { resolveSpan } from "../../src/source/span.js";
import { type Compiled, compileText, findings, namespaceOf } from "../helpers/model.js";

const dmtf: ModelOptions = { dialect: "dmtf", builtinQualifiers: true };
const wmi: ModelOptions = { dialect: "wmi" };

function instances(compiled: Compiled): readonly InstanceModel[] {
  return namespaceOf(compiled).instances;
}

function propertyValue(instance: InstanceModel | undefined, property: string): CimValue | undefined {
  return instance?.properties.find((p) => fold(p.name) === fold(property))?.value;
}

/** An embedded instance value as `Class{Prop=value,...}`; other values in short form. */
function show(v: CimValue | undefined): string {
  if (v === undefined) return "undefined";
  switch (v.kind) {
    case "instance":
      return `${v.instance.className}{${v.instance.properties.map((p) => `${p.name}=${show(p.value)}`).join(",")}}`;
    case "string":
      return JSON.stringify(v.value);
    case "integer":
      return v.text;
    case "array":
      return `[${v.elements.map(show).join(", ")}]`;
    case "reference":
      return v.alias !== undefined ? `$${v.alias}` : `ref ${v.path}`;
    default:
      return v.kind;
  }
}

describe("aliases", () => {
  const source = [
    "[Association] class L { A REF Left; A REF Right; };",
    "instance of L { Left = $a; Right = $B; };",
    "class A { [Key] string K; };",
    'instance of A as $a { K = "1"; };',
    'instance of A as $b { K = "2"; };',
  ].join("\n");

  it("may be used before the instance that defines them (names are case-insensitive)", () => {
    const compiled = compileText(source, dmtf);
    expect(findings(compiled)).toEqual([]);
    const [link, first, second] = instances(compiled);
    expect(propertyValue(link, "Left")).toEqual({ kind: "reference", alias: "a", path: undefined });
    expect(show(propertyValue(link, "Right"))).toBe("$B");
    expect([first?.alias, second?.alias]).toEqual(["a", "b"]);
  });

  it("that are not defined are reported at the use, also inside arrays", () => {
    const text = [
      "class A { [key] string K; };",
      "class H { A REF One; A REF Many[]; };",
      "instance of H { One = $nope; Many = {$a, $zz}; };",
      'instance of A as $a { K = "1"; };',
    ].join("\n");
    expect(findings(compileText(text, wmi))).toEqual(["3:23 MOF2012 error", "3:42 MOF2012 error"]);
  });

  it("defined twice are reported at the second definition, pointing at the first", () => {
    const text = [
      "class A { [Key] string K; };",
      'instance of A as $x { K = "1"; };',
      'instance of A as $X { K = "2"; };',
    ].join("\n");
    const compiled = compileText(text, dmtf);
    expect(findings(compiled)).toEqual(["3:18 MOF2011 error"]);
    const related = compiled.diagnostics[0]?.related?.[0];
    const at = related && resolveSpan(related.span);
    expect(at && `${at.line}:${at.column} ${related?.message}`).toBe("2:18 first defined here");
  });

  it("keep the first definition when defined twice", () => {
    const text = [
      "class A { [Key] string K; };",
      'instance of A as $x { K = "1"; };',
      'instance of A as $x { K = "2"; };',
    ].join("\n");
    const all = instances(compileText(text, dmtf));
    expect(all.map((i) => show(propertyValue(i, "K")))).toEqual(['"1"', '"2"']);
  });
});

describe("instance checks", () => {
  it.each([
    [
      "a key without a value",
      'class A { [Key] string K; [Key] uint8 N; string V; };\ninstance of A { V = "x"; };',
      ["2:13 MOF2016 error", "2:13 MOF2016 error"],
    ],
    ["a key set under another spelling", 'class A { [Key] string K; };\ninstance of A { k = "x"; };', []],
    ["a key with a default", 'class A { [Key] string K = "d"; string V; };\ninstance of A { V = "x"; };', []],
    [
      "an inherited key",
      'class A { [Key] string K; };\nclass B : A { string V; };\ninstance of B { V = "x"; };',
      ["3:13 MOF2016 error"],
    ],
    ["an unknown property", 'class A { string P; };\ninstance of A { P = "x"; Q = 1; };', ["2:26 MOF2015 error"]],
    ["an unknown class", 'instance of Nope { P = "x"; };', ["1:13 MOF2009 error"]],
    ["an abstract class", '[Abstract] class A { string P; };\ninstance of A { P = "x"; };', ["2:13 MOF2014 error"]],
    [
      "a subclass of an abstract class (Abstract is Restricted)",
      '[Abstract] class A { string P; };\nclass B : A {};\ninstance of B { P = "x"; };',
      [],
    ],
    [
      "a value out of the property's range",
      "class A { uint8 P; };\ninstance of A { P = 256; };",
      ["2:21 MOF3008 error"],
    ],
    ["a value of the wrong kind", 'class A { uint32 P; };\ninstance of A { P = "1"; };', ["2:21 MOF3008 error"]],
    ["a scalar for an array property", 'class A { string P[]; };\ninstance of A { P = "x"; };', ["2:21 MOF3008 error"]],
    ["a property given twice", 'class A { string P; };\ninstance of A { P = "x"; P = "y"; };', ["2:26 MOF2022 error"]],
  ])("%s", (_what, text, expected) => {
    expect(findings(compileText(text, dmtf))).toEqual(expected);
  });

  it("names properties with the class's spelling and records qualifiers on the instance and its values", () => {
    const text =
      'class A { [key] string Name; };\n[Description("i")] instance of A { [Description("v")] name = "x"; };';
    const compiled = compileText(text, wmi);
    expect(findings(compiled)).toEqual([]);
    const [instance] = instances(compiled);
    expect(instance?.className).toBe("A");
    expect(instance?.namespace).toBe("root/cimv2");
    expect(instance?.properties.map((p) => p.name)).toEqual(["Name"]);
    expect(instance?.qualifiers.map((q) => show(q.value))).toEqual(['"i"']);
    expect(instance?.properties[0]?.qualifiers.map((q) => show(q.value))).toEqual(['"v"']);
  });
});

describe("embedded instances written as strings", () => {
  const classes = [
    "class E { string N; uint8 Size; };",
    'class A { [EmbeddedInstance("E")] string One; [EmbeddedInstance("E")] string Many[]; string Text; };',
  ].join("\n");

  it("are compiled into instance values", () => {
    const text = `${classes}\ninstance of A { One = "instance of E { N = \\"one\\"; Size = 1; };"; Text = "instance of E { };"; };`;
    const compiled = compileText(text, dmtf);
    expect(findings(compiled)).toEqual([]);
    const [instance] = instances(compiled);
    expect(show(propertyValue(instance, "One"))).toBe('E{N="one",Size=1}');
    // A property without EmbeddedInstance keeps its string, whatever it holds.
    expect(show(propertyValue(instance, "Text"))).toBe('"instance of E { };"');
  });

  it("are compiled element by element in arrays; strings that are not MOF stay strings", () => {
    const text = `${classes}\ninstance of A { Many = {"instance of E { N = \\"m\\"; };", "plain text"}; };`;
    const compiled = compileText(text, dmtf);
    expect(findings(compiled)).toEqual([]);
    expect(show(propertyValue(instances(compiled)[0], "Many"))).toBe('[E{N="m"}, "plain text"]');
  });

  it.each([
    ["a syntax error", '"instance of E { N = ; };"'],
    ["an unknown property", '"instance of E { Q = 1; };"'],
    ["a value of the wrong type", '"instance of E { Size = 300; };"'],
    ["an unknown class", '"instance of Nope { N = \\"x\\"; };"'],
  ])("that do not compile are reported at the string (%s)", (_what, literal) => {
    const text = `${classes}\ninstance of A { One = ${literal}; };`;
    expect(findings(compileText(text, dmtf))).toEqual(["3:23 MOF3014 error"]);
  });

  it("that do not compile are reported at their own element of an array", () => {
    const text = `${classes}\ninstance of A { Many = {"instance of E { };", "instance of E { Q = 1; };"}; };`;
    expect(findings(compileText(text, dmtf))).toEqual(["3:47 MOF3014 error"]);
  });
});

describe("inline WMI instance values", () => {
  const classes = "class E { string N; uint8 Size; };\nclass A { E Typed; object Any; E Several[]; };";

  it("become instance values, typed by the class or by `object`", () => {
    const text = [
      classes,
      "instance of A {",
      '  Typed = instance of E { N = "t"; };',
      "  Any = instance of E { Size = 2; };",
      '  Several = { instance of E { N = "s1"; }, instance of E { N = "s2"; } };',
      "};",
    ].join("\n");
    const compiled = compileText(text, wmi);
    expect(findings(compiled)).toEqual([]);
    const [instance] = instances(compiled);
    expect(show(propertyValue(instance, "Typed"))).toBe('E{N="t"}');
    expect(show(propertyValue(instance, "Any"))).toBe("E{Size=2}");
    expect(show(propertyValue(instance, "Several"))).toBe('[E{N="s1"}, E{N="s2"}]');
    // Inline instances are values, not instances of the namespace.
    expect(instances(compiled)).toHaveLength(1);
  });

  it("are checked where they are written", () => {
    const text = [classes, "instance of A {", '  Typed = instance of E { Size = 300; Q = "x"; };', "};"].join("\n");
    expect(findings(compileText(text, wmi))).toEqual(["4:34 MOF3008 error", "4:39 MOF2015 error"]);
  });

  it("are accepted for a string property with EmbeddedInstance, like for a class-typed one", () => {
    const text =
      'class E { string N; };\nclass A { [EmbeddedInstance("E")] string P; };\ninstance of A { P = instance of E { N = "x"; }; };';
    const compiled = compileText(text, wmi);
    expect(findings(compiled)).toEqual([]);
    expect(show(propertyValue(instances(compiled)[0], "P"))).toBe('E{N="x"}');
  });
});

describe("instances where no instance is expected", () => {
  it("as a qualifier type's default value: reported, not a crash (found by the property tests)", () => {
    const compiled = compileText("qualifier A : boolean = instance of a {  }, Scope(any);", { dialect: "wmi" });
    expect(findings(compiled)).toEqual(["1:25 MOF3008 error", "1:37 MOF2009 warning"]);
  });

  it("as a qualifier type's default, sees qualifiers declared after it: no false MOF3001", () => {
    // A class may use a qualifier declared further down; the inline instance of a default may too.
    const text = [
      "class a { string P; };",
      'qualifier B : string = instance of a { [A] P = "x"; }, Scope(any);',
      "qualifier A : boolean = false, Scope(any);",
    ].join("\n");
    // The default is no string (MOF3008) in WMI; DMTF has no inline instance values at all (MOF1205, alone).
    expect(findings(compileText(text, { dialect: "wmi" }))).toEqual(["2:24 MOF3008 error"]);
    expect(findings(compileText(text, { dialect: "dmtf" }))).toEqual(["2:24 MOF1205 error"]);
  });
});

describe("instance properties without a value (WMI [DYNPROPS])", () => {
  const text = `class P { [Key] string K; string S; };
[DYNPROPS] instance of P {
  K = "a";
  [Dynamic, Provider("Prov"), PropertyContext("x")] S;
};`;

  it("are accepted in WMI mode, and hold NULL in the model (a property provider supplies the value)", () => {
    const compiled = compileText(text, wmi);
    expect(findings(compiled)).toEqual([]);
    const values = namespaceOf(compiled).instances[0]?.properties.map((p) => [p.name, p.value.kind]);
    expect(values).toEqual([
      ["K", "string"],
      ["S", "null"],
    ]);
  });

  it("are a WMI extension under --dialect dmtf", () => {
    const dmtfText = 'class P { [Key] string K; string S; };\ninstance of P { K = "a"; S; };';
    expect(findings(compileText(dmtfText, dmtf))).toEqual(["2:26 MOF1205 error"]);
  });

  it("still need '=' before a value", () => {
    const broken = 'class P { string K; };\ninstance of P { K "a"; };';
    expect(findings(compileText(broken, wmi))).toEqual(["2:19 MOF1201 error"]);
  });
});

describe("an inline instance of a class that is being defined", () => {
  it.each([
    [
      "its own class, in a property's default",
      'class A { [Key] string K; A E = instance of A { K = "x"; }; };',
      "1:45",
    ],
    [
      "a subclass, in the superclass's default",
      'class B { [Key] string K; A E = instance of A { K = "x"; }; };\nclass A : B { };',
      "1:45",
    ],
    [
      "its own class, in a class qualifier",
      '[Whatever(instance of A { K = "x"; })] class A { [Key] string K; };',
      "1:23",
    ],
  ])("is reported where it is written, not as an inheritance cycle (%s)", (_what, source, at) => {
    const compiled = compileText(source, wmi);
    expect(findings(compiled)).toEqual([`${at} MOF2025 error`]);
    expect(compiled.schema.namespaces[0]?.classes.length).toBe(source.split("\n").length);
  });
});
