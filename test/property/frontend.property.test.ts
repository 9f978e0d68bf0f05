/**
 * Property tests for the front end (decoder, scanner, parser, syntax checks): for any input the front end must
 * not throw, every diagnostic must point inside the file it was produced for, and literal values must survive
 * a write/parse round trip. Runs are not seeded, so each run explores new inputs; fast-check prints the seed
 * and the shrunk counterexample of a failure (replay with `{ seed, path }`). `npm run fuzz` runs the same kinds
 * of inputs for longer.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClassDeclaration, Feature, Value } from "../../src/ast/nodes.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { type Dialect, parseSource } from "../../src/parser/parse.js";
import { parseText } from "../../src/program/program.js";
import { decodeMof } from "../../src/source/encoding.js";
import { SourceFile } from "../../src/source/source-file.js";
import type { Span } from "../../src/source/span.js";
import { corpus } from "../helpers/corpora.js";

// --- invariants ---------------------------------------------------------------------------------------------

function checkSpan(file: SourceFile, s: Span | undefined, what: string): void {
  if (s === undefined) throw new Error(`${what}: no span`);
  if (s.file !== file) throw new Error(`${what}: span belongs to another file (${s.file.path})`);
  const len = file.text.length;
  const ok = Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= len;
  if (!ok) throw new Error(`${what}: span [${s.start}, ${s.end}) outside [0, ${len}]`);
  for (const offset of [s.start, s.end]) {
    const p = file.position(offset);
    if (!(Number.isInteger(p.line) && p.line >= 1 && Number.isInteger(p.column) && p.column >= 1))
      throw new Error(`${what}: offset ${offset} resolves to line ${p.line}, column ${p.column}`);
  }
}

function checkDiagnostics(file: SourceFile, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const what = `diagnostic ${d.code} "${d.message}"`;
    if (typeof d.code !== "string" || d.code === "") throw new Error(`${what}: no code`);
    if (d.severity !== "error" && d.severity !== "warning" && d.severity !== "info")
      throw new Error(`${what}: severity ${String(d.severity)}`);
    if (typeof d.message !== "string" || d.message === "") throw new Error(`${what}: empty message`);
    checkSpan(file, d.span, what);
    for (const r of d.related ?? []) checkSpan(file, r.span, `${what}, related "${r.message}"`);
  }
}

/** Every syntax-tree node's spans (`span`, `scopeSpan`) must lie in the file too. */
function checkTree(file: SourceFile, node: unknown, path: string): void {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) checkTree(file, n, `${path}[${i}]`);
    return;
  }
  if (node === null || typeof node !== "object" || node instanceof SourceFile) return;
  const kind = (node as { kind?: unknown }).kind;
  for (const [key, value] of Object.entries(node)) {
    if (key === "span" || key.endsWith("Span")) checkSpan(file, value as Span | undefined, `${path}.${key} (${kind})`);
    else checkTree(file, value, `${path}.${key}`);
  }
}

/** Parse `text` and check the invariants; throws (with the reason) when one is broken. */
function parseChecked(text: string, dialect: Dialect = "wmi"): Diagnostic[] {
  const file = new SourceFile("<fuzz>.mof", text);
  const result = parseSource(file, { dialect });
  if (result.ast.source !== file) throw new Error("ast.source is not the parsed file");
  checkDiagnostics(file, result.diagnostics);
  checkTree(file, result.ast.productions, "productions");
  return result.diagnostics;
}

// --- generators ---------------------------------------------------------------------------------------------

const dialect = fc.constantFrom<Dialect>("wmi", "dmtf");

const keywords =
  `class instance of qualifier Scope Flavor REF ref as null NULL true false string boolean char16 datetime
  uint8 sint8 uint16 sint16 uint32 sint32 uint64 sint64 real32 real64 object void any association indication
  property method parameter reference enumeration structure schema Key Description Association In Out
  EnableOverride DisableOverride ToSubclass Restricted Translatable ToInstance Amended`.split(/\s+/);
