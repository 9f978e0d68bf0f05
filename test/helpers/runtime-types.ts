import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Vitest global setup: the runtime's declarations (runtime/dist/*.d.ts), which the type-check helpers compile
 * generated code against as a user's project would, are rebuilt when any runtime source is newer. Sources are not
 * used for that: they import saxes, whose own .d.ts does not pass `skipLibCheck: false` under TypeScript 7, while
 * the published declarations never mention it.
 */
const repo = join(import.meta.dirname, "../..");

function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => statSync(join(dir, f)).mtimeMs),
  );
}

export default function buildRuntimeTypes(): void {
  const built = join(repo, "runtime/dist/index.d.ts");
  if (existsSync(built) && statSync(built).mtimeMs >= newest(join(repo, "runtime/src"))) return;
  execFileSync(
    process.execPath,
    [join(repo, "node_modules/typescript/bin/tsc"), "-p", join(repo, "runtime/tsconfig.json")],
    {
      stdio: "inherit",
    },
  );
}
