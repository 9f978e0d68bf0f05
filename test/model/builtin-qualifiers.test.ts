import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { QualifierTypeDeclaration, Value } from "../../src/ast/nodes.js";
import {
  type BuiltinQualifier,
  builtinQualifier,
  dmtfOptionalQualifiers,
  dmtfStandardQualifiers,
  wmiQualifiers,
  wmiScopeExtensions,
} from "../../src/model/builtin-qualifiers.js";
import type { CimValue, Flavors } from "../../src/model/types.js";
import { buildProgram } from "../../src/program/program.js";
import { corpus } from "../helpers/corpora.js";

/** Every `Qualifier` declaration of one file, parsed by mofgen's own front end. */
function declarations(path: string): QualifierTypeDeclaration[] {
  const program = buildProgram([path], { dialect: "dmtf" });
  const errors = program.diagnostics.filter((d) => d.severity === "error");
  expect(errors, `parse errors in ${path}`).toEqual([]);
  const decls = program.files.flatMap((f) =>
    f.ast.productions.filter((p): p is QualifierTypeDeclaration => p.kind === "qualifierType"),
  );
  expect(decls.length, `no qualifier declarations in ${path}`).toBeGreaterThan(0);
  return decls;
}

/** The AST default in the shape of the table's CimValue, for the kinds qualifier declarations use. */
function astDefault(v: Value | undefined): unknown {
  if (v === undefined) return undefined;
  switch (v.kind) {
    case "null":
      return { kind: "null" };
    case "boolean":
      return { kind: "boolean", value: v.value };
    case "string":
      return { kind: "string", value: v.value };
    case "integer":
      return { kind: "integer", value: v.value };
    case "arrayValue":
      return { kind: "array", elements: v.elements.map(astDefault) };
    default:
      return { kind: v.kind, unexpected: true };
  }
}

/** The table's default reduced to what the AST can be compared with (integers by value, not spelling). */
function tableDefault(v: CimValue | undefined): unknown {
  if (v === undefined) return undefined;
  if (v.kind === "integer") return { kind: "integer", value: v.value };
  if (v.kind === "array") return { kind: "array", elements: v.elements.map(tableDefault) };
  return v;
}

/** DSP0004 flavor defaults applied to the flavors a declaration lists. */
function declaredFlavors(d: QualifierTypeDeclaration): Flavors {
  const names = new Set(d.flavors.map((f) => f.name.toLowerCase()));
  return {
    overridable: !names.has("disableoverride"),
    toSubclass: !names.has("restricted"),
    translatable: names.has("translatable"),
    amended: false,
    toInstance: false,
  };
}

function byName(entries: readonly BuiltinQualifier[]): Map<string, BuiltinQualifier> {
  return new Map(entries.map((e) => [e.name.toLowerCase(), e]));
}

function scopeSet(scopes: readonly { name: string }[] | readonly string[]): string[] {
  return [...new Set(scopes.map((s) => (typeof s === "string" ? s : s.name).toLowerCase()))].sort();
}

/** Compare a table with every declaration of a file: same names, types, array-ness, defaults, scopes, flavors. */
function compareWithFile(file: string, entries: readonly BuiltinQualifier[]): void {
  const decls = declarations(file);
  const table = byName(entries);
  for (const d of decls) {
    const name = d.name.name;
    const entry = table.get(name.toLowerCase());
    expect(entry, `${name} is missing from the table`).toBeDefined();
    if (entry === undefined) continue;
    expect(d.type?.kind, name).toBe("intrinsic");
    if (d.type?.kind === "intrinsic") expect(entry.type, `${name} type`).toBe(d.type.name);
    expect(entry.array, `${name} array-ness`).toBe(d.array !== undefined);
    expect(tableDefault(entry.default), `${name} default`).toEqual(astDefault(d.default));
    expect(scopeSet(entry.scopes), `${name} scopes`).toEqual(scopeSet(d.scopes));
    expect(entry.flavors, `${name} flavors`).toEqual(declaredFlavors(d));
  }
  const declared = new Set(decls.map((d) => d.name.name.toLowerCase()));
  const extra = entries.map((e) => e.name).filter((n) => !declared.has(n.toLowerCase()));
  expect(extra, "table entries the file does not declare").toEqual([]);
  expect(entries.length).toBe(decls.length);
}

