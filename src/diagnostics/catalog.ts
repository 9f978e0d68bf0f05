import type { Span } from "../source/span.js";
import type { Diagnostic, RelatedLocation, Severity } from "./diagnostic.js";

/**
 * The one catalog of diagnostic codes. Ranges follow the house style:
 * MOF1xxx source, lexical and syntax; MOF2xxx names and inheritance; MOF3xxx qualifiers and values;
 * MOF4xxx generation. A code never changes meaning once released; retired codes are not reused.
 */
interface Entry<A extends unknown[]> {
  readonly code: string;
  readonly severity: Severity;
  readonly message: (...args: A) => string;
}

function entry<A extends unknown[]>(code: string, severity: Severity, message: (...args: A) => string): Entry<A> {
  return { code, severity, message };
}

const q = (s: string) => `'${s}'`;

export const Diagnostics = {
  // --- MOF10xx: reading sources -----------------------------------------------------------------
  NotUtf8: entry("MOF1001", "info", () => "file is not valid UTF-8 here; reading the whole file as Windows-1252"),
  Utf16WithoutBom: entry("MOF1002", "info", (enc: string) => `file has no byte-order mark; read as ${enc}`),
  CannotRead: entry("MOF1003", "error", (path: string, reason: string) => `cannot read ${q(path)}: ${reason}`),
  IncludeNotFound: entry(
    "MOF1004",
    "error",
    (name: string, searched: string) => `cannot find include file ${q(name)} (searched ${searched})`,
  ),
  IncludeCycle: entry("MOF1005", "error", (name: string) => `include cycle: ${q(name)} is already being compiled`),
  NoMofFiles: entry("MOF1006", "warning", (dir: string) => `no .mof files under ${q(dir)}`),
  IncludeCaseMismatch: entry(
    "MOF1007",
    "info",
    (name: string, actual: string) => `include ${q(name)} matched ${q(actual)} only case-insensitively`,
  ),

  // --- MOF11xx: lexical ------------------------------------------------------------------------
  UnexpectedCharacter: entry("MOF1101", "error", (ch: string) => `unexpected character ${ch}`),
  UnterminatedString: entry("MOF1102", "error", () => "unterminated string literal: missing closing '\"'"),
  UnterminatedComment: entry("MOF1103", "error", () => "unterminated comment: missing '*/'"),
  InvalidEscape: entry(
    "MOF1104",
    "warning",
    (esc: string, kept: string) =>
      `unknown escape sequence ${q(esc)}, read as ${q(kept)}; MOF escapes are \\b \\t \\n \\f \\r \\" \\' \\\\ \\xHHHH`,
  ),
  InvalidNumber: entry("MOF1105", "error", (text: string, why: string) => `invalid number ${q(text)}: ${why}`),
  InvalidChar16: entry("MOF1106", "error", (why: string) => `invalid char16 literal: ${why}`),
  InvalidAlias: entry("MOF1107", "error", () => "'$' must be followed by an alias name"),
  NewlineInString: entry(
    "MOF1108",
    "error",
    () => "string literal runs past the end of the line; close it with '\"' and continue with another literal",
  ),

  // --- MOF115x: preprocessor (WMI #define / #include) -------------------------------------------
  UnknownDirective: entry("MOF1151", "error", (name: string) => `unknown preprocessor directive ${q(`#${name}`)}`),
  MalformedDirective: entry("MOF1152", "error", (what: string) => what),
  FunctionMacro: entry(
    "MOF1153",
    "error",
    (name: string) => `function-like macro ${q(name)} is not supported; only object-like #define is`,
  ),
  MacroRedefined: entry("MOF1154", "warning", (name: string) => `macro ${q(name)} redefined`),
  MacroRecursion: entry("MOF1155", "error", (name: string) => `macro ${q(name)} expands to itself`),
  UnbalancedConditional: entry("MOF1156", "error", (what: string) => what),
  MacroTooLarge: entry(
    "MOF1157",
    "error",
    (name: string, limit: number) => `the expansion of macro '${name}' exceeds ${limit} tokens; cut off here`,
  ),

  // --- MOF12xx: syntax -------------------------------------------------------------------------
  Syntax: entry("MOF1201", "error", (message: string) => message),
  UnknownDataType: entry(
    "MOF1202",
    "error",
    (name: string, hint: string) => `${q(name)} is not a CIM data type${hint}`,
  ),
  UnknownFlavor: entry(
    "MOF1203",
    "error",
    (name: string, known: string) => `unknown qualifier flavor ${q(name)}; expected one of ${known}`,
  ),
  UnknownScope: entry(
    "MOF1204",
    "error",
    (name: string, known: string) => `unknown qualifier scope ${q(name)}; expected one of ${known}`,
  ),
  WmiExtension: entry(
    "MOF1205",
    "error",
    (what: string) => `${what} is a Microsoft WMI extension, not DMTF MOF (compiled with --dialect dmtf)`,
  ),
  UnknownPragma: entry("MOF1206", "warning", (name: string) => `unknown pragma ${q(name)}; ignored`),
  PragmaArguments: entry("MOF1207", "error", (name: string, expected: string) => `#pragma ${name} takes ${expected}`),
  MissingScope: entry(
    "MOF1208",
    "error",
    (name: string) => `qualifier declaration ${q(name)} has no Scope(...); every qualifier type needs one`,
  ),
  Mof3Construct: entry(
    "MOF1210",
    "error",
    (what: string) => `${what} is MOF 3.0 (DSP0221); mofgen reads DSP0004 v2 MOF and the WMI dialect`,
  ),
  NameAsValue: entry(
    "MOF1212",
    "error",
    (name: string) =>
      `${q(name)} is not a value: write a number, a "string", a 'c'har, true, false, null, a $alias or {...}` +
      "; if it is a macro, no #define for it was seen",
  ),
  TooDeep: entry(
    "MOF1213",
    "error",
    () => "declarations are nested too deeply to parse; the rest of this declaration is skipped",
  ),
  TooManyErrors: entry(
    "MOF1214",
    "error",
    (limit: number) => `more than ${limit} syntax errors in this file; stopped checking it here`,
  ),
  PragmaValue: entry(
    "MOF1211",
    "warning",
    (name: string, value: string) => `#pragma ${name}: unknown value ${q(value)}; ignored`,
  ),
} as const;

export type DiagnosticEntry = (typeof Diagnostics)[keyof typeof Diagnostics];

/** Build a diagnostic from a catalog entry. */
export function diag<A extends unknown[]>(e: Entry<A>, where: Span | undefined, ...args: A): Diagnostic {
  return where
    ? {
        code: e.code,
        severity: e.severity,
        message: e.message(...args),
        span: where,
      }
    : {
        code: e.code,
        severity: e.severity,
        message: e.message(...args),
      };
}

export function withRelated(d: Diagnostic, related: readonly RelatedLocation[]): Diagnostic {
  return { ...d, related };
}

export function withPath(d: Diagnostic, path: string): Diagnostic {
  return { ...d, path };
}

/** Every catalog entry, for documentation and for the test that keeps codes unique. */
export function catalogEntries(): readonly {
  code: string;
  severity: Severity;
  name: string;
}[] {
  return Object.entries(Diagnostics).map(([name, e]) => ({
    code: e.code,
    severity: e.severity,
    name,
  }));
}
