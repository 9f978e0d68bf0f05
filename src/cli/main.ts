import { isUsageError, UsageError } from "./args.js";
import { checkCommand } from "./check.js";
import { diffCommand } from "./diff.js";
import { generateCommand } from "./generate-command.js";
import { type CliIo, processIo } from "./io.js";
import { modelCommand } from "./model.js";
import { USAGE, VERSION } from "./usage.js";

/** The bundle's second entry: bin/generate-worker.js runs it in generate's worker thread. */
export { runGenerateWorker } from "./generate-worker.js";

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

/** One module per command; docs is loaded on demand, as its chunk holds Handlebars, which no other command needs. */
const commands: Record<string, (args: readonly string[], io: CliIo, usage: string) => Promise<number> | number> = {
  check: checkCommand,
  model: (args, io, usage) => modelCommand("model", args, io, usage),
  format: (args, io, usage) => modelCommand("format", args, io, usage),
  generate: generateCommand,
  docs: async (args, io, usage) => (await import("./docs-command.js")).docsCommand(args, io, usage),
  diff: diffCommand,
};

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
  const run = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (run === undefined) throw new UsageError(`unknown command '${command}'`);
  return run(rest, io, USAGE);
}
