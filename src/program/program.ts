import { dirname, resolve } from "node:path";
import { foldName } from "@mofgen/runtime/values";
import type { MofFile } from "../ast/nodes.js";
import { Diagnostics, diag, withPath, withRelated } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type Dialect, defaultDialect } from "../dialect/dialect.js";
import { ExpansionBudget, type MacroTable } from "../lexer/macros.js";
import { includePath } from "../lexer/strings.js";
import { parseSource } from "../parser/parse.js";
import { type DecodedText, decodeMof } from "../source/encoding.js";
import { IncludeResolver } from "../source/include-resolver.js";
import { IncludeScope } from "../source/include-scope.js";
import { expandInputs } from "../source/inputs.js";
import { readSourceBytes, sourceFileProblem } from "../source/read-source.js";
import { RealPathCache } from "../source/real-path.js";
import { SourceFile } from "../source/source-file.js";
import { type Span, span } from "../source/span.js";
import { appendAll } from "../util/arrays.js";
import { InputBudget, megabytes } from "./input-budget.js";
import { notMofReason } from "./not-mof.js";
import type { CachedParse, ParseCache } from "./parse-cache.js";
import { spliceParse } from "./splice-parse.js";

export interface CompileOptions {
  /** `--include` directories, searched after the including file's own directory. */
  readonly includeDirs?: readonly string[];
  readonly dialect?: Dialect;
  /** Directory that relative input paths and include directories are relative to (default: process.cwd()). */
  readonly cwd?: string;
  /**
   * Let includes read files outside the including file's folder, the input folders and the include
   * directories (`--allow-include-outside`). Off by default: see `IncludeScope`.
   */
  readonly allowIncludeOutside?: boolean;
  /** Refuse to read more MOF than this in total (MOF1040); default: what the heap can compile. */
  readonly maxInputBytes?: number;
  /**
   * Parse results of earlier compiles to reuse for files whose text is unchanged (a resident session's; see
   * `createSession`). The compile's result is the same with or without it.
   */
  readonly parseCache?: ParseCache;
}

/**
 * How deep includes may nest. Each level holds a file's scanner or parser on the stack, and about 700 levels of
 * `#include` overflowed it; 64 is ten times short of that, four times the 15 levels the C standard asks of a
 * preprocessor, and far beyond any real schema (the DMTF roll-ups and WDK samples nest at most 3 deep).
 */
export const maxIncludeDepth = 64;

/** An include edge: the directive (its file-name span) and the file it brought in. */
export interface IncludeEdge {
  readonly at: Span;
  readonly file: ParsedFile;
}

export interface ParsedFile {
  readonly source: SourceFile;
  readonly ast: MofFile;
  /** Files this one includes, in source order (`#pragma include` and `#include`). */
  readonly includes: readonly IncludeEdge[];
}

/** The parsed files of one compilation. */
export interface Program {
  /** Every file, in the order compilation reached it. */
  readonly files: readonly ParsedFile[];
  /**
   * The top-level files: those named on the command line (or found in a named directory) that no other file
   * includes. Compiling these with their includes expanded in place covers every file exactly once.
   */
  readonly roots: readonly ParsedFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** True when an input path itself could not be read (a usage or I/O error, exit code 2 in the CLI). */
  readonly inputErrors: boolean;
  /** The dialect the files were parsed in; the model resolves in the same one (default `wmi`). */
  readonly dialect?: Dialect;
}

/**
 * Load and parse every input and everything it includes. Includes are followed in source order; a file is
 * parsed once however often it is included or listed; cycles and missing files are diagnostics at the include
 * directive. Never throws for bad input.
 */
export function buildProgram(paths: readonly string[], options: CompileOptions = {}): Program {
  return new ProgramBuilder(options).build(paths);
}