// biome-ignore format: a token table
const directives = [
  "#pragma", "#pragma include", "#pragma namespace", "#pragma locale", "#pragma classflags", "#pragma deleteclass",
  "#pragma autorecover", "#pragma instancelocale", "#pragma nonexistent", "#define", "#define X", "#define F(a)",
  "#undef X", "#include", '#include "x.mof"', '#include("y.mof")', "#ifdef X", "#ifndef X", "#else", "#endif",
  "#if 1", "#elif", "#error", "#", "# pragma",
];
// biome-ignore format: a token table
const literals = [
  '"abc"', '""', '"\\x41"', '"\\X4142z"', '"\\x"', '"\\xG"', '"\\"', '"\\q"', '"a\\nb\\t\\r\\b\\f\\\'\\""', '"open',
  '"\\', "'a'", "''", "'ab'", "'\\x0041'", "'\\''", "'", "'\\", "0", "1", "-1", "+1", "08", "0x", "0X1f", "0xG", "2b",
  "101b", "-101B", "0777", "1.", ".5", "-.5", "+.5", "1.5e10", "1.5E-3", "1e5", "1.e5", "0.0", "-0",
  "18446744073709551616", "99999999999999999999999999", "1_000", "1..2", "$", "$a", "$Alias1", "$$",
];
const punctuation = ["{", "}", "(", ")", "[", "]", ";", ",", ":", "=", ".", "-", "+", "*", "/", "\\", "#", "@", "~"];
const comments = ["//", "// note", "/*", "*/", "/* c */", "/* multi\nline */", "/**/", "/*/", "//\\"];
const oddChars = ["\u0000", "\u00a0", "\ufeff", "\ud800", "\udc00", "\u{1f600}", "\u2028", "\u00e9", "\u00ff", "\x7f"];
const separators = ["", " ", " ", " ", "\n", "\r\n", "\r", "\t", "\\\n", "\f", "\v"];

const identifier = fc.oneof(
  fc.constantFrom("A", "B", "X", "CIM_Foo", "Msvm_Bar", "Name", "__Class", "_x", "MyQual"),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/),
);

const soupToken = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...keywords) },
  { weight: 3, arbitrary: identifier },
  { weight: 4, arbitrary: fc.constantFrom(...punctuation) },
  { weight: 3, arbitrary: fc.constantFrom(...literals) },
  { weight: 1, arbitrary: fc.constantFrom(...directives) },
  { weight: 1, arbitrary: fc.constantFrom(...comments) },
  { weight: 1, arbitrary: fc.constantFrom(...oddChars) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

/** MOF-ish token soup: tokens joined by (mostly) whitespace, so directives sometimes land at a line start. */
const tokenSoup = fc
  .array(fc.tuple(soupToken, fc.constantFrom(...separators)), { maxLength: 200 })
  .map((parts) => parts.map(([t, s]) => t + s).join(""));

/** Soup seeded with a valid-looking skeleton, so the parser gets deeper before it meets the noise. */
const skeleton = fc.constantFrom(
  "class A { [Key] string Name; uint32 M([In] string a, [Out] B REF b); };\n",
  'instance of A as $x { Name = "n"; V = {1, 2}; };\n',
  'qualifier Q : string = "d", Scope(class, property), Flavor(Restricted);\n',
  '#pragma namespace("\\\\\\\\.\\\\root\\\\x")\n',
  "[Association] class L { A REF a; B REF b; };\n",
  "#define X class\nX A { };\n",
);
const mofish = fc
  .array(fc.oneof({ weight: 1, arbitrary: skeleton }, { weight: 3, arbitrary: tokenSoup }), { maxLength: 4 })
  .map((xs) => xs.join(""));

type Mutation =
  | { readonly op: "delete"; readonly a: number; readonly b: number }
  | { readonly op: "duplicate"; readonly a: number; readonly b: number; readonly at: number }
  | { readonly op: "insert"; readonly at: number; readonly token: string }
  | { readonly op: "swap"; readonly a: number; readonly b: number; readonly c: number; readonly d: number }
  | { readonly op: "truncate"; readonly at: number };

const pos = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), a: pos, b: fc.nat({ max: 400 }) }),
  fc.record({ op: fc.constant("duplicate" as const), a: pos, b: fc.nat({ max: 400 }), at: pos }),
  fc.record({ op: fc.constant("insert" as const), at: pos, token: soupToken }),
  fc.record({ op: fc.constant("swap" as const), a: pos, b: pos, c: pos, d: pos }),
  fc.record({ op: fc.constant("truncate" as const), at: pos }),
);

