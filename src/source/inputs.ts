import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export type InputEntry =
  | { readonly kind: "file"; readonly path: string }
  | {
      readonly kind: "directory";
      readonly path: string;
      readonly files: readonly string[];
    }
  | {
      readonly kind: "missing";
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
      return { kind: "missing", path: p, reason: describeIoError(e) };
    }
    if (stat.isDirectory()) return { kind: "directory", path: abs, files: mofFilesUnder(abs) };
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
  return out.sort(comparePaths);
}

export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function describeIoError(e: unknown): string {
  const code = (e as { code?: string }).code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    default:
      return e instanceof Error ? e.message : String(e);
  }
}
