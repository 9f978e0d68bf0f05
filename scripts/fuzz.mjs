// Fuzz the front end (decoder, scanner, preprocessor, parser, syntax checks) for longer than the property tests
// in test/property do: random bytes, MOF-ish token soup, grammar-shaped MOF with mutations, mutated corpus files
// and literal round trips.
//
//   npm run fuzz                         60 seconds
//   npm run fuzz -- --seconds 600        ten minutes
//   npm run fuzz -- --runs 20000         20000 inputs per property
//   npm run fuzz -- --self-test crash    check the harness itself: the soup property fails (crash) or hangs (hang)
//
// The front end is bundled with esbuild into node_modules/.cache/mofgen-fuzz/ and run in a worker thread; this
// (main) thread is a watchdog. A failure is a thrown exception, a diagnostic or syntax-tree span outside the
// file, a wrong literal value, or a parse taking more than 2 s (a hang is caught while it hangs: the worker is
// stopped and the input it was parsing is saved). Each failing input is written to .fuzz/crash-<n>.mof (raw
// bytes for byte inputs, UTF-8 text otherwise) with .fuzz/crash-<n>.json holding the exact text, the error,
// its stack and the fast-check seed; the exit code is then 1.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const hangMs = 2000;
/** Shared slots: state (0 idle, 1 parsing), property index, input kind (0 text, 1 bytes), length, dialect. */
const STATE = 0;
const PROP = 1;
const KIND = 2;
const LENGTH = 3;
const DIALECT = 4;
const INPUT_BYTES = 8 << 20;

if (isMainThread) await main();
else await fuzzWorker();

// --- main thread: options, bundle, watchdog, progress, reports ------------------------------------------------

function usage(message) {
  if (message) console.error(`fuzz: ${message}`);
  console.error("usage: node scripts/fuzz.mjs [--seconds N] [--runs N] [--self-test crash|hang]");
  process.exit(2);
}

function parseArgs(argv) {
  const options = { seconds: 60, runs: undefined, selfTest: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.split("=", 2);
    const value = () => {
      const v = Number(inline ?? argv[++i]);
      if (!Number.isFinite(v) || v <= 0) usage(`${flag} needs a positive number`);
      return v;
    };
    if (flag === "--seconds") options.seconds = value();
    else if (flag === "--runs") options.runs = Math.floor(value());
    else if (flag === "--self-test") {
      options.selfTest = inline ?? argv[++i];
      if (options.selfTest !== "crash" && options.selfTest !== "hang") usage("--self-test is crash or hang");
    } else if (flag === "--help" || flag === "-h") usage();
    else usage(`unknown argument ${arg}`);
  }
  // --runs alone runs to completion; with --seconds too, whichever comes first.
  if (options.runs !== undefined && !argv.some((a) => a.startsWith("--seconds"))) options.seconds = Infinity;
  return options;
}