function mutate(text: string, m: Mutation): string {
  const n = text.length;
  const at = (x: number): number => x % (n + 1);
  switch (m.op) {
    case "delete": {
      const a = at(m.a);
      return text.slice(0, a) + text.slice(Math.min(n, a + m.b));
    }
    case "duplicate": {
      const a = at(m.a);
      const piece = text.slice(a, a + m.b);
      const i = at(m.at);
      return text.slice(0, i) + piece + text.slice(i);
    }
    case "insert": {
      const i = at(m.at);
      return text.slice(0, i) + m.token + text.slice(i);
    }
    case "swap": {
      const [p, q, r, s] = [m.a, m.b, m.c, m.d].map(at).sort((x, y) => x - y) as [number, number, number, number];
      return text.slice(0, p) + text.slice(r, s) + text.slice(q, r) + text.slice(p, q) + text.slice(s);
    }
    case "truncate":
      return text.slice(0, at(m.at));
  }
}

// Grammar-shaped MOF: declarations built from the MOF productions (so the parser reaches deep into classes,
// methods, values and embedded instances), with a few random mutations on top.

const flavor = fc.constantFrom("EnableOverride", "DisableOverride", "ToSubclass", "Restricted", "Translatable");
const intrinsic = fc.constantFrom(
  ...`boolean string char16 datetime uint8 sint8 uint16 sint16 uint32 sint32 uint64 sint64 real32 real64`.split(/\s+/),
);
const typeName = fc.oneof(
  { weight: 5, arbitrary: intrinsic },
  { weight: 1, arbitrary: fc.constantFrom("object", "void", "CIM_Foo", "unit16", "String") },
);
const name = fc.oneof(
  { weight: 20, arbitrary: identifier },
  { weight: 1, arbitrary: fc.constantFrom("class", "of", "Scope", "REF", "Flavor", "instance", "qualifier", "as") },
);
const goodLiterals = ['"abc"', '""', '"a\\"b"', '"\\x41"', '"x" "y"', "'a'", "0", "1", "-1", "0x1F", "101b", "0777"];
goodLiterals.push("1.5", "-.5", "1.5e10", "true", "false", "null", "$x", "NULL", "TRUE");
const { value, array } = fc.letrec<{ value: string; array: string; embedded: string }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 2, depthSize: "small" },
    { weight: 12, arbitrary: fc.constantFrom(...goodLiterals) },
    { weight: 1, arbitrary: fc.constantFrom(...literals) },
    { weight: 2, arbitrary: tie("array") },
    { weight: 1, arbitrary: tie("embedded") },
  ),
  array: fc.array(tie("value"), { maxLength: 4 }).map((vs) => `{${vs.join(", ")}}`),
  embedded: fc
    .tuple(name, fc.array(fc.tuple(name, tie("value")), { maxLength: 3 }))
    .map(([c, ps]) => `instance of ${c} { ${ps.map(([n, v]) => `${n} = ${v};`).join(" ")} }`),
}));
const opt = (a: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.option(a, { nil: "" });
const qualifier = fc
  .tuple(
    name,
    opt(fc.oneof({ weight: 3, arbitrary: value.map((v) => `(${v})`) }, array)),
    opt(fc.array(flavor, { minLength: 1, maxLength: 3 }).map((f) => ` : ${f.join(" ")}`)),
  )
  .map(([n, v, f]) => `${n}${v}${f}`);
const qualifiers = opt(fc.array(qualifier, { minLength: 1, maxLength: 3 }).map((qs) => `[${qs.join(", ")}] `));
const arraySpec = fc.constantFrom("", "", "", "[]", "[4]", "[0x2]", "[-1]");
const defaultValue = opt(value.map((v) => ` = ${v}`));
const property = fc
  .tuple(qualifiers, typeName, name, arraySpec, defaultValue)
  .map(([q, t, n, a, v]) => `${q}${t} ${n}${a}${v};`);
const reference = fc
  .tuple(qualifiers, fc.oneof(name, fc.constant("object")), name, arraySpec, opt(fc.constant(" = $x")))
  .map(([q, c, n, a, v]) => `${q}${c} REF ${n}${a}${v};`);
const parameter = fc
  .tuple(qualifiers, typeName, fc.boolean(), name, arraySpec, defaultValue)
  .map(([q, t, r, n, a, v]) => `${q}${t}${r ? " REF" : ""} ${n}${a}${v}`);
const method = fc
  .tuple(qualifiers, typeName, name, fc.array(parameter, { maxLength: 3 }), arraySpec)
  .map(([q, t, n, ps, a]) => `${q}${t} ${n}(${ps.join(", ")})${a};`);
const classDecl = fc
  .tuple(
    qualifiers,
    name,
    opt(fc.constant(" as $C")),
    opt(name.map((n) => ` : ${n}`)),
    fc.array(fc.oneof(property, reference, method), { maxLength: 5 }),
  )
  .map(([q, n, al, sup, fs]) => `${q}class ${n}${al}${sup} {\n  ${fs.join("\n  ")}\n};`);
const instanceDecl = fc
  .tuple(qualifiers, name, opt(fc.constant(" as $x")), fc.array(fc.tuple(qualifiers, name, value), { maxLength: 4 }))
  .map(
    ([q, c, al, ps]) => `${q}instance of ${c}${al} {\n${ps.map(([pq, n, v]) => `  ${pq}${n} = ${v};\n`).join("")}};`,
  );
const qualifierDecl = fc
  .tuple(qualifiers, name, typeName, arraySpec, defaultValue, fc.array(name, { maxLength: 3 }), opt(flavor))
  .map(
    ([q, n, t, a, v, sc, f]) =>
      `${q}qualifier ${n} : ${t}${a}${v}, Scope(${sc.join(", ")})${f ? `, Flavor(${f})` : ""};`,
  );
const pragma = fc
  .tuple(
    fc.constantFrom("namespace", "locale", "include", "classflags", "deleteclass", "autorecover", "foo"),
    opt(
      fc
        .array(fc.constantFrom('"root\\\\cimv2"', '"en_US"', "64", '"x.mof"', "NOFAIL", "force"), { maxLength: 3 })
        .map((a) => `(${a.join(", ")})`),
    ),
  )
  .map(([n, args]) => `#pragma ${n}${args}`);
const production = fc.oneof(
  { weight: 4, arbitrary: classDecl },
  { weight: 2, arbitrary: instanceDecl },
  { weight: 1, arbitrary: qualifierDecl },
  { weight: 1, arbitrary: pragma },
);
const grammarMof = fc
  .tuple(fc.array(production, { minLength: 1, maxLength: 5 }), fc.array(mutation, { maxLength: 2 }))
  .map(([ps, ms]) => ms.reduce(mutate, ps.join("\n")));

const bomPrefix = fc.constantFrom<number[]>([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]);

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
}

