import { spellInvisible, unicodeEscape } from "../../source/invisible.js";
import { type ResolvedSpan, resolveSpan, type Span } from "../../source/span.js";
import type { Diagnostic, Severity } from "../diagnostic.js";

export interface PrettyOptions {
  readonly color: boolean;
  readonly relativize: (path: string) => string;
  /**
   * Show at most this many warnings and notes of one code (all files together), then one line counting the
   * rest of that code: `mofgen generate` uses it, where the same 39 warnings on every run are noise; `check`
   * shows them all. Errors are always shown.
   */
  readonly perCode?: number;
}

const codes = {
  red: 31,
  yellow: 33,
  cyan: 36,
  blue: 34,
  bold: 1,
  dim: 2,
} as const;

function paint(on: boolean, style: keyof typeof codes, text: string): string {
  return on ? `\u001b[${codes[style]}m${text}\u001b[0m` : text;
}

const severityStyle: Record<Severity, keyof typeof codes> = {
  error: "red",
  warning: "yellow",
  info: "cyan",
};

/**
 * `file:line:column - error MOF1201: message`, then a code frame: the line with its number and a row of `^`
 * under the exact span (sql-parser-cst's FormattedSyntaxError and TypeScript's pretty output are the models).
 */
export function formatPretty(d: Diagnostic, options: PrettyOptions): string {
  const { color } = options;
  const sev = paint(color, severityStyle[d.severity], d.severity);
  const code = paint(color, "dim", d.code);
  if (d.span === undefined) {
    const where = d.path ? `${paint(color, "cyan", options.relativize(d.path))} - ` : "";
    return `${where}${sev} ${code}: ${escapeInvisible(d.message)}\n`;
  }
  const r = resolveSpan(d.span);
  const location = paint(color, "cyan", `${options.relativize(r.file)}:${r.line}:${r.column}`);
  let out = `${location} - ${sev} ${code}: ${escapeInvisible(d.message)}\n`;
  out += codeFrame(d.span, r, color, severityStyle[d.severity]);
  for (const rel of d.related ?? []) {
    const rr = resolveSpan(rel.span);
    out += `  ${paint(color, "cyan", `${options.relativize(rr.file)}:${rr.line}:${rr.column}`)}: ${rel.message}\n`;
  }
  return out;
}

/** At most this many characters of a line are shown; a span further right is shown with some before it. */
const shownWidth = 200;
const shownBefore = 100;
const cut = "...";

/**
 * The span's line, or on a long line a window of it around the span with `...` where it is cut, and the carets
 * under the span within that window. Only the window is read and padded, so a frame costs the same on an 11 MB
 * line as on a short one (padding to the full column printed 1.6 GB for 40,000 warnings on an 80 KB line).
 * Tabs are shown as single spaces so the carets line up whatever the terminal's tab width.
 */
function codeFrame(at: Span, r: ResolvedSpan, color: boolean, style: keyof typeof codes): string {
  const text = at.file.text;
  const lineStart = Math.min(Math.max(at.start, 0), text.length) - (r.column - 1);
  const from = r.column <= shownWidth ? 0 : r.column - 1 - shownBefore;
  const window = lineWindow(text, lineStart + from, shownWidth);
  const head = from > 0 ? cut : "";
  const tail = window.more ? cut : "";
  const raw = window.text.replace(/\t/g, " ");
  const shown = `${head}${escapeInvisible(raw)}${tail}`;
  // Columns are 1-based; `end` is the column just after the last one shown (the cut marker counts as shown).
  const end = from + window.text.length + tail.length + 1;
  const last = r.endLine === r.line ? Math.max(r.endColumn, r.column + 1) : end;
  const width = Math.max(1, Math.min(last, end) - r.column);
  // Carets are placed in the escaped text: an escape such as \u{202E} is wider than the character it shows.
  const startIn = r.column - 1 - from;
  const spanned = raw.slice(startIn, startIn + width);
  const caretWidth = Math.max(1, escapeInvisible(spanned).length + (width - spanned.length));
  const carets = `${" ".repeat(head.length + escapeInvisible(raw.slice(0, startIn)).length)}${"^".repeat(caretWidth)}`;
  const gutter = String(r.line);
  const pad = " ".repeat(gutter.length);
  return `${paint(color, "dim", `${gutter} |`)} ${shown}\n${paint(color, "dim", `${pad} |`)} ${paint(color, style, carets)}\n`;
}

