import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** `../shared/corpora` beside the repository (never copied into it). */
export const corporaDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/corpora");

export const onCi = process.env.CI === "true" || process.env.CI === "1";

/**
 * The path of a corpus folder, or undefined when the corpora are absent. Under CI a missing corpus is a
 * failure (throws); elsewhere the caller skips with a visible message.
 */
export function corpus(name: string): string | undefined {
  const dir = join(corporaDir, name);
  if (existsSync(dir)) return dir;
  if (onCi) throw new Error(`corpus ${name} is missing at ${dir}: CI must run with ../shared beside the repository`);
  console.warn(`[skip] corpus ${name} not found at ${dir}`);
  return undefined;
}
