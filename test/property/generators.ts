/**
 * Input generators (fast-check arbitraries) for the front end, shared by the property tests
 * (frontend.property.test.ts) and `npm run fuzz` (scripts/fuzz.mjs, which gets them through its esbuild bundle):
 * random bytes with byte-order marks, MOF-ish token soup, grammar-shaped MOF, mutations, deep nesting, macro
 * chains and long repetitions. The same shapes in both; `Sizes` says how large they get.
 */
import fc from "fast-check";
import type { Dialect } from "../../src/dialect/dialect.js";

/** How large generated inputs get: the property tests stay small and quick, `npm run fuzz` goes further. */
export interface Sizes {
  /** Tokens in one run of token soup. */
  readonly soupTokens: number;
  /** Pieces (skeletons and soup runs) in one MOF-ish text. */
  readonly mofishPieces: number;
  /** Bytes in a random byte input. */
  readonly randomBytes: number;
  /** Mutations applied to one corpus slice. */
  readonly corpusMutations: number;
  /** Code units in a round-trip string of any units, and in one of binary or tricky units. */
  readonly textLength: number;
  readonly unitTextLength: number;
}

export const testSizes: Sizes = {
  soupTokens: 200,
  mofishPieces: 4,
  randomBytes: 4096,
  corpusMutations: 6,
  textLength: 60,
  unitTextLength: 40,
};

export const fuzzSizes: Sizes = {
  soupTokens: 400,
  mofishPieces: 6,
  randomBytes: 8192,
  corpusMutations: 8,
  textLength: 80,
  unitTextLength: 60,
};

export const dialect = fc.constantFrom<Dialect>("wmi", "dmtf");

// --- token tables -------------------------------------------------------------------------------------------

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
  "#if 1", "#elif", "#error", "#", "# pragma", "#define X X", "#define Y X Y",
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
  fc.constantFrom("A", "B", "X", "Y", "CIM_Foo", "Msvm_Bar", "Name", "__Class", "_x", "MyQual"),
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

// --- token soup and bytes -----------------------------------------------------------------------------------

/** MOF-ish token soup: tokens joined by (mostly) whitespace, so directives sometimes land at a line start. */
function tokenSoup(sizes: Sizes): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(soupToken, fc.constantFrom(...separators)), { maxLength: sizes.soupTokens })
    .map((parts) => parts.map(([t, s]) => t + s).join(""));
}

/** Soup seeded with a valid-looking skeleton, so the parser gets deeper before it meets the noise. */
const skeleton = fc.constantFrom(
  "class A { [Key] string Name; uint32 M([In] string a, [Out] B REF b); };\n",
  'instance of A as $x { Name = "n"; V = {1, 2}; };\n',
  'instance of A as $x { Name = "n"; V = {1, 2}; E = instance of B { P = $x; }; };\n',
  'qualifier Q : string = "d", Scope(class, property), Flavor(Restricted);\n',
  '#pragma namespace("\\\\\\\\.\\\\root\\\\x")\n',
  "[Association] class L { A REF a; B REF b; };\n",
  "#define X class\nX A { };\n",
  "#ifdef X\nclass A {};\n#else\nclass B {};\n#endif\n",
);

export function mofish(sizes: Sizes): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight: 1, arbitrary: skeleton }, { weight: 3, arbitrary: tokenSoup(sizes) }), {
      maxLength: sizes.mofishPieces,
    })
    .map((xs) => xs.join(""));
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
}

const bomPrefix = fc.constantFrom<number[]>([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]);

/** Raw bytes, or MOF-ish text in some encoding (UTF-16 without BOM too), each after an optional BOM. */
export function byteInput(sizes: Sizes): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      bomPrefix,
      fc.oneof(
        fc.uint8Array({ maxLength: sizes.randomBytes }),
        fc.tuple(mofish(sizes), fc.constantFrom("utf8", "utf16le", "utf16be", "latin1")).map(([text, enc]) => {
          if (enc === "utf16le" || enc === "utf16be") return utf16(text, enc === "utf16be");
          return new Uint8Array(Buffer.from(text, enc));
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
}

// --- mutations ----------------------------------------------------------------------------------------------

export type Mutation =
  | { readonly op: "delete"; readonly a: number; readonly b: number }
  | { readonly op: "duplicate"; readonly a: number; readonly b: number; readonly at: number }
  | { readonly op: "insert"; readonly at: number; readonly token: string }
  | { readonly op: "swap"; readonly a: number; readonly b: number; readonly c: number; readonly d: number }
  | { readonly op: "truncate"; readonly at: number };

/** A position in a text (taken modulo its length plus one). */
export const pos = fc.nat({ max: 1_000_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), a: pos, b: fc.nat({ max: 400 }) }),
  fc.record({ op: fc.constant("duplicate" as const), a: pos, b: fc.nat({ max: 400 }), at: pos }),
  fc.record({ op: fc.constant("insert" as const), at: pos, token: soupToken }),
  fc.record({ op: fc.constant("swap" as const), a: pos, b: pos, c: pos, d: pos }),
  fc.record({ op: fc.constant("truncate" as const), at: pos }),
);