/** Raw bytes, or MOF-ish text in some encoding (UTF-16 without BOM too), each after an optional BOM. */
const byteInput = fc
  .tuple(
    bomPrefix,
    fc.oneof(
      fc.uint8Array({ maxLength: 4096 }),
      fc.tuple(mofish, fc.constantFrom("utf8", "utf16le", "utf16be", "latin1")).map(([text, enc]) => {
        if (enc === "utf16le" || enc === "utf16be") return utf16(text, enc === "utf16be");
        return new Uint8Array(Buffer.from(text, enc === "utf8" ? "utf8" : "latin1"));
      }),
    ),
    fc.option(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 })), { nil: undefined }),
  )
  .map(([prefix, body, splice]) => {
    const bytes = new Uint8Array(prefix.length + body.length);
    bytes.set(prefix, 0);
    bytes.set(body, prefix.length);
    if (splice && bytes.length > 0) {
      // Corrupt a few bytes in place (an invalid UTF-8 sequence or an odd UTF-16 unit in otherwise good text).
      const [at, junk] = splice;
      const i = at % bytes.length;
      bytes.set(junk.subarray(0, bytes.length - i), i);
    }
    return bytes;
  });

// --- a. random bytes ----------------------------------------------------------------------------------------

describe("front end on arbitrary input", () => {
  it("decodes and parses any byte sequence without throwing, spans in bounds", () => {
    fc.assert(
      fc.property(byteInput, dialect, (bytes, d) => {
        const decoded = decodeMof(bytes);
        expect(typeof decoded.text).toBe("string");
        if (decoded.invalidUtf8At !== undefined) {
          expect(decoded.invalidUtf8At).toBeGreaterThanOrEqual(0);
          expect(decoded.invalidUtf8At).toBeLessThanOrEqual(decoded.text.length);
        }
        parseChecked(decoded.text, d);
      }),
      { numRuns: 1000 },
    );
  });

  // --- b. token soup ----------------------------------------------------------------------------------------

  it("parses MOF-ish token soup without throwing, spans in bounds", () => {
    fc.assert(
      fc.property(mofish, dialect, (text, d) => {
        parseChecked(text, d);
      }),
      { numRuns: 1500 },
    );
  });

  it("parses grammar-shaped MOF with mutations without throwing, spans in bounds", () => {
    fc.assert(
      fc.property(grammarMof, dialect, (text, d) => {
        parseChecked(text, d);
      }),
      { numRuns: 1000 },
    );
  });

  it("parseText never throws either", () => {
    fc.assert(
      fc.property(mofish, (text) => {
        const r = parseText(text, "<t>.mof");
        checkDiagnostics(r.source, r.diagnostics);
      }),
      { numRuns: 200 },
    );
  });
});

