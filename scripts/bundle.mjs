// Bundle the CLI into dist/mofgen.js: one file loads in a few milliseconds, where importing Chevrotain's
// module graph alone costs about 0.35 s (HOUSE_STYLE.md, "Performance facts").
import { build } from "esbuild";

await build({
  entryPoints: ["src/cli/main.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: "dist/mofgen.js",
  sourcemap: true,
  legalComments: "none",
  // ts-morph bundles the TypeScript compiler (~10 MB): only \`generate\` needs it, and it loads it on demand.
  external: ["ts-morph"],
  logLevel: "warning",
});
