import { hasErrors } from "../diagnostics/diagnostic.js";
import { modelJsonChunks } from "../emit/model-json.js";
import { printMof } from "../emit/mof/print.js";
import { colorChoice, oneOf, parseCommandLine, UsageError } from "./args.js";
import { type CompileCliOptions, compile } from "./compile.js";
import { compileFlags, compileSettings } from "./compile-flags.js";
import { type CliIo, relativizer } from "./io.js";
import { reportDiagnostics } from "./report-diagnostics.js";

export interface ModelOptions extends CompileCliOptions {
  readonly color?: boolean;
  /** `json` (the model) or `mof` (the canonical MOF printer: `mofgen format`). */
  readonly format: "json" | "mof";
  /** `--spans`: where each element is written, in the JSON (files named as diagnostics name them). */
  readonly spans?: boolean;
}

/**
 * `mofgen model PATH... [--format json|mof]` and `mofgen format PATH...`: the command line. `format` takes
 * `--format` too, and ignores it: it always prints MOF.
 */
export function modelCommand(
  command: "model" | "format",
  args: readonly string[],
  io: CliIo,
  usage: string,
): Promise<number> | number {
  const { values, positionals } = parseCommandLine(args, { format: { type: "string" }, spans: { type: "boolean" } });
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`${command} needs at least one PATH`);
  const format = command === "format" ? "mof" : oneOf("--format", values.format, ["json", "mof"] as const, "json");
  // Canonical MOF has no place for spans: refused rather than quietly without effect.
  if (values.spans && format === "mof")
    throw new UsageError(`--spans is for the JSON model, not ${command === "format" ? "format" : "--format mof"}`);
  const spans = values.spans === true ? { spans: true } : {};
  return runModel(
    { paths: positionals, ...compileSettings(compileFlags(values)), ...colorChoice(values), format, ...spans },
    io,
  );
}

/**
 * `mofgen model` (JSON) and `mofgen format` (canonical MOF): the resolved model on stdout. Problems go to stderr; with errors nothing is printed
 * on stdout and the exit code is 1, so that a build step never consumes a model of a broken schema.
 */
export async function runModel(options: ModelOptions, io: CliIo): Promise<number> {
  const { program, schema, diagnostics } = compile(options, io);
  reportDiagnostics(diagnostics, io, { color: options.color, stream: "stderr" });
  if (program.inputErrors) return 2;
  if (hasErrors(diagnostics)) return 1;
  if (options.format === "mof") {
    io.stdout(printMof(schema, { dialect: options.dialect }));
    return 0;
  }
  // The JSON can outgrow one string (a deep inheritance chain repeats every inherited member per class):
  // write it as it is built, waiting whenever the reader is slower.
  const json = options.spans ? { spans: true, relativize: relativizer(io.cwd) } : {};
  for (const chunk of modelJsonChunks(schema, json)) {
    io.stdout(chunk);
    await io.drain?.();
  }
  return 0;
}
