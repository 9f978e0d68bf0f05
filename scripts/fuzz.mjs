// Fuzz the front end (decoder, scanner, preprocessor, parser, syntax checks) for longer than the property tests
// in test/property do: random bytes, MOF-ish token soup, grammar-shaped MOF with mutations, mutated corpus files,
// deep nesting, macro chains, long repetitions of one construct, and literal round trips; and the whole pipeline
// (files on disk, includes, model, code frames, model JSON) on hostile shapes: macro bombs, include graphs through
// symlinked directories, huge arrays, deep chains and long lines (test/property/hostile.ts, pipeline.ts).
//
//   npm run fuzz                         60 seconds
//   npm run fuzz -- --seconds 600        ten minutes
//   npm run fuzz -- --runs 20000         20000 inputs per property
//   npm run fuzz -- --stack-mb 4         parse with a 4 MB stack (default 1 MB: what `mofgen` gets on Node's main thread)
//   npm run fuzz -- --only hostile       only the named properties (comma-separated)
//   npm run fuzz -- --self-test crash    check the harness itself: the soup property fails (crash) or hangs (hang)
//
// The inputs are those of the property tests, larger: the generators and checks are test/property/generators.ts,
// corpus.ts, literals.ts and checks.ts (with `fuzzSizes` and `fuzzCorpora`). They and the front end are bundled with
// esbuild into node_modules/.cache/mofgen-fuzz/ and run in a worker thread; this (main) thread is a watchdog. A failure
// is a thrown exception, a diagnostic or syntax-tree span outside the file, a wrong literal value, a parse taking more
// than 2 s (20 s for a hostile tree; a hang is caught while it hangs: the worker is stopped and the input it was parsing is saved), or running
// out of memory (the worker has a 2 GB heap). Each failing input is written to .fuzz/crash-<n>.mof (raw bytes for byte
// inputs, UTF-8 text otherwise; for a hostile case, the JSON of its files and symlinks) with .fuzz/crash-<n>.json holding the exact text, the error, its stack and the
// fast-check seed; the exit code is then 1.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const hangMs = 2000;
/**
 * The hostile property compiles whole trees of up to 150,000 elements (the size past which a spread into call
 * arguments overflowed the stack), which takes seconds even when linear; a quadratic step there takes minutes.
 */
