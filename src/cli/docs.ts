import { resolve } from "node:path";
import { Diagnostics } from "../diagnostics/catalog.js";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { applyPolicy } from "../diagnostics/policy.js";
import { renderDocs } from "../emit/docs/generate.js";
import type { DocsStyle } from "../emit/docs/options.js";
import { appendAll } from "../util/arrays.js";
import { type CompileCliOptions, compile, whyNothing } from "./compile.js";
import { type NamedPath, readTemplates, referencePages } from "./docs-inputs.js";
import { type CliIo, relativizer } from "./io.js";
import { interruptedNote, writeOutput } from "./output-session.js";
import { reportDiagnostics } from "./report-diagnostics.js";

export interface DocsCliOptions extends CompileCliOptions {
  /** Output directory (relative to the working directory). */
  readonly out: string;
  readonly templates: NamedPath | undefined;
  readonly overlay: NamedPath | undefined;
  readonly locale: string | undefined;
  readonly style?: DocsStyle | undefined;
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
export async function runDocs(options: DocsCliOptions, io: CliIo): Promise<number> {
  const started = performance.now();
  const diagnostics: Diagnostic[] = [];
  const finish = (code: number, line?: string) => {
    // The compile and the pages judged their findings already (judging again changes nothing); what is left is the
    // templates folder's and the writer's, as generate's report judges them.
    const shown = options.policy === undefined ? diagnostics : applyPolicy(diagnostics, options.policy);
    reportDiagnostics(shown, io, { color: options.color, stream: "stderr" });
    if (line !== undefined) io.stdout(`${line}\n`);
    return code === 0 && hasErrors(shown) ? 1 : code;
  };

  const templates = readTemplates(options.templates);
  appendAll(diagnostics, templates.diagnostics);
  if (templates.unreadable) return finish(2);

  const compiled = compile(options, io);
  appendAll(diagnostics, compiled.diagnostics);
  const { inputErrors } = compiled.program;
  if (inputErrors || hasErrors(compiled.diagnostics))
    return finish(inputErrors ? 2 : 1, `Nothing written: ${whyNothing(inputErrors, compiled.diagnostics)}.`);

  const pages = referencePages(renderDocs, compiled.schema, {
    templates,
    overlay: options.overlay,
    locale: options.locale,
    style: options.style,
    policy: options.policy,
  });
  appendAll(diagnostics, pages.diagnostics);
  if (pages.failure !== undefined) return finish(pages.failure.code, `Nothing written: ${pages.failure.reason}.`);

  const outDir = resolve(io.cwd, options.out);
  const run = await writeOutput(pages.files, { outDir }, io);
  const shown = `${relativizer(io.cwd)(outDir)}/`;
  if (run.kind === "locked") {
    diagnostics.push(run.diagnostic);
    // As generate says it: a directory that cannot be made or written (MOF4912) was not a matter of locking.
    const why =
      run.diagnostic.code === Diagnostics.OutputWriteFailed.code
        ? "cannot be written (see above)"
        : "could not be locked";
    return finish(run.code, `Nothing written: ${shown} ${why}.`);
  }
  appendAll(diagnostics, run.plan.diagnostics);
  if (run.kind !== "written") return finish(1, `Nothing written to ${shown}.`);
  const written = run.result;
  appendAll(diagnostics, written.diagnostics);
  const interrupted = interruptedNote(written);
  if (interrupted !== undefined) {
    finish(0);
    io.stderr(interrupted.line);
    return interrupted.code;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  return finish(
    written.diagnostics.length > 0 ? 2 : 0,
    `Wrote the reference pages to ${shown}: ${pages.files.length} pages (${written.written} written, ` +
      `${written.unchanged} unchanged, ${written.removed} removed) in ${seconds} s`,
  );
}
