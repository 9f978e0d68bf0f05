import type { MofFile } from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Dialect } from "../dialect/dialect.js";
import type { SourceFile } from "../source/source-file.js";

/** What loading one file produced, apart from its include edges (rebuilt by every compile). */
export interface CachedParse {
  readonly source: SourceFile;
  readonly ast: MofFile;
  /** The file's own diagnostics: decoding notes, syntax errors, or the one "not MOF" report. */
  readonly diagnostics: readonly Diagnostic[];
}

interface Entry extends CachedParse {
  readonly text: string;
  readonly encoding: string;
  readonly dialect: Dialect;
}

/**
 * Parse results of earlier compiles, by path, reused while a file's decoded text is the same: a resident
 * session (watch mode, an editor) re-lexes and re-parses only the files an edit changed. Roll-up and included
 * files are files like any other.
 *
 * A file is only taken from or put in the cache when its parse depends on nothing but its own text: the
 * dialect is part of the key, and a file that may use the C preprocessor (a line starting with a `#`
 * directive other than `#pragma`, even in a comment) or is reached with macros defined is parsed afresh every time,
 * since macros flow between files through includes. The test is textual and errs towards parsing.
 */
export class ParseCache {
  readonly #entries = new Map<string, Entry>();
  #hits = 0;
  #misses = 0;

  /** The earlier result for this text, or undefined (then `store` what the parse gives). */
  lookup(
    path: string,
    text: string,
    encoding: string,
    dialect: Dialect,
    macrosDefined: boolean,
  ): CachedParse | undefined {
    if (macrosDefined || !cacheable(text)) return undefined;
    const entry = this.#entries.get(path);
    if (entry !== undefined && entry.text === text && entry.encoding === encoding && entry.dialect === dialect) {
      this.#hits++;
      return entry;
    }
    this.#misses++;
    return undefined;
  }

  store(
    path: string,
    text: string,
    encoding: string,
    dialect: Dialect,
    macrosDefined: boolean,
    parse: CachedParse,
  ): void {
    if (macrosDefined || !cacheable(text)) return;
    this.#entries.set(path, { ...parse, text, encoding, dialect });
  }

  /** Forget the files the last compile did not read (deleted, or no longer included). */
  retain(paths: Iterable<string>): void {
    const keep = new Set(paths);
    for (const path of [...this.#entries.keys()]) if (!keep.has(path)) this.#entries.delete(path);
  }

  /** Files reused and parsed since the last call (a session's statistics). */
  takeCounts(): { reused: number; parsed: number } {
    const counts = { reused: this.#hits, parsed: this.#misses };
    this.#hits = 0;
    this.#misses = 0;
    return counts;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * A `#` that starts a line and is not `#pragma`: the C preprocessor may be at work (the scanner treats only a
 * `#` after nothing but blanks as a directive, see `lexer/scanner.ts`).
 */
const preprocessorDirective = /^[ \t]*#(?![ \t]*pragma\b)/im;

function cacheable(text: string): boolean {
  return !preprocessorDirective.test(text);
}
