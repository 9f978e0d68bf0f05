import { statSync } from "node:fs";
import type { MofFile } from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Dialect } from "../dialect/dialect.js";
import type { DecodedText } from "../source/encoding.js";
import { DirectoryListings } from "../source/include-resolver.js";
import type { SourceFile } from "../source/source-file.js";
import { statStamp } from "../source/stamp.js";

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
  /** Decoded texts by path, with the file's stamp when it was read (taken before reading it). */
  readonly #reads = new Map<
    string,
    { readonly stamp: string; readonly decoded: DecodedText; readonly bytes: number }
  >();

  /**
   * The file's stamp (`statStamp`), or undefined when it cannot be taken (then the file is read as usual).
   */
  stampOf(path: string): string | undefined {
    try {
      const s = statSync(path, { bigint: true });
      return s.isFile() ? statStamp(s) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The decoded text read earlier, when the file's stamp has not moved since (it need not be read again). */
  knownRead(path: string, stamp: string): { readonly decoded: DecodedText; readonly bytes: number } | undefined {
    const read = this.#reads.get(path);
    return read?.stamp === stamp ? read : undefined;
  }

  /** Record a read: `stamp` was taken before reading, so a write during the read makes the next stamp differ. */
  noteRead(path: string, stamp: string, decoded: DecodedText, bytes: number): void {
    this.#reads.set(path, { stamp, decoded, bytes });
  }
  #hits = 0;
  #misses = 0;
  #spliced = 0;

  /** The earlier result for this text, or undefined (then `store` what the parse gives). */
  lookup(
    path: string,
    text: string,
    encoding: string,
    dialect: Dialect,
    macrosDefined: boolean,
  ): CachedParse | undefined {
    if (macrosDefined) return undefined;
    // Only cacheable texts are stored, so an entry with the same text needs no second look for directives.
    const entry = this.#entries.get(path);
    if (entry !== undefined && entry.text === text && entry.encoding === encoding && entry.dialect === dialect) {
      this.#hits++;
      return entry;
    }
    if (this.#cacheable(text)) this.#misses++;
    return undefined;
  }

  /**
   * The last parse of `path` when the new `text` may be spliced into it (`spliceParse`): same encoding and
   * dialect, no macros, no directives in the new text, and not one diagnostic in the old parse.
   */
  previous(
    path: string,
    text: string,
    encoding: string,
    dialect: Dialect,
    macrosDefined: boolean,
  ): CachedParse | undefined {
    const entry = this.#entries.get(path);
    if (entry === undefined || macrosDefined || entry.encoding !== encoding || entry.dialect !== dialect)
      return undefined;
    if (entry.diagnostics.length > 0 || !this.#cacheable(text)) return undefined;
    return entry;
  }

  /** Count a file parsed by splicing (also counted as parsed): a session's statistics. */
  noteSpliced(): void {
    this.#spliced++;
  }

  store(
    path: string,
    text: string,
    encoding: string,
    dialect: Dialect,
    macrosDefined: boolean,
    parse: CachedParse,
  ): void {
    if (macrosDefined || !this.#cacheable(text)) return;
    this.#entries.set(path, { ...parse, text, encoding, dialect });
  }

  /**
   * `cacheable`, remembered for the last text asked about: a miss asks up to three times (lookup, previous,
   * store), and on Hyper-V's 1.2 MB file those scans were 92 ms of a profile of 8 warm runs (machine loaded).
   */
  #lastText: string | undefined;
  #lastCacheable = false;
  #cacheable(text: string): boolean {
    if (text !== this.#lastText) {
      this.#lastText = text;
      this.#lastCacheable = cacheable(text);
    }
    return this.#lastCacheable;
  }

  /** Directory listings for include resolution, kept while each directory's stamp holds. */
  readonly listings = new DirectoryListings();

  /** Forget the files the last compile did not read (deleted, or no longer included), and directories it did not list. */
  retain(paths: Iterable<string>): void {
    this.listings.endCompile();
    const keep = new Set(paths);
    for (const path of [...this.#entries.keys()]) if (!keep.has(path)) this.#entries.delete(path);
    for (const path of [...this.#reads.keys()]) if (!keep.has(path)) this.#reads.delete(path);
    this.#lastText = undefined;
  }

  /** Files reused and parsed since the last call (a session's statistics). */
  takeCounts(): { reused: number; parsed: number; spliced: number } {
    const counts = { reused: this.#hits, parsed: this.#misses, spliced: this.#spliced };
    this.#hits = 0;
    this.#misses = 0;
    this.#spliced = 0;
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
