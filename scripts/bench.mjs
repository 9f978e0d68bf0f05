// npm run bench: performance figures for the front end on the whole DMTF CIM 2.49 schema.
// Prints figures; asserts nothing (targets are compared by people, in notes, not by timed tests).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const corpora = resolve(root, "../shared/corpora");
const rollup = join(corpora, "dmtf-cim-2.49/cim_schema_2.49.0.mof");
const runs = Number(process.env.BENCH_RUNS ?? 7);

if (!existsSync(rollup)) {
  console.error(`bench: ${rollup} not found (../shared/corpora must sit beside the repository)`);
  process.exit(2);
}

// Bundle the library and its generators so that the in-process figures measure mofgen, not module loading.
const bundles = join(root, "node_modules/.cache/mofgen-bench");
await build({
  entryPoints: { index: join(root, "src/index.ts"), generate: join(root, "src/generate.ts") },
  bundle: true,
  platform: "node",
  format: "esm",
  outdir: bundles,
  // ts-morph cannot be bundled as ESM; it loads from node_modules.
  external: ["ts-morph"],
  // src/version.ts reads ../package.json beside its own file, which a bundle in node_modules/.cache does not have:
  // the version is written in, as the CLI bundle does (scripts/bundle.mjs).
  define: {
    MOFGEN_BUNDLED_VERSION: JSON.stringify(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version),
  },
  logLevel: "warning",
});
const mofgen = { ...(await import(join(bundles, "index.js"))), ...(await import(join(bundles, "generate.js"))) };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (xs) => xs.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
const max = (xs) => xs.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
const ms = (x) => `${x.toFixed(1)} ms`;
const rss = (kb) => (kb ? `  peak RSS ${(kb / 1024).toFixed(0)} MB` : "");

const cli = join(root, "bin/mofgen.js");

// `npm run bench -- scaling`: only the scaling table at the end (a minute, no corpus runs); `-- hostile`: the
// scaling table, generate on deep inheritance chains and the memory block (issue 13's shapes, no corpus runs);
// `-- cimxml`, `-- wsman`: only the CIM-XML or the WS-Management block. (Declared before they run: a `let` further
// down is not initialised yet when the early blocks call runtimeBundle.)
let runtimeBundled;
if (process.argv[2] === "cimxml") {
  await benchCimXmlBlock();
  process.exit(0);
}
if (process.argv[2] === "wsman") {
  await benchWsmanBlock();
  process.exit(0);
}
if (process.argv[2] === "scaling" || process.argv[2] === "hostile") {
  benchScaling();
  if (process.argv[2] === "hostile") {
    benchChain();
    benchMemory();
  }
  process.exit(0);
}

// Warm-up compile: also gives the file list and the decoded sources.
const program = mofgen.buildProgram([rollup]);
const errors = program.diagnostics.filter((d) => d.severity === "error").length;
const files = program.files.map((f) => f.source);
const bytes = files.reduce((n, f) => n + statSync(f.path).size, 0);

// `npm run bench -- speed`: only issue 15's interleaved table (floor, check, generate cold and unchanged, watch
// edits); BENCH_SPEED_RUNS sets its rounds (default 5: the issue quotes medians of at least five runs, and on
// the shared machines fewer are noise; a round takes about a minute there).
const { benchSpeed } = await import("./bench/speed.mjs");
const speed = () =>
  benchSpeed({ cli, corpora, files: files.map((f) => f.path), runs: Number(process.env.BENCH_SPEED_RUNS ?? 5) });
// `npm run bench -- watch`: only the --watch rows of that table (edit -> output, Hyper-V v2 and CIM 2.49).
if (process.argv[2] === "watch") {
  const { benchWatch } = await import("./bench/speed.mjs");
  await benchWatch({ cli, corpora, runs: Number(process.env.BENCH_SPEED_RUNS ?? 5) });
  process.exit(0);
}
if (process.argv[2] === "speed") {
  await speed();
  process.exit(0);
}

const readTimes = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  for (const f of files) mofgen.decodeMof(readFileSync(f.path));
  readTimes.push(performance.now() - t);
}

const parseTimes = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  for (const f of files) mofgen.parseSource(f);
  parseTimes.push(performance.now() - t);
}