const hostileHangMs = 20_000;
const limitOf = (name) => (name === "hostile" ? hostileHangMs : hangMs);
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
  console.error(
    "usage: node scripts/fuzz.mjs [--seconds N] [--runs N] [--stack-mb N] [--only NAME,...] [--self-test crash|hang]",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const options = { seconds: 60, runs: undefined, stackMb: 1, selfTest: undefined, only: undefined };
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
    else if (flag === "--stack-mb") options.stackMb = value();
    else if (flag === "--only") options.only = (inline ?? argv[++i] ?? "").split(",").filter(Boolean);
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
        'export * from "./test/property/checks.ts";',
        'export * from "./test/property/corpus.ts";',
        'export * from "./test/property/generators.ts";',
        'export * from "./test/property/literals.ts";',
        'export * from "./test/property/hostile.ts";',
        'export * from "./test/property/pipeline.ts";',
      ].join("\n"),
      resolveDir: root,
      sourcefile: "fuzz-entry.ts",
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // The worker's own fast-check: one copy, so that the bundle's arbitraries work with its fc.check.
    external: ["fast-check"],
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
  // spread-ok: at most 8,192 code units per call
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
  // The hostile property writes each input's files here; a stopped worker cannot remove its own.
  process.env.MOFGEN_FUZZ_TMP = mkdtempSync(join(tmpdir(), "mofgen-fuzz-"));
  process.on("exit", () => rmSync(process.env.MOFGEN_FUZZ_TMP, { recursive: true, force: true }));
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

  /** The input the worker was parsing, from shared memory (read once the worker has stopped). */
  const current = () => {
    const length = Atomics.load(header, LENGTH);
    const data = new Uint8Array(sab, 40, length).slice();
    const input = Atomics.load(header, KIND) === 1 ? data : utf16Units(data);
    return { input, dialect: Atomics.load(header, DIALECT) === 1 ? "dmtf" : "wmi" };
  };

  for (;;) {
    Atomics.store(header, STATE, 0);
    const worker = new Worker(fileURLToPath(import.meta.url), {
      // The parser turns a stack overflow into a diagnostic, so how deep it gets (and how long error recovery takes
      // at that depth) depends on the stack: by default the worker gets what the CLI has on Node's main thread.
      resourceLimits: { maxOldGenerationSizeMb: 2048, stackSizeMb: options.stackMb },
      workerData: {
        bundle: pathToFileURL(bundlePath).href,
        sab,
        deadline,
        runs: options.runs,
        done: Object.fromEntries(runs),
        retired: [...retired],
        corporaDir,
        selfTest: options.selfTest,
        only: options.only,
      },
    });
    const outcome = await new Promise((settle) => {
      let lastPrint = Date.now();
      let hanging = false;
      const watchdog = setInterval(() => {
        const limit = limitOf(names[Atomics.load(header, PROP)]);
        if (Atomics.load(header, STATE) === 1 && Date.now() - clock[0] > limit) {
          clearInterval(watchdog);
          hanging = true;
          const property = names[Atomics.load(header, PROP)] ?? "?";
          const ms = Math.round(Date.now() - clock[0]);
          const message = `hang: a single parse ran for more than ${limit} ms (stopped after ${ms} ms)`;
          // Stop the worker before reading its input, so the input cannot change under us.
          worker.terminate().then(() => settle({ died: { ...current(), property, message } }));
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
        // Dying in the middle of a parse (out of memory, usually) is a failure of that input.
        if (Atomics.load(header, STATE) === 1) {
          const property = names[Atomics.load(header, PROP)] ?? "?";
          settle({ died: { ...current(), property, message: `the worker died while parsing: ${e.message}` } });
        } else settle({ error: e });
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
    if (!outcome.died) break;
    retired.add(outcome.died.property);
    report(outcome.died);
    // Go on with the other properties in a fresh worker, unless time is up or every property has failed.
    if (Date.now() >= deadline || names.every((n) => retired.has(n))) break;
  }
  progress();
  const count = failures.length;
  console.log(`fuzz: ${total()} inputs in ${elapsed().toFixed(1)} s, ${count} failure${count === 1 ? "" : "s"}`);
  process.exit(count > 0 ? 1 : 0);
}

// --- worker: properties (generators and checks come from test/property, through the bundle) -------------------

async function fuzzWorker() {
  process.setSourceMapsEnabled(true);
  const fc = (await import("fast-check")).default;
  const mof = await import(workerData.bundle);
  const { checkLiteral, decodeMof, dialect, fuzzSizes: sizes, parseChecked } = mof;
  const header = new Int32Array(workerData.sab, 0, 8);
  const clock = new Float64Array(workerData.sab, 32, 1);
  const inputBytes = new Uint8Array(workerData.sab, 40, INPUT_BYTES);
  const inputUnits = new Uint16Array(workerData.sab, 40, INPUT_BYTES / 2);

  /** Text of the corpus files the mutations start from (several dialects and encodings), or none. */
  const corpora = mof.loadCorpora(mof.fuzzCorpora, (folder) => join(workerData.corporaDir, folder));
  const corpusInput = mof.corpusSample(corpora, sizes).map((s) => mof.corpusText(corpora, s));

  /** With --self-test, the soup property fails on purpose, to show that failures and hangs are caught. */
  const soup = ([t, d]) => {
    if (workerData.selfTest === "crash" && t.includes("class")) throw new Error("self-test: a deliberate crash");
    if (workerData.selfTest === "hang" && t.includes("instance")) for (;;);
    parseChecked(t, d);
  };

  /** A property over MOF text from `arb` in either dialect. */
  const textProperty = (name, arb, run = ([t, d]) => parseChecked(t, d)) => ({
    name,
    arb: fc.tuple(arb, dialect),
    input: ([t]) => t,
    dialect: ([, d]) => d,
    run,
  });

  const properties = [
    {
      name: "bytes",
      arb: fc.tuple(mof.byteInput(sizes), dialect),
      input: ([bytes]) => bytes,
      dialect: ([, d]) => d,
      run: ([bytes, d]) => {
        const decoded = decodeMof(bytes);
        const at = decoded.invalidUtf8At;
        if (at !== undefined && !(at >= 0 && at <= decoded.text.length)) throw new Error(`invalidUtf8At ${at}`);
        parseChecked(decoded.text, d);
      },
    },
    textProperty("soup", mof.mofish(sizes), soup),
    textProperty("grammar", mof.grammarMof),
    ...(corpora.length > 0 ? [textProperty("corpus", corpusInput)] : []),
    textProperty("nesting", mof.nestingInput),
    textProperty("macros", mof.macroInput),
    textProperty("repeat", mof.repeatInput),
    { name: "literals", arb: mof.literalCase(sizes), input: (c) => c.text, run: checkLiteral },
    // The whole pipeline on a tree of files (real symlinks, include cycles) at the sizes that once broke it.
    {
      name: "hostile",
      arb: mof.hostileCase(mof.hostileFuzzSizes),
      input: (c) => JSON.stringify(c),
      dialect: (c) => c.dialect,
      run: mof.checkPipeline,
    },
  ];
  const unknown = (workerData.only ?? []).filter((n) => !properties.some((p) => p.name === n));
  if (unknown.length > 0) throw new Error(`--only: no property ${unknown.join(", ")}`);
  if (workerData.only !== undefined)
    for (let i = properties.length - 1; i >= 0; i--)
      if (!workerData.only.includes(properties[i].name)) properties.splice(i, 1);
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
          if (ms > limitOf(p.name)) {
            slow = ms;
            throw new Error(`slow: a single parse took ${ms} ms (limit ${limitOf(p.name)} ms)`);
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