/**
 * The text with what a terminal would not show as itself spelled `\u202E` (source/invisible.ts, which the
 * emitters use too): control characters (an ESC starts a terminal sequence), bidirectional controls ("Trojan
 * Source": they reorder what the line appears to say), zero-width and other format characters.
 */
export function escapeInvisible(text: string): string {
  return spellInvisible(text, unicodeEscape);
}

/** Up to `width` characters of the line from `start`, and whether the line goes on after them. */
function lineWindow(text: string, start: number, width: number): { text: string; more: boolean } {
  let end = start;
  while (end < text.length && end - start < width && !isLineBreak(text.charCodeAt(end))) end++;
  return { text: text.slice(start, end), more: end < text.length && !isLineBreak(text.charCodeAt(end)) };
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/**
 * Shown per file and severity before the rest are only counted. clang stops after 20 errors and gcc has
 * `-fmax-errors`; tsc and eslint print everything, which for a generated or hostile file (200,000 warnings from
 * one string) buries the first findings and floods the terminal or the CI log. Each severity has its own
 * allowance, so that a flood of warnings never hides an error. JSON and SARIF list everything.
 */
const shownPerFile = 100;

type Counts = Record<Severity, number>;
const noCounts = (): Counts => ({ error: 0, warning: 0, info: 0 });

/**
 * The diagnostics in the pretty format, in the order given, one block each (`formatPretty` and a blank line),
 * and after each file's last block a line that counts what the allowance per file (`shownPerFile`) left out.
 */
export function* prettyBlocks(diagnostics: Iterable<Diagnostic>, options: PrettyOptions): Generator<string> {
  const shown = new Map<string, Counts>();
  const byCode = new Map<string, { severity: Severity; shown: number; more: number }>();
  let file: string | undefined;
  let left = noCounts();
  for (const d of diagnostics) {
    if (options.perCode !== undefined && d.severity !== "error") {
      const seen = byCode.get(d.code) ?? { severity: d.severity, shown: 0, more: 0 };
      byCode.set(d.code, seen);
      if (seen.shown >= options.perCode) {
        seen.more++;
        continue;
      }
      seen.shown++;
    }
    const key = d.span?.file.path ?? d.path ?? "";
    if (key !== file) {
      if (file !== undefined) yield* leftOut(file, left, options);
      file = key;
      left = noCounts();
    }
    const counts = shown.get(key) ?? noCounts();
    shown.set(key, counts);
    if (counts[d.severity] < shownPerFile) {
      counts[d.severity]++;
      yield `${formatPretty(d, options)}\n`;
    } else left[d.severity]++;
  }
  if (file !== undefined) yield* leftOut(file, left, options);
  for (const [code, { severity, more }] of byCode) {
    if (more === 0) continue;
    const noun = `${severity === "info" ? "note" : "warning"}${more === 1 ? "" : "s"}`;
    yield `and ${grouped(more)} more ${paint(options.color, "dim", code)} ${noun} not shown (\`mofgen check\` lists them; --quiet, or "diagnostics": { "${code}": "off" } in the configuration, silences them)\n\n`;
  }
}

const leftOutWords: Record<Severity, [string, string]> = {
  error: ["more error", "more errors"],
  warning: ["more warning", "more warnings"],
  info: ["more note", "more notes"],
};

function* leftOut(file: string, left: Counts, options: PrettyOptions): Generator<string> {
  const parts = (["error", "warning", "info"] as const)
    .filter((s) => left[s] > 0)
    .map((s) => `${grouped(left[s])} ${leftOutWords[s][left[s] === 1 ? 0 : 1]}`);
  if (parts.length === 0) return;
  const where = file === "" ? "" : `${paint(options.color, "cyan", options.relativize(file))}: `;
  yield `${where}${parts.join(" and ")} not shown (\`mofgen check --format json\` lists every diagnostic)\n\n`;
}

/** `39,900`: digits grouped in threes, whatever the locale. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
