import { resolve } from "node:path";
import { type DocsStyle, docsStyles } from "../emit/docs/options.js";
import { colorChoice, oneOf, parseCommandLine, UsageError } from "./args.js";
import { compileFlags } from "./compile-flags.js";
import { type DocsCliOptions, defaultDocsOut, runDocs } from "./docs.js";
import type { CliIo } from "./io.js";
import { reportDiagnostics } from "./report-diagnostics.js";
import { configLine, pageSettings, resolveSettings } from "./settings.js";

/**
 * `mofgen docs [PATH...] [--out DIR] [--config FILE] [--verbose] [--templates DIR] [--overlay FILE] [--locale L]
 * [--style S]`:
 * the command line. Settings come as for `mofgen generate` (settings.ts): without PATH, or with `--config`, from
 * `mofgen.config.json` (the inputs, include directories, dialect, diagnostics, and the `docs` object's overlay,
 * templates, locale and style), each overridden by the command line. The file's `out` is generate's directory:
 * docs writes to `--out` or `mofgen-docs/`, and the file's `docs: false` is for generate (this command was asked).
 * main.ts reaches this module through a dynamic import, so that Handlebars loads for this command only.
 */
export async function docsCommand(args: readonly string[], io: CliIo, usage: string): Promise<number> {
  const parsed = parseDocsArgs(args);
  if (parsed.help) {
    io.stdout(usage);
    return 0;
  }
  const { values, positionals } = parsed;
  const color = colorChoice(values);
  const style =
    values.style === undefined ? undefined : oneOf<DocsStyle>("--style", values.style, docsStyles, "microsoft");
  const named = (path: string | undefined) => (path === undefined ? undefined : { path: resolve(io.cwd, path) });
  // Absent, not the defaults, when not given: the configuration's values apply then.
  const flags = { paths: positionals, config: values.config, ...compileFlags(values) };
  if (values.verbose) io.stdout(`${configLine(flags, io.cwd)}\n`);
  const resolved = resolveSettings({ command: "docs", needsOut: false }, flags, io.cwd);
  reportDiagnostics(resolved.diagnostics, io, { color: color.color, stream: "stderr" });
  if (resolved.settings === undefined) {
    if (resolved.usage !== undefined) throw new UsageError(resolved.usage);
    return resolved.code;
  }
  const { compile, config } = resolved.settings;
  const given = {
    templates: named(values.templates),
    overlay: named(values.overlay),
    locale: values.locale,
    style,
  };
  const pages = pageSettings(given, config.docs);
  const options: DocsCliOptions = {
    ...compile,
    templates: pages.templates,
    overlay: pages.overlay,
    locale: pages.locale,
    style: pages.style,
    out: values.out ?? defaultDocsOut,
    ...color,
  };
  return runDocs(options, io);
}

function parseDocsArgs(args: readonly string[]) {
  const { values, positionals } = parseCommandLine(args, {
    out: { type: "string" },
    config: { type: "string" },
    templates: { type: "string" },
    overlay: { type: "string" },
    locale: { type: "string" },
    style: { type: "string" },
    verbose: { type: "boolean" },
  });
  return { values, positionals, help: values.help === true };
}