// --- c. mutated corpus files --------------------------------------------------------------------------------

interface CorpusText {
  readonly name: string;
  readonly text: string;
}

/** Largest slice of one corpus file handed to a single run (keeps big files such as Hyper-V's fast). */
const maxSlice = 24_000;

function mofFiles(dir: string, limit: number): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (out.length >= limit) return;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.mof$/i.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function loadCorpora(): CorpusText[] {
  const wanted: [folder: string, sub: string, limit: number][] = [
    ["dmtf-cim-2.49", "Core", 60],
    ["hyperv", "v2", 5],
    ["msdocs-wmisdk-snippets", "", 80],
    ["pywbem-tests", "", 20],
    ["openpegasus-compiler-tests", "", 40],
    ["kingsland-mofparser-tests", "", 20],
    ["ms-windows-driver-samples", "", 20],
  ];
  const texts: CorpusText[] = [];
  for (const [folder, sub, limit] of wanted) {
    const dir = corpus(folder);
    if (dir === undefined) continue;
    for (const path of mofFiles(join(dir, sub), limit)) {
      const text = decodeMof(readFileSync(path)).text;
      if (text.length > 0) texts.push({ name: path.slice(dir.length - folder.length), text });
    }
  }
  return texts;
}

const corpora = loadCorpora();

describe.skipIf(corpora.length === 0)("front end on mutated corpus files", () => {
  const sample = fc.record({
    file: fc.nat({ max: Math.max(0, corpora.length - 1) }),
    sliceAt: pos,
    mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }),
  });

  const input = (s: { file: number; sliceAt: number; mutations: Mutation[] }): string => {
    const { text } = corpora[s.file] as CorpusText;
    const start = text.length > maxSlice ? s.sliceAt % (text.length - maxSlice) : 0;
    return s.mutations.reduce(mutate, text.slice(start, start + maxSlice));
  };

  it(`never throws, spans in bounds (${corpora.length} files)`, () => {
    fc.assert(
      fc.property(sample, dialect, (s, d) => {
        parseChecked(input(s), d);
      }),
      { numRuns: 600 },
    );
  });

  it("parses the unmutated corpus slices without throwing", () => {
    for (const { text } of corpora) parseChecked(text.slice(0, maxSlice * 4));
  });
});

// --- d. literal round trips ---------------------------------------------------------------------------------

function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c);
}

/**
 * Write `s` as the body of a MOF string (or char16) literal. `style` picks, per code unit, whether a printable
 * character is written raw or as an escape, so the generator covers both; `\x` escapes use as few hex digits as
 * the next character allows (one to four).
 */
function escapeMof(s: string, style: readonly number[], quote: '"' | "'"): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    const pick = style.length === 0 ? 0 : (style[i % style.length] as number);
    const named: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r" };
    named["\b"] = "\\b";
    named["\f"] = "\\f";
    if (ch === "'") named["'"] = quote === "'" || pick % 2 === 1 ? "\\'" : "'";
    const fixed = named[ch];
    const control = code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff);
    if (fixed !== undefined && !(control && pick % 3 === 2)) out += fixed;
    else if (control || pick % 5 === 4) {
      const x = pick % 2 === 0 ? "x" : "X";
      const hex = code.toString(16);
      const digits = isHexDigit(s[i + 1]) ? hex.padStart(4, "0") : hex;
      out += `\\${x}${pick % 3 === 0 ? digits.toUpperCase() : digits}`;
    } else out += ch;
  }
  return out;
}

