import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { applyPolicy, type DiagnosticPolicy } from "../diagnostics/policy.js";
import { localeName } from "../emit/docs/context.js";
import type { ClassPagesMemo, DocsResult } from "../emit/docs/generate.js";
import type { DocsStyle } from "../emit/docs/options.js";
import { type DocsOptions, emptyOverlay, type Overlay } from "../emit/docs/options.js";
import type { TemplateProblem } from "../emit/docs/templates.js";
import type { GeneratedFile } from "../emit/ts/generated-file.js";
import { fold, type SchemaModel } from "../model/types.js";
import { readTextFile } from "../source/read-source.js";
import { SourceFile } from "../source/source-file.js";
import { type Span, span } from "../source/span.js";
import { appendAll } from "../util/arrays.js";
import { compareCodeUnits } from "../util/compare.js";
import { parseOverlay } from "./docs-overlay.js";

/**
 * What `mofgen docs` and `mofgen generate` share to render the reference pages: reading the replacement
 * templates and the overlay, and reporting their problems. Nothing here loads Handlebars: each command hands
 * in the renderer, and `generate` imports it only when it runs, so that `check` never pays for it.
 */

/** A file or directory the user named: on the command line (no span), or in the configuration file (`where`). */
export interface NamedPath {
  /** Absolute. */
  readonly path: string;
  readonly where?: Span | undefined;
}

export interface UserTemplates {
  /** Template name (file name without `.hbs`) -> source. */
  readonly sources: Readonly<Record<string, string>>;
  /** Template name -> file, for diagnostics. */
  readonly paths: ReadonlyMap<string, string>;
  readonly diagnostics: readonly Diagnostic[];
  /** The directory or one of its templates could not be read: an I/O error (exit 2). */
  readonly unreadable: boolean;
}

export const noTemplates: UserTemplates = { sources: {}, paths: new Map(), diagnostics: [], unreadable: false };

/** The `.hbs` files of a templates directory (`--templates DIR`, or `docs.templates` in the configuration). */
export function readTemplates(dir: NamedPath | undefined): UserTemplates {
  if (dir === undefined) return noTemplates;
  let names: string[];
  try {
    names = readdirSync(dir.path).filter((f) => f.endsWith(".hbs"));
  } catch (e) {
    return { ...noTemplates, diagnostics: [cannotRead(dir, e)], unreadable: true };
  }
  const diagnostics: Diagnostic[] = [];
  if (names.length === 0) {
    const why = "no .hbs template in this directory: the default templates are used";
    diagnostics.push(withPath(diag(Diagnostics.DocsTemplateUnknown, undefined, why), dir.path));
  }
  const sources: Record<string, string> = {};
  const paths = new Map<string, string>();
  for (const f of names.sort()) {
    const path = join(dir.path, f);
    try {
      sources[f.slice(0, -4)] = readTextFile(path).replace(/\r\n/g, "\n");
      paths.set(f.slice(0, -4), path);
    } catch (e) {
      diagnostics.push(cannotRead({ path }, e));
    }
  }
  return { sources, paths, diagnostics, unreadable: hasErrors(diagnostics) };
}

export interface PagesInput {
  readonly templates: UserTemplates;
  readonly overlay?: NamedPath | undefined;
  readonly locale?: string | undefined;
  readonly style?: DocsStyle | undefined;
  /** `--quiet` and the per-code levels, applied to what the pages report before deciding whether to stop. */
  readonly policy?: DiagnosticPolicy | undefined;
}

export interface Pages {
  readonly files: readonly GeneratedFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Set when nothing may be written: exit code 1 (errors in the overlay or a template) or 2 (unreadable). */
  readonly failure?: { readonly code: 1 | 2; readonly reason: string };
}

type Render = (schema: SchemaModel, options: Partial<DocsOptions>, memo?: ClassPagesMemo) => DocsResult;

