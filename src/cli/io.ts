import { isAbsolute, relative } from "node:path";

/** What a command may touch of the outside world: injected so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTty: boolean;
  /**
   * Between chunks of a long output: resolves when stdout can take more (a slow reader must not make the
   * rest pile up in memory), after letting a closed pipe's EPIPE stop the command. Absent in tests.
   */
  readonly drain?: () => Promise<void>;
}

export function processIo(): CliIo {
  // `mofgen check ... | head` closes the pipe early: stop quietly, as Unix tools do, instead of crashing.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTty: process.stdout.isTTY === true,
    drain: () => drained(process.stdout),
  };
}

function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.writableNeedDrain || stream.destroyed) {
      setImmediate(resolve);
      return;
    }
    const done = () => {
      stream.off("drain", done).off("close", done);
      resolve();
    };
    stream.on("drain", done).on("close", done);
  });
}

/** Colour only on a terminal, never when NO_COLOR is set (https://no-color.org), always with FORCE_COLOR. */
export function useColor(io: CliIo, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  return io.stdoutIsTty;
}

/** Paths under the working directory are shown relative to it (with '/'), others absolute. */
export function relativizer(cwd: string): (path: string) => string {
  return (path) => {
    if (!isAbsolute(path)) return path;
    const rel = relative(cwd, path);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return path;
    return rel.split("\\").join("/");
  };
}
