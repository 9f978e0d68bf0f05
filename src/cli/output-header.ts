import { extname } from "node:path";
import { hasGeneratedHeader } from "./generate-manifest.js";
import { readRegularHead } from "./read-regular.js";

/**
 * Reading mofgen's header in the output directory, bounded: a file at a generated file's place may be anything,
 * and a file of mofgen's without its header is the user's (write-output.ts says what planning makes of that).
 */

/**
 * How much of a file that no manifest lists is read to find mofgen's header: its two lines name a class or a
 * MOF file, a few hundred bytes. A user's file at a generated file's place may be a disk image: never read whole.
 */
export const headerBytes = 64 * 1024;

/**
 * How much of a file of ours is read first to find the header: enough for its two lines but for a long "from"
 * list (then it is read again, further). Every changed file of an output is probed: reading 64 KiB of each of
 * CIM 2.49's 5,220 made planning them 30 ms slower (60 ms before), 1 KiB 12 ms.
 */
export const headerProbe = 1024;

/** The start of a file, and its size. */
export interface Head {
  readonly size: number;
  readonly bytes: Buffer;
}

/** Whether the file `head` was read from starts with mofgen's header; a head cut short is read again further. */
export function startsWithHeader(path: string, head: Head): boolean {
  if (hasGeneratedHeader(head.bytes.subarray(0, headerBytes).toString("utf8"))) return true;
  if (head.bytes.length >= Math.min(head.size, headerBytes)) return false;
  try {
    return hasGeneratedHeader(readRegularHead(path, () => headerBytes).bytes.toString("utf8"));
  } catch {
    return false;
  }
}

/**
 * Whether mofgen heads the files of a path's kind (its extension) in this run: it writes no file of that kind
 * without the header (`headerless`, the run's files written without it; the TypeScript emitters always head their
 * files, the pages carry the header unless a `--templates` template leaves `{{generatedNote}}` out). A stale file
 * of a headed kind without the header had it taken out, by a user keeping the file; where this run writes some
 * file of its kind without the header, the missing header says nothing. The manifest's `headerless` list says it
 * first, but a manifest written before that list has none.
 */
export function headedKinds(headerless: ReadonlySet<string>): (path: string) => boolean {
  const unheaded = new Set([...headerless].map((path) => extname(path)));
  return (path) => !unheaded.has(extname(path));
}

/**
 * Whether a file of mofgen's (listed in the manifest) has text but does not start with mofgen's header: one that
 * cannot be read is told by the manifest alone, as before.
 */
export function lostHeader(path: string): boolean {
  try {
    const head = readRegularHead(path, () => headerProbe);
    return head.bytes.length > 0 && !startsWithHeader(path, head);
  } catch {
    return false;
  }
}
