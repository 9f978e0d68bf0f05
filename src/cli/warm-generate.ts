import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { ModelCache } from "../model/model-cache.js";
import type { SchemaModel } from "../model/types.js";
import { ParseCache } from "../program/parse-cache.js";
import type { Program } from "../program/program.js";
import { type EmitCounts, EmitMemo } from "../session/emit-memo.js";
import { readTextFile } from "../source/read-source.js";
import type { UserTemplates } from "./docs-inputs.js";
import type { GenerateSettings } from "./generate-settings.js";
import { KnownOutput } from "./known-output.js";

/**
 * What `generate --watch` keeps between runs: the parsed files (only changed files are parsed again), the resolved
 * classes (only those an edit can change are resolved again), the class modules and pages of the last run (only
 * those an edit can change are made again), and what it wrote (files it knows to be up to date are not read
 * again). Output is the same as a run without it; every run still compiles the whole schema (from what it kept)
 * and writes through the output session, with its lock and checks.
 */
export class WarmGenerate {
  readonly parseCache = new ParseCache();
  readonly modelCache = new ModelCache();
  readonly memo = new EmitMemo();
  readonly output: KnownOutput;

  /** `outputEvents`: watch the output folders' file events, so that known files need no stat (see `KnownOutput`). */
  constructor(options: { readonly outputEvents?: boolean } = {}) {
    this.output = new KnownOutput(options.outputEvents ?? false);
  }

  /** The session ends: stop watching the output. */
  close(): void {
    this.output.close();
  }
  /** Figures of the last run, for `MOFGEN_WATCH_STATS`. */
  last:
    | {
        readonly parsed: number;
        readonly reused: number;
        /** Of the parsed files, those parsed around an edit only (the rest of their declarations reused). */
        readonly spliced: number;
        /** Classes whose model was taken from the last run, and classes resolved again. */
        readonly reusedClasses?: number;
        readonly resolvedClasses?: number;
        readonly compileMs: number;
        readonly emit?: EmitCounts;
        readonly emitMs?: number;
      }
    | undefined;

  /**
   * `checkOutputPaths` for one output tree, remembered for the paths of the last run: the check is a pure
   * function of the list, and a watch run writes the same paths as the run before unless a class or namespace
   * came or went. Folding every path's case and normalisation cost 7-12 ms of each warm run (CPU profiles,
   * Hyper-V and CIM 2.49, loaded machine); the list is compared path by path (as JSON it cost half of that).
   */
  checkPaths(
    owner: string,
    paths: readonly string[],
    check: (paths: readonly string[]) => Diagnostic[],
  ): readonly Diagnostic[] {
    const known = this.#pathChecks.get(owner);
    if (known !== undefined && sameList(known.paths, paths)) return known.found;
    const found = check(paths);
    this.#pathChecks.set(owner, { paths, found });
    return found;
  }

  readonly #pathChecks = new Map<
    string,
    { readonly paths: readonly string[]; readonly found: readonly Diagnostic[] }
  >();

  /** Start emitting for a compile: the key covers the settings, the templates and the overlay's text. */
  beginEmit(program: Program, schema: SchemaModel, settings: GenerateSettings, templates: UserTemplates): void {
    const overlay = settings.docs?.overlay?.path;
    let overlayText = "";
    try {
      if (overlay !== undefined) overlayText = readTextFile(overlay);
    } catch {
      // Unreadable: the docs step reports it and nothing is emitted.
    }
    this.memo.begin(program, schema, JSON.stringify([settings, templates.sources, overlayText]));
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
