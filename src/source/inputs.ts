import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { compareCodeUnits } from "../util/compare.js";
import { describeIoError } from "./io-errors.js";
import { unreadableReason } from "./read-source.js";

export type InputEntry =
  | { readonly kind: "file"; readonly path: string }
  | {
      readonly kind: "directory";
      readonly path: string;
      readonly files: readonly string[];
    }
  /** Missing, unreadable, or not something to read (a FIFO, a device, a file too large): never read. */
  | {
      readonly kind: "unreadable";
      readonly path: string;
      readonly reason: string;
    };

/**
 * Expand command-line paths: a file stands for itself, a directory for every `.mof` and `.mfl` (localisation)
 * file under it (sorted
 * by path with a fixed, locale-independent comparison, so results never depend on the machine).
 */
export function expandInputs(paths: readonly string[], cwd: string = process.cwd()): InputEntry[] {
  return paths.map((p) => {
    const abs = resolve(cwd, p);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(abs);
    } catch (e) {
      return { kind: "unreadable", path: p, reason: describeIoError(e) };
    }
    if (stat.isDirectory()) return { kind: "directory", path: abs, files: mofFilesUnder(abs) };
    // A FIFO, a device or a huge file is refused here, before anything tries to read it.
    const reason = unreadableReason(stat);
    if (reason !== undefined) return { kind: "unreadable", path: p, reason };
    return { kind: "file", path: abs };
  });
}

function mofFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && /\.(mof|mfl)$/i.test(e.name)) out.push(full);
    }
  };
  walk(dir);
  return out.sort(compareCodeUnits);
}
