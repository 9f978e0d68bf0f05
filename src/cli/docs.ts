import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { renderDocs } from "../emit/docs/generate.js";
import { emptyOverlay, type Overlay } from "../emit/docs/options.js";
import type { TemplateProblem } from "../emit/docs/templates.js";
import { printPretty } from "./check.js";
import { type CompileCliOptions, compile } from "./compile.js";
import { parseOverlay } from "./docs-overlay.js";
import { type CliIo, relativizer, useColor } from "./io.js";
import { applyPlan, planOutput } from "./write-output.js";

export interface DocsCliOptions extends CompileCliOptions {
  /** Output directory (relative to the working directory). */
  readonly out: string;
  readonly templates: string | undefined;
  readonly overlay: string | undefined;
  readonly locale: string | undefined;
  readonly color?: boolean;
}

/** The directory `mofgen docs` writes to without `--out`. */
export const defaultDocsOut = "mofgen-docs";

/**
 * `mofgen docs`: compile the schema and write its reference pages into the output directory through the same
 * writer as `mofgen generate` (atomic writes, a manifest, stale pages removed, files mofgen did not write never
 * overwritten). Exit 0 when written, 1 for errors in the MOF, the overlay or a template, 2 for unreadable
 * inputs and files that could not be written.
 */
export function runDocs(options: DocsCliOptions, io: CliIo): number {
  const started = performance.now();
  const diagnostics: Diagnostic[] = [];
  const finish = (code: number, line?: string) => {
    printPretty(diagnostics, io, useColor(io, options.color), io.stderr);
    if (line !== undefined) io.stdout(`${line}\n`);
    return code;
  };

  const templates = readTemplates(options.templates, io.cwd);
  diagnostics.push(...templates.diagnostics);
  if (templates.unreadable) return finish(2);

  const compiled = compile(options, io);
  diagnostics.push(...compiled.diagnostics);
  if (compiled.program.inputErrors) return finish(2, "Nothing written: an input could not be read.");
  if (hasErrors(compiled.diagnostics)) return finish(1, "Nothing written: the MOF has errors.");

  let overlay: Overlay = emptyOverlay;
  if (options.overlay !== undefined) {
    const path = resolve(io.cwd, options.overlay);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      diagnostics.push(withPath(diag(Diagnostics.CannotRead, undefined, path, describeReadError(e)), path));
      return finish(2);
    }
    const read = parseOverlay(text, path, compiled.schema);
    diagnostics.push(...read.diagnostics);
    if (hasErrors(read.diagnostics)) return finish(1, "Nothing written: the overlay has errors.");
    overlay = read.overlay;
  }

  const result = renderDocs(compiled.schema, { templates: templates.sources, overlay, locale: options.locale });
  diagnostics.push(...result.problems.map((p) => templateDiagnostic(p, templates.paths)));
  if (hasErrors(diagnostics)) return finish(1, "Nothing written: a template has errors.");

  const outDir = resolve(io.cwd, options.out);
  const plan = planOutput(result.files, { outDir });
  diagnostics.push(...plan.diagnostics);
  const shown = `${relativizer(io.cwd)(outDir)}/`;
  if (hasErrors(plan.diagnostics)) return finish(1, `Nothing written to ${shown}.`);
  const written = applyPlan(plan);
  diagnostics.push(...written.diagnostics);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  return finish(
    written.diagnostics.length > 0 ? 2 : 0,
    `Wrote the reference pages to ${shown}: ${result.files.length} pages (${written.written} written, ` +
      `${written.unchanged} unchanged, ${written.removed} removed) in ${seconds} s`,
  );
}

interface UserTemplates {
  readonly sources: Record<string, string>;
  /** Template name -> file, for diagnostics. */
  readonly paths: ReadonlyMap<string, string>;
  readonly diagnostics: readonly Diagnostic[];
  readonly unreadable: boolean;
}

/** The `.hbs` files of `--templates DIR`, by template name (file name without `.hbs`). */
function readTemplates(dir: string | undefined, cwd: string): UserTemplates {
  const sources: Record<string, string> = {};
  const paths = new Map<string, string>();
  if (dir === undefined) return { sources, paths, diagnostics: [], unreadable: false };
  const root = resolve(cwd, dir);
  let names: string[];
  try {
    names = readdirSync(root).filter((f) => f.endsWith(".hbs"));
  } catch (e) {
    return {
      sources,
      paths,
      diagnostics: [withPath(diag(Diagnostics.CannotRead, undefined, root, describeReadError(e)), root)],
      unreadable: true,
    };
  }
  const diagnostics: Diagnostic[] = [];
  if (names.length === 0) {
    diagnostics.push(
      withPath(
        diag(
          Diagnostics.DocsTemplateUnknown,
          undefined,
          "no .hbs template in this directory: the default templates are used",
        ),
        root,
      ),
    );
  }
  for (const f of names.sort()) {
    const path = join(root, f);
    try {
      sources[f.slice(0, -4)] = readFileSync(path, "utf8").replace(/\r\n/g, "\n");
      paths.set(f.slice(0, -4), path);
    } catch (e) {
      diagnostics.push(withPath(diag(Diagnostics.CannotRead, undefined, path, describeReadError(e)), path));
    }
  }
  return { sources, paths, diagnostics, unreadable: diagnostics.some((d) => d.severity === "error") };
}

function templateDiagnostic(p: TemplateProblem, paths: ReadonlyMap<string, string>): Diagnostic {
  const d =
    p.severity === "warning"
      ? diag(Diagnostics.DocsTemplateUnknown, undefined, p.message)
      : diag(Diagnostics.DocsTemplateError, undefined, p.template, p.message);
  const path = paths.get(p.template);
  return path === undefined ? d : withPath(d, path);
}

function describeReadError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "ENOTDIR") return "not a directory";
  if (code === "EISDIR") return "a directory, not a file";
  if (code === "EACCES") return "permission denied";
  return (e as Error).message;
}