/** Read the overlay against the schema and render the pages: the files, or why there are none. */
export function referencePages(render: Render, schema: SchemaModel, input: PagesInput, memo?: ClassPagesMemo): Pages {
  const diagnostics: Diagnostic[] = [];
  // As for the compile's findings (cli/compile.ts): a level may silence a warning or raise it to an error, which
  // then stops the pages like any error; an error stays one.
  const judged = (found: readonly Diagnostic[]) =>
    input.policy === undefined ? found : applyPolicy(found, input.policy);
  let overlay: Overlay = emptyOverlay;
  if (input.overlay !== undefined) {
    let text: string;
    try {
      // Never a blocking read of a FIFO or an endless one of a device named by --overlay.
      text = readTextFile(input.overlay.path);
    } catch (e) {
      diagnostics.push(cannotRead(input.overlay, e));
      return { files: [], diagnostics, failure: { code: 2, reason: "the overlay could not be read" } };
    }
    const read = parseOverlay(text, input.overlay.path, schema);
    appendAll(diagnostics, judged(read.diagnostics));
    if (hasErrors(diagnostics))
      return { files: [], diagnostics, failure: { code: 1, reason: "the overlay has errors" } };
    overlay = read.overlay;
  }
  const unamended = input.locale === undefined ? undefined : unamendedLocale(schema, input.locale);
  if (unamended !== undefined) appendAll(diagnostics, judged([unamended]));
  if (hasErrors(diagnostics))
    return { files: [], diagnostics, failure: { code: 1, reason: "no class is amended in the locale asked for" } };
  const result = render(
    schema,
    {
      templates: input.templates.sources,
      overlay,
      locale: input.locale,
      ...(input.style === undefined ? {} : { style: input.style }),
    },
    memo,
  );
  appendAll(diagnostics, judged(result.problems.map((p) => templateDiagnostic(p, input.templates))));
  if (hasErrors(diagnostics)) return { files: [], diagnostics, failure: { code: 1, reason: "a template has errors" } };
  return { files: result.files, diagnostics };
}

/**
 * A locale that no class of the inputs is amended in (no `.mfl` of it was compiled, or the locale is misspelt)
 * would give pages in the neutral language without a word; say so, and which locales the inputs do amend.
 */
function unamendedLocale(schema: SchemaModel, locale: string): Diagnostic | undefined {
  const wanted = fold(localeName(locale) ?? locale);
  const amended = new Map<string, string>();
  for (const ns of schema.namespaces)
    for (const cls of ns.classes) for (const a of cls.amendments) amended.set(fold(a.locale), a.locale);
  if (amended.has(wanted)) return undefined;
  const found =
    amended.size === 0
      ? "the inputs hold no .mfl amendment"
      : `the inputs amend ${[...amended.values()].sort(compareCodeUnits).join(", ")}`;
  return diag(Diagnostics.DocsLocaleUnamended, undefined, locale, found);
}

function templateDiagnostic(p: TemplateProblem, templates: UserTemplates): Diagnostic {
  const path = templates.paths.get(p.template);
  const text = templates.sources[p.template];
  const where = path === undefined || text === undefined ? undefined : templateSpan(path, text, p);
  const d =
    p.severity === "warning"
      ? diag(Diagnostics.DocsTemplateUnknown, where, p.message)
      : diag(Diagnostics.DocsTemplateError, where, p.template, p.message);
  return path === undefined || where !== undefined ? d : withPath(d, path);
}

/** The character a template's syntax error names (the line's first when Handlebars gives no column). */
function templateSpan(path: string, text: string, p: TemplateProblem): Span | undefined {
  if (p.line === undefined) return undefined;
  const file = new SourceFile(path, text);
  const at = file.offset(p.line, p.column ?? 1);
  const lineEnd = file.offset(p.line, Number.POSITIVE_INFINITY);
  return at === undefined || lineEnd === undefined ? undefined : span(file, at, Math.min(at + 1, lineEnd));
}

/** At the place the configuration names the path, so that a typo there shows its line and column. */
function cannotRead(named: NamedPath, e: unknown): Diagnostic {
  const d = diag(Diagnostics.CannotRead, named.where, named.path, describeReadError(e));
  return named.where === undefined ? withPath(d, named.path) : d;
}

function describeReadError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "ENOTDIR") return "not a directory";
  if (code === "EISDIR") return "a directory, not a file";
  if (code === "EACCES") return "permission denied";
  return (e as Error).message;
}
