import { foldName } from "@mofgen/runtime/values";
import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { SourceFile } from "../source/source-file.js";
import { type Span, span } from "../source/span.js";
import { appendAll } from "../util/arrays.js";
import { ExpansionBudget, type MacroDefinition, type MacroTable } from "./macros.js";
import { scan } from "./scanner.js";
import { includePath, scanQuoted } from "./strings.js";
import { MofToken } from "./token.js";
import * as T from "./tokens.js";

/** How the scanner hands a C-style `#include` to whoever loads files (the program builder). */
export interface PreprocessorHost {
  include(name: string, where: Span, macros: MacroTable): void;
}

/** More tokens than any real macro use produces; beyond it an expansion is cut off with an error. */
const maxExpansionTokens = 100_000;

interface Conditional {
  /** Whether the enclosing region is live. */
  readonly parentLive: boolean;
  /** Whether the current branch is live. */
  live: boolean;
  seenElse: boolean;
  readonly span: Span;
}

/**
 * The C preprocessor subset that WMI MOF files use (WDK MOFs are written for mofcomp's preprocessor):
 * object-like `#define` with `\` line continuations, `#undef`, `#ifdef` / `#ifndef` / `#else` / `#endif`,
 * and `#include "file"` / `#include("file")`. `#pragma` is not a directive here: it is MOF syntax and goes to
 * the parser as a token.
 */
export class Preprocessor {
  private readonly conditionals: Conditional[] = [];

  constructor(
    private readonly file: SourceFile,
    private readonly macros: MacroTable,
    private readonly host: PreprocessorHost | undefined,
    private readonly diagnostics: Diagnostic[],
    private readonly strictDmtf = false,
    private readonly budget = new ExpansionBudget(),
  ) {}

  get hasMacros(): boolean {
    return this.macros.size > 0;
  }

  /** True inside a false #ifdef branch. A field, not a getter: the scanner reads it for every token. */
  skipping = false;

  private updateSkipping(): void {
    const top = this.conditionals[this.conditionals.length - 1];
    this.skipping = top !== undefined && !(top.live && top.parentLive);
  }

  /**
   * Handle the directive whose `#` is at `hashAt` and whose name ends at `nameEnd`.
   * Returns the offset where scanning resumes (the end of the directive's logical line).
   */
  directive(name: string, hashAt: number, nameEnd: number): number {
    const lineEnd = this.logicalLineEnd(nameEnd);
    const rest = this.file.text.slice(nameEnd, lineEnd);
    const where = span(this.file, hashAt, nameEnd);
    if (this.strictDmtf && !this.skipping)
      this.report(Diagnostics.WmiExtension, where, `the preprocessor directive '#${name}'`);
    switch (foldName(name)) {
      case "ifdef":
      case "ifndef":
        this.openConditional(foldName(name) === "ifdef", rest, where);
        break;
      case "else":
        this.elseBranch(where);
        break;
      case "endif":
        if (this.conditionals.pop() === undefined)
          this.report(Diagnostics.UnbalancedConditional, where, "#endif without #ifdef");
        break;
      case "if":
      case "elif":
        if (!this.skipping) {
          this.report(Diagnostics.MalformedDirective, where, "#if expressions are not supported; use #ifdef / #ifndef");
        }
        this.conditionals.push({
          parentLive: !this.skipping,
          live: true,
          seenElse: false,
          span: where,
        });
        break;
      default:
        if (!this.skipping) this.liveDirective(name, rest, where, nameEnd, lineEnd);
    }
    this.updateSkipping();
    return lineEnd;
  }

  /**
   * Expand `name` if it is a macro: push the body's tokens, placed at the use site. Iterative, with a token
   * cap per use and a step budget per compilation, so that neither a long chain of macros nor one that doubles
   * at each level (`#define M1 M0 M0`, ...) can exhaust the stack, the memory or the time. Once the budget is
   * spent (reported once, at the use that spent it) every macro use expands to nothing.
   */
  expand(name: string, start: number, end: number, out: MofToken[]): boolean {
    const first = this.macros.get(name);
    if (first === undefined) return false;
    if (this.budget.exhausted) return true;
    const use = span(this.file, start, end);
    const active = new Set<string>([name]);
    const stack: { macro: MacroDefinition; next: number }[] = [{ macro: first, next: 0 }];
    this.reportBodyProblems(first, use);
    let tokensLeft = maxExpansionTokens;
    const outAtStart = out.length;
    while (stack.length > 0) {
      if (--this.budget.remaining < 0) {
        this.report(Diagnostics.MacroBudgetSpent, use, name, this.budget.limit);
        out.length = outAtStart;
        return true;
      }
      const top = stack[stack.length - 1] as { macro: MacroDefinition; next: number };
      const t = top.macro.body[top.next++];
      if (t === undefined) {
        active.delete(top.macro.name);
        stack.pop();
        continue;
      }
      const inner = t.tokenType === T.Identifier ? this.macros.get(t.image) : undefined;
      if (inner !== undefined) {
        if (active.has(inner.name)) {
          this.report(Diagnostics.MacroRecursion, use, inner.name);
          continue;
        }
        active.add(inner.name);
        this.reportBodyProblems(inner, use);
        stack.push({ macro: inner, next: 0 });
        continue;
      }
      if (--tokensLeft < 0) {
        this.report(Diagnostics.MacroTooLarge, use, name, maxExpansionTokens);
        return true;
      }
      out.push(new MofToken(t.tokenType, t.image, start, end - 1, t.payload));
    }
    return true;
  }

