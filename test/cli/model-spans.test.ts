import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * What the model JSON says about where things come from: each value map names the element that declared it (also
 * when a subclass inherits it or relabels it), and `--spans` gives classes, members, parameters, qualifiers, value
 * maps and instances the place they are written, files named as diagnostics name them.
 */

const base = `[Abstract, Description("The root.")]
class Base {
  [Key] string Id;
  [ValueMap {"0", "2", ".."},
   Values {"Off", "On", "Other"}]
  uint16 State;
  [ValueMap {"0", "1"}, Values {"OK", "Failed"}]
  uint32 Run([In, ValueMap {"1", "2"}, Values {"Soft", "Hard"}] uint16 Mode);
};
`;

const derived = `class Derived : Base {
  [Values {"Stopped", "Running", "Else"}] uint16 State;
  uint32 Run([In] uint16 Mode);
};
class Leaf : Derived { string Note; };
instance of Leaf { Id = "x"; Note = "n"; };
`;

const files = { "base.mof": base, "parts/derived.mof": derived };

interface Span {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
interface Declarer {
  className: string;
  element: string;
  member: string;
  parameter: string | null;
}
interface ValueMap {
  declarer: Declarer;
  span?: Span | null;
}
interface Element {
  name: string;
  span?: Span;
  classOrigin?: string;
  valueMap: ValueMap | null;
  qualifiers: { name: string; span?: Span | null; propagated: boolean }[];
  parameters?: Element[];
}
interface Model {
  classes: { name: string; span?: Span; properties: Element[]; methods: Element[] }[];
}

function classOf(model: Model, name: string) {
  const cls = model.classes.find((c) => c.name === name);
  if (cls === undefined) throw new Error(`no class ${name}`);
  return cls;
}

function member(list: Element[], name: string): Element {
  const m = list.find((e) => e.name === name);
  if (m === undefined) throw new Error(`no member ${name}`);
  return m;
}

/** The text a span covers, from the MOF as written. */
function spanned(span: Span | null | undefined): string {
  if (span === undefined || span === null) throw new Error("no span");
  const lines = (files as Record<string, string>)[span.file]?.split("\n") ?? [];
  const from = { line: span.line - 1, column: span.column - 1 };
  if (span.line === span.endLine) return lines[from.line]?.slice(from.column, span.endColumn - 1) ?? "";
  const middle = lines.slice(span.line, span.endLine - 1);
  return [lines[from.line]?.slice(from.column), ...middle, lines[span.endLine - 1]?.slice(0, span.endColumn - 1)].join(
    "\n",
  );
}

describe("mofgen model: value-map declarers", () => {
  it("names the element that wrote the map, up the overrides, in the default JSON (which has no spans)", async () => {
    const dir = tempTree(files);
    const r = await runCli(["model", "base.mof", "parts/derived.mof"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('"span"');
    const model = JSON.parse(r.stdout) as Model;
    const leaf = classOf(model, "Leaf");
    const declarer = (vm: ValueMap | null) => {
      const d = vm?.declarer;
      return (
        d &&
        `${d.className}.${d.member}${d.element === "parameter" ? `(${d.parameter})` : d.element === "method" ? "()" : ""}`
      );
    };
    // Derived relabels State (writes Values alone): it declares the map Leaf inherits. Run and Mode keep Base's.
    expect(declarer(member(leaf.properties, "State").valueMap)).toBe("Derived.State");
    expect(declarer(member(classOf(model, "Base").properties, "State").valueMap)).toBe("Base.State");
    const run = member(leaf.methods, "Run");
    expect(run.classOrigin).toBe("Derived");
    expect(declarer(run.valueMap)).toBe("Base.Run()");
    expect(declarer(member(run.parameters ?? [], "Mode").valueMap)).toBe("Base.Run(Mode)");
  });
});

describe("mofgen model: a value map inherited across namespaces (WMI)", () => {
  it("names the declarer in its own namespace, and spans it there", async () => {
    const mof = [
      '#pragma namespace("root/a")',
      'class A { [ValueMap {"1"}, Values {"One"}] uint32 P; };',
      '#pragma namespace("root/b")',
      "class B : A { };",
    ].join("\n");
    const dir = tempTree({ "ns.mof": mof });
    const r = await runCli(["model", "--spans", "ns.mof"], dir);
    const b = (JSON.parse(r.stdout) as { classes: { name: string; namespace: string; properties: Element[] }[] })
      .classes[1];
    expect(b?.namespace).toBe("root/b");
    const map = b?.properties[0]?.valueMap;
    expect(map?.declarer).toEqual({
      namespace: "root/a",
      className: "A",
      element: "property",
      member: "P",
      parameter: null,
    });
    expect(map?.span).toEqual({ file: "ns.mof", line: 2, column: 12, endLine: 2, endColumn: 26 });
  });
});

describe("mofgen model --spans", () => {
  it("prints the golden JSON of a small schema with inheritance and overrides", async () => {
    const dir = tempTree(files);
    const r = await runCli(["model", "--spans", "base.mof", "parts/derived.mof"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot("expected/model-spans.json.txt");
  });

  it("points each span at what it names: the name, the whole qualifier, the ValueMap (or Values) written", async () => {
    const dir = tempTree(files);
    const model = JSON.parse(
      (await runCli(["model", "--spans", "base.mof", "parts/derived.mof"], dir)).stdout,
    ) as Model;
    const leaf = classOf(model, "Leaf");
    expect([leaf.span?.file, spanned(leaf.span)]).toEqual(["parts/derived.mof", "Leaf"]);
    // An inherited property is where its class origin writes it; an override where the override is.
    const id = member(leaf.properties, "Id");
    expect([id.span?.file, id.span?.line, spanned(id.span)]).toEqual(["base.mof", 3, "Id"]);
    const state = member(leaf.properties, "State");
    expect([state.span?.file, spanned(state.span)]).toEqual(["parts/derived.mof", "State"]);
    expect(spanned(state.valueMap?.span)).toBe('Values {"Stopped", "Running", "Else"}');
    // The propagated ValueMap qualifier spans two lines in Base.
    const written = member(classOf(model, "Base").properties, "State").valueMap?.span;
    expect(spanned(written)).toBe('ValueMap {"0", "2", ".."}');
    const key = id.qualifiers[0];
    expect([key?.name, key?.propagated, spanned(key?.span)]).toEqual(["Key", true, "Key"]);
    const mode = member(member(leaf.methods, "Run").parameters ?? [], "Mode");
    expect([mode.span?.file, spanned(mode.span)]).toEqual(["parts/derived.mof", "Mode"]);
    expect([mode.valueMap?.span?.file, spanned(mode.valueMap?.span)]).toEqual(["base.mof", 'ValueMap {"1", "2"}']);
  });

  it("names a file outside the working directory by its absolute path, as diagnostics do", async () => {
    const dir = tempTree(files);
    const elsewhere = tempTree({ "x.mof": "class X { string P; };" });
    const r = await runCli(["model", "--spans", join(elsewhere, "x.mof")], dir);
    const model = JSON.parse(r.stdout) as Model;
    expect(classOf(model, "X").span?.file).toBe(join(elsewhere, "x.mof"));
  });

  it("is refused with the MOF format, which has no place for spans (exit 2)", async () => {
    const dir = tempTree(files);
    for (const args of [
      ["model", "--format", "mof", "--spans", "base.mof"],
      ["format", "--spans", "base.mof"],
    ]) {
      const r = await runCli(args, dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("--spans is for the JSON model");
    }
  });
});
