import type { SchemaModel } from "../model/types.js";
import { ParseCache } from "../program/parse-cache.js";
import type { Program } from "../program/program.js";
import { type EmitCounts, EmitMemo } from "../session/emit-memo.js";
import { readTextFile } from "../source/read-source.js";
import type { UserTemplates } from "./docs-inputs.js";
import type { GenerateSettings } from "./generate-settings.js";
import { KnownOutput } from "./known-output.js";

/**
 * What `generate --watch` keeps between runs: the parsed files (only changed files are parsed again) and the
 * class modules and pages of the last run (only those an edit can change are made again), and what it wrote (files
 * it knows to be up to date are not read again). Output is the same as a run without it; every run still
 * compiles the whole schema and writes through the output session, with its lock and checks.
 */
export class WarmGenerate {
  readonly parseCache = new ParseCache();
  readonly memo = new EmitMemo();
  readonly output = new KnownOutput();
  /** Figures of the last run, for `MOFGEN_WATCH_STATS`. */
  last:
    | {
        readonly parsed: number;
        readonly reused: number;
        /** Of the parsed files, those parsed around an edit only (the rest of their declarations reused). */
        readonly spliced: number;
        readonly compileMs: number;
        readonly emit?: EmitCounts;
        readonly emitMs?: number;
      }
    | undefined;

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
