import { resolve } from "node:path";
import { type DocsStyle, docsStyles } from "../emit/docs/options.js";
import { colorChoice, oneOf, parseCommandLine, UsageError } from "./args.js";
import { compileFlags, compileSettings } from "./compile-flags.js";
import { configFileName, type DocsConfig, readConfig } from "./config.js";
import { type DocsCliOptions, defaultDocsOut, runDocs } from "./docs.js";
import { configPathOf } from "./generate-settings.js";
import type { CliIo } from "./io.js";
import { reportDiagnostics } from "./report-diagnostics.js";

/** The docs settings a command line can give, each over the configuration's. */
type DocsSettings = Pick<DocsCliOptions, "templates" | "overlay" | "locale" | "style">;

/**
 * `mofgen docs [PATH...] [--out DIR] [--templates DIR] [--overlay FILE] [--locale L] [--style S]`: the command
 * line. Without PATH the inputs (and include directories, dialect, and the `docs` object's overlay, templates,
 * locale and style) come
 * from `mofgen.config.json`, as for `mofgen generate`; options on the command line override them.
 * main.ts reaches this module through a dynamic import, so that Handlebars loads for this command only.
 */
export async function docsCommand(args: readonly string[], io: CliIo, usage: string): Promise<number> {
  const parsed = parseDocsArgs(args);
  if (parsed.help) {
    io.stdout(usage);
    return 0;
  }
  const { values, positionals } = parsed;
  // Absent, not the defaults, when not given: the configuration's values apply then.
  const flags = compileFlags(values);
  const color = colorChoice(values);
  const style =
    values.style === undefined ? undefined : oneOf<DocsStyle>("--style", values.style, docsStyles, "microsoft");
  const named = (path: string | undefined) => (path === undefined ? undefined : { path: resolve(io.cwd, path) });
  const given: DocsSettings = {
    templates: named(values.templates),
    overlay: named(values.overlay),
    locale: values.locale,
    style: style,
  };
  let inputs: Omit<DocsCliOptions, "out" | "color"> = {
    paths: positionals,
    ...compileSettings(flags),
    ...given,
  };
  if (positionals.length === 0) {
    // Where generate looks for its configuration without --config (docs has no --config).
    const path = configPathOf({ paths: positionals }, io.cwd);
    if (path === undefined)
      throw new UsageError(
        `docs needs at least one PATH, or a ${configFileName} here or in a folder above to take its inputs from`,
      );
    const loaded = readConfig(path);
    reportDiagnostics(loaded.diagnostics, io, { color: color.color, stream: "stderr" });
    if (loaded.unreadable) return 2;
    if (loaded.diagnostics.some((d) => d.severity === "error")) return 1;
    const config = loaded.config;
    // The configuration's docs settings apply too (its `docs: false` is for generate: this command was asked for).
    const docs: DocsConfig = typeof config.docs === "object" ? config.docs : {};
    if (config.inputs === undefined)
      throw new UsageError(`docs needs at least one PATH: ${configFileName} names no 'inputs'`);
    inputs = {
      paths: config.inputs,
      ...compileSettings(flags, config),
      templates: given.templates ?? docs.templates,
      overlay: given.overlay ?? docs.overlay,
      locale: given.locale ?? docs.locale,
      style: given.style ?? docs.style,
    };
  }
  const options: DocsCliOptions = { ...inputs, out: values.out ?? defaultDocsOut, ...color };
  return runDocs(options, io);
}

function parseDocsArgs(args: readonly string[]) {
  const { values, positionals } = parseCommandLine(args, {
    out: { type: "string" },
    templates: { type: "string" },
    overlay: { type: "string" },
    locale: { type: "string" },
    style: { type: "string" },
  });
  return { values, positionals, help: values.help === true };
}
