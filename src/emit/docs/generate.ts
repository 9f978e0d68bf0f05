import type { ClassModel, SchemaModel } from "../../model/types.js";
import { appendAll } from "../../util/arrays.js";
import type { GeneratedFile } from "../ts/generated-file.js";
import { DocsContext } from "./context.js";
import { type DocsOptions, defaultDocsOptions } from "./options.js";
import { indexPage, namespaceIndexPath } from "./paths.js";
import { templateSources } from "./template-sources.js";
import { compileTemplates, type PageTemplate, type TemplateProblem } from "./templates.js";
import { classPageView } from "./view-class.js";
import { indexView, namespaceIndexView } from "./view-index.js";
import { methodPageView } from "./view-method.js";

export interface DocsResult {
  /** The pages, paths relative to the docs output directory, in a stable order. */
  readonly files: readonly GeneratedFile[];
  /** Problems of replacement templates (syntax, unknown names, failures while rendering). */
  readonly problems: readonly TemplateProblem[];
}

/**
 * Reuse of a class's pages (its class page and method pages) across runs, as `ClassModuleMemo` for modules.
 * Not used when a replacement template renders class or method pages: its failures are reported per run.
 */
export type ClassPagesMemo = (
  cls: ClassModel,
  context: DocsContext,
  make: () => readonly GeneratedFile[],
) => readonly GeneratedFile[];

/**
 * The reference pages of a schema: a top index, an index per namespace with its class tree, a page per class
 * and a page per method a class declares (inherited methods link to their declaring class's page). Pure: the
 * model and the options in, files out; the CLI writes them.
 */
export function renderDocs(schema: SchemaModel, options: Partial<DocsOptions> = {}, memo?: ClassPagesMemo): DocsResult {
  const full: DocsOptions = { ...defaultDocsOptions, ...options };
  const { templates, problems } = compileTemplates(full.templates);
  if (templates === undefined) return { files: [], problems };
  const context = new DocsContext(schema, full);
  const files: GeneratedFile[] = [];
  const failed = new Set<PageTemplate>();
  const errors: TemplateProblem[] = [];
  const replaced = replacedTemplates(full.templates);
  const render = (template: PageTemplate, path: string, view: () => object) => {
    if (failed.has(template)) return;
    // The view model is mofgen's own code, and so are the built-in templates: what they throw is a bug in
    // mofgen, to surface as one (a 130,000-parameter method's stack overflow was once reported as MOF4801).
    const model = view();
    const write = () => files.push({ path, content: finish(templates.render(template, model)), owner: "mofgen" });
    if (!replaced(template)) {
      write();
      return;
    }
    try {
      write();
    } catch (e) {
      // A replacement template can fail (strict mode: a field the view does not have); one report each.
      failed.add(template);
      errors.push({ template, severity: "error", message: `while writing ${path}: ${(e as Error).message}` });
    }
  };
  render("index", indexPage, () => indexView(context));
  for (const ns of context.namespaces) {
    render("namespace", namespaceIndexPath(ns.name), () => namespaceIndexView(context, ns));
    for (const cls of ns.classes) {
      const pages = () => {
        render("class", context.classPage(cls), () => classPageView(context, cls));
        for (const m of cls.ownMethods)
          render("method", context.methodPage(cls, m.name), () => methodPageView(context, cls, m));
      };
      if (memo === undefined || replaced("class") || replaced("method")) pages();
      else {
        const start = files.length;
        const made = memo(cls, context, () => {
          pages();
          return files.splice(start);
        });
        appendAll(files, made);
      }
    }
  }
  return { files: errors.length > 0 ? [] : files, problems: [...problems, ...errors] };
}

/**
 * Whether a page is rendered by a user's template: the page's own, or any partial, since every page may use one.
 * A partial that is not a template (`_typo.hbs`) is ignored, as the loader warns, and so does not count.
 */
function replacedTemplates(overrides: Readonly<Record<string, string>>): (page: PageTemplate) => boolean {
  const names = Object.keys(overrides).filter((n) => n in templateSources);
  const partial = names.some((n) => n.startsWith("_"));
  return (page) => partial || names.includes(page);
}

/**
 * The pages alone, for library callers. Throws only on problems of replacement templates given in
 * `options.templates`; `renderDocs` returns those as problems instead (both CLI commands use it, `mofgen
 * generate` writing the pages under `<out>/docs/`).
 */
export function generateDocs(schema: SchemaModel, options: Partial<DocsOptions> = {}): GeneratedFile[] {
  const { files, problems } = renderDocs(schema, options);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((p) => `${p.template}.hbs: ${p.message}`).join("\n"));
  return [...files];
}

/**
 * One trailing line break and no runs of blank lines, which templates that skip optional parts leave behind;
 * the inside of fenced code blocks (examples) stays as it is.
 */
function finish(text: string): string {
  if (!text.includes("\n\n\n") && !text.startsWith("\n")) return `${text.trimEnd()}\n`;
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of text.split("\n")) {
    if (fence === undefined) {
      if (line === "" && (out.length === 0 || out[out.length - 1] === "")) continue;
      fence = /^(`{3,})/.exec(line)?.[1];
    } else if (line === fence) {
      fence = undefined;
    }
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return `${out.join("\n")}\n`;
}
