import { dirname, resolve } from "node:path";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { knownCodes, type SeverityLevel, severityLevels } from "../diagnostics/policy.js";
import { type Dialect, dialectChoices, parseDialect } from "../dialect/dialect.js";
import { type DocsStyle, docsStyles } from "../emit/docs/options.js";
import type { TypeScriptExtension } from "../emit/ts/generated-file.js";
import { readTextFile } from "../source/read-source.js";
import { SourceFile } from "../source/source-file.js";
import { type Span, span } from "../source/span.js";
import { closest } from "../util/spelling.js";
import { type JsonMember, type JsonValue, parseJson } from "./config-json.js";
import type { NamedPath } from "./docs-inputs.js";

/**
 * The file `mofgen generate` and `mofgen docs` read when given no PATH (docs/config.schema.json describes it);
 * settings.ts finds it.
 */
export const configFileName = "mofgen.config.json";

/** A configuration as read, with every path made absolute against the configuration file's directory. */
export interface GenerateConfig {
  readonly inputs?: readonly string[];
  readonly out?: string;
  readonly include?: readonly string[];
  /** Let includes read files outside the input, including and include folders (`--allow-include-outside`). */
  readonly includeOutsideRoots?: boolean;
  readonly dialect?: Dialect;
  readonly builtinQualifiers?: boolean;
  readonly runtimeImport?: string;
  /** `.ts` or `.mts` (ES modules in a CommonJS project too): see `TypeScriptOptions.extension`. */
  readonly extension?: TypeScriptExtension;
  readonly providers?: {
    readonly out: string;
    readonly classes: readonly string[];
    /** Where each class name was written, for diagnostics about it. */
    readonly classSpans?: readonly Span[];
  };
  /** The reference pages under `<out>/docs/`: true (the default), false, or their settings. */
  readonly docs?: boolean | DocsConfig;
  /** A severity per diagnostic code (`"MOF3010": "off"`): see diagnostics/policy.ts. */
  readonly diagnostics?: ReadonlyMap<string, SeverityLevel>;
}

/** The settings of the reference pages, as for `mofgen docs`; paths keep where they were written. */
export interface DocsConfig {
  readonly overlay?: NamedPath;
  readonly templates?: NamedPath;
  readonly locale?: string;
  /** The layout of the pages: "microsoft" (the default) or "dmtf". */
  readonly style?: DocsStyle;
}

export interface LoadedConfig {
  readonly path: string;
  readonly config: GenerateConfig;
  readonly diagnostics: readonly Diagnostic[];
  /** The file could not be read at all (missing, a directory, no permission): an I/O error, exit 2. */
  readonly unreadable: boolean;
  /** The top-level object's span, for "required" diagnostics that belong to no key. */
  readonly where?: Span;
  /**
   * The top-level keys written, valid or not: a key that is written but wrong is reported for what is wrong
   * with it, never also as missing.
   */
  readonly written?: ReadonlySet<string>;
}

/** Read and check a configuration file. Never throws for a bad file: every problem is a diagnostic. */
export function readConfig(path: string): LoadedConfig {
  let text: string;
  try {
    // As for MOF files: a FIFO, a device or a huge file is refused, not read until memory runs out.
    text = readTextFile(path);
  } catch (e) {
    const d = withPath(diag(Diagnostics.CannotRead, undefined, path, (e as Error).message), path);
    return { path, config: {}, diagnostics: [d], unreadable: true };
  }
  return { ...parseConfig(text, path), unreadable: false };
}

