import { sameName } from "@mofgen/runtime/values";
import type { Span } from "../source/span.js";
import type { Diagnostic, RelatedLocation, Severity } from "./diagnostic.js";

/**
 * The one catalog of diagnostic codes. Ranges follow the house style:
 * MOF1xxx source, lexical and syntax; MOF2xxx names and inheritance; MOF3xxx qualifiers and values;
 * MOF4xxx generation. A code never changes meaning once released; retired codes are not reused.
 */
export interface Entry<A extends unknown[]> {
  readonly code: string;
  readonly severity: Severity;
  readonly message: (...args: A) => string;
}

function entry<A extends unknown[]>(code: string, severity: Severity, message: (...args: A) => string): Entry<A> {
  return { code, severity, message };
}

const q = (s: string) => `'${s}'`;

/** WMI mode: mofcomp resolves a class a file does not declare in the namespace it compiles into. */
const inTargetNamespace = (wmi: boolean) =>
  wmi ? " in these files; WMI takes it from the namespace the MOF is compiled into, which must already hold it" : "";

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
  NoMofFiles: entry("MOF1006", "error", (dir: string) => `no .mof files under ${q(dir)}: there is nothing to compile`),
  IncludeCaseMismatch: entry(
    "MOF1007",
    "info",
    (name: string, actual: string) => `include ${q(name)} matched ${q(actual)} only case-insensitively`,
  ),
  IncludeOutsideRoots: entry(
    "MOF1008",
    "error",
    (name: string, path: string) =>
      `include ${q(name)} is ${q(path)}, outside the folders includes may read (the including file's folder, ` +
      "the input folders and --include folders); it was not read. Allow it with --allow-include-outside " +
      "(includeOutsideRoots in mofgen.config.json)",
  ),
  NotMof: entry(
    "MOF1009",
    "error",
    (why: string) => `this is not MOF text (${why}); it is not compiled, and its lines are not shown`,
  ),
  MacroBudgetSpent: entry(
    "MOF1010",
    "error",
    (name: string, limit: number) =>
      `macro ${q(name)} takes macro expansion past ${limit} tokens in this compilation (a #define that doubles ` +
      "at each level?); this and every later macro use expand to nothing",
  ),
  LoneSurrogateInName: entry(
    "MOF1012",
    "error",
    (name: string) =>
      `the name ${q(name)} holds a lone UTF-16 surrogate, read as U+FFFD: names that differ only there would be ` +
      "taken as one; fix the file's encoding",
  ),
  LoneSurrogate: entry(
    "MOF1013",
    "warning",
    (count: number) =>
      `lone UTF-16 surrogate, read as U+FFFD${count > 1 ? ` (and ${count - 1} more in this file outside names)` : ""}`,
  ),
  IncludeTooDeep: entry(
    "MOF1011",
    "error",
    (name: string, limit: number) =>
      `include ${q(name)} would nest includes more than ${limit} deep (is each file including the next?); it was not read`,
  ),
  InputTooLarge: entry(
    "MOF1040",
    "error",
    (total: string, limit: string) =>
      `the MOF files to compile come to ${total}, more than the ${limit} this process's heap can hold as a model; ` +
      "compile fewer files at once, or give Node a larger heap (NODE_OPTIONS=--max-old-space-size=MEGABYTES)",
  ),

  // --- MOF11xx: lexical ------------------------------------------------------------------------
  UnexpectedCharacter: entry("MOF1101", "error", (ch: string) => `unexpected character ${ch}`),
  UnterminatedString: entry("MOF1102", "error", () => "unterminated string literal: missing closing '\"'"),
  UnterminatedComment: entry("MOF1103", "error", () => "unterminated comment: missing '*/'"),
  InvalidEscape: entry(
    "MOF1104",
    "warning",
    (esc: string) =>
      `unknown escape sequence ${q(esc)}, kept as written; MOF escapes are \\b \\t \\n \\f \\r \\" \\' \\\\ \\xHHHH (write \\\\ for a backslash)`,
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
    (name: string, missingIncludes: readonly string[] = []) =>
      `${q(name)} is not a value: write a number, a "string", a 'c'har, true, false, null, a $alias or {...}` +
      (missingIncludes.length === 0
        ? "; if it is a macro, no #define for it was seen"
        : `; if it is a macro, it may come from an include that was not found: ${missingIncludes.map(q).join(", ")}`),
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

  // --- MOF2xxx: names, inheritance, instances -----------------------------------------------------
  DuplicateClass: entry(
    "MOF2001",
    "error",
    (name: string, ns: string, identical: boolean = false) =>
      `class ${q(name)} is declared twice in namespace ${q(ns)}` +
      (identical
        ? "; both declare the same members (descriptions aside), and mofcomp takes the second as an update of the first"
        : ""),
  ),
  UnknownSuperclass: entry(
    "MOF2002",
    "error",
    (sup: string, cls: string, wmi: boolean = false) =>
      `superclass ${q(sup)} of ${q(cls)} is not defined${inTargetNamespace(wmi)}`,
  ),
  InheritanceCycle: entry("MOF2003", "error", (chain: string) => `inheritance cycle: ${chain}`),
  KindMismatch: entry("MOF2004", "error", (what: string) => what),
  ReferenceOutsideAssociation: entry(
    "MOF2005",
    "error",
    (name: string, cls: string) => `reference ${q(name)} is declared in ${q(cls)}, which is not an association`,
  ),
  DuplicateMember: entry("MOF2006", "error", (what: string, name: string) => `${what} ${q(name)} is declared twice`),
  OverrideWithoutTarget: entry(
    "MOF2007",
    "error",
    (name: string, cls: string) => `Override(${q(name)}) in ${q(cls)} names no inherited element`,
  ),
  OverrideTypeMismatch: entry("MOF2008", "error", (what: string) => what),
  UnknownClass: entry(
    "MOF2009",
    "error",
    (name: string, usage: string, wmi: boolean = false) =>
      `class ${q(name)} ${usage} is not defined${inTargetNamespace(wmi)}`,
  ),
  DuplicateParameter: entry(
    "MOF2010",
    "error",
    (name: string, method: string) => `parameter ${q(name)} of ${q(method)} is declared twice`,
  ),
  DuplicateAlias: entry("MOF2011", "error", (alias: string) => `alias ${q(`$${alias}`)} is defined twice`),
  UnknownAlias: entry("MOF2012", "error", (alias: string) => `alias ${q(`$${alias}`)} is not defined`),
  AbstractInstance: entry("MOF2014", "error", (cls: string) => `${q(cls)} is abstract and cannot have instances`),
  UnknownInstanceProperty: entry(
    "MOF2015",
    "error",
    (prop: string, cls: string) => `class ${q(cls)} has no property ${q(prop)}`,
  ),
  MissingKey: entry(
    "MOF2016",
    "error",
    (key: string, cls: string) => `instance of ${q(cls)} does not set key property ${q(key)}`,
  ),
  ArrayReturn: entry(
    "MOF2017",
    "error",
    (method: string) => `method ${q(method)} returns an array; CIM methods cannot`,
  ),
  NoDirection: entry("MOF2018", "error", (param: string) => `parameter ${q(param)} is neither In nor Out`),
  ArrayKey: entry("MOF2019", "error", (name: string) => `key property ${q(name)} is an array; keys must be scalars`),
  DeleteUnknownClass: entry(
    "MOF2020",
    "warning",
    (name: string) => `#pragma deleteclass: class ${q(name)} is not defined (use NOFAIL if that is expected)`,
  ),
  DuplicateQualifierType: entry(
    "MOF2021",
    "error",
    (name: string) => `qualifier ${q(name)} is declared twice with different definitions`,
  ),
  DuplicatePropertyValue: entry("MOF2022", "error", (name: string) => `property ${q(name)} is given a value twice`),
  RedeclaredWithoutOverride: entry(
    "MOF2024",
    "error",
    (name: string, origin: string) =>
      `${q(name)} is inherited from ${q(origin)}; re-declaring it needs an Override qualifier in DMTF MOF`,
  ),
  RefReturn: entry(
    "MOF2023",
    "error",
    (method: string) => `method ${q(method)} returns a reference; CIM methods return a data type`,
  ),
  ClassBeingDefined: entry(
    "MOF2025",
    "error",
    (cls: string, building: string) =>
      `an instance of ${q(cls)} cannot be written inside the definition of ${q(building)}${sameName(cls, building) ? "" : ", its superclass"}: the class is not complete there`,
  ),

  InvisibleCharacterInName: entry(
    "MOF2030",
    "warning",
    (name: string, character: string, kind: string) =>
      `name ${q(name)} holds ${character}, ${kind}: the name can look different from what it is`,
  ),

  // --- MOF3xxx: qualifiers and values --------------------------------------------------------------
  UndeclaredQualifier: entry(
    "MOF3001",
    "error",
    (name: string) => `qualifier ${q(name)} is not declared (include qualifiers.mof, or use --builtin-qualifiers)`,
  ),
  QualifierScope: entry(
    "MOF3004",
    "error",
    (name: string, target: string, allowed: string) =>
      `qualifier ${q(name)} cannot be used on a ${target} (scope: ${allowed})`,
  ),
  DuplicateQualifier: entry("MOF3005", "error", (name: string) => `qualifier ${q(name)} is given twice`),
  ConflictingFlavors: entry(
    "MOF3006",
    "error",
    (a: string, b: string) => `flavors ${q(a)} and ${q(b)} contradict each other`,
  ),
  DisableOverrideChanged: entry(
    "MOF3007",
    "error",
    (name: string, from: string) =>
      `qualifier ${q(name)} is DisableOverride in ${q(from)}; its value cannot be changed`,
  ),
  ValueType: entry("MOF3008", "error", (what: string) => what),
  InvalidDatetime: entry("MOF3009", "error", (value: string, why: string) => `invalid datetime ${q(value)}: ${why}`),
  ValueMapLength: entry(
    "MOF3010",
    "error",
    (vm: number, values: number) => `ValueMap has ${vm} entries but Values has ${values}; they must pair up`,
  ),
  ValueMapEntry: entry("MOF3011", "error", (entry: string, why: string) => `ValueMap entry ${q(entry)}: ${why}`),
  ValueMapElementKind: entry("MOF3013", "error", (qualifier: string, text: string, kind: string) =>
    qualifier === "Values"
      ? `Values label ${text} is ${kind}, not a string: the ValueMap entry at its place is labelled with its own value`
      : `ValueMap entry ${text} is ${kind}, not a string ("5", "1..4"): it is left out of the map, and so is the Values label at its place`,
  ),
  ValueMapOverlap: entry(
    "MOF3012",
    "warning",
    (entry: string, other: string) => `ValueMap entry ${q(entry)} overlaps ${q(other)}`,
  ),
  EmbeddedInstanceText: entry("MOF3014", "error", (message: string) => `in the embedded instance: ${message}`),
  ValueMapSwapped: entry(
    "MOF3018",
    "warning",
    () => "ValueMap holds labels and Values holds numbers: the two qualifiers look swapped",
  ),

  // --- MOF48xx: the docs command's templates and overlay -------------------------------------------
  DocsTemplateError: entry("MOF4801", "error", (name: string, why: string) => `template '${name}.hbs': ${why}`),
  DocsTemplateUnknown: entry("MOF4802", "warning", (why: string) => why),
  DocsOverlaySyntax: entry("MOF4803", "error", (why: string) => `overlay is not valid JSON: ${why}`),
  DocsOverlayUnknownTarget: entry(
    "MOF4804",
    "warning",
    (key: string, why: string) => `overlay key ${q(key)} is ignored: ${why}`,
  ),
  DocsOverlayValue: entry("MOF4805", "error", (what: string) => what),
  DocsLocaleUnamended: entry(
    "MOF4806",
    "warning",
    (locale: string, found: string) =>
      `no class of the inputs is amended in locale ${q(locale)} (${found}): the pages keep the neutral descriptions and value labels`,
  ),

  // --- MOF49xx: the generate command's configuration file and output directory ----------------------
  ConfigSyntax: entry("MOF4901", "error", (why: string) => `configuration is not valid JSON: ${why}`),
  ConfigUnknownKey: entry(
    "MOF4902",
    "error",
    (key: string, known: string, hint?: string) =>
      `unknown configuration key ${q(key)}; ${hint === undefined ? `the keys here are ${known}` : `did you mean ${q(hint)}?`}`,
  ),
  ConfigValueType: entry(
    "MOF4903",
    "error",
    (key: string, expected: string) => `${key === "" ? "the configuration" : q(key)} must be ${expected}`,
  ),
  ConfigDuplicateKey: entry("MOF4904", "error", (key: string) => `${q(key)} is given twice`),
  ConfigMissingKey: entry("MOF4905", "error", (key: string, why: string) => `${q(key)} is required ${why}`),
  ConfigUnknownCode: entry(
    "MOF4906",
    "error",
    (code: string, hint?: string) =>
      `${q(code)} is no mofgen diagnostic code${hint === undefined ? " (the README lists them)" : `; did you mean ${q(hint)}?`}`,
  ),
  OutputNotGenerated: entry("MOF4911", "error", (filesBelow?: number | "directory") =>
    filesBelow === undefined
      ? "exists but was not written by mofgen (not in the manifest, no generated header): mofgen will not overwrite it; move it or choose another output directory"
      : filesBelow === "directory"
        ? "is a directory where mofgen must write a file: mofgen never removes a directory (or what it holds) to make room for a file; move it or choose another output directory"
        : `is in the way of a folder that mofgen must create for ${filesBelow === 1 ? "1 file" : `${filesBelow} files`}: mofgen never overwrites or removes a file to make a folder; move it or choose another directory`,
  ),
  OutputWriteFailed: entry("MOF4912", "error", (what: string, reason: string, files = 1) =>
    files === 1 ? `cannot ${what}: ${reason}` : `cannot ${what} ${files} files in this folder and below: ${reason}`,
  ),
  ManifestInvalid: entry(
    "MOF4913",
    "warning",
    (why: string) => `manifest ignored (${why}): files mofgen wrote before are recognised by their header only`,
  ),
  ProviderMethodsMissing: entry(
    "MOF4914",
    "warning",
    (methods: string) => `provider implementation lacks methods that its generated base now declares: ${methods}`,
  ),
  ProviderClassUnknown: entry(
    "MOF4915",
    "warning",
    (name: string) =>
      `providers.classes names ${q(name)}, which is no class that can have a provider (none of that name, or only abstract ones)`,
  ),
  OutputThroughLink: entry(
    "MOF4916",
    "error",
    (target: string, where = "the output directory") =>
      `is a symbolic link (to ${q(target)}) inside ${where}: mofgen never writes, creates or removes files through a link; replace it with a real directory or remove it`,
  ),
  OutputLocked: entry(
    "MOF4917",
    "error",
    (holder: string, seconds: number) =>
      `another mofgen run (${holder}) is writing to this output directory; waited ${seconds} s for it. If that process is gone, delete this lock file`,
  ),
  OutputUnlisted: entry(
    "MOF4918",
    "warning",
    () =>
      "carries mofgen's generated header, but no manifest lists it and this run does not write it (left by runs that wrote at once?): mofgen leaves it; delete it if it is stale",
  ),
  OutputCommonJs: entry(
    "MOF4919",
    "warning",
    () =>
      `makes the output directory CommonJS (no "type": "module"), where tsc refuses the imports and exports of the generated .ts modules (TS1287, TS1295): set "extension": ".mts" in the configuration, or "type": "module" here`,
  ),
  ProviderFileTooLarge: entry(
    "MOF4920",
    "warning",
    (limit: string, size?: number) =>
      `provider implementation is larger than ${limit}${size === undefined ? "" : ` (${size} bytes)`}: mofgen does not read it, so it is not checked for methods that its generated base declares (MOF4914); it is left as it is`,
  ),
  OutputHeaderRemoved: entry(
    "MOF4921",
    "error",
    () =>
      "was written by mofgen (the manifest lists it) but no longer starts with mofgen's generated header, which the new file has: it may hold your edits, so mofgen will not overwrite it; delete it to have mofgen write it again, or move it out of the output directory to keep it",
  ),
  OutputHeaderRemovedKept: entry(
    "MOF4922",
    "warning",
    () =>
      "was written by mofgen (the manifest lists it) but no longer starts with mofgen's generated header, and this run no longer produces it: it may hold your edits, so mofgen leaves it and no longer lists it; delete it if it is stale",
  ),
  OutputPathUnsafe: entry(
    "MOF4930",
    "error",
    (path: string, why: string) =>
      `internal error: the output path ${q(path)} ${why}; nothing was written (this is a bug in mofgen: please report it with the MOF)`,
  ),
  OutputPathTooLong: entry(
    "MOF4931",
    "error",
    (path: string, bytes: number, limit: number) =>
      `the output path ${q(path)} would be ${bytes} bytes long, more than the ${limit} that mofgen writes (macOS allows 1,024 for a whole path): use shorter or fewer namespace names; nothing was written`,
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

/**
 * The same finding as a warning: for checks that DSP0004 makes but Microsoft's mofcomp does not enforce,
 * which mofgen reports as warnings when compiling the WMI dialect (see README, "Dialects").
 */
export function relaxed(d: Diagnostic): Diagnostic {
  return d.severity === "error" ? { ...d, severity: "warning" } : d;
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
