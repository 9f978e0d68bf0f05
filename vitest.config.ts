import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Corpus and type-check tests read megabytes of MOF; the defaults are too tight on 2-core machines.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