describe("DMTF tables against the CIM 2.49 schema files", () => {
  it("qualifiers.mof: every declaration matches dmtfStandardQualifiers", (ctx) => {
    const dir = corpus("dmtf-cim-2.49");
    if (dir === undefined) return ctx.skip();
    compareWithFile(join(dir, "qualifiers.mof"), dmtfStandardQualifiers);
  });

  it("qualifiers_optional.mof: every declaration matches dmtfOptionalQualifiers", (ctx) => {
    const dir = corpus("dmtf-cim-2.49");
    if (dir === undefined) return ctx.skip();
    compareWithFile(join(dir, "qualifiers_optional.mof"), dmtfOptionalQualifiers);
  });
});

describe("WMI table against the WMI qualifier declaration files", () => {
  /** WMI-only names whose type deliberately follows another source (see the comments in builtin-qualifiers.ts). */
  const typeDeviations = new Set(["locale"]);

  const files = [
    // OMI declares WMI's own boolean Deprecated; DMTF's string[] Deprecated wins.
    ["omi-codec", "mof/parser/wmiqualifiers.mof", ["Deprecated: boolean vs string[]"]],
    // The Hyper-V table types Revision for its property uses; DMTF's string Revision wins.
    ["hyperv", "wmi-qualifiers.mof", ["Revision: uint32 vs string"]],
  ] as const;

  const typeText = (type: string, array: boolean) => `${type}${array ? "[]" : ""}`;

  for (const [corpusName, path, dmtfConflicts] of files) {
    it(`${corpusName}/${path}: every name is known in the wmi dialect with at least the declared scopes`, (ctx) => {
      const dir = corpus(corpusName);
      if (dir === undefined) return ctx.skip();
      const conflicts: string[] = [];
      for (const d of declarations(join(dir, path))) {
        const name = d.name.name;
        const entry = builtinQualifier(name, "wmi");
        expect(entry, `${name} unknown`).toBeDefined();
        if (entry === undefined || d.type?.kind !== "intrinsic") continue;
        const scopes = new Set<string>(entry.scopes);
        if (!scopes.has("any")) {
          for (const s of scopeSet(d.scopes)) expect(scopes.has(s), `${name} scope ${s}`).toBe(true);
        }
        const declared = typeText(d.type.name, d.array !== undefined);
        const ours = typeText(entry.type, entry.array);
        if (entry.set === "wmi") {
          // WMI-only names take their type from these files.
          if (!typeDeviations.has(name.toLowerCase())) expect(ours, `${name} type`).toBe(declared);
        } else if (ours !== declared) {
          conflicts.push(`${entry.name}: ${declared} vs ${ours}`);
        }
      }
      expect(conflicts, "names where the DMTF definition overrules the file").toEqual(dmtfConflicts);
    });
  }
});

