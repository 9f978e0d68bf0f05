import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import type { CimValue, ClassModel, DataType, ParameterModel, SchemaModel, ValueMap } from "../../src/model/types.js";
import { fold } from "../../src/model/types.js";
import { seedsDir, sharedFolderPresent } from "../helpers/corpora.js";

/**
 * The bundled schemas against the five Microsoft reference pages in `../shared/seeds` (read at test time,
 * never copied): each page's Requirements table says which namespace and MOF file the API lives in, its
 * Syntax block gives the parameters, its lists give the value maps, and the schema must say exactly that.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const schemasDir = join(repoRoot, "schemas");

// --- reading a seed page ------------------------------------------------------------------------

/** One `**Label** (value)` item of a value list, with the value as a MOF ValueMap entry. */
interface SeedValue {
  readonly label: string;
  readonly value: string;
}

interface SeedParameter {
  readonly name: string;
  readonly direction: "in" | "out" | "in, out";
  readonly type: string;
  readonly array: boolean;
  readonly ref: boolean;
}

interface SeedProperty {
  readonly name: string;
  readonly type: string;
  readonly array: boolean;
  /** The default of the Syntax block as a plain JS value; undefined when the block gives none. */
  readonly default: unknown;
}

interface Requirements {
  /** Normalised like the model's namespace names: `root/hypervcluster/v2`. */
  readonly namespace: string;
  readonly mofFile: string;
}

interface MethodPage {
  readonly kind: "method";
  readonly file: string;
  readonly className: string;
  readonly methodName: string;
  readonly returnType: string;
  readonly parameters: readonly SeedParameter[];
  /** Value lists of the Parameters section, by parameter name (only the parameters that have one). */
  readonly parameterValues: ReadonlyMap<string, readonly SeedValue[]>;
  readonly returnValues: readonly SeedValue[];
  readonly requirements: Requirements;
}

interface ClassPage {
  readonly kind: "class";
  readonly file: string;
  readonly className: string;
  readonly superclass: string;
  readonly classQualifiers: readonly string[];
  readonly syntaxProperties: readonly SeedProperty[];
  readonly methods: readonly string[];
  /** Properties section: name, data type, and the value list when the page gives one. */
  readonly properties: readonly { name: string; type: string; array: boolean; values: readonly SeedValue[] }[];
  readonly requirements: Requirements;
}

type SeedPage = MethodPage | ClassPage;

/** Markdown escapes (`Msvm\_Foo`, `\[in\]`) removed. */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([_[\]*\\])/g, "$1");
}

/**
 * A ValueMap entry as the pages print it: `4096`, `0x8000.. ` (trailing space), `..`, `4097..32767`, or a
 * range with an en dash (`7–4095`, `3–32767`), which is how the pages render MOF's `..`.
 */
const valuePattern = /^(\.\.|(0x[0-9a-f]+|\d+)(\.\.((0x[0-9a-f]+|\d+))?)?|\.\.(0x[0-9a-f]+|\d+))$/i;

function normaliseValue(raw: string): string | undefined {
  const value = raw.replace(/\s+/g, "").replace(/\u2013/g, "..");
  return valuePattern.test(value) ? value : undefined;
}

/** Section text from a heading line to the next heading of the same kind (markdown `## X` or a plain line). */
function section(text: string, start: RegExp, end: RegExp): string {
  const from = text.search(start);
  if (from < 0) return "";
  const rest = text.slice(from).replace(start, "");
  const to = rest.search(end);
  return to < 0 ? rest : rest.slice(0, to);
}

/** Every `**Label** (value)` or `**Label** </dt> <dd>value</dd>` item, in order; other bold text is skipped. */
function markdownValues(text: string): SeedValue[] {
  const items: SeedValue[] = [];
  for (const m of text.matchAll(/\*\*([^*]+)\*\*(?:\s*\(([^)]*)\)|\s*<\/dt>\s*<dd>([^<]*)<\/dd>)?/g)) {
    const raw = m[2] ?? m[3];
    const value = raw === undefined ? undefined : normaliseValue(raw);
    if (value !== undefined) items.push({ label: unescapeMarkdown((m[1] ?? "").trim()), value });
  }
  return items;
}

