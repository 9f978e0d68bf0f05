// Bundle the CLI into dist/mofgen.js: one file loads in a few milliseconds, where importing Chevrotain's
// module graph alone costs about 0.35 s (HOUSE_STYLE.md, "Performance facts").
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Chunk names carry a content hash: clear the old ones so that dist/ holds only what this build made.
rmSync("dist/chunks", { recursive: true, force: true });

await build({
  entryPoints: { mofgen: "src/cli/main.ts" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir: "dist",
  // Code splitting turns the emitters' dynamic import into a chunk of its own, so that ts-morph (external) is
  // imported by that chunk only: check, model and format never load it.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  sourcemap: true,
  legalComments: "none",
  // ts-morph bundles the TypeScript compiler (~10 MB): only \`generate\` needs it, and it loads it on demand.
  // Handlebars likewise: only `docs` renders templates, so it is loaded from node_modules when that command runs.
  external: ["ts-morph", "handlebars"],
  logLevel: "warning",
});