/** Check configuration text; `path` names the file in diagnostics and anchors relative paths. */
export function parseConfig(text: string, path: string): Omit<LoadedConfig, "unreadable"> {
  // Offsets are those of the text without a byte-order mark, as for MOF files, so columns on line 1 are right.
  const file = new SourceFile(path, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const parsed = parseJson(file.text);
  if ("error" in parsed) {
    const { message, start, end } = parsed.error;
    return { path, config: {}, diagnostics: [diag(Diagnostics.ConfigSyntax, span(file, start, end), message)] };
  }
  const checker = new Checker(file, dirname(path));
  const config = checker.top(parsed.value);
  const where = span(file, parsed.value.start, parsed.value.start + 1);
  const diagnostics = checker.diagnostics.sort(compareDiagnostics);
  if (parsed.value.kind !== "object") return { path, config, diagnostics, where };
  return { path, config, diagnostics, where, written: new Set(parsed.value.members.map((m) => m.key)) };
}

type Read<T> = (value: JsonValue, key: string) => T | undefined;

class Checker {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly file: SourceFile,
    private readonly base: string,
  ) {}

  top(value: JsonValue): GenerateConfig {
    return (this.fields(value, "", "an object of settings", {
      $schema: this.text,
      inputs: this.paths,
      out: this.path,
      include: this.paths,
      includeOutsideRoots: this.boolean,
      dialect: this.dialect,
      builtinQualifiers: this.boolean,
      runtimeImport: this.text,
      extension: this.extension,
      providers: this.providers,
      docs: this.docs,
      diagnostics: this.levels,
    }) ?? {}) as GenerateConfig;
  }

  /** `{ "MOF3010": "off" }`: each key a code of the catalog, each value a severity or "off". */
  private levels: Read<ReadonlyMap<string, SeverityLevel>> = (value, key) => {
    const members = this.members(value, key, 'an object of diagnostic codes and "off", "info", "warning" or "error"');
    if (members === undefined) return undefined;
    const codes = knownCodes();
    const levels = new Map<string, SeverityLevel>();
    for (const m of members) {
      if (!codes.includes(m.key)) {
        this.report(diag(Diagnostics.ConfigUnknownCode, this.at(m.keyStart, m.keyEnd), m.key, closest(m.key, codes)));
      } else if (m.value.kind === "string" && (severityLevels as readonly string[]).includes(m.value.value)) {
        levels.set(m.key, m.value.value as SeverityLevel);
      } else {
        const found = m.value.kind === "string" ? JSON.stringify(m.value.value) : describe(m.value);
        this.wrong(m.value, `${key}.${m.key}`, '"off", "info", "warning" or "error"', found);
      }
    }
    return levels;
  };

  private providers: Read<GenerateConfig["providers"]> = (value, key) => {
    const found = this.fields(value, key, "an object { out, classes }", { out: this.path, classes: this.names });
    if (found === undefined || value.kind !== "object") return undefined;
    for (const name of ["out", "classes"]) {
      if (!value.members.some((m) => m.key === name)) {
        this.report(
          diag(Diagnostics.ConfigMissingKey, this.at(value.start, value.start + 1), `${key}.${name}`, "in 'providers'"),
        );
      }
    }
    const { out, classes } = found as { out?: string; classes?: string[] };
    if (out === undefined || classes === undefined) return undefined;
    const written = value.members.find((m) => m.key === "classes")?.value;
    const classSpans = written?.kind === "array" ? written.items.map((i) => this.at(i.start, i.end)) : [];
    return { out, classes, classSpans };
  };

  private docs: Read<boolean | DocsConfig> = (value, key) => {
    if (value.kind === "boolean") return value.value;
    const expected = "true, false or an object { overlay, templates, locale, style }";
    const read = { overlay: this.namedPath, templates: this.namedPath, locale: this.text, style: this.docsStyle };
    return this.fields(value, key, expected, read) as DocsConfig | undefined;
  };

  /**
   * The members of an object that `read` knows, each read into the result under its key (`$schema` only
   * checked); every other key is reported. Undefined (reported) when the value is not an object.
   */
  private fields(
    value: JsonValue,
    key: string,
    expected: string,
    read: Readonly<Record<string, Read<unknown>>>,
  ): Record<string, unknown> | undefined {
    const members = this.members(value, key, expected);
    if (members === undefined) return undefined;
    const found: Record<string, unknown> = {};
    for (const m of this.known(members, read)) {
      const v = (read[m.key] as Read<unknown>)(m.value, key === "" ? m.key : `${key}.${m.key}`);
      if (v !== undefined && m.key !== "$schema") found[m.key] = v;
    }
    return found;
  }

  /** The members of an object, each key once; undefined (reported) when the value is not an object. */
  private members(value: JsonValue, key: string, expected: string): readonly JsonMember[] | undefined {
    if (value.kind !== "object") {
      this.report(diag(Diagnostics.ConfigValueType, this.at(value.start, value.end), key, expected));
      return undefined;
    }
    const seen = new Set<string>();
    const unique: JsonMember[] = [];
    for (const m of value.members) {
      if (seen.has(m.key)) this.report(diag(Diagnostics.ConfigDuplicateKey, this.at(m.keyStart, m.keyEnd), m.key));
      else unique.push(m);
      seen.add(m.key);
    }
    return unique;
  }

  /** Members whose key `read` knows; every other key is reported (keys are case-sensitive, as in JSON). */
  private known(members: readonly JsonMember[], read: Readonly<Record<string, unknown>>): JsonMember[] {
    const names = Object.keys(read);
    return members.filter((m) => {
      if (Object.hasOwn(read, m.key)) return true;
      const list = names.map((n) => `'${n}'`).join(", ");
      const hint = closest(m.key, names);
      this.report(diag(Diagnostics.ConfigUnknownKey, this.at(m.keyStart, m.keyEnd), m.key, list, hint));
      return false;
    });
  }

  private text: Read<string> = (value, key) => {
    if (value.kind === "string" && value.value !== "") return value.value;
    return this.wrong(value, key, "a non-empty string");
  };

  private path: Read<string> = (value, key) => {
    const text = this.text(value, key);
    return text === undefined ? undefined : resolve(this.base, text);
  };

  /** A path that diagnostics about the file or directory it names point back to. */
  private namedPath: Read<NamedPath> = (value, key) => {
    const path = this.path(value, key);
    return path === undefined ? undefined : { path, where: this.at(value.start, value.end) };
  };

  private names: Read<string[]> = (value, key) => this.list(value, key, "a non-empty array of class names");

  private paths: Read<string[]> = (value, key) =>
    this.list(value, key, "a non-empty array of paths")?.map((p) => resolve(this.base, p));

  private list(value: JsonValue, key: string, expected: string): string[] | undefined {
    if (value.kind !== "array" || value.items.length === 0) return this.wrong(value, key, expected);
    const out: string[] = [];
    for (const item of value.items) {
      if (item.kind === "string" && item.value !== "") out.push(item.value);
      else this.wrong(item, `${key}[${value.items.indexOf(item)}]`, "a non-empty string");
    }
    return out.length === value.items.length ? out : undefined;
  }

  private dialect: Read<Dialect> = (value, key) => {
    const dialect = value.kind === "string" ? parseDialect(value.value) : undefined;
    if (dialect !== undefined) return dialect;
    return this.wrong(value, key, dialectChoices, value.kind === "string" ? JSON.stringify(value.value) : undefined);
  };

  private extension: Read<TypeScriptExtension> = (value, key) => {
    if (value.kind === "string" && (value.value === ".ts" || value.value === ".mts")) return value.value;
    return this.wrong(value, key, '".ts" or ".mts"', value.kind === "string" ? JSON.stringify(value.value) : undefined);
  };

  private docsStyle: Read<DocsStyle> = (value, key) => {
    if (value.kind === "string" && (docsStyles as readonly string[]).includes(value.value))
      return value.value as DocsStyle;
    return this.wrong(
      value,
      key,
      '"microsoft" or "dmtf"',
      value.kind === "string" ? JSON.stringify(value.value) : undefined,
    );
  };

  private boolean: Read<boolean> = (value, key) =>
    value.kind === "boolean" ? value.value : this.wrong(value, key, "true or false");

  private wrong(value: JsonValue, key: string, expected: string, found = describe(value)): undefined {
    const where = this.at(value.start, value.end);
    this.report(diag(Diagnostics.ConfigValueType, where, key, `${expected}, not ${found}`));
    return undefined;
  }

  private at(start: number, end: number) {
    return span(this.file, start, end);
  }

  private report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }
}

function describe(value: JsonValue): string {
  switch (value.kind) {
    case "string":
      return value.value === "" ? "an empty string" : "a string";
    case "array":
      return value.items.length === 0 ? "an empty array" : "an array";
    case "object":
      return "an object";
    case "number":
      return "a number";
    case "boolean":
      return value.value ? "true" : "false";
    case "null":
      return "null";
  }
}
