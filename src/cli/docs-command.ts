import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Dialect } from "../parser/parse.js";
import { printPretty } from "./check.js";
import { configFileName, readConfig } from "./config.js";
import { type DocsCliOptions, defaultDocsOut, runDocs } from "./docs.js";
import { type CliIo, useColor } from "./io.js";

/**
 * `mofgen docs [PATH...] [--out DIR] [--templates DIR] [--overlay FILE] [--locale L]`: the command line. Without
 * PATH the inputs (and include directories, dialect) come from `mofgen.config.json`, as for `mofgen generate`.
 * main.ts reaches this module through a dynamic import, so that Handlebars loads for this command only.
 */
export function docsCommand(args: readonly string[], io: CliIo, usage: string): number {
  let parsed: ReturnType<typeof parseDocsArgs>;
  try {
    parsed = parseDocsArgs(args);
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) return usageError(io, (e as Error).message);
    throw e;
  }
  if (parsed.help) {
    io.stdout(usage);
    return 0;
  }
  const { values, positionals } = parsed;
  const dialect = values.dialect;
  if (dialect !== undefined && dialect !== "wmi" && dialect !== "dmtf") {
    return usageError(io, `--dialect must be one of wmi, dmtf (got '${dialect}')`);
  }
  const color = values["no-color"] ? { color: false } : values.color ? { color: true } : {};
  let inputs: Pick<DocsCliOptions, "paths" | "includeDirs" | "dialect" | "builtinQualifiers"> = {
    paths: positionals,
    includeDirs: values.include ?? [],
    dialect: (dialect ?? "wmi") as Dialect,
    builtinQualifiers: values["builtin-qualifiers"] ?? false,
  };
  if (positionals.length === 0) {
    const path = resolve(io.cwd, configFileName);
    if (!existsSync(path))
      return usageError(io, `docs needs at least one PATH, or a ${configFileName} here to take its inputs from`);
    const loaded = readConfig(path);
    printPretty(loaded.diagnostics, io, useColor(io, color.color), io.stderr);
    if (loaded.unreadable) return 2;
    if (loaded.diagnostics.some((d) => d.severity === "error")) return 1;
    const config = loaded.config;
    if (config.inputs === undefined)
      return usageError(io, `docs needs at least one PATH: ${configFileName} names no 'inputs'`);
    inputs = {
      paths: config.inputs,
      includeDirs: values.include ?? config.include ?? [],
      dialect: (dialect as Dialect | undefined) ?? config.dialect ?? "wmi",
      builtinQualifiers: values["builtin-qualifiers"] ?? config.builtinQualifiers ?? false,
    };
  }
  const options: DocsCliOptions = {
    ...inputs,
    namespace: values.namespace,
    out: values.out ?? defaultDocsOut,
    templates: values.templates,
    overlay: values.overlay,
    locale: values.locale,
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
      include: { type: "string", short: "I", multiple: true },
      dialect: { type: "string" },
      "builtin-qualifiers": { type: "boolean" },
      namespace: { type: "string" },
      out: { type: "string" },
      templates: { type: "string" },
      overlay: { type: "string" },
      locale: { type: "string" },
      color: { type: "boolean" },
      "no-color": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  return { values, positionals, help: values.help === true };
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`mofgen: ${message}\nRun 'mofgen --help' for usage.\n`);
  return 2;
}
