// Issue 15, "speed where users wait": the floor, check, cold generate, generate on unchanged input (with and
// without the generate cache) and --watch edit -> output, in one interleaved run, so that load from other work
// on the machine falls on every command alike and the ratios hold even when the absolute times do not.
// Every command is a new process of the built CLI (bin/mofgen.js); nothing here touches ../shared/corpora
// except reading it (the watch edits are made to a copy).
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (xs) => xs.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
const max = (xs) => xs.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

/**
 * A preload that appends the process's peak resident set (kB, all threads) to $BENCH_RSS_FILE as it exits: the
 * issue's memory figure for `check`, measured on the same runs as the times.
 */
function rssProbe(dir) {
  const probe = join(dir, "rss-probe.cjs");
  writeFileSync(
    probe,
    'process.on("exit", () => require("node:fs").appendFileSync(process.env.BENCH_RSS_FILE, ' +
      'String(process.resourceUsage().maxRSS) + "\\n"));\n',
  );
  return { probe, file: join(dir, "rss.txt") };
}

/** Wall time and peak RSS (MB) of one command in a new process; fails loudly when the command does. */
function timed(args, env = {}, rss = undefined) {
  const argv = rss ? ["--require", rss.probe, ...args] : args;
  if (rss) rmSync(rss.file, { force: true });
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, {
    encoding: "utf8",
    env: { ...process.env, ...env, ...(rss && { BENCH_RSS_FILE: rss.file }) },
  });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`bench: ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  const kb =
    rss && existsSync(rss.file) ? Number(readFileSync(rss.file, "utf8").trim().split("\n").at(-1)) : Number.NaN;
  return { ms, mb: kb / 1024 };
}

/** The floor: a Node process that reads every file of the schema and splits each with one regex. */
function floorScript(dir, files) {
  const list = join(dir, "floor-files.json");
  writeFileSync(list, JSON.stringify(files));
  const script = join(dir, "floor.mjs");
  writeFileSync(
    script,
    [
      'import { readFileSync } from "node:fs";',
      `const files = JSON.parse(readFileSync(${JSON.stringify(list)}, "utf8"));`,
      "let tokens = 0;",
      'for (const f of files) tokens += readFileSync(f, "utf8").split(/[\\s{}();,:=\\[\\]]+/).length;',
      "if (tokens === 0) process.exit(1);",
    ].join("\n"),
  );
  return [script];
}

/**
 * A watch session on a copy of the schema: `edits` times, rewrite `editFile` (the original text plus a class
 * whose property name changes each time) and time until the session prints its summary line. Also returns the
 * session's first run (spawn to first summary: a cold generate in a new process) and, per edit, the compile and
 * emit milliseconds the session reports (MOFGEN_WATCH_STATS), so that the table says where an edit's time goes.
 */
async function watchEdits(cli, rollup, editFile, extra, edits) {
  const copy = mkdtempSync(join(tmpdir(), "mofgen-bench-watch-"));
  try {
    const root = dirname(rollup);
    cpSync(root, join(copy, "schema"), { recursive: true });
    const at = (p) => join(copy, "schema", p.slice(root.length + 1));
    const original = readFileSync(at(editFile), "utf8");
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [cli, "generate", "--watch", at(rollup), "--out", join(copy, "out"), ...extra],
      {
        env: { ...process.env, NO_COLOR: "1", MOFGEN_CACHE: "0", MOFGEN_WATCH_STATS: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    let waiting;
    child.stdout.on("data", (b) => {
      out += b.toString();
      waiting?.();
    });
    child.stderr.on("data", (b) => {
      err += b.toString();
    });
    const until = (pattern, count) =>
      new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`bench: watch timed out:\n${out}`)), 600_000);
        waiting = () => {
          if ((out.match(pattern) ?? []).length >= count) {
            clearTimeout(timer);
            waiting = undefined;
            done();
          }
        };
        waiting();
      });
    const summary = /^(Generated|Nothing generated)/gm;
    await until(summary, 1);
    const first = performance.now() - started;
    await until(/^Watching /gm, 1);
    const times = [];
    for (let i = 1; i <= edits; i++) {
      const t = performance.now();
      writeFileSync(at(editFile), `${original}\nclass CIM_BenchEdit { string P${i}; };\n`);
      await until(summary, i + 1);
      times.push(performance.now() - t);
    }
    child.kill("SIGINT");
    await new Promise((done) => child.on("exit", done));
    // The first stats line is the cold run's; one per edit follows.
    const stats = [...err.matchAll(/^mofgen: watch run: (.*)$/gm)].slice(1).map((m) => JSON.parse(m[1]));
    return { first, times, stats };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

export async function benchSpeed({ cli, corpora, files, runs }) {
  const rollup = join(corpora, "dmtf-cim-2.49/cim_schema_2.49.0.mof");
  const work = mkdtempSync(join(tmpdir(), "mofgen-bench-speed-"));
  const cacheDir = join(work, "cache");
  const newCache = join(work, "new-cache");
  const out = join(work, "out");
  const gen = (...extra) => [cli, "generate", "--dialect", "dmtf", rollup, "--out", out, ...extra];
  const rows = {
    floor: { args: floorScript(work, files), times: [] },
    check: { args: [cli, "check", "--dialect", "dmtf", rollup], times: [] },
    "generate --no-docs (cold)": { args: gen("--no-docs"), env: { MOFGEN_CACHE: "0" }, fresh: true, times: [] },
    "generate (cold)": { args: gen(), env: { MOFGEN_CACHE: "0" }, fresh: true, times: [] },
    // The same, storing a new cache entry (the default when a node_modules folder is found): what storing costs.
    "generate (cold), storing the cache": { args: gen(), env: { MOFGEN_CACHE_DIR: newCache }, fresh: true, times: [] },
    "generate, unchanged, no cache": { args: gen(), env: { MOFGEN_CACHE: "0" }, times: [] },
    "generate, unchanged, cache": { args: gen(), env: { MOFGEN_CACHE_DIR: cacheDir }, times: [] },
    "generate --check, unchanged, cache": { args: gen("--check"), env: { MOFGEN_CACHE_DIR: cacheDir }, times: [] },
  };
  for (const row of Object.values(rows)) row.peaks = [];
  const rss = rssProbe(work);
  try {
    // Warm the cache (and the V8 code cache) once, untimed.
    timed(gen(), { MOFGEN_CACHE_DIR: cacheDir });
    // A cold row writes into a folder that has never existed, and no output is deleted until every timed run is
    // over. On these machines (ext4 mounted with `discard`) creating a file within about 30 s of deleting
    // thousands costs 20-30x more (0.4-0.7 ms of kernel time per file, not spread by more threads): emptying the
    // folder before each run billed the previous run's deletion to the next command, up to 2 s of 3.4 s for
    // `--no-docs`. That cost is measured on its own below ("into a folder emptied just before").
    let fresh = 0;
    const argsOf = (row) =>
      row.fresh ? row.args.map((a) => (a === out ? join(work, "fresh", String(fresh++)) : a)) : row.args;
    for (let i = 0; i < runs; i++) {
      for (const row of Object.values(rows)) {
        rmSync(newCache, { recursive: true, force: true });
        const run = timed(argsOf(row), row.env, rss);
        row.times.push(run.ms);
        row.peaks.push(run.mb);
      }
    }
    // The same cold --no-docs, into the folder a run of it wrote and `rm -rf` then emptied: what a user who
    // deletes the output before regenerating meets on such a file system. Outside the interleaved loop, so that
    // its deletions do not fall on the rows above.
    const emptied = join(work, "emptied");
    const emptiedArgs = rows["generate --no-docs (cold)"].args.map((a) => (a === out ? emptied : a));
    rows["generate --no-docs, emptied just before"] = { times: [], peaks: [] };
    for (let i = 0; i < Math.min(runs, 3); i++) {
      timed(emptiedArgs, { MOFGEN_CACHE: "0" });
      rmSync(emptied, { recursive: true, force: true });
      const run = timed(emptiedArgs, { MOFGEN_CACHE: "0" }, rss);
      rmSync(emptied, { recursive: true, force: true });
      rows["generate --no-docs, emptied just before"].times.push(run.ms);
      rows["generate --no-docs, emptied just before"].peaks.push(run.mb);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const floor = median(rows.floor.times);
  const check = median(rows.check.times);
  console.log(`Speed where users wait (issue 15): DMTF CIM 2.49, ${runs} interleaved runs, a new process each`);
  for (const [name, row] of Object.entries(rows)) {
    const m = median(row.times);
    console.log(
      `  ${name.padEnd(40)} min ${s(min(row.times))}  median ${s(m)}  ` +
        `${(m / floor).toFixed(2)}x floor  ${(m / check).toFixed(2)}x check  peak ${max(row.peaks).toFixed(0)} MB`,
    );
  }
  console.log(
    "  targets: check <= 3.0x floor and <= 150 MB peak; generate unchanged <= 1.5x check; " +
      "generate --no-docs cold <= 2.5x check",
  );

  await benchWatch({ cli, corpora, runs });
}

/** The watch rows alone (`npm run bench -- watch`): edit -> output on Hyper-V v2 and CIM 2.49. */
export async function benchWatch({ cli, corpora, runs }) {
  const rollup = join(corpora, "dmtf-cim-2.49/cim_schema_2.49.0.mof");
  const edits = Math.max(3, runs);
  const hyperv = join(corpora, "hyperv/v2/all.mof");
  const sessions = [
    ["Hyper-V v2 (target 0.25 s)", hyperv, join(corpora, "hyperv/v2/WindowsVirtualization.V2.mof"), []],
    [
      "CIM 2.49 (target 0.5 s)",
      rollup,
      join(corpora, "dmtf-cim-2.49/Network/CIM_TCPProtocolEndpoint.mof"),
      ["--dialect", "dmtf"],
    ],
  ];
  console.log(`  --watch, edit one class file -> output written (${edits} edits per session, docs on):`);
  for (const [name, roll, edited, extra] of sessions) {
    if (!existsSync(roll)) {
      console.log(`    ${name}: ${roll} not found, skipped`);
      continue;
    }
    const { first, times, stats } = await watchEdits(cli, roll, edited, extra, edits);
    const m = median(times);
    const part = (key) => median(stats.map((x) => x[key] ?? 0));
    console.log(
      `    ${name.padEnd(30)} min ${s(min(times))}  median ${s(m)}  ` +
        `(${(m / first).toFixed(2)}x the session's cold first run, ${s(first)}; ` +
        `compile ${part("compileMs")} ms, emit ${part("emitMs")} ms, median)`,
    );
  }
}
