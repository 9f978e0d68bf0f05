import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

/** Run the mofgen command in-process in `cwd`, capturing its output and exit code. */
export async function runCli(args: string[], cwd: string, env: Record<string, string> = {}, tty = false) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd,
    env,
    stdoutIsTty: tty,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** The first line of each pretty diagnostic block: `file:line:column - severity CODE: message`. */
export function headlines(output: string): string[] {
  return output.split("\n").filter((l) => / - (error|warning|info) MOF\d{4}: /.test(l));
}