/** `Label (value)` lines of the plain-text class page. */
function plainValues(lines: readonly string[]): SeedValue[] {
  const items: SeedValue[] = [];
  for (const line of lines) {
    if (/^(Data type|Access type|Qualifiers): /.test(line.trim())) continue;
    const m = /^(.+?) \(([^()]*)\)$/.exec(line.trim());
    const value = m?.[2] === undefined ? undefined : normaliseValue(m[2]);
    if (m?.[1] !== undefined && value !== undefined) items.push({ label: m[1], value });
  }
  return items;
}

function requirementsOf(text: string): Requirements {
  const req = section(text, /^#*\s*Requirements\s*$/m, /^#*\s*See also\s*$/m);
  const ns = /Namespace[\s\S]*?(Root(?:\\+\w+)+)/i.exec(req)?.[1];
  const mof = /MOF[\s\S]*?([\w.]+\.mof)\b/i.exec(req)?.[1];
  if (ns === undefined || mof === undefined) throw new Error("no Namespace or MOF in the Requirements table");
  return { namespace: ns.split(/\\+/).join("/").toLowerCase(), mofFile: mof };
}

function parseMethodPage(file: string, text: string, title: RegExpExecArray): MethodPage {
  const syntax = /```mof\n([\s\S]*?)```/.exec(text)?.[1] ?? "";
  const head = /^(\w+)\s+(\w+)\(/.exec(syntax.trim());
  const parameters: SeedParameter[] = [];
  for (const line of syntax.split("\n")) {
    const m = /^\s*\[(in|out|in, out)\]\s+(\w+)\s+(REF\s+)?(\w+)(\[\])?\s*,?\s*$/.exec(line);
    if (m === null) continue;
    parameters.push({
      name: m[4] ?? "",
      direction: m[1] as SeedParameter["direction"],
      type: m[2] ?? "",
      array: m[5] !== undefined,
      ref: m[3] !== undefined,
    });
  }
  const params = section(text, /^## Parameters\s*$/m, /^## /m);
  const parameterValues = new Map<string, SeedValue[]>();
  const headers = [...params.matchAll(/^\*(\w+)\* \\\[(?:in|out|in, out)\\\]\s*$/gm)];
  headers.forEach((h, i) => {
    const body = params.slice((h.index ?? 0) + h[0].length, headers[i + 1]?.index ?? params.length);
    const values = markdownValues(body);
    if (values.length > 0) parameterValues.set(h[1] ?? "", values);
  });
  return {
    kind: "method",
    file,
    methodName: title[1] ?? "",
    className: title[2] ?? "",
    returnType: head?.[1] ?? "",
    parameters,
    parameterValues,
    returnValues: markdownValues(section(text, /^## Return value\s*$/m, /^## /m)),
    requirements: requirementsOf(text),
  };
}

/** A Syntax-block default (`"text"`, `{ 2 }`, `{ "OK" }`, `True`, `12`) as a plain JS value. */
function syntaxDefault(raw: string): unknown {
  const text = raw.trim();
  if (text.startsWith("{")) {
    const inner = text.slice(1, -1).trim();
    return inner === "" ? [] : inner.split(",").map((e) => syntaxDefault(e));
  }
  if (text.startsWith('"')) return text.slice(1, -1);
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  if (/^-?\d+$/.test(text)) return Number(text);
  throw new Error(`unexpected default ${text}`);
}

function parseClassPage(file: string, text: string, title: RegExpExecArray): ClassPage {
  const syntax = section(text, /^Syntax\s*$/m, /^Members\s*$/m);
  const decl = /class\s+(\w+)\s*:\s*(\w+)/.exec(syntax);
  const classQualifiers = (/^\[(.*)\]\s*$/m.exec(syntax)?.[1] ?? "")
    .split(/,\s*(?![^(]*\))/)
    .map((q) => q.trim())
    .filter((q) => q !== "");
  const syntaxProperties: SeedProperty[] = [];
  for (const m of syntax.matchAll(/^\s+(\w+)\s+(\w+)(\[\])?(?:\s*=\s*(.+?))?;\s*$/gm)) {
    syntaxProperties.push({
      name: m[2] ?? "",
      type: m[1] ?? "",
      array: m[3] !== undefined,
      default: m[4] === undefined ? undefined : syntaxDefault(m[4]),
    });
  }
  const methodLines = section(text, /^Method Description\s*$/m, /^Properties\s*$/m).split("\n");
  const methods = methodLines.map((l) => /^(\w+) /.exec(l)?.[1]).filter((n): n is string => n !== undefined);
  const propertyLines = section(text, /^The \w+ class has these properties\.\s*$/m, /^Remarks\s*$/m)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const properties: ClassPage["properties"][number][] = [];
  propertyLines.forEach((line, i) => {
    const type = /^Data type: (\w+)( array)?$/.exec(propertyLines[i + 1] ?? "");
    if (type === null) return;
    let end = i + 2;
    while (end < propertyLines.length && !/^Data type: /.test(propertyLines[end + 1] ?? "")) end++;
    properties.push({
      name: line,
      type: type[1] ?? "",
      array: type[2] !== undefined,
      values: plainValues(propertyLines.slice(i + 2, end)),
    });
  });
  return {
    kind: "class",
    file,
    className: title[1] ?? "",
    superclass: decl?.[2] ?? "",
    classQualifiers,
    syntaxProperties,
    methods,
    properties,
    requirements: requirementsOf(text),
  };
}

function parseSeed(file: string, text: string): SeedPage {
  const method = /^#\s+(\w+) method of the (\w+) class\s*$/m.exec(unescapeMarkdown(text));
  // `\_` is unescaped for the names; the `*Name* \[in\]` markers of the Parameters section stay as written.
  if (method !== null) return parseMethodPage(file, text.replace(/\\_/g, "_"), method);
  const cls = /^#?\s*(\w+) class\s*$/m.exec(unescapeMarkdown(text));
  if (cls !== null) return parseClassPage(file, text, cls);
  throw new Error(`${file}: neither a method page nor a class page`);
}

// --- the model ----------------------------------------------------------------------------------

function compileSchemas(): { schema: SchemaModel; findings: string[] } {
  const result = compile([schemasDir]);
  const findings = result.diagnostics.filter((d) => d.severity !== "info").map((d) => `${d.code} ${d.message}`);
  return { schema: result.schema, findings };
}

function classIn(schema: SchemaModel, requirements: Requirements, name: string): ClassModel {
  const ns = schema.namespaceByName.get(requirements.namespace);
  if (ns === undefined) throw new Error(`namespace ${requirements.namespace} is not in the bundled schemas`);
  const cls = ns.classByName.get(fold(name));
  if (cls === undefined) throw new Error(`class ${name} is not in namespace ${requirements.namespace}`);
  return cls;
}

function typeName(type: DataType): string {
  switch (type.kind) {
    case "intrinsic":
      return type.name;
    case "reference":
      return type.className ?? "object";
    case "instance":
      return type.className;
    case "object":
    case "void":
      return type.kind;
  }
}

function parameterShape(p: ParameterModel): SeedParameter {
  return {
    name: p.name,
    direction: p.in && p.out ? "in, out" : p.in ? "in" : "out",
    type: typeName(p.type),
    array: p.array !== undefined,
    ref: p.type.kind === "reference",
  };
}

function entries(map: ValueMap | undefined): SeedValue[] | undefined {
  return map?.entries.map((e) => ({ label: e.label, value: e.value }));
}

function plainValue(value: CimValue | undefined): unknown {
  if (value === undefined) return undefined;
  switch (value.kind) {
    case "null":
      return null;
    case "integer":
      return Number(value.value);
    case "array":
      return value.elements.map(plainValue);
    case "boolean":
    case "string":
    case "char16":
    case "datetime":
    case "real":
      return value.value;
    default:
      return value.kind;
  }
}

// --- the checks ---------------------------------------------------------------------------------

function checkMethodPage(schema: SchemaModel, page: MethodPage): void {
  const cls = classIn(schema, page.requirements, page.className);
  expect(basename(cls.span.file.path)).toBe(page.requirements.mofFile);
  const method = cls.methodByName.get(fold(page.methodName));
  if (method === undefined) throw new Error(`${page.className}.${page.methodName} is not in the model`);
  expect(typeName(method.returnType)).toBe(page.returnType);
  expect(method.parameters.map(parameterShape)).toEqual(page.parameters);
  expect(entries(method.valueMap)).toEqual(page.returnValues);
  for (const p of method.parameters) {
    expect({ parameter: p.name, values: entries(p.valueMap) }).toEqual({
      parameter: p.name,
      values: page.parameterValues.get(p.name),
    });
  }
}

function checkClassPage(schema: SchemaModel, page: ClassPage): void {
  const cls = classIn(schema, page.requirements, page.className);
  expect(basename(cls.span.file.path)).toBe(page.requirements.mofFile);
  expect(cls.superclass).toBe(page.superclass);
  // AMENDMENT is left out on purpose: the bundled files keep Description and Values in the class itself
  // instead of a localised .mfl file, which is what that qualifier announces.
  const written = cls.qualifiers.filter((q) => !q.propagated).map((q) => fold(q.name));
  for (const q of page.classQualifiers.filter((q) => fold(q) !== "amendment")) {
    const name = /^\w+/.exec(q)?.[0] ?? q;
    expect(written, `class qualifier ${name}`).toContain(fold(name));
  }
  const provider = /Provider\("([^"]*)"\)/.exec(page.classQualifiers.join(","))?.[1];
  if (provider !== undefined) {
    expect(plainValue(cls.qualifiers.find((q) => fold(q.name) === "provider")?.value)).toBe(provider);
  }

  // The page lists every property, inherited ones included, and every method: exactly the model's.
  const sorted = (names: readonly string[]) => [...names].sort((a, b) => (fold(a) < fold(b) ? -1 : 1));
  expect(sorted(page.properties.map((p) => p.name))).toEqual(sorted(page.syntaxProperties.map((p) => p.name)));
  expect(sorted(cls.properties.map((p) => p.name))).toEqual(sorted(page.syntaxProperties.map((p) => p.name)));
  expect(sorted(cls.methods.map((m) => m.name))).toEqual(sorted(page.methods));

  for (const p of page.syntaxProperties) {
    const model = cls.propertyByName.get(fold(p.name));
    expect({ property: p.name, type: model && typeName(model.type), array: model?.array !== undefined }).toEqual({
      property: p.name,
      type: p.type,
      array: p.array,
    });
    if (p.default !== undefined) {
      expect({ property: p.name, default: plainValue(model?.default) }).toEqual({
        property: p.name,
        default: p.default,
      });
    }
  }
  for (const p of page.properties) {
    const model = cls.propertyByName.get(fold(p.name));
    expect({ property: p.name, type: model && typeName(model.type) }).toEqual({ property: p.name, type: p.type });
    if (p.values.length > 0) {
      expect({ property: p.name, values: entries(model?.valueMap) }).toEqual({ property: p.name, values: p.values });
    }
  }
}

// --- the tests ----------------------------------------------------------------------------------

describe("bundled schemas against the seed reference pages", () => {
  if (!sharedFolderPresent("seed pages", seedsDir)) return;

  const files = readdirSync(seedsDir)
    .filter((f) => f.endsWith(".txt"))
    .sort();
  const pages = files.map((f) => parseSeed(f, readFileSync(join(seedsDir, f), "utf8")));
  const compiled = compileSchemas();

  it("has seed pages, each read into a non-empty description of its API", () => {
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      if (page.kind === "method") {
        expect(page.parameters.length, page.file).toBeGreaterThan(0);
        expect(page.returnValues.length, page.file).toBeGreaterThan(0);
      } else {
        expect(page.methods.length, page.file).toBeGreaterThan(0);
        expect(page.properties.length, page.file).toBeGreaterThan(0);
        expect(page.syntaxProperties.length, page.file).toBeGreaterThan(0);
      }
    }
  });

  it("compiles the bundled schemas without errors or warnings", () => {
    expect(compiled.findings).toEqual([]);
  });

  for (const page of pages) {
    const what = page.kind === "method" ? `${page.className}.${page.methodName}` : `${page.className} (every member)`;
    it(`${what} in ${page.requirements.mofFile} (${page.file})`, () => {
      if (page.kind === "method") checkMethodPage(compiled.schema, page);
      else checkClassPage(compiled.schema, page);
    });
  }
});