describe("hand-written expectations", () => {
  const dmtf = (name: string) => builtinQualifier(name, "dmtf");
  const defaults: Flavors = {
    overridable: true,
    toSubclass: true,
    translatable: false,
    amended: false,
    toInstance: false,
  };

  it("Key", () => {
    expect(dmtf("Key")).toEqual({
      name: "Key",
      type: "boolean",
      array: false,
      default: { kind: "boolean", value: false },
      scopes: ["property", "reference"],
      flavors: { ...defaults, overridable: false },
      set: "dmtf",
    });
  });

  it("Description", () => {
    expect(dmtf("description")).toMatchObject({
      name: "Description",
      type: "string",
      array: false,
      default: { kind: "null" },
      scopes: ["any"],
      flavors: { ...defaults, translatable: true },
    });
  });

  it("ValueMap and Values", () => {
    expect(dmtf("VALUEMAP")).toMatchObject({
      name: "ValueMap",
      type: "string",
      array: true,
      default: undefined,
      scopes: ["property", "method", "parameter"],
      flavors: defaults,
    });
    expect(dmtf("Values")).toMatchObject({
      type: "string",
      array: true,
      scopes: ["property", "method", "parameter"],
      flavors: { ...defaults, translatable: true },
    });
  });

  it("Override is Restricted", () => {
    expect(dmtf("Override")).toMatchObject({
      type: "string",
      default: { kind: "null" },
      scopes: ["property", "reference", "method"],
      flavors: { ...defaults, toSubclass: false },
    });
  });

  it("In and Out", () => {
    expect(dmtf("In")).toMatchObject({
      type: "boolean",
      default: { kind: "boolean", value: true },
      scopes: ["parameter"],
      flavors: { ...defaults, overridable: false },
    });
    expect(dmtf("out")).toMatchObject({
      type: "boolean",
      default: { kind: "boolean", value: false },
      scopes: ["parameter"],
      flavors: { ...defaults, overridable: false },
    });
  });

  it("EmbeddedInstance", () => {
    expect(dmtf("EmbeddedInstance")).toMatchObject({
      type: "string",
      array: false,
      default: { kind: "null" },
      scopes: ["property", "method", "parameter"],
      flavors: defaults,
    });
  });

  it("Association and Abstract", () => {
    expect(dmtf("Association")).toMatchObject({
      type: "boolean",
      default: { kind: "boolean", value: false },
      scopes: ["association"],
      flavors: { ...defaults, overridable: false },
    });
    expect(dmtf("abstract")).toMatchObject({
      type: "boolean",
      default: { kind: "boolean", value: false },
      scopes: ["class", "association", "indication"],
      flavors: { ...defaults, toSubclass: false },
    });
  });

  it("integer defaults keep bigint values", () => {
    expect(dmtf("MinLen")?.default).toEqual({ kind: "integer", value: 0n, text: "0" });
    expect(dmtf("MaxLen")).toMatchObject({ type: "uint32", default: { kind: "null" } });
  });

  it("WMI: Dynamic, Amendment, Locale", () => {
    expect(builtinQualifier("Dynamic", "wmi")).toMatchObject({
      name: "Dynamic",
      type: "boolean",
      array: false,
      default: { kind: "boolean", value: true },
      set: "wmi",
    });
    expect(builtinQualifier("Dynamic", "wmi")?.scopes).toEqual(
      expect.arrayContaining(["class", "association", "property"]),
    );
    expect(builtinQualifier("AMENDMENT", "wmi")).toMatchObject({
      type: "boolean",
      default: { kind: "boolean", value: true },
      scopes: ["class", "association", "indication"],
      flavors: { ...defaults, overridable: false },
      set: "wmi",
    });
    expect(builtinQualifier("locale", "wmi")).toMatchObject({
      name: "Locale",
      type: "string",
      array: false,
      set: "wmi",
    });
  });

  it("WMI: Provider and Static are the DMTF definitions, Static widened to classes", () => {
    expect(builtinQualifier("Provider", "wmi")).toMatchObject({
      type: "string",
      scopes: ["any"],
      set: "dmtf-optional",
    });
    expect(builtinQualifier("provider", "wmi")).toBe(builtinQualifier("Provider", "dmtf"));
    expect(builtinQualifier("Static", "dmtf")?.scopes).toEqual(["property", "method"]);
    expect(builtinQualifier("Static", "wmi")).toMatchObject({
      type: "boolean",
      default: { kind: "boolean", value: false },
      scopes: ["property", "method", "class"],
      flavors: { ...defaults, overridable: false },
      set: "dmtf",
    });
  });

  it("WMI scope extensions apply only in the wmi dialect", () => {
    expect(builtinQualifier("In", "dmtf")?.scopes).toEqual(["parameter"]);
    expect(builtinQualifier("In", "wmi")?.scopes).toEqual(["parameter", "property"]);
    expect(builtinQualifier("Max", "wmi")?.scopes).toEqual(["reference", "property"]);
    expect(builtinQualifier("Max", "wmi")?.type).toBe("uint32");
    for (const x of wmiScopeExtensions) expect(builtinQualifier(x.name, "dmtf"), x.name).toBeDefined();
  });

  it("WMI-only names are unknown in the dmtf dialect", () => {
    for (const name of ["Dynamic", "Amendment", "Locale", "Implemented", "WmiDataId", "guid", "Singleton"]) {
      expect(builtinQualifier(name, "dmtf"), name).toBeUndefined();
      expect(builtinQualifier(name, "wmi"), name).toBeDefined();
    }
    expect(builtinQualifier("NoSuchQualifier", "wmi")).toBeUndefined();
  });

  it("no name appears twice across the tables", () => {
    const names = [...dmtfStandardQualifiers, ...dmtfOptionalQualifiers, ...wmiQualifiers].map((e) =>
      e.name.toLowerCase(),
    );
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("every entry is well formed", () => {
    for (const e of [...dmtfStandardQualifiers, ...dmtfOptionalQualifiers, ...wmiQualifiers]) {
      expect(e.scopes.length, e.name).toBeGreaterThan(0);
      expect(new Set(e.scopes).size, e.name).toBe(e.scopes.length);
      if (e.default?.kind === "boolean") expect(e.type, e.name).toBe("boolean");
      if (e.default?.kind === "string") expect(e.type, e.name).toBe("string");
      if (e.default?.kind === "integer") expect(e.type, e.name).toMatch(/int/);
      expect(e.flavors.amended || e.flavors.toInstance, e.name).toBe(false);
    }
  });
});
