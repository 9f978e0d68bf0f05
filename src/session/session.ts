import { type Compilation, type CompileSettings, compile } from "../compile.js";
import { ModelCache } from "../model/model-cache.js";
import { ParseCache } from "../program/parse-cache.js";

/** What one warm compile did: files taken from the session and files lexed and parsed again. */
export interface SessionCompileStats {
  readonly reusedFiles: number;
  readonly parsedFiles: number;
  /** Of the parsed files, those parsed around their edit only, reusing their unchanged declarations. */
  readonly splicedFiles: number;
  /** Classes whose model was taken from the last compile, and classes resolved again. */
  readonly reusedClasses: number;
  readonly resolvedClasses: number;
  readonly milliseconds: number;
}

/**
 * A resident compile session: one process, many compiles of the same inputs, each after the first warm. Editors,
 * watch mode and a language server hold one; each `compile()` follows the inputs and includes again (so it sees
 * every edit, include and deletion), reads only files whose stamp moved, re-parses only files whose text changed
 * (an edited file from its edit on, when its last parse was clean), then resolves the schema, taking the model of
 * each class whose declaration and what it read are unchanged from the last compile (see `ModelCache`).
 * The result, diagnostics included, is the one `compile()` gives for the same files.
 */
export interface CompileSession {
  /** Compile the inputs as they are on disk now. */
  compile(): Compilation;
  /** Figures of the last `compile()`. */
  readonly stats: SessionCompileStats | undefined;
}

/**
 * Start a session over `paths` (files or directories, as `compile()` takes them). Nothing is read until the
 * first `compile()`. The session keeps the parsed files of the last compile only: files no longer read are
 * forgotten, so memory stays that of one compile.
 */
export function createSession(paths: readonly string[], settings: CompileSettings = {}): CompileSession {
  const cache = settings.parseCache ?? new ParseCache();
  const modelCache = settings.modelCache ?? new ModelCache();
  let stats: SessionCompileStats | undefined;
  return {
    compile() {
      const started = performance.now();
      const result = compile(paths, { ...settings, parseCache: cache, modelCache });
      cache.retain(result.program.files.map((f) => f.source.path));
      const counts = cache.takeCounts();
      const classes = modelCache.takeCounts();
      stats = {
        reusedFiles: counts.reused,
        parsedFiles: result.program.files.length - counts.reused,
        splicedFiles: counts.spliced,
        reusedClasses: classes.reused,
        resolvedClasses: classes.resolved,
        milliseconds: performance.now() - started,
      };
      return result;
    },
    get stats() {
      return stats;
    },
  };
}
