import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { defaultDialect } from "../dialect/dialect.js";
import { type DocsStyle, docsStyles } from "../emit/docs/options.js";
import { colorChoice, compileOptions, diagnosticPolicy, dialectFlag, oneOf, UsageError } from "./args.js";
import { configFileName, type DocsConfig, findConfig, type GenerateConfig, readConfig } from "./config.js";
import { type DocsCliOptions, defaultDocsOut, runDocs } from "./docs.js";
import type { CliIo } from "./io.js";
import { reportDiagnostics } from "./report-diagnostics.js";

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
  // Absent, not the default, when not given: the configuration's dialect applies then.
  const dialect = dialectFlag(values.dialect);
  const color = colorChoice(values);
  const style =
    values.style === undefined ? undefined : oneOf<DocsStyle>("--style", values.style, docsStyles, "microsoft");
  const named = (path: string | undefined) => (path === undefined ? undefined : { path: resolve(io.cwd, path) });
  let inputs: Omit<DocsCliOptions, "namespace" | "out" | "color"> = {
    paths: positionals,
    includeDirs: values.include ?? [],
    allowIncludeOutside: values["allow-include-outside"] ?? false,
    dialect: dialect ?? defaultDialect,
    builtinQualifiers: values["builtin-qualifiers"] ?? false,
    templates: named(values.templates),
    overlay: named(values.overlay),
    locale: values.locale,
    style: style,
  };
  let config: GenerateConfig | undefined;
  if (positionals.length === 0) {
    const path = findConfig(io.cwd);
    if (path === undefined)
      throw new UsageError(
        `docs needs at least one PATH, or a ${configFileName} here or in a folder above to take its inputs from`,
      );
    const loaded = readConfig(path);
    reportDiagnostics(loaded.diagnostics, io, { color: color.color, stream: "stderr" });
    if (loaded.unreadable) return 2;
    if (loaded.diagnostics.some((d) => d.severity === "error")) return 1;
    config = loaded.config;
    // The configuration's docs settings apply too (its `docs: false` is for generate: this command was asked for).
    const docs: DocsConfig = typeof config.docs === "object" ? config.docs : {};
    if (config.inputs === undefined)
      throw new UsageError(`docs needs at least one PATH: ${configFileName} names no 'inputs'`);
    inputs = {
      paths: config.inputs,
      includeDirs: values.include ?? config.include ?? [],
      allowIncludeOutside: values["allow-include-outside"] ?? config.includeOutsideRoots ?? false,
      dialect: dialect ?? config.dialect ?? defaultDialect,
      builtinQualifiers: values["builtin-qualifiers"] ?? config.builtinQualifiers ?? false,
      templates: inputs.templates ?? docs.templates,
      overlay: inputs.overlay ?? docs.overlay,
      locale: inputs.locale ?? docs.locale,
      style: style ?? docs.style,
    };
  }
  const options: DocsCliOptions = {
    ...inputs,
    namespace: values.namespace,
    policy: diagnosticPolicy(values, config?.diagnostics),
    out: values.out ?? defaultDocsOut,
    ...color,
  };
  return runDocs(options, io);
}

function parseDocsArgs(args: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      ...compileOptions,
      out: { type: "string" },
      templates: { type: "string" },
      overlay: { type: "string" },
      locale: { type: "string" },
      style: { type: "string" },
    },
  });
  return { values, positionals, help: values.help === true };
}