const wholeTimes = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  mofgen.buildProgram([rollup], { dialect: "dmtf" });
  wholeTimes.push(performance.now() - t);
}

const modelProgram = mofgen.buildProgram([rollup], { dialect: "dmtf" });
const modelTimes = [];
let classes = 0;
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const { schema } = mofgen.resolveSchema(modelProgram, { dialect: "dmtf" });
  modelTimes.push(performance.now() - t);
  classes = schema.namespaces.reduce((n, ns) => n + ns.classes.length, 0);
}

// The whole command, a new process for every run: nothing survives from one run to the next but the V8 code cache
// that bin/mofgen.js keeps in node_modules/.cache/mofgen. The first run starts without it (and writes it), as
// the first run after an install or a rebuild does; it is reported on its own line.
const checkArgs = [cli, "check", "--dialect", "dmtf", rollup];
rmSync(join(root, "node_modules/.cache/mofgen"), { recursive: true, force: true });
const firstRun = timedCommand(checkArgs);
const commandRuns = Array.from({ length: runs }, () => timedCommand(checkArgs));
const commandTimes = commandRuns.map((r) => r.ms);
const peakKb = max(commandRuns.map((r) => r.peakKb ?? 0));

/** Wall time of one command in a new process, and its peak RSS when /usr/bin/time can tell. */
function timedCommand(args) {
  const t = performance.now();
  const r = existsSync("/usr/bin/time")
    ? spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...args], { encoding: "utf8" })
    : spawnSync(process.execPath, args, { encoding: "utf8" });
  const elapsed = performance.now() - t;
  const kb = Number(r.stderr.trim().split("\n").pop());
  return { ms: elapsed, peakKb: Number.isFinite(kb) ? kb : undefined };
}

const mb = bytes / 1e6;
console.log(`DMTF CIM 2.49 (${files.length} files, ${mb.toFixed(2)} MB), ${runs} runs, node ${process.version}`);
console.log(`  compile errors in warm-up: ${errors}`);
console.log(`  read + decode            min ${ms(min(readTimes))}  median ${ms(median(readTimes))}`);
console.log(
  `  parse (scan+parse+check) min ${ms(min(parseTimes))}  median ${ms(median(parseTimes))}  ` +
    `(${(mb / (median(parseTimes) / 1000)).toFixed(1)} MB/s)`,
);
console.log(
  `  front end in-process     min ${ms(min(wholeTimes))}  median ${ms(median(wholeTimes))}  (read, includes, parse)`,
);
console.log(
  `  model in-process         min ${ms(min(modelTimes))}  median ${ms(median(modelTimes))}  (${classes} classes resolved and checked)`,
);
console.log(
  `  mofgen check --dialect dmtf (whole command, new process per run, ${runs} runs) min ${ms(min(commandTimes))}  ` +
    `median ${ms(median(commandTimes))}${rss(peakKb)}`,
);
console.log(`    first run, without the code cache: ${ms(firstRun.ms)}${rss(firstRun.peakKb)}`);
await speed();

// ---------------------------------------------------------------------------------------------------------
// mofgen generate (issue 4): TypeScript for DMTF CIM 2.49 (a class module per class, shared value maps, provider
// bases, indexes). In-process: generateTypeScript on the resolved model (no disk). The whole command in a new
// process per run into an emptied directory, so that every run writes every file: TypeScript only (--no-docs,
// the issue's target: under 3 s wall), then the default output with the reference pages as well.
await benchGenerate();