  private reportBodyProblems(macro: MacroDefinition, use: Span): void {
    for (const p of macro.problems) {
      const at = p.span ? [{ message: "in this part of the #define", span: p.span }] : [];
      this.diagnostics.push({
        ...p,
        message: `in the expansion of macro '${macro.name}': ${p.message}`,
        span: use,
        related: at,
      });
    }
  }

  finish(eof: Span): void {
    for (const open of this.conditionals) {
      this.diagnostics.push(diag(Diagnostics.UnbalancedConditional, open.span, "#ifdef without #endif"));
    }
    void eof;
  }

  private liveDirective(name: string, rest: string, where: Span, restStart: number, lineEnd: number): void {
    switch (foldName(name)) {
      case "define":
        this.define(rest, restStart, where);
        return;
      case "undef":
        this.macros.delete(rest.trim());
        return;
      case "include":
        this.include(rest, restStart, lineEnd, where);
        return;
      default:
        this.report(Diagnostics.UnknownDirective, where, name);
    }
  }

  private define(rest: string, restStart: number, where: Span): void {
    const m = /^[ \t]+([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m === null) {
      this.report(Diagnostics.MalformedDirective, where, "#define needs a macro name");
      return;
    }
    const name = m[1] as string;
    const afterName = restStart + m[0].length;
    if (this.file.text[afterName] === "(") {
      this.report(Diagnostics.FunctionMacro, span(this.file, restStart + m[0].length - name.length, afterName), name);
      return;
    }
    // Scan the body as its own piece of text; continuation backslashes become spaces so offsets are kept.
    const bodyText = this.file.text
      .slice(afterName, restStart + rest.length)
      .replace(/\\(\r\n|\r|\n)/g, (s) => " ".repeat(s.length));
    const bodyEnd = afterName + bodyText.length;
    const bodySurrogates = this.file.loneSurrogates
      .filter((o) => o >= afterName && o < bodyEnd)
      .map((o) => o - afterName);
    const body = scan(new SourceFile(this.file.path, bodyText, this.file.encoding, bodySurrogates), {
      macros: this.macros,
      budget: this.budget,
      macroBody: true,
    });
    const inFile = body.diagnostics.map((d) =>
      d.span ? { ...d, span: span(this.file, d.span.start + afterName, d.span.end + afterName) } : d,
    );
    // A spent budget is a fact about the compilation, reported once where it happened, not at each use.
    const spent = (d: Diagnostic) => d.code === Diagnostics.MacroBudgetSpent.code;
    appendAll(this.diagnostics, inFile.filter(spent));
    const problems = inFile.filter((d) => !spent(d));
    const nameSpan = span(this.file, afterName - name.length, afterName);
    if (this.macros.has(name)) this.report(Diagnostics.MacroRedefined, nameSpan, name);
    this.macros.set(name, { name, body: body.tokens, span: nameSpan, problems });
  }

  private include(rest: string, restStart: number, lineEnd: number, where: Span): void {
    const text = this.file.text;
    let p = restStart;
    while (p < lineEnd && (text[p] === " " || text[p] === "\t")) p++;
    const paren = text[p] === "(";
    if (paren) p++;
    while (p < lineEnd && (text[p] === " " || text[p] === "\t")) p++;
    if (text[p] !== '"') {
      this.report(Diagnostics.MalformedDirective, where, '#include needs a quoted file name: #include "file.mof"');
      return;
    }
    const q = scanQuoted(text, p, 0x22);
    const nameSpan = span(this.file, p, q.end);
    if (!q.closed) {
      this.report(Diagnostics.UnterminatedString, nameSpan);
      return;
    }
    if (this.host === undefined) {
      this.report(
        Diagnostics.MalformedDirective,
        nameSpan,
        "#include is not available when compiling text without a file system",
      );
      return;
    }
    void rest;
    this.host.include(includePath(text.slice(p, q.end), q.value), nameSpan, this.macros);
  }

  private openConditional(ifdef: boolean, rest: string, where: Span): void {
    const defined = this.macros.has(rest.trim());
    this.conditionals.push({
      parentLive: !this.skipping,
      live: ifdef ? defined : !defined,
      seenElse: false,
      span: where,
    });
  }

  private elseBranch(where: Span): void {
    const top = this.conditionals[this.conditionals.length - 1];
    if (top === undefined || top.seenElse) {
      this.report(
        Diagnostics.UnbalancedConditional,
        where,
        top ? "second #else for one #ifdef" : "#else without #ifdef",
      );
      return;
    }
    top.live = !top.live;
    top.seenElse = true;
  }

  /** End of a directive line, following `\` continuations. */
  private logicalLineEnd(from: number): number {
    const text = this.file.text;
    let p = from;
    while (p < text.length) {
      const c = text.charCodeAt(p);
      if (c === 10 || c === 13) {
        let back = p - 1;
        while (back >= from && (text[back] === " " || text[back] === "\t")) back--;
        if (text[back] !== "\\" || back < from) return p;
      }
      p++;
    }
    return p;
  }

  private report<A extends unknown[]>(
    e: {
      code: string;
      severity: Diagnostic["severity"];
      message: (...args: A) => string;
    },
    where: Span,
    ...args: A
  ): void {
    this.diagnostics.push(diag(e, where, ...args));
  }
}
