import { Diagnostics, diag } from "../diagnostics/catalog.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type {
  Overlay,
  OverlayEntry,
  OverlayExample,
  OverlayRequirements,
  OverlaySyntax,
} from "../emit/docs/options.js";
import type { ClassModel, SchemaModel } from "../model/types.js";
import { fold } from "../model/types.js";
import { SourceFile } from "../source/source-file.js";
import { span } from "../source/span.js";
import { type JsonMember, type JsonValue, parseJson } from "./config-json.js";

/**
 * The overlay of `mofgen docs --overlay FILE` (docs/overlay.schema.json): what a MOF does not hold, keyed by
 * `Class`, `Class.Member` or `Class.Method.Param` (optionally `namespace:Class...`), and `*` for every page.
 * Every mistake is a diagnostic at its line and column: a key naming nothing in the schema is a warning (the
 * entry is skipped), a value of the wrong shape an error.
 */

const keyPattern = /^(?:([^:]+):)?([A-Za-z_][\w]*)(?:\.([A-Za-z_][\w]*))?(?:\.([A-Za-z_][\w]*))?$/;
const requirementFields = ["minimumClient", "minimumServer", "header", "dll", "namespace"] as const;

export function parseOverlay(
  text: string,
  path: string,
  schema: SchemaModel,
): { overlay: Overlay; diagnostics: Diagnostic[] } {
  const file = new SourceFile(path, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const parsed = parseJson(file.text);
  if ("error" in parsed) {
    const { message, start, end } = parsed.error;
    return {
      overlay: { entries: new Map() },
      diagnostics: [diag(Diagnostics.DocsOverlaySyntax, span(file, start, end), message)],
    };
  }
  const reader = new OverlayReader(file, schema);
  const entries = reader.top(parsed.value);
  return { overlay: { entries }, diagnostics: reader.diagnostics.sort(compareDiagnostics) };
}

/** What an overlay key names, for the settings only some targets take. */
type SyntaxTarget = "*" | "class" | "property" | "method" | "parameter";

interface SyntaxAt {
  readonly target: SyntaxTarget;
  /** The case-folded key. */
  readonly key: string;
}

class OverlayReader {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly file: SourceFile,
    private readonly schema: SchemaModel,
  ) {}

  top(value: JsonValue): Map<string, OverlayEntry> {
    const entries = new Map<string, OverlayEntry>();
    if (value.kind !== "object") {
      this.error(value, "the overlay must be an object whose keys name classes, members or parameters");
      return entries;
    }
    for (const m of value.members) {
      if (m.key === "$schema") {
        // The schema says a string (a path or URL for editors); a reader that let anything through would drift from it.
        if (m.value.kind !== "string") this.error(m.value, "'$schema' must be a string");
        continue;
      }
      const key = this.target(m);
      if (key === undefined) {
        this.checkSkipped(m);
        continue;
      }
      // Classes, methods and '*' have pages, hence a Requirements table; properties and parameters do not.
      const parts = key.slice(key.indexOf(":") + 1).split(".");
      const page = parts.length === 1 || (parts.length === 2 && this.isMethod(parts[0] ?? "", parts[1] ?? ""));
      if (entries.has(key)) {
        this.error(m, `overlay key '${m.key}' is given twice`, true);
        continue;
      }
      const target: SyntaxTarget =
        key === "*"
          ? "*"
          : parts.length === 1
            ? "class"
            : page
              ? "method"
              : parts.length === 2
                ? "property"
                : "parameter";
      const entry = this.entry(m.value, m.key, page, { target, key });
      if (entry !== undefined) entries.set(key, entry);
    }
    return entries;
  }

  /**
   * An entry whose key names nothing in this schema is skipped, but its value is still checked, as the JSON Schema
   * checks it in an editor: an overlay written for a larger schema keeps its mistakes visible. Where the schema
   * cannot say what the key would name, the most lenient reading is taken: a class (its property names unchecked),
   * a member that could have a page, a parameter.
   */
  private checkSkipped(m: JsonMember): void {
    const parts = keyPattern.exec(m.key);
    if (parts === null) return; // a malformed key, reported as such
    const [, , , member, parameter] = parts;
    const target: SyntaxTarget = member === undefined ? "*" : parameter === undefined ? "property" : "parameter";
    this.entry(m.value, m.key, parameter === undefined, { target, key: "" });
  }

  /** The case-folded key of a member that names something in the schema, else undefined (reported). */
  private target(m: JsonMember): string | undefined {
    if (m.key === "*") return "*";
    const parts = keyPattern.exec(m.key);
    if (parts === null) {
      this.error(
        m,
        `overlay key '${m.key}' is not Class, Class.Member or Class.Method.Param (optionally namespace:Class...)`,
        true,
      );
      return undefined;
    }
    const [, namespace, className = "", member, parameter] = parts;
    const why = this.missing(namespace, className, member, parameter);
    if (why !== undefined) {
      this.diagnostics.push(
        diag(Diagnostics.DocsOverlayUnknownTarget, span(this.file, m.keyStart, m.keyEnd), m.key, why),
      );
      return undefined;
    }
    const path = [className, member, parameter]
      .filter((p): p is string => p !== undefined)
      .map(fold)
      .join(".");
    return namespace === undefined ? path : `${fold(namespace.replace(/\\/g, "/"))}:${path}`;
  }

  private isMethod(className: string, member: string): boolean {
    return this.schema.namespaces.some((ns) => ns.classByName.get(className)?.methodByName.has(member) === true);
  }

  /** Why the key names nothing in the schema, or undefined when it names something. */
  private missing(
    namespace: string | undefined,
    className: string,
    member?: string,
    parameter?: string,
  ): string | undefined {
    let classes: ClassModel[];
    if (namespace !== undefined) {
      const ns = this.schema.namespaceByName.get(fold(namespace.replace(/\\/g, "/")));
      if (ns === undefined) return `the schema has no namespace '${namespace}'`;
      classes = ns.classByName.has(fold(className)) ? [ns.classByName.get(fold(className)) as ClassModel] : [];
    } else {
      classes = this.schema.namespaces.flatMap((ns) => ns.classByName.get(fold(className)) ?? []);
    }
    if (classes.length === 0) return `the schema has no class '${className}'`;
    if (member === undefined) return undefined;
    if (parameter === undefined) {
      const found = classes.some((c) => c.propertyByName.has(fold(member)) || c.methodByName.has(fold(member)));
      return found ? undefined : `class '${className}' has no property or method '${member}'`;
    }
    const methods = classes.flatMap((c) => c.methodByName.get(fold(member)) ?? []);
    if (methods.length === 0) return `class '${className}' has no method '${member}'`;
    const found = methods.some((m) => m.parameters.some((p) => fold(p.name) === fold(parameter)));
    return found ? undefined : `method '${className}.${member}' has no parameter '${parameter}'`;
  }

  private entry(value: JsonValue, key: string, page: boolean, at: SyntaxAt): OverlayEntry | undefined {
    if (value.kind !== "object")
      return this.error(value, `'${key}' must be an object { notes, examples, requirements, syntax }`);
    let notes: string[] = [];
    let examples: OverlayExample[] = [];
    let requirements: OverlayRequirements = {};
    let syntax: OverlaySyntax | undefined;
    for (const m of value.members) {
      if (m.key === "notes") notes = this.notes(m.value, `${key}.notes`) ?? [];
      else if (m.key === "examples") examples = this.examples(m.value, `${key}.examples`) ?? [];
      else if (m.key === "requirements") {
        if (!page)
          this.error(m, `'${key}.requirements': only classes, methods and '*' have a Requirements table`, true);
        else requirements = this.requirements(m.value, `${key}.requirements`) ?? {};
      } else if (m.key === "syntax") {
        syntax = this.syntax(m.value, `${key}.syntax`, at);
      } else
        this.error(
          m,
          `unknown field '${m.key}' in '${key}'; the fields are 'notes', 'examples', 'requirements' and 'syntax'`,
          true,
        );
    }
    return { notes, examples, requirements, ...(syntax !== undefined && { syntax }) };
  }

  /**
   * The Syntax block settings (docs/overlay.schema.json, `syntax`): `properties` and `qualifierOrder` on a class
   * or `*`, `booleans` and `arrays` there or on a property; a method or a parameter has no class Syntax line.
   */
  private syntax(value: JsonValue, key: string, at: SyntaxAt): OverlaySyntax | undefined {
    if (value.kind !== "object")
      return this.error(value, `'${key}' must be an object with 'properties', 'qualifierOrder', 'booleans', 'arrays'`);
    if (at.target === "method" || at.target === "parameter")
      return this.error(value, `'${key}': only a class, a property or '*' has a line in a class Syntax block`);
    const classOrAll = at.target === "class" || at.target === "*";
    const out: { -readonly [K in keyof OverlaySyntax]: OverlaySyntax[K] } = {};
    // `more` names what else the field takes (the properties list), so the message lists every choice.
    const oneOf = <T extends string>(m: JsonMember, words: readonly T[], more?: string): T | undefined => {
      if (m.value.kind === "string" && (words as readonly string[]).includes(m.value.value)) return m.value.value as T;
      return this.error(
        m.value,
        `'${key}.${m.key}' must be ${orList([...words.map((w) => `"${w}"`), ...(more === undefined ? [] : [more])])}`,
      );
    };
    const classOnly = (m: JsonMember) =>
      classOrAll || this.error(m, `'${key}.${m.key}' is a setting of a class page (or '*'), not of a member`, true);
    for (const m of value.members) {
      if (m.key === "properties") {
        if (!classOnly(m)) continue;
        if (m.value.kind === "array" && m.value.items.every((i) => i.kind === "string")) {
          out.properties = m.value.items.map((i) => (i.kind === "string" ? i.value : ""));
          for (const item of m.value.items)
            if (item.kind === "string" && at.target === "class" && !this.hasProperty(at.key, item.value))
              this.error(item, `'${key}.properties': class '${key.split(".")[0]}' has no property '${item.value}'`);
        } else if (m.value.kind === "array")
          this.error(
            m.value,
            `'${key}.properties' must be ${orList(['"all"', '"declared"', "an array of property names"])}`,
          );
        else {
          const v = oneOf(m, ["all", "declared"] as const, "an array of property names");
          if (v !== undefined) out.properties = v;
        }
      } else if (m.key === "qualifierOrder") {
        if (!classOnly(m)) continue;
        const v = oneOf(m, ["grammar", "written"] as const);
        if (v !== undefined) out.qualifierOrder = v;
      } else if (m.key === "booleans") {
        const v = oneOf(m, ["title", "upper"] as const);
        if (v !== undefined) out.booleans = v;
      } else if (m.key === "arrays") {
        const v = oneOf(m, ["spaced", "tight", "bare"] as const);
        if (v !== undefined) out.arrays = v;
      } else
        this.error(
          m,
          `unknown field '${m.key}' in '${key}'; the fields are 'properties', 'qualifierOrder', 'booleans' and 'arrays'`,
          true,
        );
    }
    return out;
  }

  private notes(value: JsonValue, key: string): string[] | undefined {
    if (value.kind === "string") return [value.value];
    if (value.kind === "array" && value.items.every((i) => i.kind === "string")) {
      return value.items.map((i) => (i.kind === "string" ? i.value : ""));
    }
    return this.error(value, `'${key}' must be a Markdown string or an array of them`);
  }

  private examples(value: JsonValue, key: string): OverlayExample[] | undefined {
    if (value.kind !== "array") return this.error(value, `'${key}' must be an array of { title, language, code }`);
    const out: OverlayExample[] = [];
    value.items.forEach((item, i) => {
      const fields = this.strings(item, `${key}[${i}]`, ["title", "language", "code"]);
      if (fields === undefined) return;
      if (fields.code === undefined) this.error(item, `'${key}[${i}]' needs 'code'`);
      else out.push({ title: fields.title ?? "", language: fields.language ?? "", code: fields.code });
    });
    return out;
  }

  private requirements(value: JsonValue, key: string): OverlayRequirements | undefined {
    return this.strings(value, key, requirementFields);
  }

  /** An object of string fields from `names`; other fields and non-strings are reported. */
  private strings<K extends string>(
    value: JsonValue,
    key: string,
    names: readonly K[],
  ): Partial<Record<K, string>> | undefined {
    if (value.kind !== "object")
      return this.error(value, `'${key}' must be an object with ${names.map((n) => `'${n}'`).join(", ")}`);
    const out: Partial<Record<K, string>> = {};
    for (const m of value.members) {
      if (!(names as readonly string[]).includes(m.key)) {
        this.error(
          m,
          `unknown field '${m.key}' in '${key}'; the fields are ${names.map((n) => `'${n}'`).join(", ")}`,
          true,
        );
      } else if (m.value.kind !== "string") {
        this.error(m.value, `'${key}.${m.key}' must be a string`);
      } else {
        out[m.key as K] = m.value.value;
      }
    }
    return out;
  }

  /** Whether the class of a (case-folded, maybe namespace-prefixed) key has the property. */
  private hasProperty(key: string, property: string): boolean {
    const colon = key.indexOf(":");
    const className = key.slice(colon + 1);
    const namespaces =
      colon < 0 ? this.schema.namespaces : this.schema.namespaces.filter((ns) => fold(ns.name) === key.slice(0, colon));
    return namespaces.some((ns) => ns?.classByName.get(className)?.propertyByName.has(fold(property)) === true);
  }

  /** Report at a value, or at a member's key when `atKey`. */
  private error(at: JsonValue | JsonMember, message: string, atKey = false): undefined {
    const where =
      atKey && "keyStart" in at
        ? span(this.file, at.keyStart, at.keyEnd)
        : "start" in at
          ? span(this.file, at.start, at.end)
          : undefined;
    this.diagnostics.push(diag(Diagnostics.DocsOverlayValue, where, message));
    return undefined;
  }
}

/** `a`, `a or b`, `a, b or c`: the choices a message offers, as a sentence says them. */
function orList(choices: readonly string[]): string {
  return choices.length < 2 ? (choices[0] ?? "") : `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`;
}
