/**
 * Every identifier and every piece of text that mofgen writes into generated TypeScript goes through this
 * module, so that nothing a MOF file holds (reserved words, names that are not identifiers, clashes, `*\/`,
 * backticks, `${`, quotes, line separators) can break or inject into the generated code.
 */

import { spellInvisible, unicodeEscape } from "../../source/invisible.js";

/** Reserved words of JavaScript and TypeScript, including strict-mode and contextual ones that bite as names. */
const reserved = new Set([
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "import",
  "in",
  "instanceof",
  "new",
  "null",
  "return",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "implements",
  "interface",
  "let",
  "package",
  "private",
  "protected",
  "public",
  "static",
  "yield",
  "await",
  "arguments",
  "eval",
  "any",
  "boolean",
  "never",
  "number",
  "object",
  "string",
  "symbol",
  "unknown",
  "bigint",
  "undefined",
  "type",
  "namespace",
  "declare",
  "abstract",
  "as",
  "is",
  "keyof",
  "readonly",
  "infer",
  "satisfies",
  "constructor",
  "prototype",
  "__proto__",
]);

const identifierStart = /[A-Za-z_$]/;
const plainIdentifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const identifierPart = /[A-Za-z0-9_$]/;

/**
 * A valid TypeScript identifier for a MOF name: characters that cannot appear become `_`, a leading digit gets
 * a `_` before it, and reserved words get a trailing `_`. MOF names are already identifiers in nearly every
 * real schema, so the usual result is the name unchanged.
 */
export function safeIdentifier(name: string): string {
  // Nearly every name is already an identifier; generation asks this hundreds of thousands of times for CIM.
  if (plainIdentifier.test(name)) return reserved.has(name) ? `${name}_` : name;
  let out = "";
  for (const ch of name) out += identifierPart.test(ch) ? ch : "_";
  if (out === "") out = "_";
  if (!identifierStart.test(out[0] as string)) out = `_${out}`;
  return reserved.has(out) ? `${out}_` : out;
}

/**
 * A PascalCase member name for a value-map label: "Method Parameters Checked - Job Started" becomes
 * `MethodParametersCheckedJobStarted`, "DMTF Reserved" `DMTFReserved`. A label with no letters or digits
 * (`""`, `"-"`) falls back to `Value_<value>`.
 */
export function memberName(label: string, value: string): string {
  const words = label.match(/[A-Za-z0-9]+/g) ?? [];
  const joined = words.map((w) => (w[0] as string).toUpperCase() + w.slice(1)).join("");
  if (joined === "") return safeIdentifier(`Value_${value}`);
  return safeIdentifier(joined);
}

/**
 * Make names unique, deterministically: the first keeps its name, later ones get `_2`, `_3`... Comparison
 * is case-insensitive when `foldCase` is set (file names on Windows and macOS file systems).
 */
export function uniqueNames(names: readonly string[], foldCase = false): string[] {
  const used = new Set<string>();
  // The next suffix to try per name: the ones below it are taken for good, so 40,000 equal labels try one
  // candidate each instead of counting up from `_2` every time (85 s).
  const nextSuffix = new Map<string, number>();
  const key = (n: string) => (foldCase ? n.toLowerCase() : n);
  return names.map((name) => {
    let candidate = name;
    let i = nextSuffix.get(key(name)) ?? 2;
    for (; used.has(key(candidate)); i++) candidate = `${name}_${i}`;
    if (candidate !== name) nextSuffix.set(key(name), i);
    used.add(key(candidate));
    return candidate;
  });
}

/**
 * A TypeScript string literal for any text: double-quoted, with quotes, backslashes and control characters escaped,
 * and every invisible character (bidirectional controls, zero-width characters, U+2028/U+2029: `source/invisible.ts`)
 * written as its `\u` escape, so that the source shows what the string holds. `${` and backticks are harmless
 * inside double quotes. JSON escapes every backslash of the text, so an escape added here always starts a new one.
 */
export function stringLiteral(text: string): string {
  return spellInvisible(JSON.stringify(text), unicodeEscape);
}

/**
 * Text for a JSDoc comment: `*\/` cannot end the comment early, line separators become line breaks, `@` at the
 * start of a line cannot start a tag, trailing spaces go, and invisible characters are written as `\u202E` text.
 * Returns the lines, without the ` * ` prefix.
 */
export function jsDocLines(text: string): string[] {
  return text
    .replace(/\r\n|\r|\u2028|\u2029/g, "\n")
    .replace(/\*\//g, "*\\/")
    .split("\n")
    .map((line) => {
      // trimEnd trims what `\s` matches (white space and line terminators), without a regular expression.
      const trimmed = line.trimEnd();
      return spellInvisible(trimmed.includes("@") ? trimmed.replace(/^(\s*)@/, "$1\\@") : trimmed, unicodeEscape);
    });
}
