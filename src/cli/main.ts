import { parseArgs } from "node:util";
import { colorChoice, compileOptions, isUsageError, oneOf, UsageError } from "./args.js";
import { runCheck } from "./check.js";
import { compileFlags, compileSettings } from "./compile-flags.js";
import { diffCommand } from "./diff.js";
import { type GenerateOptions, generateOnce } from "./generate.js";
import { type CliIo, processIo } from "./io.js";
import { runModel } from "./model.js";
import type { OutputFormat } from "./report-diagnostics.js";
import { USAGE, VERSION } from "./usage.js";
import { interruptSignal, watchGenerate } from "./watch.js";

/**
 * The mofgen command. Returns the exit code; never throws: usage errors print a message and return 2, and
 * an internal error (a bug in mofgen) prints one line asking for a report and returns 3.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (isUsageError(e)) {
      io.stderr(`mofgen: ${e.message}\nRun 'mofgen --help' for usage.\n`);
      return 2;
    }
    const detail = e instanceof Error ? e.message : String(e);
    io.stderr(
      `mofgen: internal error: ${detail}\nThis is a bug in mofgen; please report it with the input that caused it.\n`,
    );
    if (io.env.MOFGEN_DEBUG) io.stderr(`${(e as Error).stack ?? ""}\n`);
    return 3;
  }
}

/** The options of check, model, format and generate: the compile options and a diagnostics/output format. */
const options = { ...compileOptions, format: { type: "string" } } as const;

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    io.stdout(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === "-v" || command === "--version") {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (command === "generate") return generate(rest, io);
  // Loaded on demand: the docs command's chunk holds Handlebars, which no other command needs.
  if (command === "docs") return (await import("./docs-command.js")).docsCommand(rest, io, USAGE);
  if (command === "diff") return diffCommand(rest, io, USAGE);
  if (command !== "check" && command !== "model" && command !== "format") {
    throw new UsageError(`unknown command '${command}'`);
  }
  const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, strict: true, options });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`${command} needs at least one PATH`);
  const common = { paths: positionals, ...compileSettings(compileFlags(values)), ...colorChoice(values) };
  if (command === "model")
    return runModel({ ...common, format: oneOf("--format", values.format, ["json", "mof"], "json") }, io);
  if (command === "format") return runModel({ ...common, format: "mof" }, io);
  return runCheck(
    { ...common, format: oneOf<OutputFormat>("--format", values.format, ["pretty", "json", "sarif"], "pretty") },
    io,
  );
}

/** `mofgen generate`: values given on the command line override the configuration file's. */
async function generate(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      ...options,
      out: { type: "string" },
      config: { type: "string" },
      check: { type: "boolean" },
      watch: { type: "boolean" },
      "no-docs": { type: "boolean" },
      verbose: { type: "boolean" },
    },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.check && values.watch) throw new UsageError("--check and --watch cannot be combined");
  const generateOptions: GenerateOptions = {
    paths: positionals,
    out: values.out,
    config: values.config,
    // resolveSettings layers these over the configuration file's.
    ...compileFlags(values),
    ...(values["no-docs"] && { docs: false }),
    check: values.check ?? false,
    watch: values.watch ?? false,
    format: oneOf<OutputFormat>("--format", values.format, ["pretty", "json", "sarif"], "pretty"),
    ...colorChoice(values),
    ...(values.verbose && { verbose: true }),
  };
  const run = generateOptions.watch
    ? await watchGenerate(generateOptions, io, interruptSignal())
    : await generateOnce(generateOptions, io);
  if (run.usage !== undefined) throw new UsageError(run.usage);
  return run.code;
}
