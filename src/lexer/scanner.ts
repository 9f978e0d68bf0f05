import { foldName } from "@mofgen/runtime/values";
import type { TokenType } from "chevrotain";
import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Dialect } from "../dialect/dialect.js";
import { type DialectRules, dialectRules } from "../dialect/rules.js";
import type { SourceFile } from "../source/source-file.js";
import { type Span, span } from "../source/span.js";
import type { ExpansionBudget, MacroTable } from "./macros.js";
import { scanNumber } from "./numbers.js";
import { Preprocessor, type PreprocessorHost } from "./preprocessor.js";
import { plainStringEnd, scanQuoted } from "./strings.js";
import { reportLoneSurrogates } from "./surrogates.js";
import { MofToken } from "./token.js";
import * as T from "./tokens.js";

export interface ScanOptions {
  /** Shared with included files; created fresh when absent. */
  readonly macros?: MacroTable;
  /** Receives `#include` directives; without a host they are reported as unsupported here. */
  readonly host?: PreprocessorHost;
  /** Where WMI extensions are reported (`dmtf`), so are the C preprocessor directives. */
  readonly dialect?: Dialect;
  /** The compilation's macro expansion budget; a fresh one when absent. */
  readonly budget?: ExpansionBudget;
  /**
   * Scanning a `#define` body: a `#` there is never a directive (as in C), so `#define X #define X ...` cannot
   * nest one body scan inside another until the stack overflows.
   */
  readonly macroBody?: boolean;
}

export interface ScanResult {
  readonly tokens: MofToken[];
  readonly diagnostics: Diagnostic[];
}

/** Everything up to the end of a line (a `//` comment's text). */
const restOfLine = /[^\r\n]*/y;

/** A run of whitespace and complete comments (an unterminated block comment is left to `comment()`). */
const trivia = /(?:[\s\ufeff]+|\/\/[^\r\n]*|\/\*[\s\S]*?\*\/)+/y;

/** What an ASCII character can start; one table lookup instead of a chain of comparisons per character. */
const Kind = { Other: 0, Space: 1, Newline: 2, Name: 3, Digit: 4, Punctuation: 5 } as const;

const punctuation: Record<number, TokenType> = {
  123: T.LCurly,
  125: T.RCurly,
  40: T.LParen,
  41: T.RParen,
  91: T.LBracket,
  93: T.RBracket,
  59: T.Semicolon,
  44: T.Comma,
  58: T.Colon,
  61: T.Equals,
};

const asciiKind = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (c === 10 || c === 13) asciiKind[c] = Kind.Newline;
  else if (c === 32 || c === 9 || c === 12 || c === 11) asciiKind[c] = Kind.Space;
  else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) asciiKind[c] = Kind.Name;
  else if (c >= 48 && c <= 57) asciiKind[c] = Kind.Digit;
  else if (punctuation[c] !== undefined) asciiKind[c] = Kind.Punctuation;
}

/** Cheap pre-check (length and first letter) so that most names are never lower-cased for the keyword lookup. */
const keywordLengths = new Set([...T.keywords.keys()].map((k) => k.length));
const keywordInitials = new Set([...T.keywords.keys()].map((k) => k.charCodeAt(0)));

function mayBeKeyword(image: string): boolean {
  return keywordLengths.has(image.length) && keywordInitials.has(image.charCodeAt(0) | 0x20);
}

export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 0x80 && c !== 0xa0 && c !== 0xfeff);
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

/**
 * Split one file into tokens. Never throws on any input: every malformed piece becomes a diagnostic and
 * scanning resumes right after it, so one run reports every lexical error.
 */
export function scan(file: SourceFile, options: ScanOptions = {}): ScanResult {
  return new Scanner(file, options).run();
}

