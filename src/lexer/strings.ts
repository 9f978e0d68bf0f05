import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Span } from "../source/span.js";

/** A lexical problem found inside a literal, with its offsets; the scanner turns it into a diagnostic. */
export interface LiteralProblem {
  readonly start: number;
  readonly end: number;
  readonly make: (where: Span) => Diagnostic;
}

export interface QuotedResult {
  /** Decoded value, escapes applied. */
  readonly value: string;
  /** Offset just past the closing quote (or where scanning stopped). */
  readonly end: number;
  readonly closed: boolean;
  readonly problems: readonly LiteralProblem[];
}

const stringStops = /["\\\n\r]/g;
const char16Stops = /['\\\n\r]/g;

const simpleEscapes: Record<string, string> = {
  b: "\b",
  t: "\t",
  n: "\n",
  f: "\f",
  r: "\r",
  '"': '"',
  "'": "'",
  "\\": "\\",
};

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * The offset of the closing quote of the string literal opening at `start` when the literal is plain (no escape,
 * no line break, closed: nearly every literal of a schema, whose value is then the text between the quotes),
 * else -1 (`scanQuoted` reads it, problems and all). The scanner takes this path first, sparing a result object
 * per literal.
 */
export function plainStringEnd(text: string, start: number): number {
  stringStops.lastIndex = start + 1;
  if (!stringStops.test(text)) return -1;
  const at = stringStops.lastIndex - 1;
  return text.charCodeAt(at) === 0x22 ? at : -1;
}

/**
 * Scan a string ("...") or char16 ('...') literal starting at `start` (the opening quote).
 * DSP0004 escapes: \b \t \n \f \r \" \' \\ and \x or \X with one to four hex digits, which may end the
 * literal ("\x41" is "A"; pywbem crashes on exactly this). No length limit. A literal may not run past the
 * end of its line: adjacent literals ("a" "b") are how MOF continues a string. An unknown escape such as
 * `\~` is kept as written (backslash and character) and reported as a warning.
 */
/** Shared by the literals without problems (nearly all): no array per string. */
const noProblems: readonly LiteralProblem[] = [];

/** `problems` with `problem` added; the array is made for a literal's first problem. */
function withProblem(problems: LiteralProblem[] | undefined, problem: LiteralProblem): LiteralProblem[] {
  if (problems === undefined) return [problem];
  problems.push(problem);
  return problems;
}

export function scanQuoted(text: string, start: number, quote: number, acrossLines = false): QuotedResult {
  let problems: LiteralProblem[] | undefined;
  let pos = start + 1;
  let chunkStart = pos;
  let value = "";
  const stops = quote === 0x22 ? stringStops : char16Stops;
  while (pos < text.length) {
    // Jump straight to the next character that matters: most string text has no escapes.
    stops.lastIndex = pos;
    if (stops.test(text)) pos = stops.lastIndex - 1;
    else pos = text.length;
    if (pos >= text.length) break;
    const c = text.charCodeAt(pos);
    if (c === quote) {
      value += text.slice(chunkStart, pos);
      return { value, end: pos + 1, closed: true, problems: problems ?? noProblems };
    }
    if ((c === 10 || c === 13) && !acrossLines) break;
    if (c !== 0x5c /* \ */) {
      pos++;
      continue;
    }
    value += text.slice(chunkStart, pos);
    const escStart = pos;
    const e = text[pos + 1];
    if (e === "x" || e === "X") {
      let p = pos + 2;
      while (p < pos + 6 && isHex(text.charCodeAt(p))) p++;
      if (p === pos + 2) {
        problems = withProblem(problems, invalidEscape(escStart, p, text.slice(escStart, p)));
        value += text.slice(escStart, p);
      } else {
        value += String.fromCharCode(Number.parseInt(text.slice(pos + 2, p), 16));
      }
      pos = p;
    } else if (e !== undefined && simpleEscapes[e] !== undefined) {
      value += simpleEscapes[e];
      pos += 2;
    } else if (e === undefined || e === "\n" || e === "\r") {
      pos++;
      problems = withProblem(problems, invalidEscape(escStart, pos, "\\"));
      value += "\\";
    } else {
      // Kept as written, backslash and all, as cimmof and mofcomp keep it: `class\subclass` in a Description and
      // `System\CIM_Foo.mof` in an include are text with a backslash, which dropping it would silently change.
      const cp = text.codePointAt(pos + 1) ?? 0;
      const w = cp > 0xffff ? 2 : 1;
      const written = text.slice(escStart, pos + 1 + w);
      problems = withProblem(problems, invalidEscape(escStart, pos + 1 + w, written));
      value += written;
      pos += 1 + w;
    }
    chunkStart = pos;
  }
  value += text.slice(chunkStart, pos);
  const atLineEnd = pos < text.length;
  problems = withProblem(problems, {
    start,
    end: pos,
    make: (where) => diag(atLineEnd ? Diagnostics.NewlineInString : Diagnostics.UnterminatedString, where),
  });
  const continued = atLineEnd && !acrossLines ? closingQuoteOnLaterLine(text, pos, quote) : undefined;
  if (continued !== undefined) {
    // Recovery: a literal broken across lines (common in documentation) most likely ends at the next quote
    // that is followed by ';', ',', ')', ']' or '}'. Taking that quote as its end keeps the rest of the file
    // in step instead of turning every following string inside out. The error above still stands.
    const rest = scanQuoted(text, start, quote, true);
    const later = rest.problems.filter((p) => p.start >= pos);
    return { value: rest.value, end: continued + 1, closed: false, problems: [...problems, ...later] };
  }
  return { value, end: pos, closed: false, problems };
}

const maxContinuationLines = 5;

/** Offset of a plausible closing quote within the next few lines, or undefined. */
function closingQuoteOnLaterLine(text: string, from: number, quote: number): number | undefined {
  let lines = 0;
  for (let p = from; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === 10) {
      if (++lines > maxContinuationLines) return undefined;
    } else if (c === 0x5c) p++;
    else if (c === quote) {
      let q = p + 1;
      while (q < text.length && (text[q] === " " || text[q] === "\t")) q++;
      const next = text[q];
      return next === ";" || next === "," || next === ")" || next === "]" || next === "}" ? p : undefined;
    }
  }
  return undefined;
}

/** Unknown escapes are kept as written (what cimmof and mofcomp do), with a warning. */
function invalidEscape(start: number, end: number, esc: string): LiteralProblem {
  return {
    start,
    end,
    make: (where) => diag(Diagnostics.InvalidEscape, where, esc),
  };
}

/**
 * The file name of an include as cimmof reads it: `\` is a path separator, not an escape, so
 * `"System\CIM_DiagnosticResult.mof"` (DMTF CIM 2.13.1's roll-up) and `"Device\temp.mof"` name what they
 * show; `\\` and `\"` still stand for one backslash and a quote. `literal` is the quoted literal as written;
 * anything else (adjacent literals) keeps its `decoded` value.
 */
export function includePath(literal: string, decoded: string): string {
  // Without a backslash there is nothing to read differently: the literal's value is the name (nearly every
  // include: a roll-up's 1,633 of them would otherwise each run the expression below).
  if (!literal.includes("\\")) return decoded;
  const m = /^"((?:[^"\\\r\n]|\\.)*)"$/.exec(literal);
  return m?.[1] === undefined ? decoded : m[1].replace(/\\(["\\])/g, "$1");
}