async function bundle() {
  const { build } = await import("esbuild");
  const outfile = join(root, "node_modules/.cache/mofgen-fuzz/frontend.mjs");
  await build({
    stdin: {
      contents: [
        'export { parseSource } from "./src/parser/parse.ts";',
        'export { SourceFile } from "./src/source/source-file.ts";',
        'export { decodeMof } from "./src/source/encoding.ts";',
      ].join("\n"),
      resolveDir: root,
      sourcefile: "fuzz-entry.ts",
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    sourcemap: "inline",
    logLevel: "error",
  });
  return outfile;
}

/** The string whose UTF-16 code units are `data` (lone surrogates kept, unlike TextDecoder). */
function utf16Units(data) {
  const units = new Uint16Array(data.buffer, data.byteOffset, data.length >> 1);
  let out = "";
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  let bundlePath;
  try {
    bundlePath = await bundle();
  } catch (e) {
    console.error(`fuzz: cannot bundle the front end: ${e instanceof Error ? e.message : e}`);
    process.exit(2);
  }
  process.setSourceMapsEnabled(true);
  const crashDir = join(root, ".fuzz");
  const corporaDir = resolve(root, "../shared/corpora");
  const sab = new SharedArrayBuffer(32 + 8 + INPUT_BYTES);
  const header = new Int32Array(sab, 0, 8);
  const clock = new Float64Array(sab, 32, 1);
  const startedAt = Date.now();
  const deadline = startedAt + options.seconds * 1000;
  /** Runs per property, over every worker so far. */
  const runs = new Map();
  const retired = new Set();
  const failures = [];
  let names = [];
  let base = new Map();

  const elapsed = () => (Date.now() - startedAt) / 1000;
  const total = () => [...runs.values()].reduce((a, b) => a + b, 0);
  const progress = () => {
    const per = names.map((n) => `${n} ${runs.get(n) ?? 0}`).join(", ");
    const rate = total() / Math.max(elapsed(), 0.001);
    console.log(`fuzz: ${elapsed().toFixed(1)} s: ${per} (${Math.round(rate)} inputs/s)`);
  };

  const report = (f) => {
    mkdirSync(crashDir, { recursive: true });
    const taken = new Set(readdirSync(crashDir));
    let n = 1;
    while (taken.has(`crash-${n}.mof`) || taken.has(`crash-${n}.json`)) n++;
    const mof = join(crashDir, `crash-${n}.mof`);
    writeFileSync(mof, f.input instanceof Uint8Array ? f.input : Buffer.from(f.input, "utf8"));
    const input =
      f.input instanceof Uint8Array ? { bytes: Buffer.from(f.input).toString("base64") } : { text: f.input };
    const { input: _, ...rest } = f;
    writeFileSync(join(crashDir, `crash-${n}.json`), `${JSON.stringify({ ...rest, ...input }, null, 2)}\n`);
    failures.push(f);
    console.log(`\nfuzz: FAILURE in ${f.property} (dialect ${f.dialect}): ${f.message}`);
    if (f.stack) console.log(f.stack.split("\n").slice(0, 12).join("\n"));
    if (f.seed !== undefined) console.log(`fuzz: fast-check seed ${f.seed}, path "${f.path}", ${f.shrinks} shrinks`);
    const shown = f.input instanceof Uint8Array ? `${f.input.length} bytes` : JSON.stringify(f.input);
    console.log(`fuzz: input (${shown.length > 400 ? `${shown.slice(0, 400)}...` : shown}) written to ${mof}\n`);
  };

  for (;;) {
    Atomics.store(header, STATE, 0);
    const worker = new Worker(fileURLToPath(import.meta.url), {
      workerData: {
        bundle: pathToFileURL(bundlePath).href,
        sab,
        deadline,
        runs: options.runs,
        done: Object.fromEntries(runs),
        retired: [...retired],
        corporaDir,
        selfTest: options.selfTest,
      },
    });
    const outcome = await new Promise((settle) => {
      let lastPrint = Date.now();
      let hanging = false;
      const watchdog = setInterval(() => {
        if (Atomics.load(header, STATE) === 1 && Date.now() - clock[0] > hangMs) {
          clearInterval(watchdog);
          hanging = true;
          const property = names[Atomics.load(header, PROP)] ?? "?";
          const ms = Date.now() - clock[0];
          // Stop the worker before reading its input, so the input cannot change under us.
          worker.terminate().then(() => {
            const length = Atomics.load(header, LENGTH);
            const data = new Uint8Array(sab, 40, length).slice();
            const input = Atomics.load(header, KIND) === 1 ? data : utf16Units(data);
            const dialect = Atomics.load(header, DIALECT) === 1 ? "dmtf" : "wmi";
            settle({ hang: { property, input, dialect, ms } });
          });
        } else if (Date.now() - lastPrint >= 5000) {
          lastPrint = Date.now();
          progress();
        }
      }, 100);
      worker.on("message", (m) => {
        if (m.type === "hello") {
          names = m.names;
          base = new Map(runs);
        } else if (m.type === "progress") {
          for (const [n, c] of Object.entries(m.runs)) runs.set(n, (base.get(n) ?? 0) + c);
        } else if (m.type === "failure") {
          retired.add(m.failure.property);
          report(m.failure);
        }
      });
      worker.on("error", (e) => {
        clearInterval(watchdog);
        settle({ error: e });
      });
      worker.on("exit", () => {
        clearInterval(watchdog);
        if (!hanging) settle({});
      });
    });
    if (outcome.error) {
      console.error("fuzz: the fuzzing worker died:", outcome.error);
      process.exit(2);
    }
    if (!outcome.hang) break;
    const { property, input, dialect, ms } = outcome.hang;
    retired.add(property);
    const message = `hang: a single parse ran for more than ${hangMs} ms (stopped after ${ms} ms)`;
    report({ property, message, dialect, input });
    // Go on with the other properties in a fresh worker, unless time is up or every property has failed.
    if (Date.now() >= deadline || names.every((n) => retired.has(n))) break;
  }
  progress();
  const count = failures.length;
  console.log(`fuzz: ${total()} inputs in ${elapsed().toFixed(1)} s, ${count} failure${count === 1 ? "" : "s"}`);
  process.exit(count > 0 ? 1 : 0);
}

// --- worker: generators and properties ------------------------------------------------------------------------

async function fuzzWorker() {
  process.setSourceMapsEnabled(true);
  const fc = (await import("fast-check")).default;
  const { parseSource, SourceFile, decodeMof } = await import(workerData.bundle);
  const header = new Int32Array(workerData.sab, 0, 8);
  const clock = new Float64Array(workerData.sab, 32, 1);
  const inputBytes = new Uint8Array(workerData.sab, 40, INPUT_BYTES);
  const inputUnits = new Uint16Array(workerData.sab, 40, INPUT_BYTES / 2);

  // --- invariants ---

  const checkSpan = (file, s, what) => {
    if (s === undefined) throw new Error(`${what}: no span`);
    if (s.file !== file) throw new Error(`${what}: span belongs to another file (${s.file?.path})`);
    const len = file.text.length;
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= len))
      throw new Error(`${what}: span [${s.start}, ${s.end}) outside [0, ${len}]`);
    for (const offset of [s.start, s.end]) {
      const p = file.position(offset);
      if (!(Number.isInteger(p.line) && p.line >= 1 && Number.isInteger(p.column) && p.column >= 1))
        throw new Error(`${what}: offset ${offset} resolves to line ${p.line}, column ${p.column}`);
    }
  };

  const checkDiagnostics = (file, diagnostics) => {
    for (const d of diagnostics) {
      const what = `diagnostic ${d.code} "${d.message}"`;
      if (typeof d.code !== "string" || d.code === "") throw new Error(`${what}: no code`);
      if (!["error", "warning", "info"].includes(d.severity)) throw new Error(`${what}: severity ${d.severity}`);
      if (typeof d.message !== "string" || d.message === "") throw new Error(`${what}: empty message`);
      checkSpan(file, d.span, what);
      for (const r of d.related ?? []) checkSpan(file, r.span, `${what}, related "${r.message}"`);
    }
  };

  /** Every syntax-tree node's spans (`span`, `scopeSpan`) must lie in the file too. */
  const checkTree = (file, node, path) => {
    if (Array.isArray(node)) {
      for (const [i, n] of node.entries()) checkTree(file, n, `${path}[${i}]`);
      return;
    }
    if (node === null || typeof node !== "object" || node instanceof SourceFile) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "span" || key.endsWith("Span")) checkSpan(file, value, `${path}.${key} (${node.kind})`);
      else checkTree(file, value, `${path}.${key}`);
    }
  };

  const parseChecked = (text, dialect) => {
    const file = new SourceFile("<fuzz>.mof", text);
    const result = parseSource(file, { dialect });
    if (result.ast.source !== file) throw new Error("ast.source is not the parsed file");
    checkDiagnostics(file, result.diagnostics);
    checkTree(file, result.ast.productions, "productions");
    return result;
  };

  // --- generators (the same shapes as test/property/frontend.property.test.ts) ---

  const dialect = fc.constantFrom("wmi", "dmtf");
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
    '"\\', "'a'", "''", "'ab'", "'\\x0041'", "'\\''", "'", "'\\", "0", "1", "-1", "+1", "08", "0x", "0X1f", "0xG",
    "2b", "101b", "-101B", "0777", "1.", ".5", "-.5", "+.5", "1.5e10", "1.5E-3", "1e5", "1.e5", "0.0", "-0",
    "18446744073709551616", "99999999999999999999999999", "1_000", "1..2", "$", "$a", "$Alias1", "$$",
  ];
  const punctuation = ["{", "}", "(", ")", "[", "]", ";", ",", ":", "=", ".", "-", "+", "*", "/", "\\", "#", "@"];
  const comments = ["//", "// note", "/*", "*/", "/* c */", "/* multi\nline */", "/**/", "/*/", "//\\"];
  const oddChars = ["\u0000", "\u00a0", "\ufeff", "\ud800", "\udc00", "\u{1f600}", "\u2028", "\u00e9", "\x7f"];
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
  const tokenSoup = fc
    .array(fc.tuple(soupToken, fc.constantFrom(...separators)), { maxLength: 400 })
    .map((parts) => parts.map(([t, s]) => t + s).join(""));
  const skeleton = fc.constantFrom(
    "class A { [Key] string Name; uint32 M([In] string a, [Out] B REF b); };\n",
    'instance of A as $x { Name = "n"; V = {1, 2}; E = instance of B { P = $x; }; };\n',
    'qualifier Q : string = "d", Scope(class, property), Flavor(Restricted);\n',
    '#pragma namespace("\\\\\\\\.\\\\root\\\\x")\n',
    "[Association] class L { A REF a; B REF b; };\n",
    "#define X class\nX A { };\n",
    "#ifdef X\nclass A {};\n#else\nclass B {};\n#endif\n",
  );
  const mofish = fc
    .array(fc.oneof({ weight: 1, arbitrary: skeleton }, { weight: 3, arbitrary: tokenSoup }), { maxLength: 6 })
    .map((xs) => xs.join(""));

  const utf16 = (text, bigEndian) => {
    const out = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
      out[2 * i + (bigEndian ? 0 : 1)] = c >> 8;
    }
    return out;
  };
  const byteInput = fc
    .tuple(
      fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]),
      fc.oneof(
        fc.uint8Array({ maxLength: 8192 }),
        fc.tuple(mofish, fc.constantFrom("utf8", "utf16le", "utf16be", "latin1")).map(([text, enc]) => {
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
        const i = splice[0] % bytes.length;
        bytes.set(splice[1].subarray(0, bytes.length - i), i);
      }
      return bytes;
    });

  // --- corpus mutations ---

  const maxSlice = 24_000;
  const corpora = loadCorpora(workerData.corporaDir, decodeMof);
  const pos = fc.nat({ max: 1_000_000 });
  const mutation = fc.oneof(
    fc.record({ op: fc.constant("delete"), a: pos, b: fc.nat({ max: 400 }) }),
    fc.record({ op: fc.constant("duplicate"), a: pos, b: fc.nat({ max: 400 }), at: pos }),
    fc.record({ op: fc.constant("insert"), at: pos, token: soupToken }),
    fc.record({ op: fc.constant("swap"), a: pos, b: pos, c: pos, d: pos }),
    fc.record({ op: fc.constant("truncate"), at: pos }),
  );
  const mutate = (text, m) => {
    const n = text.length;
    const at = (x) => x % (n + 1);
    switch (m.op) {
      case "delete":
        return text.slice(0, at(m.a)) + text.slice(Math.min(n, at(m.a) + m.b));
      case "duplicate": {
        const i = at(m.at);
        return text.slice(0, i) + text.slice(at(m.a), at(m.a) + m.b) + text.slice(i);
      }
      case "insert":
        return text.slice(0, at(m.at)) + m.token + text.slice(at(m.at));
      case "swap": {
        const [p, q, r, s] = [m.a, m.b, m.c, m.d].map(at).sort((x, y) => x - y);
        return text.slice(0, p) + text.slice(r, s) + text.slice(q, r) + text.slice(p, q) + text.slice(s);
      }
      default:
        return text.slice(0, at(m.at));
    }
  };
  const corpusInput = fc
    .record({
      file: fc.nat({ max: Math.max(0, corpora.length - 1) }),
      sliceAt: pos,
      mutations: fc.array(mutation, { minLength: 1, maxLength: 8 }),
    })
    .map((s) => {
      const text = corpora[s.file].text;
      const start = text.length > maxSlice ? s.sliceAt % (text.length - maxSlice) : 0;
      return s.mutations.reduce(mutate, text.slice(start, start + maxSlice));
    });

  // --- grammar-shaped MOF: declarations built from the MOF productions, then a few mutations ---

  const flavor = fc.constantFrom("EnableOverride", "DisableOverride", "ToSubclass", "Restricted", "Translatable");
  const intrinsic = fc.constantFrom(
    ...`boolean string char16 datetime uint8 sint8 uint16 sint16 uint32 sint32 uint64 sint64 real32 real64`.split(
      /\s+/,
    ),
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
  const { value, array } = fc.letrec((tie) => ({
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
  const opt = (a) => fc.option(a, { nil: "" });
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

  // --- literal round trips ---

  const escapeMof = (s, style, quote) => {
    let out = "";
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      const code = s.charCodeAt(i);
      const pick = style.length === 0 ? 0 : style[i % style.length];
      const named = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f" };
      if (ch === "'") named["'"] = quote === "'" || pick % 2 === 1 ? "\\'" : "'";
      const fixed = named[ch];
      const control = code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff);
      if (fixed !== undefined && !(control && pick % 3 === 2)) out += fixed;
      else if (control || pick % 5 === 4) {
        const hex = code.toString(16);
        const digits = /^[0-9A-Fa-f]$/.test(s[i + 1] ?? "") ? hex.padStart(4, "0") : hex;
        out += `\\${pick % 2 === 0 ? "x" : "X"}${pick % 3 === 0 ? digits.toUpperCase() : digits}`;
      } else out += ch;
    }
    return out;
  };
  const tricky = ["\\", '"', "'", "\n", "\r", "\t", "\b", "\f", "\x00", "\x01", "\x1f", "\x7f", "A", "a", "F", "f"];
  tricky.push("0", "9", "x", "X", " ", "\u00e9", "\u00a0", "\ufeff", "\ud800", "\udc00", "\u{10ffff}", "\u{1f600}");
  const anyText = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: "binary", maxLength: 60 }),
    fc.string({ unit: fc.constantFrom(...tricky), maxLength: 60 }),
  );
  const style = fc.array(fc.nat({ max: 59 }), { maxLength: 16 });
  const gap = fc
    .array(fc.constantFrom(" ", "\t", "\n", "\r\n", "\r", "/* c */", "/**/", "// line\n", "/* a\nb */"), {
      maxLength: 3,
    })
    .map((g) => g.join(""));
  const stringCase = fc.array(fc.tuple(anyText, style, gap), { minLength: 1, maxLength: 6 }).map((ps) => {
    const literal = ps.map(([s, st, g], i) => `${i > 0 ? g : ""}"${escapeMof(s, st, '"')}"`).join("");
    return { text: `class A { [Description(${literal})] string P; };`, expected: ps.map(([s]) => s).join("") };
  });
  const integerCase = fc
    .tuple(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }), fc.constantFrom(2, 8, 10, 16), fc.boolean())
    .map(([n, r, upper]) => {
      const digits = (n < 0n ? -n : n).toString(r);
      const body =
        r === 16
          ? `0${upper ? "X" : "x"}${upper ? digits.toUpperCase() : digits}`
          : r === 8
            ? `0${digits}`
            : r === 2
              ? `${digits}${upper ? "B" : "b"}`
              : digits;
      return { text: `class A { ${n < 0n ? "sint64" : "uint64"} P = ${n < 0n ? "-" : ""}${body}; };`, expected: n };
    });
  const literalCase = fc.oneof(stringCase, integerCase);
  const checkLiteral = ({ text, expected }) => {
    const { ast, diagnostics } = parseChecked(text, "wmi");
    if (diagnostics.length > 0) throw new Error(`unexpected diagnostics: ${diagnostics.map((d) => d.message)}`);
    const feature = ast.productions[0]?.features?.[0];
    const value = typeof expected === "string" ? feature?.qualifiers?.qualifiers[0]?.value : feature?.default;
    if (value?.value !== expected)
      throw new Error(
        `literal decoded to ${JSON.stringify(String(value?.value))}, not ${JSON.stringify(String(expected))}`,
      );
  };

  // --- the properties ---

  /** With --self-test, the soup property fails on purpose, to show that failures and hangs are caught. */
  const soup = ([t, d]) => {
    if (workerData.selfTest === "crash" && t.includes("class")) throw new Error("self-test: a deliberate crash");
    if (workerData.selfTest === "hang" && t.includes("instance")) for (;;);
    parseChecked(t, d);
  };

  const properties = [
    {
      name: "bytes",
      arb: fc.tuple(byteInput, dialect),
      input: ([bytes]) => bytes,
      dialect: ([, d]) => d,
      run: ([bytes, d]) => {
        const decoded = decodeMof(bytes);
        const at = decoded.invalidUtf8At;
        if (at !== undefined && !(at >= 0 && at <= decoded.text.length)) throw new Error(`invalidUtf8At ${at}`);
        parseChecked(decoded.text, d);
      },
    },
    { name: "soup", arb: fc.tuple(mofish, dialect), input: ([t]) => t, dialect: ([, d]) => d, run: soup },
    {
      name: "grammar",
      arb: fc.tuple(grammarMof, dialect),
      input: ([t]) => t,
      dialect: ([, d]) => d,
      run: ([t, d]) => parseChecked(t, d),
    },
    ...(corpora.length > 0
      ? [
          {
            name: "corpus",
            arb: fc.tuple(corpusInput, dialect),
            input: ([t]) => t,
            dialect: ([, d]) => d,
            run: ([t, d]) => parseChecked(t, d),
          },
        ]
      : []),
    { name: "literals", arb: literalCase, input: (c) => c.text, run: checkLiteral },
  ];
  parentPort.postMessage({ type: "hello", names: properties.map((p) => p.name) });
  if (corpora.length === 0) console.warn(`fuzz: [skip] no corpus files found under ${workerData.corporaDir}`);

  /** Copy the input into shared memory so the watchdog can save it if this parse hangs. */
  const publish = (index, input, dialect) => {
    Atomics.store(header, PROP, index);
    Atomics.store(header, DIALECT, dialect === "dmtf" ? 1 : 0);
    if (input instanceof Uint8Array) {
      const n = Math.min(input.length, INPUT_BYTES);
      inputBytes.set(input.subarray(0, n));
      Atomics.store(header, KIND, 1);
      Atomics.store(header, LENGTH, n);
    } else {
      const n = Math.min(input.length, INPUT_BYTES / 2);
      for (let i = 0; i < n; i++) inputUnits[i] = input.charCodeAt(i);
      Atomics.store(header, KIND, 0);
      Atomics.store(header, LENGTH, n * 2);
    }
  };

  // Warm up (Chevrotain's grammar analysis runs once, on the first parse) before the watchdog is armed.
  parseChecked("class A { };", "wmi");

  const runs = {};
  const retired = new Set(workerData.retired);
  for (const p of properties) runs[p.name] = 0;
  const batch = Object.fromEntries(properties.map((p) => [p.name, 50]));
  const finished = (p) =>
    workerData.runs !== undefined && (workerData.done[p.name] ?? 0) + runs[p.name] >= workerData.runs;

  while (Date.now() < workerData.deadline) {
    const live = properties.filter((p) => !retired.has(p.name) && !finished(p));
    if (live.length === 0) break;
    for (const p of live) {
      if (Date.now() >= workerData.deadline) break;
      const index = properties.indexOf(p);
      let slow;
      let count = batch[p.name];
      if (workerData.runs !== undefined)
        count = Math.min(count, workerData.runs - (workerData.done[p.name] ?? 0) - runs[p.name]);
      const started = Date.now();
      const details = fc.check(
        fc.property(p.arb, (value) => {
          // Once an input was too slow, let shrinking stop at once: every further try would be slow too.
          if (slow !== undefined) return true;
          publish(index, p.input(value), p.dialect?.(value));
          clock[0] = Date.now();
          Atomics.store(header, STATE, 1);
          try {
            p.run(value);
          } finally {
            Atomics.store(header, STATE, 0);
          }
          const ms = Date.now() - clock[0];
          if (ms > hangMs) {
            slow = ms;
            throw new Error(`slow: a single parse took ${ms} ms (limit ${hangMs} ms)`);
          }
          return true;
        }),
        { numRuns: count },
      );
      runs[p.name] += details.numRuns;
      // Aim for about half a second per batch, so progress and the deadline are checked often enough.
      const took = Math.max(1, Date.now() - started);
      batch[p.name] = Math.max(10, Math.min(20_000, Math.round((count * 500) / took)));
      if (details.failed) {
        retired.add(p.name);
        const e = details.errorInstance;
        parentPort.postMessage({
          type: "failure",
          failure: {
            property: p.name,
            message: e instanceof Error ? e.message : String(e),
            stack: e instanceof Error ? e.stack : undefined,
            input: p.input(details.counterexample[0]),
            dialect: p.dialect?.(details.counterexample[0]) ?? "wmi",
            seed: details.seed,
            path: details.counterexamplePath,
            shrinks: details.numShrinks,
          },
        });
      }
      parentPort.postMessage({ type: "progress", runs });
    }
  }
  parentPort.postMessage({ type: "progress", runs });
}

/** Text of the corpus files the mutations start from (several dialects and encodings), or none. */
function loadCorpora(dir, decodeMof) {
  const wanted = [
    ["dmtf-cim-2.49/Core", 200],
    ["dmtf-cim-2.22", 40],
    ["hyperv/v2", 5],
    ["msdocs-wmisdk-snippets", 300],
    ["msdocs-hyperv-v2-simplified", 5],
    ["pywbem-tests", 50],
    ["pywbemtools-tests", 50],
    ["openpegasus-compiler-tests", 100],
    ["kingsland-mofparser-tests", 50],
    ["ms-windows-driver-samples", 50],
    ["ms-windows-classic-samples", 50],
    ["sccm-pwsh", 5],
  ];
  const texts = [];
  for (const [folder, limit] of wanted) {
    const files = [];
    const walk = (d) => {
      let entries;
      try {
        entries = readdirSync(d).sort();
      } catch {
        return;
      }
      for (const name of entries) {
        if (files.length >= limit) return;
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.mof$/i.test(name)) files.push(p);
      }
    };
    walk(join(dir, folder));
    for (const p of files) {
      const text = decodeMof(readFileSync(p)).text;
      if (text.length > 0) texts.push({ name: p, text });
    }
  }
  return texts;
}