function parseClean(text: string): ClassDeclaration {
  const file = new SourceFile("<roundtrip>.mof", text);
  const { ast, diagnostics } = parseSource(file);
  checkDiagnostics(file, diagnostics);
  if (diagnostics.length > 0)
    throw new Error(`${JSON.stringify(text)}: ${diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  const first = ast.productions[0];
  if (first?.kind !== "class") throw new Error(`${JSON.stringify(text)}: no class parsed`);
  return first;
}

function firstFeature(c: ClassDeclaration): Feature {
  const f = c.features[0];
  if (f === undefined) throw new Error("no feature parsed");
  return f;
}

function descriptionOf(text: string): Value | undefined {
  return firstFeature(parseClean(text)).qualifiers?.qualifiers[0]?.value;
}

function defaultOf(text: string): Value | undefined {
  const f = firstFeature(parseClean(text));
  return f.kind === "property" ? f.default : undefined;
}

/** Characters that need escapes, hex digits that could extend a `\x` escape, lone surrogates, astral planes. */
const trickyUnits = ["\\", '"', "'", "\n", "\r", "\t", "\b", "\f", "\x00", "\x01", "\x1f", "\x7f", "A", "a", "F", "f"];
trickyUnits.push("0", "9", "x", "X", " ", "\u00e9", "\u00a0", "\ufeff", "\ud800", "\udc00", "\u{10ffff}", "\u{1f600}");
const anyText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...trickyUnits), maxLength: 40 }),
);
const style = fc.array(fc.nat({ max: 59 }), { maxLength: 16 });

describe("literal round trips", () => {
  it("string literal escapes decode to the original string", () => {
    fc.assert(
      fc.property(anyText, style, (s, st) => {
        const v = descriptionOf(`class A { [Description("${escapeMof(s, st, '"')}")] string P; };`);
        expect(v?.kind).toBe("string");
        expect(v?.kind === "string" ? v.value : undefined).toBe(s);
      }),
      { numRuns: 1000 },
    );
  });

  it("char16 literal escapes decode to the original character", () => {
    const bmpChar = fc
      .integer({ min: 0, max: 0xffff })
      .filter((c) => c < 0xd800 || c > 0xdfff)
      .map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(bmpChar, style, (c, st) => {
        const v = defaultOf(`class A { char16 P = '${escapeMof(c, st, "'")}'; };`);
        expect(v?.kind).toBe("char16");
        expect(v?.kind === "char16" ? v.value : undefined).toBe(c);
      }),
      { numRuns: 500 },
    );
  });

  it("integer literals in every radix decode to their value", () => {
    const radix = fc.constantFrom<2 | 8 | 10 | 16>(2, 8, 10, 16);
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }), radix, fc.boolean(), (n, r, upper) => {
        const abs = n < 0n ? -n : n;
        const digits = abs.toString(r);
        const body =
          r === 16
            ? `0${upper ? "X" : "x"}${upper ? digits.toUpperCase() : digits}`
            : r === 8
              ? `0${digits}`
              : r === 2
                ? `${digits}${upper ? "B" : "b"}`
                : digits;
        const literal = (n < 0n ? "-" : "") + body;
        const v = defaultOf(`class A { ${n < 0n ? "sint64" : "uint64"} P = ${literal}; };`);
        expect(v?.kind).toBe("integer");
        if (v?.kind !== "integer") return;
        expect(v.value).toBe(n);
        expect(v.radix).toBe(r);
        expect(v.text).toBe(literal);
      }),
      { numRuns: 1000 },
    );
  });

  // --- e. adjacent string concatenation ----------------------------------------------------------------------

  it("adjacent string literals concatenate across whitespace and comments", () => {
    const gap = fc
      .array(fc.constantFrom(" ", "  ", "\t", "\n", "\r\n", "\r", "/* c */", "/**/", "// line\n", "/* a\nb */"), {
        minLength: 0,
        maxLength: 3,
      })
      .map((g) => g.join(""));
    const pieces = fc.array(fc.tuple(anyText, style, gap), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(pieces, fc.boolean(), (ps, asDefault) => {
        const literal = ps.map(([s, st, g], i) => `${i > 0 ? g : ""}"${escapeMof(s, st, '"')}"`).join("");
        const expected = ps.map(([s]) => s).join("");
        const text = asDefault
          ? `class A { string P = ${literal}; };`
          : `class A { [Description(${literal})] string P; };`;
        const v = asDefault ? defaultOf(text) : descriptionOf(text);
        expect(v?.kind).toBe("string");
        expect(v?.kind === "string" ? v.value : undefined).toBe(expected);
        // The value's span covers every piece, from the first opening quote to the last closing one.
        if (v?.kind === "string") expect(text.slice(v.span.start, v.span.end)).toBe(literal);
      }),
      { numRuns: 500 },
    );
  });
});
