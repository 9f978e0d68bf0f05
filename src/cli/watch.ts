import { type FSWatcher, readdirSync, statSync, watch } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ModelCache } from "../model/model-cache.js";
import { ParseCache } from "../program/parse-cache.js";
import { compareCodeUnits } from "../util/compare.js";
import { plural } from "./args.js";
import { type CheckOptions, checkOnce } from "./check.js";
import { type GenerateOptions, type GenerateRun, generateOnce } from "./generate.js";
import { configPathOf, type GenerateSettings, isInside } from "./generate-settings.js";
import { type CliIo, relativizer } from "./io.js";
import { WarmGenerate } from "./warm-generate.js";

/**
 * Changes closer together than this make one regeneration (an editor's save is often several events, a write
 * and a rename within a few milliseconds). Short, now that a warm regeneration takes a few hundred milliseconds:
 * it is part of every edit's wait. A change that arrives during a run makes one more run, never a lost edit.
 */
const debounceMs = 30;
const pollMs = 300;

/** What to watch: directories (recursively) and single files (through their directory, as editors replace them). */
interface Target {
  readonly path: string;
  readonly directory: boolean;
  /** A file the compile read (an include) rather than one the command line or configuration named. */
  readonly included?: boolean;
}

/**
 * `mofgen generate --watch`: generate, then regenerate whenever an input, an include directory or the
 * configuration file changes, until `stop` is aborted (SIGINT). Errors are printed and watching goes on.
 * Uses the platform's file events (recursive `fs.watch`, which Node 20 has on Linux, macOS and Windows) and
 * falls back to polling where they are unavailable (or when MOFGEN_WATCH_POLL is set, for network drives).
 */
export async function watchGenerate(options: GenerateOptions, io: CliIo, stop?: AbortSignal): Promise<GenerateRun> {
  // Each run knows it is part of a watch session (generateOnce then leaves the generate cache alone), and shares
  // one warm state: only changed files are parsed, only modules and pages an edit can change are made again.
  const once: GenerateOptions = { ...options, watch: true };
  // Output folders are watched for events as the inputs are, unless the inputs are polled (network drives).
  const warm = new WarmGenerate({ outputEvents: !io.env.MOFGEN_WATCH_POLL });
  try {
    return await watchRuns(
      io,
      stop,
      "regenerating",
      async () => {
        const run = await generateOnce(once, io, warm);
        if (io.env.MOFGEN_WATCH_STATS) {
          const stats = { ...warm.last, outputStats: warm.output.takeStatCount() };
          io.stderr(`mofgen: watch run: ${JSON.stringify(stats)}\n`);
        }
        return run;
      },
      (settings, readFiles) => targetsOf(options, settings, io.cwd, readFiles),
    );
  } finally {
    warm.close();
  }
}

/**
 * `mofgen check --watch`: check, then check again whenever an input or a file it includes changes, until `stop`
 * is aborted. The resident mode on the command line: one process whose compiles after the first parse only the
 * files that changed (an editor's background task can read its diagnostics, in any --format, run after run).
 */
export async function watchCheck(options: CheckOptions, io: CliIo, stop?: AbortSignal): Promise<GenerateRun> {
  const parseCache = new ParseCache();
  const modelCache = new ModelCache();
  return watchRuns(
    io,
    stop,
    "checking",
    async () => checkOnce(options, io, parseCache, modelCache),
    (_settings, readFiles) =>
      targetsOf({ paths: options.paths, noConfig: true }, undefined, io.cwd, readFiles, options.includeDirs),
  );
}

/** What one run of a watch loop reports: its exit code, and what it read (to watch). */
type WatchedRun = GenerateRun;

/**
 * The watch loop shared by generate and check: run, watch what the run read, run again (debounced) on a change.
 * A bug in mofgen (a throw) is reported like an error in the input: the next change may well avoid it.
 */
async function watchRuns(
  io: CliIo,
  stop: AbortSignal | undefined,
  doing: string,
  once: () => Promise<WatchedRun>,
  targetsFor: (settings: GenerateSettings | undefined, readFiles: readonly string[] | undefined) => Target[],
): Promise<GenerateRun> {
  const attempt = async (): Promise<WatchedRun> => {
    try {
      return await once();
    } catch (e) {
      io.stderr(`mofgen: internal error: ${e instanceof Error ? e.message : String(e)} (still watching)\n`);
      if (io.env.MOFGEN_DEBUG) io.stderr(`${(e as Error).stack ?? ""}\n`);
      return { code: 3 };
    }
  };
  let run = await attempt();
  if (run.usage !== undefined) return run;
  let settings = run.settings;
  let readFiles = run.readFiles;
  let targets = targetsFor(settings, run.readFiles);
  let watching = startWatching(targets, settings, io, onEvent);
  announce(io, targets);

  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let pending = false;
  function onEvent(): void {
    clearTimeout(timer);
    timer = setTimeout(again, debounceMs);
  }
  async function again(): Promise<void> {
    if (running) {
      pending = true;
      return;
    }
    running = true;
    do {
      pending = false;
      io.stdout(`\nChange detected: ${doing}\n`);
      run = await attempt();
      settings = run.settings ?? settings;
    } while (pending);
    running = false;
    // A failed run (a missing include, a broken file) may have read fewer files: keep watching the last good set.
    readFiles = run.readFiles ?? readFiles;
    const next = targetsFor(settings, readFiles);
    if (JSON.stringify(next) !== JSON.stringify(targets)) {
      watching.close();
      targets = next;
      watching = startWatching(targets, settings, io, onEvent);
      announce(io, targets);
    }
  }

  await new Promise<void>((done) => {
    if (stop === undefined) return;
    if (stop.aborted) done();
    stop.addEventListener("abort", () => done(), { once: true });
  });
  clearTimeout(timer);
  watching.close();
  io.stdout("Stopped watching.\n");
  return { code: 0 };
}

