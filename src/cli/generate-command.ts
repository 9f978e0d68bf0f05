import { colorChoice, oneOf, parseCommandLine, UsageError } from "./args.js";
import { compileFlags } from "./compile-flags.js";
import { type GenerateOptions, generateOnce } from "./generate.js";
import type { CliIo } from "./io.js";
import { outputFormats } from "./report-diagnostics.js";
import { interruptSignal, watchGenerate } from "./watch.js";

/**
 * `mofgen generate [PATH...] [--out DIR] [--config FILE] [--check | --watch]`: the command line. Values given
 * here override the configuration file's (resolveSettings layers them).
 */
export async function generateCommand(args: readonly string[], io: CliIo, usage: string): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    format: { type: "string" },
    out: { type: "string" },
    config: { type: "string" },
    check: { type: "boolean" },
    watch: { type: "boolean" },
    "no-docs": { type: "boolean" },
    verbose: { type: "boolean" },
  });
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  if (values.check && values.watch) throw new UsageError("--check and --watch cannot be combined");
  const options: GenerateOptions = {
    paths: positionals,
    out: values.out,
    config: values.config,
    ...compileFlags(values),
    ...(values["no-docs"] && { docs: false }),
    check: values.check ?? false,
    watch: values.watch ?? false,
    format: oneOf("--format", values.format, outputFormats, "pretty"),
    ...colorChoice(values),
    ...(values.verbose && { verbose: true }),
  };
  const run = options.watch ? await watchGenerate(options, io, interruptSignal()) : await generateOnce(options, io);
  if (run.usage !== undefined) throw new UsageError(run.usage);
  return run.code;
}