/** Parse one in-memory text (no includes are followed: there is no file system). */
export function parseText(
  text: string,
  path = "<input>",
  options: CompileOptions = {},
): ParsedFile & { diagnostics: Diagnostic[] } {
  const source = new SourceFile(path, text);
  const result = parseSource(source, { ...(options.dialect !== undefined && { dialect: options.dialect }) });
  return {
    source,
    ast: result.ast,
    includes: [],
    diagnostics: result.diagnostics,
  };
}

const includePattern =
  /#[ \t]*(?:pragma[ \t]+include[ \t]*\([ \t]*"((?:[^"\\\n]|\\.)*)"|include[ \t]*\(?[ \t]*"((?:[^"\\\n]|\\.)*)")/gi;

/**
 * Files are known by their real path (`realPath`): `loaded`, `inProgress` and `included` are keyed by it, so a
 * file reached by several names through symbolic links is parsed once, and reaching it again from itself is
 * a cycle, not an exponential recompilation.
 */
class ProgramBuilder {
  private readonly resolver: IncludeResolver;
  private readonly includeDirs: readonly string[];
  private scope: IncludeScope | undefined;
  private readonly loaded = new Map<string, ParsedFile>();
  /** Files whose compilation has started but not finished, innermost last: including one again is a cycle. */
  private readonly inProgress = new Set<string>();
  private readonly included = new Set<string>();
  private readonly files: ParsedFile[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private inputErrors = false;
  private readonly decoded = new Map<string, DecodedText>();
  /** One macro expansion budget for the whole compilation, not one per file or per use. */
  private readonly budget = new ExpansionBudget();
  /** Name spellings shared by every file parsed in this compilation (`ParseOptions.names`). */
  private readonly names = new Map<string, string>();
  /** Real paths: the resolver's for included files (see `ResolvedInclude.realPath`), so an includer's is known. */
  private readonly realPaths = new RealPathCache();

  private readonly inputBudget: InputBudget;
  /** Set once the input budget is spent: no further file is read (one MOF1040 says why). */
  private overBudget = false;
  /** Defaulted once: every file is parsed in it and the program records it for the model. */
  private readonly dialect: Dialect;

  constructor(private readonly options: CompileOptions) {
    this.dialect = options.dialect ?? defaultDialect;
    const cwd = options.cwd ?? process.cwd();
    this.includeDirs = (options.includeDirs ?? []).map((d) => resolve(cwd, d));
    this.resolver = new IncludeResolver(this.includeDirs, options.parseCache?.listings);
    this.inputBudget = new InputBudget(options.maxInputBytes);
  }

  build(paths: readonly string[]): Program {
    const rootPaths: string[] = [];
    const rootDirs: string[] = [...this.includeDirs];
    for (const entry of expandInputs(paths, this.options.cwd)) {
      if (entry.kind === "unreadable") {
        this.inputErrors = true;
        this.diagnostics.push(withPath(diag(Diagnostics.CannotRead, undefined, entry.path, entry.reason), entry.path));
      } else if (entry.kind === "directory") {
        if (entry.files.length === 0) {
          this.diagnostics.push(withPath(diag(Diagnostics.NoMofFiles, undefined, entry.path), entry.path));
        }
        rootDirs.push(entry.path);
        appendAll(rootPaths, this.includersFirst(entry.files));
      } else {
        rootDirs.push(dirname(entry.path));
        rootPaths.push(entry.path);
      }
    }
    if (!this.options.allowIncludeOutside) this.scope = new IncludeScope(rootDirs);
    for (const p of rootPaths) {
      const id = this.realPaths.get(p);
      if (!this.loaded.has(id)) this.load(p, id, undefined, new Map());
    }
    pointAtMissingIncludes(this.diagnostics, this.files);
    const roots = [...new Set(rootPaths.map((p) => this.realPaths.get(p)))]
      .filter((id) => !this.included.has(id))
      .map((id) => this.loaded.get(id))
      .filter((f): f is ParsedFile => f !== undefined);
    return {
      files: this.files,
      roots,
      diagnostics: this.diagnostics,
      inputErrors: this.inputErrors,
      dialect: this.dialect,
    };
  }

  /**
   * Order a directory's files so that files included by another file of the directory come last: they are
   * then compiled through their includer, with its macros, namespace and include order, as their authors
   * meant (a roll-up file and its class files, or a WDK MOF and the common.mof it includes). A quick textual
   * scan finds the include names; it only decides the order, so a match inside a comment does no harm.
   */
  private includersFirst(files: readonly string[]): string[] {
    const listed = new Set(files);
    const includedByOthers = new Set<string>();
    for (const f of files) {
      const decoded = this.read(f, undefined);
      if (decoded === undefined) continue;
      for (const m of decoded.text.matchAll(includePattern)) {
        const name = (m[1] ?? m[2] ?? "").replace(/\\\\/g, "\\");
        const found = this.resolver.resolve(name, f);
        if (found && found.path !== f && listed.has(found.path)) includedByOthers.add(found.path);
      }
    }
    return [...files.filter((f) => !includedByOthers.has(f)), ...files.filter((f) => includedByOthers.has(f))];
  }

  /**
   * Read and decode a file once (the directory pre-scan and the compile share the result). Only regular files
   * of a sane size are read (`readSourceBytes`); anything else is MOF1003 at the include, or by path.
   */
  private read(path: string, from: Span | undefined): DecodedText | undefined {
    const cached = this.decoded.get(path);
    if (cached !== undefined) return cached;
    // A resident session reads a file again only when its stamp (inode, size, times) moved since it last did.
    const stamp = this.options.parseCache?.stampOf(path);
    const known = stamp === undefined ? undefined : this.options.parseCache?.knownRead(path, stamp);
    if (known !== undefined) {
      if (!this.withinBudget(known.bytes, path, from)) return undefined;
      this.decoded.set(path, known.decoded);
      return known.decoded;
    }
    const read = readSourceBytes(path);
    if ("reason" in read) {
      const d = diag(Diagnostics.CannotRead, from, path, read.reason);
      if (from === undefined) this.inputErrors = true;
      this.diagnostics.push(from ? d : withPath(d, path));
      return undefined;
    }
    if (!this.withinBudget(read.bytes.length, path, from)) return undefined;
    const decoded = decodeMof(read.bytes);
    this.decoded.set(path, decoded);
    if (stamp !== undefined) this.options.parseCache?.noteRead(path, stamp, decoded, read.bytes.length);
    return decoded;
  }

  private withinBudget(bytes: number, path: string, from: Span | undefined): boolean {
    if (this.overBudget) return false;
    if (this.inputBudget.take(bytes)) return true;
    this.overBudget = true;
    this.inputErrors = true;
    const total = megabytes(this.inputBudget.totalWith(bytes));
    const d = diag(Diagnostics.InputTooLarge, from, total, megabytes(this.inputBudget.limit));
    this.diagnostics.push(from ? d : withPath(d, path));
    return false;
  }

  /**
   * Read, decode and parse `path` (whose real path is `id`), then follow its `#pragma include`s. `from` is the
   * include site. A file that is clearly not MOF is reported once, by path, and nothing in it is followed.
   */
  private load(path: string, id: string, from: Span | undefined, macros: MacroTable): ParsedFile | undefined {
    const decoded = this.read(path, from);
    if (decoded === undefined) return undefined;
    this.decoded.delete(path);
    this.inProgress.add(id);
    const parsed = this.parseOrReuse(path, decoded, macros);
    const includes: IncludeEdge[] = [...parsed.includes];
    const file: ParsedFile = { source: parsed.source, ast: parsed.ast, includes };
    appendAll(this.diagnostics, parsed.diagnostics);
    this.loaded.set(id, file);
    this.files.push(file);
    for (const p of file.ast.productions) {
      if (p.kind !== "pragma" || foldName(p.name.name) !== "include") continue;
      const arg = p.arguments[0];
      if (arg?.kind === "string" && p.arguments.length === 1) {
        const literal = arg.span.file.text.slice(arg.span.start, arg.span.end);
        this.include(includePath(literal, arg.value), arg.span, macros, includes);
      }
    }
    // C-style includes were followed while scanning, pragma includes after parsing: restore source order.
    includes.sort((a, b) => a.at.start - b.at.start);
    this.inProgress.delete(id);
    return file;
  }

  /** The cached parse of an unchanged file, or a new one (stored when the cache may keep it). */
  private parseOrReuse(
    path: string,
    decoded: DecodedText,
    macros: MacroTable,
  ): CachedParse & { includes: IncludeEdge[] } {
    const cache = this.options.parseCache;
    if (cache === undefined) return this.parse(path, decoded, macros);
    const macrosDefined = macros.size > 0;
    const known = cache.lookup(path, decoded.text, decoded.encoding, this.dialect, macrosDefined);
    if (known !== undefined) return { ...known, includes: [] };
    const spliced = this.splice(
      path,
      decoded,
      cache.previous(path, decoded.text, decoded.encoding, this.dialect, macrosDefined),
    );
    if (spliced !== undefined) {
      cache.noteSpliced();
      cache.store(path, decoded.text, decoded.encoding, this.dialect, macrosDefined, spliced);
      return { ...spliced, includes: [] };
    }
    const parsed = this.parse(path, decoded, macros);
    if (parsed.includes.length === 0)
      cache.store(path, decoded.text, decoded.encoding, this.dialect, macrosDefined, parsed);
    return parsed;
  }

  /**
   * An edited file parsed around its edit only, reusing the unchanged declarations of its previous clean parse
   * (`spliceParse`); undefined when that parse cannot be reused exactly (then the whole file is parsed). A text
   * with decoding notes is parsed whole: the notes are the parse's diagnostics.
   */
  private splice(path: string, decoded: DecodedText, previous: CachedParse | undefined): CachedParse | undefined {
    if (previous === undefined || decoded.invalidUtf8At !== undefined || decoded.guessedUtf16) return undefined;
    const source = new SourceFile(path, decoded.text, decoded.encoding, decoded.loneSurrogates);
    const ast = spliceParse(previous, source, this.dialect);
    return ast === undefined ? undefined : { source, ast, diagnostics: [] };
  }

  /**
   * Decode, scan and parse one file, following its C-style includes as the scanner meets them. The result
   * holds the file's own diagnostics (a parse cache keeps them with the tree).
   */
  private parse(
    path: string,
    decoded: DecodedText,
    macros: MacroTable,
  ): { source: SourceFile; ast: MofFile; diagnostics: Diagnostic[]; includes: IncludeEdge[] } {
    const source = new SourceFile(path, decoded.text, decoded.encoding, decoded.loneSurrogates);
    const includes: IncludeEdge[] = [];
    const binary = notMofReason(source, undefined);
    const result = binary
      ? { ast: { kind: "file" as const, source, productions: [] }, diagnostics: [] }
      : parseSource(source, {
          dialect: this.dialect,
          macros,
          host: { include: (name, at, table) => this.include(name, at, table, includes) },
          budget: this.budget,
          names: this.names,
        });
    // A file that holds no NUL (known: binary is undefined) and yielded a declaration is MOF: asking again would
    // only search its whole text for a NUL a second time.
    const productions = result.ast.productions.length;
    const notMof =
      binary ?? (productions > 0 ? undefined : notMofReason(source, { diagnostics: result.diagnostics, productions }));
    const ast = notMof ? { ...result.ast, productions: [] } : result.ast;
    if (notMof)
      return { source, ast, diagnostics: [withPath(diag(Diagnostics.NotMof, undefined, notMof), path)], includes };
    return { source, ast, diagnostics: [...decodingNotes(source, decoded), ...result.diagnostics], includes };
  }

  private include(name: string, at: Span, macros: MacroTable, edges: IncludeEdge[]): void {
    const from = at.file.path;
    const found = this.resolver.resolve(name, from);
    if (found === undefined) {
      const searched = this.resolver.searchDirs(from).join(", ");
      this.diagnostics.push(diag(Diagnostics.IncludeNotFound, at, name, searched));
      return;
    }
    if (!found.regular) {
      const reason = sourceFileProblem(found.path) ?? "not a regular file";
      this.diagnostics.push(diag(Diagnostics.CannotRead, at, found.path, reason));
      return;
    }
    const id = found.realPath;
    this.realPaths.set(found.path, id);
    if (this.scope && !this.scope.allows(id, this.realPaths.get(from))) {
      this.diagnostics.push(diag(Diagnostics.IncludeOutsideRoots, at, name, id));
      return;
    }
    if (this.inProgress.has(id)) {
      this.diagnostics.push(diag(Diagnostics.IncludeCycle, at, name));
      return;
    }
    if (this.inProgress.size >= maxIncludeDepth) {
      this.diagnostics.push(diag(Diagnostics.IncludeTooDeep, at, name, maxIncludeDepth));
      return;
    }
    if (found.caseMismatch) {
      const actual = found.path.slice(found.path.length - name.replace(/\\/g, "/").length);
      this.diagnostics.push(diag(Diagnostics.IncludeCaseMismatch, at, name, actual));
    }
    this.included.add(id);
    const file = this.loaded.get(id) ?? this.load(found.path, id, at, macros);
    if (file) edges.push({ at, file });
  }
}

/** MOF1001 and MOF1002: how a file that is not plain UTF-8 was read. */
function decodingNotes(source: SourceFile, decoded: DecodedText): Diagnostic[] {
  const notes: Diagnostic[] = [];
  const at = decoded.invalidUtf8At;
  if (at !== undefined) notes.push(diag(Diagnostics.NotUtf8, span(source, at, at + 1)));
  if (decoded.guessedUtf16) notes.push(diag(Diagnostics.Utf16WithoutBom, span(source, 0, 0), decoded.encoding));
  return notes;
}

/**
 * A bare word where a value belongs (MOF1212) is most often a macro of a header that could not be included
 * (a WDK `#include "iscsidsc.h"` compiled without the WDK's include directory). When a file connected to the
 * word's file by includes had an include that was not found, name that include in the message and point at
 * it, so the one real cause is visible at every use.
 */
function pointAtMissingIncludes(diagnostics: Diagnostic[], files: readonly ParsedFile[]): void {
  const missing = diagnostics.filter((d) => d.code === Diagnostics.IncludeNotFound.code && d.span !== undefined);
  if (missing.length === 0) return;
  const group = includeGroups(files);
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i];
    if (d?.code !== Diagnostics.NameAsValue.code || d.span === undefined) continue;
    const mine = group.get(d.span.file.path);
    const causes = missing.filter((m) => m.span !== undefined && group.get(m.span.file.path) === mine);
    if (causes.length === 0) continue;
    const text = (at: Span) => at.file.text.slice(at.start, at.end);
    const spans = causes.map((m) => m.span as Span);
    const includeNames = [...new Set(spans.map((at) => text(at).replace(/^"|"$/g, "")))];
    const related = spans.map((at) => ({ message: "include not found here", span: at }));
    diagnostics[i] = withRelated(diag(Diagnostics.NameAsValue, d.span, text(d.span), includeNames), related);
  }
}

/** Files joined by include edges, each group named by one of its files' paths (macros flow along includes). */
function includeGroups(files: readonly ParsedFile[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (p: string): string => {
    let root = p;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(p, root);
    return root;
  };
  for (const f of files) if (!parent.has(f.source.path)) parent.set(f.source.path, f.source.path);
  for (const f of files) {
    for (const edge of f.includes) parent.set(find(edge.file.source.path), find(f.source.path));
  }
  const group = new Map<string, string>();
  for (const f of files) group.set(f.source.path, find(f.source.path));
  return group;
}
