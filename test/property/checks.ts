/**
 * The invariants the front end must keep for any input, shared by the property tests
 * (frontend.property.test.ts) and `npm run fuzz` (scripts/fuzz.mjs, which gets them through its esbuild bundle).
 * Each check throws an Error saying what is broken.
 */
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { Dialect } from "../../src/dialect/dialect.js";
import { resolveSchema } from "../../src/model/resolve.js";
import { type ParseResult, parseSource } from "../../src/parser/parse.js";
import { SourceFile } from "../../src/source/source-file.js";
import type { Span } from "../../src/source/span.js";
import type { LiteralCase } from "./literals.js";

/** A span must belong to `file`, lie within it, and both its ends must resolve to a line and column. */
export function checkSpan(file: SourceFile, s: Span | undefined, what: string): void {
  if (s === undefined) throw new Error(`${what}: no span`);
  if (s.file !== file) throw new Error(`${what}: span belongs to another file (${s.file?.path})`);
  const len = file.text.length;
  const ok = Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= len;
  if (!ok) throw new Error(`${what}: span [${s.start}, ${s.end}) outside [0, ${len}]`);
  for (const offset of [s.start, s.end]) {
    const p = file.position(offset);
    if (!(Number.isInteger(p.line) && p.line >= 1 && Number.isInteger(p.column) && p.column >= 1))
      throw new Error(`${what}: offset ${offset} resolves to line ${p.line}, column ${p.column}`);
  }
}

/** Every diagnostic has a code, a severity and a message, and its spans (related ones too) lie in `file`. */
export function checkDiagnostics(file: SourceFile, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const what = `diagnostic ${d.code} "${d.message}"`;
    if (typeof d.code !== "string" || d.code === "") throw new Error(`${what}: no code`);
    if (d.severity !== "error" && d.severity !== "warning" && d.severity !== "info")
      throw new Error(`${what}: severity ${String(d.severity)}`);
    if (typeof d.message !== "string" || d.message === "") throw new Error(`${what}: empty message`);
    checkSpan(file, d.span, what);
    for (const r of d.related ?? []) checkSpan(file, r.span, `${what}, related "${r.message}"`);
  }
}

/** Every syntax-tree node's spans (`span`, `scopeSpan`) must lie in the file too (a worklist: trees can be deep). */
export function checkTree(file: SourceFile, root: unknown): void {
  const work: [node: unknown, path: string][] = [[root, "productions"]];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    const [node, path] = item;
    if (Array.isArray(node)) {
      for (const [i, n] of node.entries()) work.push([n, `${path}[${i}]`]);
      continue;
    }
    if (node === null || typeof node !== "object" || node instanceof SourceFile) continue;
    const kind = (node as { kind?: unknown }).kind;
    for (const [key, value] of Object.entries(node)) {
      // `span` is required; other spans (`scopeSpan`) are optional.
      if (key === "span" || (key.endsWith("Span") && value !== undefined))
        checkSpan(file, value as Span | undefined, `${path}.${key} (${String(kind)})`);
      else work.push([value, `${path}.${key}`]);
    }
  }
}

/**
 * Parse `text`, resolve it into the model, and check the invariants of both phases; throws (with the reason)
 * when one is broken. The model must never throw either, whatever the parser made of the text.
 */
export function parseChecked(text: string, dialect: Dialect = "wmi"): ParseResult {
  const file = new SourceFile("<fuzz>.mof", text);
  const result = parseSource(file, { dialect });
  if (result.ast.source !== file) throw new Error("ast.source is not the parsed file");
  checkDiagnostics(file, result.diagnostics);
  checkTree(file, result.ast.productions);
  const parsed = { source: file, ast: result.ast, includes: [] };
  const program = { files: [parsed], roots: [parsed], diagnostics: result.diagnostics, inputErrors: false };
  const model = resolveSchema(program, { dialect });
  // Problems inside embedded-instance strings are reported at the string, so every span is in this file.
  checkDiagnostics(file, model.diagnostics);
  return result;
}

/**
 * A literal round trip (see `literalCase`): the class parses cleanly and the literal decodes to the expected
 * value (a string in the first feature's first qualifier, an integer as the first feature's default).
 */
export function checkLiteral({ text, expected }: LiteralCase): void {
  const { ast, diagnostics } = parseChecked(text, "wmi");
  if (diagnostics.length > 0) throw new Error(`unexpected diagnostics: ${diagnostics.map((d) => d.message).join(",")}`);
  const first = ast.productions[0];
  const feature = first?.kind === "class" ? first.features[0] : undefined;
  const value =
    typeof expected === "string"
      ? feature?.qualifiers?.qualifiers[0]?.value
      : feature !== undefined && "default" in feature
        ? feature.default
        : undefined;
  const decoded = value !== undefined && "value" in value ? value.value : undefined;
  if (decoded !== expected)
    throw new Error(`literal decoded to ${JSON.stringify(String(decoded))}, not ${JSON.stringify(String(expected))}`);
}
