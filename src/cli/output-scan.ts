import { closeSync, constants, type Dirent, openSync, readdirSync, readSync } from "node:fs";
import { join } from "node:path";
import { hasGeneratedHeader } from "./generate-manifest.js";
import { tempFileWriter } from "./temp-files.js";

/** What lies in the output directory besides the files a run knows about. */
export interface OutputScan {
  /** mofgen's temporary files (absolute paths): leftovers of killed runs, or a running writer's. */
  readonly temps: readonly { readonly path: string; readonly pid: number }[];
  /** Relative paths of files that carry mofgen's header but are not `known`. */
  readonly unlisted: readonly string[];
}

/**
 * Walk the output directory (never through a symbolic link) for mofgen's temporary files and for files that look
 * like mofgen's output (its exact header) but that `known` (the manifest, this run's files) does not name: the
 * traces of a killed run or of two runs that wrote at once, which no manifest would ever let a run remove.
 */
export function scanOutput(outDir: string, known: (rel: string) => boolean): OutputScan {
  const temps: { path: string; pid: number }[] = [];
  const unlisted: string[] = [];
  const walk = (dir: string, prefix: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // Missing or unreadable: the writes report what matters.
    }
    for (const entry of entries) {
      const rel = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${rel}/`);
      if (!entry.isFile()) continue;
      const pid = tempFileWriter(entry.name);
      if (pid !== undefined) temps.push({ path: join(dir, entry.name), pid });
      else if (!known(rel) && startsWithHeader(join(dir, entry.name))) unlisted.push(rel);
    }
  };
  walk(outDir, "");
  return { temps, unlisted };
}

/** The header is on the first two lines: 16 KB holds them even for a long "generated from" list. */
const headerBytes = 16 * 1024;

function startsWithHeader(path: string): boolean {
  let fd: number | undefined;
  try {
    // Non-blocking: a FIFO put there since the listing must not stall the run.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const buffer = Buffer.alloc(headerBytes);
    const n = readSync(fd, buffer, 0, headerBytes, 0);
    return hasGeneratedHeader(buffer.toString("utf8", 0, n));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