async function benchGenerate() {
  const genProgram = mofgen.buildProgram([rollup], { dialect: "dmtf" });
  const genSchema = mofgen.resolveSchema(genProgram, { dialect: "dmtf" }).schema;
  const emitTimes = [];
  let count = 0;
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const generated = mofgen.generateTypeScript(genSchema);
    emitTimes.push(performance.now() - t);
    count = generated.length;
    size = generated.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  }
  const diskOut = join(root, "node_modules/.cache/mofgen-bench/generated");
  const command = (extra, out = diskOut) => {
    const results = [];
    for (let i = 0; i < runs; i++) {
      rmSync(out, { recursive: true, force: true });
      results.push(timedCommand([cli, "generate", "--dialect", "dmtf", rollup, "--out", out, ...extra]));
    }
    rmSync(out, { recursive: true, force: true });
    const times = results.map((r) => r.ms);
    return `min ${ms(min(times))}  median ${ms(median(times))}${rss(max(results.map((r) => r.peakKb ?? 0)))}`;
  };
  console.log(
    `mofgen generate, DMTF CIM 2.49 (${count} TypeScript files, ${(size / 1e6).toFixed(1)} MB), ${runs} runs`,
  );
  console.log(`  TypeScript in-process    min ${ms(min(emitTimes))}  median ${ms(median(emitTimes))}  (no disk)`);
  console.log(`  mofgen generate --no-docs (whole command, new process, writes every file) ${command(["--no-docs"])}`);
  console.log(`  mofgen generate with docs (whole command, new process, writes every file) ${command([])}`);
  // Creating thousands of files is slow and erratic on these machines' virtual disks (2 to 5 s for 3,000 small
  // files with plain writeFileSync): the same command writing to a RAM disk shows what is mofgen's own time.
  if (existsSync("/dev/shm")) {
    const ram = join("/dev/shm", `mofgen-bench-${process.pid}`);
    console.log(`  mofgen generate --no-docs, output on /dev/shm (RAM disk) ${command(["--no-docs"], ram)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// mofgen docs (issue 5): the reference pages of DMTF CIM 2.49 (a page per class and declared method, an index
// per namespace). In-process: renderDocs on the resolved model (views, escaping, templates; no disk). The whole
// command in a new process per run, into an emptied output directory so that every run writes every page.
// Target: under 3 s wall for the whole command.
await benchDocs();

async function benchDocs() {
  const docsProgram = mofgen.buildProgram([rollup], { dialect: "dmtf" });
  const docsSchema = mofgen.resolveSchema(docsProgram, { dialect: "dmtf" }).schema;
  const renderTimes = [];
  let pages = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const result = mofgen.renderDocs(docsSchema);
    renderTimes.push(performance.now() - t);
    pages = result.files.length;
    bytes = result.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  }
  const out = join(root, "node_modules/.cache/mofgen-bench/docs");
  const docsCommand = (dir) => {
    const wallTimes = [];
    for (let i = 0; i < runs; i++) {
      rmSync(dir, { recursive: true, force: true });
      const t = performance.now();
      const r = spawnSync(process.execPath, [cli, "docs", "--dialect", "dmtf", rollup, "--out", dir], {
        encoding: "utf8",
      });
      wallTimes.push(performance.now() - t);
      if (r.status !== 0) console.log(`  docs: exit ${r.status}: ${r.stderr.split("\n").slice(-3).join(" ")}`);
    }
    rmSync(dir, { recursive: true, force: true });
    return `min ${ms(min(wallTimes))}  median ${ms(median(wallTimes))}`;
  };
  console.log(
    `  docs in-process (render)  min ${ms(min(renderTimes))}  median ${ms(median(renderTimes))}  ` +
      `(${pages} pages, ${(bytes / 1e6).toFixed(1)} MB)`,
  );
  console.log(`  mofgen docs --dialect dmtf (whole command, new process, writes every page) ${docsCommand(out)}`);
  // As for generate: the same command writing to a RAM disk, without the virtual disk's file-creation cost.
  if (existsSync("/dev/shm"))
    console.log(
      `  mofgen docs, output on /dev/shm (RAM disk) ${docsCommand(join("/dev/shm", `mofgen-docs-${process.pid}`))}`,
    );
}

// ---------------------------------------------------------------------------------------------------------
// mofgen diff (issue 6): DMTF CIM 2.22 against 2.49, each compiled whole from its roll-up with --dialect dmtf.
// The whole command (two compilations, the diff, the text output) in a new process per run, and the differ
// alone in-process on the two resolved models. Target: under 2 s wall for the whole command.
await benchDiff();

async function benchDiff() {
  const oldRollup = join(corpora, "dmtf-cim-2.22/CIM_Schema.mof");
  if (!existsSync(oldRollup)) {
    console.log(`mofgen diff: ${oldRollup} not found, skipped`);
    return;
  }
  const modelOf = (path) =>
    mofgen.resolveSchema(mofgen.buildProgram([path], { dialect: "dmtf" }), { dialect: "dmtf" }).schema;
  const before = modelOf(oldRollup);
  const after = modelOf(rollup);
  const diffTimes = [];
  let changes = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    changes = mofgen.diffSchemas(before, after);
    diffTimes.push(performance.now() - t);
  }
  const commandRuns = Array.from({ length: runs }, () =>
    timedCommand([cli, "diff", "--dialect", "dmtf", "--fail-on", "none", oldRollup, rollup]),
  );
  const wallTimes = commandRuns.map((r) => r.ms);
  const breaking = changes.filter((c) => c.criticality === "breaking").length;
  console.log(`mofgen diff, DMTF CIM 2.22 -> 2.49 (${changes.length} changes, ${breaking} breaking), ${runs} runs`);
  console.log(
    `  diff in-process          min ${ms(min(diffTimes))}  median ${ms(median(diffTimes))}  (two resolved models in)`,
  );
  console.log(
    `  mofgen diff --dialect dmtf (whole command, new process per run) min ${ms(min(wallTimes))}  ` +
      `median ${ms(median(wallTimes))}${rss(max(commandRuns.map((r) => r.peakKb ?? 0)))}`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// The CIM-XML server (issue 10): GetInstance round trips, EnumerateInstances of 1,000 and 100,000 instances (one
// response, and pulled 1,000 at a time), requests per second with 32 concurrent clients, the client's pull
// iterators; the server runs in its own process so its peak memory is its own (scripts/bench/cimxml.mjs).
await benchCimXmlBlock();
// WS-Management (issue 11; alone: `npm run bench -- wsman`): the /wsman endpoint of the same server (Get and Invoke
// round trips, Enumerate+Pull of 1,000 and 100,000 instances, 32 concurrent clients: scripts/bench/wsman.mjs), then
// the client's side of the same against a minimal peer (scripts/bench/wsman-client.mjs).
await benchWsmanBlock();

/** The runtime bundled once per run for the wire-layer blocks (they run it in their own processes too). */
function runtimeBundle() {
  runtimeBundled ??= bundleRuntime();
  return runtimeBundled;
}

async function bundleRuntime() {
  const bundle = join(bundles, "runtime.js");
  await build({
    entryPoints: { runtime: join(root, "scripts/bench/runtime-entry.ts") },
    bundle: true,
    platform: "node",
    format: "esm",
    outdir: bundles,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: "warning",
  });
  return bundle;
}

async function benchCimXmlBlock() {
  const { benchCimXml } = await import("./bench/cimxml.mjs");
  await benchCimXml(await runtimeBundle());
}

async function benchWsmanBlock() {
  const { benchWsman } = await import("./bench/wsman.mjs");
  await benchWsman(await runtimeBundle());
  const { benchWsmanClient } = await import("./bench/wsman-client.mjs");
  await benchWsmanClient(await runtimeBundle());
}

// ---------------------------------------------------------------------------------------------------------
// Scaling (issue 13 item 12; alone: `npm run bench -- scaling`): the algorithms that were quadratic on hostile
// input, each at n, 2n and 4n in one run. A linear or n log n algorithm doubles its time when n doubles: the
// ratios should stay near 2 (at most about 2.3); a quadratic one shows 4. Each figure is the best of five, each
// after a full garbage collection, in-process on parsed input, so that the parser's (linear) share does not hide
// the algorithm's.
benchScaling();

function benchScaling() {
  console.log("Scaling: time at n, 2n, 4n (best of 5) and the doubling ratios t(2n)/t(n), t(4n)/t(2n)");
  const file = (text) => mofgen.parseText(text, "scale.mof");
  const modelOf = (parsed) => () =>
    mofgen.resolveSchema({ files: [parsed], roots: [parsed], diagnostics: [], inputErrors: false });
  const shapes = [
    {
      name: "ValueMap overlap check, n disjoint ranges",
      n: 25_000,
      setup: (n) => {
        const source = new mofgen.SourceFile("scale.mof", " ");
        const at = { file: source, start: 0, end: 1 };
        const valueMap = Array.from({ length: n }, (_, i) => ({ value: `${3 * i}..${3 * i + 1}`, span: at }));
        return () => mofgen.resolveValueMap({ valueMap, values: undefined, elementType: "uint32", at });
      },
    },
    {
      name: "#pragma deleteclass, n classes and n/2 pragmas",
      n: 20_000,
      setup: (n) => {
        const lines = [];
        for (let i = 0; i < n; i++) lines.push(`class C${i} {};`);
        for (let i = 0; i < n; i += 2) lines.push(`#pragma deleteclass("C${i}", NOFAIL)`);
        return modelOf(file(lines.join("\n")));
      },
    },
    {
      name: "namespaces, n namespaces with a class inheriting across them",
      n: 5_000,
      setup: (n) => {
        const lines = ['#pragma namespace("root/base")', "class Base {};"];
        for (let i = 0; i < n; i++) lines.push(`#pragma namespace("root/n${i}")`, "class C : Base {};");
        return modelOf(file(lines.join("\n")));
      },
    },
    {
      name: "value-map member names, n equal labels (generate TypeScript)",
      n: 10_000,
      setup: (n) => {
        const map = Array.from({ length: n }, (_, i) => `"${i}"`).join(",");
        const labels = Array.from({ length: n }, () => '"Same"').join(",");
        const parsed = file(`class A { [ValueMap{${map}}, Values{${labels}}] uint32 P; };`);
        const { schema } = modelOf(parsed)();
        return () => mofgen.generateTypeScript(schema);
      },
    },
  ];
  for (const shape of shapes) {
    shape.setup(shape.n)(); // warm-up: compile the code paths before anything is timed
    const times = [shape.n, 2 * shape.n, 4 * shape.n].map((n) => {
      const run = shape.setup(n);
      return min([0, 1, 2, 3, 4].map(() => timed(run)));
    });
    const [t1, t2, t4] = times;
    console.log(
      `  ${shape.name}, n = ${shape.n}: ${times.map(ms).join(", ")}; ratios ${(t2 / t1).toFixed(2)}, ${(t4 / t2).toFixed(2)}`,
    );
  }
}

