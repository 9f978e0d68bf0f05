import { randomBytes } from "node:crypto";
import { closeSync, openSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * mofgen's temporary files: every file is first written beside its target under a temporary name, then renamed
 * (atomic on one file system). A run killed in between leaves them behind; the names let a later run (and
 * `--check`) recognise exactly these files as mofgen's own, and never anything else.
 */
const suffix = ".mofgen-tmp";

/**
 * `.NAME.PID-RANDOM-N.mofgen-tmp`: the process id says who wrote it; 12 random hex digits drawn once per process
 * make the name new even when the process id repeats (mofgen as PID 1 in every container run), so a leftover
 * never collides; N counts this process's files (random bytes per file cost a fifth of a large write).
 */
const processToken = randomBytes(6).toString("hex");
let counter = 0;

export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${processToken}-${counter++}${suffix}`);
}

/** Today's names, and `.NAME.PID.N.mofgen-tmp` of earlier mofgen builds, whose leftovers are cleaned up too. */
const tempName = /^\..+\.(\d+)(?:-[0-9a-f]{12}-\d+|\.\d+)\.mofgen-tmp$/;

/** The process id in one of mofgen's temporary file names, or undefined for any other name. */
export function tempFileWriter(name: string): number | undefined {
  const match = tempName.exec(name);
  return match === null ? undefined : Number(match[1]);
}

/** Write `content` to a new temporary file beside `path` (never an existing one: `wx`); returns its path. */
export function writeTemp(path: string, content: string): string {
  const temp = tempPathFor(path);
  let fd: number;
  try {
    fd = openSync(temp, "wx");
  } catch (e) {
    // One that existed (EEXIST) was never ours and is not touched.
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") rmSync(temp, { force: true });
    throw e;
  }
  let open = true;
  try {
    writeText(fd, content);
    open = false;
    closeSync(fd);
  } catch (e) {
    // A partial file (no space left) is closed and removed.
    if (open) closeQuietly(fd);
    rmSync(temp, { force: true });
    throw e;
  }
  return temp;
}

/**
 * The text, UTF-8, from the file's start. A string goes to the kernel without a Buffer of its own (Node encodes
 * it on the stack up to 16 KB): a Buffer per file (malloc, then a copy) was a sixth of the writer's time on CIM
 * 2.49's 3,159 files.
 */
function writeText(fd: number, text: string): void {
  const written = writeSync(fd, text);
  if (written === Buffer.byteLength(text)) return;
  // A short write: the rest from the encoded bytes, which can say where the rest starts.
  const bytes = Buffer.from(text);
  for (let at = written; at < bytes.length; ) at += writeSync(fd, bytes, at);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // The write's failure is the one to report.
  }
}