class Scanner {
  private readonly text: string;
  private readonly tokens: MofToken[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly pre: Preprocessor;
  private readonly rules: DialectRules;
  private readonly macroBody: boolean;
  private pos = 0;

  constructor(
    private readonly file: SourceFile,
    options: ScanOptions,
  ) {
    this.text = file.text;
    this.rules = dialectRules(options.dialect);
    this.macroBody = options.macroBody ?? false;
    this.pre = new Preprocessor(
      file,
      options.macros ?? new Map(),
      options.host,
      this.diagnostics,
      !this.rules.wmiExtensions,
      options.budget,
    );
  }

  run(): ScanResult {
    const text = this.text;
    const len = text.length;
    while (this.pos < len) {
      const c = text.charCodeAt(this.pos);
      const kind = c < 128 ? asciiKind[c] : c === 0xa0 || c === 0xfeff ? Kind.Space : Kind.Name;
      if (kind === Kind.Space || kind === Kind.Newline || c === 0x2f /* / */) {
        // Whitespace and comments in one native regex step: schemas are about half indentation and prose.
        trivia.lastIndex = this.pos;
        if (trivia.test(text)) {
          this.pos = trivia.lastIndex;
          continue;
        }
        if (c === 0x2f && this.comment()) continue;
      }
      if (this.pre.skipping && c !== 0x23) {
        this.skipLine();
        continue;
      }
      if (c === 0x23 /* # */) {
        this.hash();
        continue;
      }
      if (kind === Kind.Punctuation) {
        this.tokens.push(new MofToken(punctuation[c] as TokenType, text[this.pos] as string, this.pos, this.pos));
        this.pos++;
      } else if (kind === Kind.Name) this.identifier();
      else if (c === 0x22 /* " */ || c === 0x27 /* ' */) this.quoted(c);
      else if (kind === Kind.Digit || ((c === 0x2d || c === 0x2b || c === 0x2e) && this.digitFollows())) this.number();
      else if (c === 0x24 /* $ */) this.alias();
      else if (c === 0x5c /* \ */ && this.lineSplice()) continue;
      else this.unexpected();
    }
    this.pre.finish(span(this.file, len, len));
    if (this.file.loneSurrogates.length > 0) reportLoneSurrogates(this.file, this.tokens, this.diagnostics);
    return { tokens: this.tokens, diagnostics: this.diagnostics };
  }

  /**
   * A backslash ending a line joins it to the next, as the C preprocessor that WMI MOF files are written for
   * does everywhere (WDK MOFs leave such backslashes after qualifiers copied out of #defines).
   */
  private lineSplice(): boolean {
    const text = this.text;
    let p = this.pos + 1;
    while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    const c = text.charCodeAt(p);
    if (c !== 10 && c !== 13 && p < text.length) return false;
    if (!this.rules.wmiExtensions) {
      this.report(Diagnostics.WmiExtension, this.pos, this.pos + 1, "a line continuation backslash");
    }
    this.pos = p;
    return true;
  }

  private digitFollows(): boolean {
    const next = this.text.charCodeAt(this.pos + 1);
    if (isDigit(next)) return true;
    // "-.5" and "+.5" are reals too.
    return next === 0x2e && isDigit(this.text.charCodeAt(this.pos + 2));
  }

  /** Returns false when the slash does not start a comment. */
  private comment(): boolean {
    const text = this.text;
    const next = text.charCodeAt(this.pos + 1);
    if (next === 0x2f) {
      restOfLine.lastIndex = this.pos + 2;
      restOfLine.test(text);
      this.pos = restOfLine.lastIndex;
      return true;
    }
    if (next === 0x2a) {
      const close = text.indexOf("*/", this.pos + 2);
      if (close < 0) {
        this.report(Diagnostics.UnterminatedComment, this.pos, this.pos + 2);
        this.pos = text.length;
      } else {
        this.pos = close + 2;
      }
      return true;
    }
    return false;
  }

  private skipLine(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 10 || c === 13) return;
      this.pos++;
    }
  }

  private identifier(): void {
    const text = this.text;
    const start = this.pos;
    let end = start + 1;
    while (end < text.length && isIdentPart(text.charCodeAt(end))) end++;
    this.pos = end;
    const image = text.slice(start, end);
    if (this.pre.hasMacros && this.pre.expand(image, start, end, this.tokens)) return;
    // foldName, the one MOF name rule: a name with a non-ASCII code point is never a keyword (`claſs`, `\u212Aey`).
    const type = mayBeKeyword(image) ? (T.keywords.get(foldName(image)) ?? T.Identifier) : T.Identifier;
    this.tokens.push(new MofToken(type, image, start, end - 1));
  }

  private quoted(quote: number): void {
    if (quote === 0x22) {
      const close = plainStringEnd(this.text, this.pos);
      if (close >= 0) {
        const start = this.pos;
        this.tokens.push(this.adjacentStrings(start, close + 1, this.text.slice(start + 1, close)));
        return;
      }
    }
    const result = scanQuoted(this.text, this.pos, quote);
    for (const problem of result.problems) {
      this.diagnostics.push(problem.make(span(this.file, problem.start, problem.end)));
    }
    const start = this.pos;
    this.pos = result.end;
    if (quote === 0x22) {
      this.tokens.push(this.adjacentStrings(start, result.end, result.value));
      return;
    }
    const image = this.text.slice(start, result.end);
    const chars = [...result.value];
    if (chars.length !== 1 && result.closed) {
      const why = chars.length === 0 ? "it is empty" : `it holds ${chars.length} characters; use a string ("...")`;
      this.report(Diagnostics.InvalidChar16, start, result.end, why);
    }
    this.tokens.push(new MofToken(T.Char16Literal, image, start, result.end - 1, chars[0] ?? ""));
  }

  /**
   * Adjacent string literals ("a" "b", across whitespace and comments) are one value in MOF; they become one
   * token here. Descriptions are written as dozens of literals, so this spares the parser a third of its
   * string tokens.
   */
  private adjacentStrings(start: number, end: number, value: string): MofToken {
    let last = end;
    // The literals of a value are joined once at the end into one flat string: adding them one by one made a
    // rope of a slice and a concatenation node per literal (CIM 2.49: 116,000 small objects in 8,300 values),
    // which the syntax tree and the model then keep for the whole run.
    let parts: string[] | undefined;
    for (;;) {
      trivia.lastIndex = last;
      const next = trivia.test(this.text) ? trivia.lastIndex : last;
      if (this.text.charCodeAt(next) !== 0x22) break;
      let more: string;
      const close = plainStringEnd(this.text, next);
      if (close >= 0) {
        more = this.text.slice(next + 1, close);
        last = close + 1;
      } else {
        const quoted = scanQuoted(this.text, next, 0x22);
        for (const problem of quoted.problems) {
          this.diagnostics.push(problem.make(span(this.file, problem.start, problem.end)));
        }
        more = quoted.value;
        last = quoted.end;
      }
      if (parts === undefined) parts = [value, more];
      else parts.push(more);
    }
    this.pos = last;
    const text = parts === undefined ? value : parts.join("");
    return new MofToken(T.StringLiteral, this.text.slice(start, last), start, last - 1, text);
  }

  private number(): void {
    const result = scanNumber(this.text, this.pos);
    const start = this.pos;
    this.pos = result.end;
    const image = this.text.slice(start, result.end);
    if (result.error !== undefined) {
      this.report(Diagnostics.InvalidNumber, start, result.end, image, result.error);
    }
    if (result.kind === "real") {
      this.tokens.push(new MofToken(T.RealLiteral, image, start, result.end - 1, result.real));
    } else {
      this.tokens.push(new MofToken(T.IntegerLiteral, image, start, result.end - 1, result.integer));
    }
  }

  private alias(): void {
    const text = this.text;
    const start = this.pos;
    let end = start + 1;
    while (end < text.length && isIdentPart(text.charCodeAt(end))) end++;
    this.pos = end;
    if (end === start + 1) {
      this.report(Diagnostics.InvalidAlias, start, end);
      return;
    }
    this.tokens.push(new MofToken(T.Alias, text.slice(start, end), start, end - 1, text.slice(start + 1, end)));
  }

  /** Whether only spaces and tabs stand between the start of the line and `at` (C directives start lines). */
  private startsLine(at: number): boolean {
    const text = this.text;
    let p = at - 1;
    while (p >= 0 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p--;
    return p < 0 || text.charCodeAt(p) === 10 || text.charCodeAt(p) === 13;
  }

  private hash(): void {
    const text = this.text;
    const start = this.pos;
    let p = start + 1;
    while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    let end = p;
    while (end < text.length && isIdentPart(text.charCodeAt(end))) end++;
    const word = text.slice(p, end);
    if (foldName(word) === "pragma" && !this.pre.skipping) {
      this.tokens.push(new MofToken(T.Pragma, text.slice(start, end), start, end - 1));
      this.pos = end;
      return;
    }
    if (!this.pre.skipping && (this.macroBody || !this.startsLine(start))) {
      this.unexpected();
      return;
    }
    this.pos = this.pre.directive(word, start, end);
  }

  private unexpected(): void {
    // One diagnostic for a run of unexpected characters, not one per character.
    const text = this.text;
    const start = this.pos;
    let end = start + 1;
    const first = text.codePointAt(start) ?? 0;
    if (first > 0xffff) end++;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (isWhitespace(c) || isIdentPart(c) || punctuation[c] !== undefined || c === 0x22 || c === 0x27) break;
      if (c === 0x2f || c === 0x23 || c === 0x24) break;
      end++;
    }
    const shown = text.slice(start, end);
    const described =
      shown.length === 1 ? `'${shown}' (U+${first.toString(16).toUpperCase().padStart(4, "0")})` : `'${shown}'`;
    this.report(Diagnostics.UnexpectedCharacter, start, end, described);
    this.pos = end;
  }

  private report<A extends unknown[]>(
    e: {
      code: string;
      severity: Diagnostic["severity"];
      message: (...args: A) => string;
    },
    start: number,
    end: number,
    ...args: A
  ): void {
    const where: Span = span(this.file, start, end);
    this.diagnostics.push(diag(e, where, ...args));
  }
}