function timed(run) {
  collectGarbage(); // so that no run pays for the garbage of the one before
  const t = performance.now();
  run();
  return performance.now() - t;
}
/** A full garbage collection: `gc` is exposed at run time, as `npm run bench` passes no V8 flags. */
function collectGarbage() {
  v8.setFlagsFromString("--expose-gc");
  vm.runInNewContext("gc")();
}

// Memory (issue 13, item 15): peak RSS of `mofgen check` on a flat schema of small classes (one every 40 bytes,
// the densest shape: the most syntax tree and model per byte) at n, 2n and 4n classes, each in a new process,
// less the RSS of checking an empty file, per input MB. The goal: at most 64 heap bytes per input byte, what
// MOF1040's input limit assumes (src/program/input-budget.ts). RSS holds more than the live heap (V8 lets the
// heap grow before it collects); `minimum heap` is the smallest --max-old-space-size that still compiles 4n.
// Then `mofgen model` of a 2,000-deep inheritance chain (75 KB in, 675 MB of JSON out, written as it is built).
benchMemory();

function benchMemory() {
  const n = Number(process.env.BENCH_MEMORY_CLASSES ?? 50_000);
  const dir = mkdtempSync(join(tmpdir(), "mofgen-bench-memory-"));
  try {
    const flat = (classes) => {
      const path = join(dir, `flat-${classes}.mof`);
      const lines = Array.from(
        { length: classes },
        (_, i) => `class C_${String(i).padStart(7, "0")} { [Key] string Name; };\n`,
      );
      writeFileSync(path, lines.join(""));
      return path;
    };
    const base = timedCommand([cli, "check", flat(0)]).peakKb ?? 0;
    console.log(
      `memory, flat schema of small classes (mofgen check, new process; empty file: ${(base / 1024).toFixed(0)} MB RSS)`,
    );
    let previous;
    for (const classes of [n, 2 * n, 4 * n]) {
      const path = flat(classes);
      const mb = statSync(path).size / 1e6;
      const run = timedCommand([cli, "check", path]);
      const perMb = ((run.peakKb ?? 0) - base) / 1024 / mb;
      const ratio = previous === undefined ? "" : `  x${(perMb / previous).toFixed(2)} per MB`;
      console.log(
        `  ${classes.toLocaleString("en-US").padStart(9)} classes ${mb.toFixed(1).padStart(5)} MB in  ` +
          `${ms(run.ms)}${rss(run.peakKb)}  ${perMb.toFixed(0)} MB per input MB${ratio}`,
      );
      previous = perMb;
    }
    const largest = join(dir, `flat-${4 * n}.mof`);
    const inHeap = (heapMb) =>
      spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, cli, "check", largest], {
        encoding: "utf8",
        env: { ...process.env, MOFGEN_MAX_INPUT_BYTES: String(2 ** 40) },
      }).status === 0;
    const size = statSync(largest).size / 1e6;
    const heaps = [32, 48, 64, 80, 100, 128].map((perByte) => Math.ceil(30 + perByte * size));
    const fits = heaps.find(inHeap);
    console.log(
      `  minimum heap for ${(4 * n).toLocaleString("en-US")} classes: ${fits === undefined ? "over" : ""}` +
        `${fits ?? heaps.at(-1)} MB (~${(((fits ?? heaps.at(-1)) - 30) / size).toFixed(0)} heap bytes per input byte beyond mofgen's own 30 MB)`,
    );

    let chain = "class C0 { string P0; };\n";
    for (let i = 1; i < 2000; i++) chain += `class C${i} : C${i - 1} { string P${i}; };\n`;
    const chainPath = join(dir, "chain.mof");
    writeFileSync(chainPath, chain);
    // Through a shell, into wc and /dev/null: the output is far larger than spawnSync could collect.
    const t = performance.now();
    const count = spawnSync("/bin/sh", ["-c", `"${process.execPath}" "${cli}" model "${chainPath}" | wc -c`], {
      encoding: "utf8",
    });
    const wall = performance.now() - t;
    const timed = existsSync("/usr/bin/time")
      ? spawnSync(
          "/bin/sh",
          ["-c", `/usr/bin/time -f %M "${process.execPath}" "${cli}" model "${chainPath}" >/dev/null`],
          {
            encoding: "utf8",
          },
        )
      : undefined;
    const kb = Number(timed?.stderr.trim().split("\n").pop());
    console.log(
      `  mofgen model, 2,000-deep chain (75 KB): ${(Number(count.stdout.trim()) / 1e6).toFixed(0)} MB of JSON in ` +
        `${ms(wall)}${rss(Number.isFinite(kb) ? kb : undefined)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// generate of a deep inheritance chain (issue 13 item 14): `class C<i> : C<i-1> { uint32 P<i>; }` at n, 2n, 4n.
// Each class module's run-time schema lists only its own members and links its superclass's, so the output (and
// the time) should about double when n doubles; before, every module repeated every inherited member (1,000 deep:
// 31 MB of TypeScript). In-process generateTypeScript on the resolved model, no disk.
benchChain();

function benchChain() {
  const rows = [];
  for (const n of [500, 1000, 2000]) {
    let text = "class C0 { [key] string Id; uint32 P0; };\n";
    for (let i = 1; i < n; i++) text += `class C${i} : C${i - 1} { uint32 P${i}; };\n`;
    const file = mofgen.parseText(text, "chain.mof");
    const program = { files: [file], roots: [file], diagnostics: file.diagnostics, inputErrors: false };
    const schema = mofgen.resolveSchema(program, {}).schema;
    const times = [];
    let size = 0;
    for (let i = 0; i < Math.min(runs, 3); i++) {
      const t = performance.now();
      const generated = mofgen.generateTypeScript(schema);
      times.push(performance.now() - t);
      size = generated.reduce((sum, f) => sum + Buffer.byteLength(f.content), 0);
    }
    rows.push({ n, ms: median(times), size });
  }
  console.log("mofgen generate, an inheritance chain n deep (TypeScript in-process, no disk)");
  for (const [i, row] of rows.entries()) {
    const before = rows[i - 1];
    const ratio =
      before === undefined
        ? ""
        : `  x${(row.ms / before.ms).toFixed(2)} time, x${(row.size / before.size).toFixed(2)} size`;
    console.log(`  n=${row.n}  median ${ms(row.ms)}  ${(row.size / 1e6).toFixed(2)} MB${ratio}`);
  }
}
