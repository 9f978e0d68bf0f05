import { lstatSync } from "node:fs";
import { join } from "node:path";
import type { OutputPlan } from "./write-output.js";

interface Seen {
  readonly content: string;
  /** The file's identity and times when last seen holding `content` (ctime changes on every write, by anyone). */
  readonly stamp: string;
}

/**
 * What a watch session knows of its output directory: for each file, the content it had when this process last
 * wrote or compared it, with its inode, size and nanosecond modification and change times. Planning the next run
 * takes a file as unchanged without reading it when the content to write is the same and the file's stamp is
 * too; a file anyone else touched has another ctime and is read and compared as in any run. The output lock,
 * link checks, the manifest and the scan for stray files are as in every run: only the read is saved.
 */
export class KnownOutput {
  #files = new Map<string, Seen>();
  #dir: string | undefined;

  /** Whether the file at `path` (relative to the real output directory `outDir`) surely holds `content`. */
  holds(outDir: string, path: string, content: string): boolean {
    if (outDir !== this.#dir) return false;
    const seen = this.#files.get(path);
    return seen !== undefined && seen.content === content && seen.stamp === stampOf(join(outDir, path));
  }

  /** After a run wrote `plan`: remember every file it wrote or found up to date. */
  remember(plan: OutputPlan): void {
    if (plan.outDir !== this.#dir) this.#files = new Map();
    this.#dir = plan.outDir;
    const next = new Map<string, Seen>();
    for (const file of plan.files) {
      if (file.change === "remove" || file.content === undefined) continue;
      const known = this.#files.get(file.path);
      // Planned unchanged with the content known: either its stamp was checked just now, or it was read and
      // compared (then an old stamp only means it is read again next time). Either way, no stat is needed.
      if (file.change === "unchanged" && known?.content === file.content) {
        next.set(file.path, known);
        continue;
      }
      const stamp = stampOf(join(plan.outDir, file.path));
      if (stamp !== undefined) next.set(file.path, { content: file.content, stamp });
    }
    this.#files = next;
  }

  /** Forget everything (a run that failed half-way leaves files in a state not worth trusting). */
  forget(): void {
    this.#files = new Map();
  }
}

function stampOf(path: string): string | undefined {
  try {
    const s = lstatSync(path, { bigint: true });
    return s.isFile() ? `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : undefined;
  } catch {
    return undefined;
  }
}