export function mutate(text: string, m: Mutation): string {
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

// --- grammar-shaped MOF: declarations built from the MOF productions (so the parser reaches deep into classes,
// methods, values and embedded instances), with a few random mutations on top -----------------------------------

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

export const grammarMof = fc
  .tuple(fc.array(production, { minLength: 1, maxLength: 5 }), fc.array(mutation, { maxLength: 2 }))
  .map(([ps, ms]) => ms.reduce(mutate, ps.join("\n")));

// --- nesting and repetition: deep recursion (stack overflows) and long runs of one construct (slow paths) --------

export const nestingShapes = [
  "instance value",
  "instance in a qualifier",
  "unclosed instances",
  "arrays",
  "parentheses",
  "brackets",
  "repeated 'instance'",
  "errors in a row",
] as const;
export const macroShapes = ["macro chain", "macro doubling"] as const;
export type NestingShape = (typeof nestingShapes)[number] | (typeof macroShapes)[number];

/**
 * `depth` levels of one kind of nesting. A macro chain is `depth` macros, each expanding to the next; in macro
 * doubling each of `depth` macros (40 at most) expands to two copies of the next.
 */
export function nested(shape: NestingShape, depth: number): string {
  const wrap = (open: string, inner: string, close: string): string => open.repeat(depth) + inner + close.repeat(depth);
  const defines = (n: number, body: (i: number) => string): string =>
    Array.from({ length: n }, (_, i) => `#define M${i} ${body(i + 1)}`).join("\n");
  switch (shape) {
    case "instance value":
      return `instance of A { P = ${wrap("instance of B { P = ", "1", "; }")}; };`;
    case "instance in a qualifier":
      return `[Q(${wrap("instance of B { P = ", "1", "; }")})] class A { };`;
    case "unclosed instances":
      return `instance of A { P = ${"instance of B { P = ".repeat(depth)}`;
    case "arrays":
      return `class A { uint8 P[] = ${wrap("{", "1", "}")}; };`;
    case "parentheses":
      return `[Q${wrap("(", "1", ")")}] class A { };`;
    case "brackets":
      return wrap("[", "Q", "]");
    case "repeated 'instance'":
      // Error recovery inserts the missing `of Name {` and `Name =`, so each word opens one more embedded instance.
      return "instance ".repeat(depth);
    case "errors in a row":
      // Not nesting in the text, but Chevrotain recovers from each error inside a repetition recursively.
      return "class A { };;\n".repeat(depth);
    case "macro chain":
      return `${defines(depth, (i) => `M${i}`)}\nclass M0 { };`;
    case "macro doubling":
      // Exponential growth from a few hundred bytes.
      return `${defines(Math.min(depth, 40), (i) => `M${i} M${i}`)}\nM0`;
  }
}

/** Nesting up to 4000 levels deep (`npm run fuzz`). */
export const nestingInput = fc
  .tuple(fc.constantFrom(...nestingShapes), fc.integer({ min: 1, max: 4000 }))
  .map(([shape, d]) => nested(shape, d));

/** Macro chains of up to 16000 macros, or up to 32 doubling macros (`npm run fuzz`). */
export const macroInput = fc
  .tuple(fc.constantFrom(...macroShapes), fc.integer({ min: 1, max: 4000 }))
  .map(([shape, d]) => (shape === "macro doubling" ? nested(shape, 1 + (d % 32)) : nested(shape, d * 4)));

const repeatContext = fc.constantFrom(
  "",
  "class A { ",
  "class A { [Key] string P = ",
  "instance of A { ",
  "instance of A { P = {",
  "[Q(",
  "qualifier Q : string = ",
  "#pragma x(",
);

/** A few soup tokens repeated up to 4000 times, after the start of some construct (`npm run fuzz`). */
export const repeatInput = fc
  .tuple(repeatContext, fc.array(soupToken, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4000 }))
  .map(([context, snippet, count]) => context + `${snippet.join(" ")} `.repeat(count));
