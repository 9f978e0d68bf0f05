// npm run bench: performance figures for the front end on the whole DMTF CIM 2.49 schema.
// Prints figures; asserts nothing (targets are compared by people, in notes, not by timed tests).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
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
  logLevel: "warning",
});
const mofgen = { ...(await import(join(bundles, "index.js"))), ...(await import(join(bundles, "generate.js"))) };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (xs) => Math.min(...xs);
const ms = (x) => `${x.toFixed(1)} ms`;

// Warm-up compile: also gives the file list and the decoded sources.
const program = mofgen.buildProgram([rollup]);
const errors = program.diagnostics.filter((d) => d.severity === "error").length;
const files = program.files.map((f) => f.source);
const bytes = files.reduce((n, f) => n + statSync(f.path).size, 0);

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
const cli = join(root, "bin/mofgen.js");
const checkArgs = [cli, "check", "--dialect", "dmtf", rollup];
rmSync(join(root, "node_modules/.cache/mofgen"), { recursive: true, force: true });
const firstRun = timedCommand(checkArgs);
const commandRuns = Array.from({ length: runs }, () => timedCommand(checkArgs));
const commandTimes = commandRuns.map((r) => r.ms);
const peakKb = Math.max(...commandRuns.map((r) => r.peakKb ?? 0));

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
const rss = (kb) => (kb ? `  peak RSS ${(kb / 1024).toFixed(0)} MB` : "");

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
    return `min ${ms(min(times))}  median ${ms(median(times))}${rss(Math.max(...results.map((r) => r.peakKb ?? 0)))}`;
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
      `median ${ms(median(wallTimes))}${rss(Math.max(...commandRuns.map((r) => r.peakKb ?? 0)))}`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// The CIM-XML server (issue 10): GetInstance round trips, EnumerateInstances of 1,000 and 100,000 instances (one
// response, and pulled 1,000 at a time), requests per second with 32 concurrent clients; the server runs in its own
// process so its peak memory is its own (scripts/bench/cimxml.mjs).
const runtimeBundle = join(bundles, "runtime.js");
await build({
  entryPoints: { runtime: join(root, "scripts/bench/runtime-entry.ts") },
  bundle: true,
  platform: "node",
  format: "esm",
  outdir: bundles,
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
});
const { benchCimXml } = await import("./bench/cimxml.mjs");
await benchCimXml(runtimeBundle);
