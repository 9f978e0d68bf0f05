import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const runtimeSource = (path: string) => fileURLToPath(new URL(`./runtime/src/${path}`, import.meta.url));

export default defineConfig({
  // Tests run the runtime package from its sources, as tsconfig.json checks it, so no build is needed first.
  resolve: {
    alias: [
      { find: /^@mofgen\/runtime$/, replacement: runtimeSource("index.ts") },
      { find: /^@mofgen\/runtime\/values$/, replacement: runtimeSource("values/index.ts") },
      { find: /^@mofgen\/runtime\/server$/, replacement: runtimeSource("server/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/runtime-types.ts"],
    // One test file per core: Vitest's default of one fewer leaves a 2-core machine running one file at a time
    // (npm test: 233 s with one worker, 163 s with two).
    maxWorkers: Math.max(2, availableParallelism()),
    // Test files in one worker share loaded modules: importing the compiler and runtime from source once per worker
    // instead of once per file roughly halves the suite's CPU time (issue 12, "the test suite a newcomer runs").
    // Tests must therefore not rely on a fresh module state: a test that needs one uses vi.resetModules() and a
    // dynamic import (test/model/prelude.test.ts).
    isolate: false,
    // Corpus and type-check tests read megabytes of MOF; the defaults are too tight on 2-core machines.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
