import { resolve } from "node:path";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { applyPolicy } from "../diagnostics/policy.js";
import { renderDocs } from "../emit/docs/generate.js";
import type { DocsStyle } from "../emit/docs/options.js";
import { appendAll } from "../util/arrays.js";
import { type CompileCliOptions, compile, whyNothing } from "./compile.js";
import { type NamedPath, readTemplates, referencePages } from "./docs-inputs.js";
import { EmitShare } from "./emit-share-run.js";
import { sourceLength, workerCompile } from "./generate-worker.js";
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

  // The second core renders a share of the pages in a worker that compiles beside this thread (emit-share-run.ts).
  const share = EmitShare.start(
    {
      ...workerCompile(options, io),
      typeScript: undefined,
      docs: {
        templates: templates.sources,
        overlay: options.overlay?.path,
        locale: options.locale,
        style: options.style,
      },
    },
    io.env,
  );
  const compiled = compile(options, io);
  appendAll(diagnostics, compiled.diagnostics);
  const { inputErrors } = compiled.program;
  if (inputErrors || hasErrors(compiled.diagnostics)) share?.stop();
  if (inputErrors || hasErrors(compiled.diagnostics))
    return finish(inputErrors ? 2 : 1, `Nothing written: ${whyNothing(inputErrors, compiled.diagnostics)}.`);

  const hooks = share?.hooks(sourceLength(compiled.program.files));
  const pages = referencePages(
    renderDocs,
    compiled.schema,
    {
      templates,
      overlay: options.overlay,
      locale: options.locale,
      style: options.style,
      policy: options.policy,
    },
    hooks?.classPages,
  );
  appendAll(diagnostics, pages.diagnostics);
  if (pages.failure !== undefined) {
    share?.stop();
    return finish(pages.failure.code, `Nothing written: ${pages.failure.reason}.`);
  }
  const [files = []] =
    share !== undefined && hooks !== undefined ? await share.merge(compiled.schema, [pages.files]) : [pages.files];
  if (share !== undefined && io.env.MOFGEN_WORKER_STATS) io.stderr(`mofgen: worker: ${JSON.stringify(share.stats)}\n`);

  const outDir = resolve(io.cwd, options.out);
  const run = await writeOutput(files, { outDir }, io);
  const shown = `${relativizer(io.cwd)(outDir)}/`;
  if (run.kind === "locked") {
    diagnostics.push(run.diagnostic);
    return finish(run.code, `Nothing written: ${shown} could not be locked.`);
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
    `Wrote the reference pages to ${shown}: ${files.length} pages (${written.written} written, ` +
      `${written.unchanged} unchanged, ${written.removed} removed) in ${seconds} s`,
  );
}
