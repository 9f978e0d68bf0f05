import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The strictest settings generated code must pass (HOUSE_STYLE "Tests"), with `@mofgen/runtime` resolved to its declarations. */
export const strictestOptions = {
  target: "ES2022",
  lib: ["ES2023"],
  module: "nodenext",
  moduleResolution: "nodenext",
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noPropertyAccessFromIndexSignature: true,
  noFallthroughCasesInSwitch: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  forceConsistentCasingInFileNames: true,
  noEmit: true,
  // The runtime (checked with the generated code, not skipped) uses AbortSignal and timers from Node's types.
  types: ["node"],
  typeRoots: [join(repo, "node_modules/@types")],
  // The runtime's published declarations (kept fresh by test/helpers/runtime-types.ts), as a user compiles against.
  paths: { "@mofgen/runtime": [join(repo, "runtime/dist/index.d.ts")] },
};

export interface TypeCheckResult {
  readonly status: number | null;
  /** tsc's diagnostics (or why it could not run). */
  readonly output: string;
}

/**
 * Write trees of generated files (directory name -> files) under a temporary directory beside a strictest tsconfig,
 * run the repository's tsc on them, and remove the directory. One tsc run for all trees keeps corpus tests fast.
 */
export function typeCheck(trees: Record<string, readonly { path: string; content: string }[]>): TypeCheckResult {
  const root = mkdtempSync(join(tmpdir(), "mofgen-tsc-"));
  try {
    for (const [dir, files] of Object.entries(trees)) {
      for (const f of files) {
        const full = join(root, dir, f.path);
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, f.content);
      }
    }
    writeFileSync(join(root, "package.json"), JSON.stringify({ type: "module", private: true }));
    const tsconfig = { compilerOptions: strictestOptions, include: ["**/*.ts"] };
    writeFileSync(join(root, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    const tsc = join(repo, "node_modules/.bin/tsc");
    const run = spawnSync(tsc, ["-p", join(root, "tsconfig.json"), "--pretty", "false"], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${run.stdout ?? ""}${run.stderr ?? ""}${run.error ? String(run.error) : ""}`;
    return { status: run.status, output: output.slice(0, 20_000) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
