import Handlebars from "handlebars";
import { templateSources } from "./template-sources.js";

/**
 * The page templates: an isolated Handlebars instance (nothing registered on the global one leaks in or out),
 * strict mode (a template that names a field the view lacks fails instead of printing nothing), no HTML
 * escaping (the view model has already escaped every string for Markdown), no helpers beyond the built-in
 * `if` and `each`. Templates are compiled once per set; the default set once per process.
 */

/** The page templates; the other names are partials, written `{{> value-list}}` for `_value-list`. */
export const pageTemplates = ["class", "method", "namespace", "index"] as const;
export type PageTemplate = (typeof pageTemplates)[number];

export const templateNames: readonly string[] = Object.keys(templateSources).sort();

export interface TemplateProblem {
  /** The template's name (file name without `.hbs`). */
  readonly template: string;
  readonly severity: "error" | "warning";
  readonly message: string;
  /** Where in the template the syntax error is, 1-based, when Handlebars says. */
  readonly line?: number;
  readonly column?: number;
}

export interface TemplateSet {
  render(template: PageTemplate, view: object): string;
}

const compileOptions = { strict: true, noEscape: true } as const;

let defaults: TemplateSet | undefined;

/**
 * Compile the default templates with `overrides` (name -> source) put in their place. A syntax error in a
 * replacement, or a replacement for a name that is no template, is a problem to report, not an exception; the
 * set is undefined when some template cannot be compiled.
 */
export function compileTemplates(overrides: Readonly<Record<string, string>> = {}): {
  readonly templates: TemplateSet | undefined;
  readonly problems: readonly TemplateProblem[];
} {
  const problems: TemplateProblem[] = [];
  for (const name of Object.keys(overrides)) {
    if (!(name in templateSources)) {
      problems.push({
        template: name,
        severity: "warning",
        message: `'${name}.hbs' replaces no template and is ignored; the templates are ${templateNames.map((n) => `${n}.hbs`).join(", ")}`,
      });
    }
  }
  if (Object.keys(overrides).length === 0 && defaults !== undefined) return { templates: defaults, problems };
  const hb = Handlebars.create();
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const name of templateNames) {
    const source = overrides[name] ?? (templateSources[name] as string);
    try {
      // parse() checks the syntax now; compile() alone would wait until the first page.
      hb.parse(source);
      const template = hb.compile(source, compileOptions);
      if (name.startsWith("_")) hb.registerPartial(name.slice(1), template);
      else compiled.set(name, template);
    } catch (e) {
      problems.push({ template: name, severity: "error", ...syntaxError(e as Error) });
    }
  }
  if (problems.some((p) => p.severity === "error")) return { templates: undefined, problems };
  const set: TemplateSet = {
    render(template, view) {
      const t = compiled.get(template);
      if (t === undefined) throw new Error(`no template '${template}'`);
      return t(view);
    },
  };
  if (Object.keys(overrides).length === 0) defaults = set;
  return { templates: set, problems };
}

/**
 * A Handlebars syntax error as a message and a place. Handlebars' own exceptions carry `lineNumber` (1-based) and
 * `column` (0-based); its generated parser's errors only say "Parse error on line N:" and then draw the place under
 * an excerpt, which is dropped here: the diagnostic's code frame shows the line itself.
 */
function syntaxError(e: Error & { lineNumber?: unknown; column?: unknown }): {
  message: string;
  line?: number;
  column?: number;
} {
  const message = e.message.replace(/\s+$/, "");
  if (typeof e.lineNumber === "number" && typeof e.column === "number")
    return { message: message.replace(/ - \d+:\d+$/, ""), line: e.lineNumber, column: e.column + 1 };
  const parse = /^Parse error on line (\d+):\n[^\n]*\n-*\^\n/.exec(message);
  if (parse === null) return { message };
  return { message: `parse error: ${message.slice(parse[0].length)}`, line: Number(parse[1]) };
}