/** A signal aborted by the first SIGINT or SIGTERM, so that Ctrl+C ends watch mode cleanly with exit 0. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return controller.signal;
}

/**
 * The inputs, include directories, docs inputs and configuration file, plus every file the last compile read
 * that none of those directories holds (what a roll-up such as `cim_schema_2.49.0.mof` includes from its
 * subfolders): an edit to any file the output depends on must regenerate it.
 */
function targetsOf(
  options: { readonly paths: readonly string[]; readonly config?: string | undefined; readonly noConfig?: boolean },
  settings: GenerateSettings | undefined,
  cwd: string,
  readFiles: readonly string[] | undefined,
  includeDirs: readonly string[] = [],
): Target[] {
  const config = options.noConfig ? undefined : (settings?.configPath ?? configPathOf(options, cwd));
  const docs = [settings?.docs?.overlay?.path, settings?.docs?.templates?.path].filter((p) => p !== undefined);
  const paths = settings
    ? [...settings.paths, ...settings.includeDirs, ...docs]
    : [...options.paths, ...includeDirs].map((p) => resolve(cwd, p));
  const targets: Target[] = paths.map((path) => ({ path, directory: isDirectory(path) }));
  if (config !== undefined) targets.push({ path: config, directory: false });
  const named = new Set(targets.map((t) => t.path));
  const directories = targets.filter((t) => t.directory).map((t) => t.path);
  for (const path of new Set(readFiles ?? [])) {
    if (named.has(path) || directories.some((d) => isInside(path, d))) continue;
    targets.push({ path, directory: false, included: true });
  }
  return targets.sort((a, b) => compareCodeUnits(a.path, b.path));
}

/** The named targets by path; included files only as a count (a roll-up of CIM 2.49 reads 1,633 of them). */
function announce(io: CliIo, targets: readonly Target[]): void {
  const rel = relativizer(io.cwd);
  const named = targets.filter((t) => !t.included);
  const shown = named.map((t) => `${rel(t.path)}${t.directory ? "/" : ""}`).join(", ");
  const included = targets.length - named.length;
  const more = included === 0 ? "" : ` and ${plural(included, "file")} they include`;
  io.stdout(`Watching ${shown}${more} for changes (Ctrl+C to stop)\n`);
}

interface Watching {
  close(): void;
}

function startWatching(
  targets: readonly Target[],
  settings: GenerateSettings | undefined,
  io: CliIo,
  onEvent: () => void,
): Watching {
  // mofgen's own writes must not wake it: its output directories may sit inside an input directory.
  const own = [settings?.outDir, settings?.providers?.dir].filter((d): d is string => d !== undefined);
  const relevant = (path: string) => !own.some((d) => isInside(path, d)) && !path.endsWith(".mofgen-tmp");
  if (io.env.MOFGEN_WATCH_POLL === undefined || io.env.MOFGEN_WATCH_POLL === "") {
    try {
      return watchEvents(targets, relevant, onEvent);
    } catch {
      // No file events here (or too many watches): poll instead.
    }
  }
  return poll(targets, relevant, onEvent);
}

function watchEvents(targets: readonly Target[], relevant: (path: string) => boolean, onEvent: () => void): Watching {
  const watchers: FSWatcher[] = [];
  const close = () => {
    for (const w of watchers.splice(0)) w.close();
  };
  // Single files are watched through their directory, one watcher per directory whatever the number of files
  // in it (CIM 2.49's roll-up includes 1,633 files from 15 folders): Linux limits inotify watches per user.
  const files = new Map<string, Set<string>>();
  for (const target of targets) {
    if (target.directory) continue;
    const dir = dirname(target.path);
    const names = files.get(dir) ?? new Set<string>();
    names.add(basename(target.path));
    files.set(dir, names);
  }
  const add = (dir: string, recursive: boolean, names: ReadonlySet<string> | undefined) => {
    const watcher = watch(dir, { recursive }, (_event, name) => {
      if (name === null) return onEvent();
      const path = join(dir, name.toString());
      if (names !== undefined && !names.has(basename(path))) return;
      if (relevant(path)) onEvent();
    });
    // A watched directory that disappears ends its watcher; the next regeneration reports the missing input.
    watcher.on("error", () => onEvent());
    watchers.push(watcher);
  };
  try {
    for (const target of targets) if (target.directory) add(target.path, true, undefined);
    for (const [dir, names] of files) add(dir, false, names);
  } catch (e) {
    close();
    throw e;
  }
  return { close };
}

/** Polling: a listing of every file's size and modification time, compared every few hundred milliseconds. */
function poll(targets: readonly Target[], relevant: (path: string) => boolean, onEvent: () => void): Watching {
  const snapshot = () => targets.flatMap((t) => listing(t.path, relevant)).join("\n");
  let last = snapshot();
  const interval = setInterval(() => {
    const now = snapshot();
    if (now !== last) onEvent();
    last = now;
  }, pollMs);
  return { close: () => clearInterval(interval) };
}

function listing(path: string, relevant: (path: string) => boolean): string[] {
  if (!relevant(path)) return [];
  try {
    const stat = statSync(path);
    if (!stat.isDirectory()) return [`${path} ${stat.size} ${stat.mtimeMs}`];
    return readdirSync(path)
      .sort()
      .flatMap((name) => listing(join(path, name), relevant));
  } catch {
    return [`${path} missing`];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
