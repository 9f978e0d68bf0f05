// Bundle the CLI into dist/mofgen.cjs: one file loads in a few milliseconds, where importing Chevrotain's
// module graph alone costs about 0.35 s (HOUSE_STYLE.md, "Performance facts").
//
// CommonJS, not ESM: bin/mofgen.js compiles it with node:vm so that V8 can reuse a code cache across runs
// (Node 20 has no compile cache for ES modules). Without code splitting, the emitters' dynamic import becomes
// a module initialised on first use, so ts-morph (external) still loads only when generate reads provider files; any
// dynamic import left is turned into require(), which a vm script can call (import() it cannot, with a cache).
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

// Outputs of the earlier ESM build (an entry and hashed chunks): dist/ holds only what this build made.
for (const old of ["dist/chunks", "dist/mofgen.js", "dist/mofgen.js.map"])
  rmSync(old, { recursive: true, force: true });

await build({
  entryPoints: { mofgen: "src/cli/main.ts" },
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  supported: { "dynamic-import": false },
  outExtension: { ".js": ".cjs" },
  outdir: "dist",
  sourcemap: true,
  legalComments: "none",
  // ts-morph bundles the TypeScript compiler (~10 MB): only `generate` with providers needs it (to read the user's
  // provider files), and it loads it on demand.
  // Handlebars likewise: only the commands that write pages (docs, generate) render templates, so it is loaded from
  // node_modules when one of them runs.
  external: ["ts-morph", "handlebars"],
  // jsonc-parser's "main" is a UMD build whose factory require()s its own files by relative path, which a bundle
  // cannot follow (dist/ has no ./impl/format): take its ES module build, which esbuild follows file by file.
  alias: { "jsonc-parser": "jsonc-parser/lib/esm/main.js" },
  // src/version.ts reads package.json beside dist/ through import.meta.url, which CommonJS lacks: the bundle
  // gets the version written in instead, so the reading branch never runs. `import.meta.url` is what esbuild would
  // make it anyway in CommonJS (undefined), said here so that the unreachable use does not warn.
  define: {
    MOFGEN_BUNDLED_VERSION: JSON.stringify(JSON.parse(readFileSync("package.json", "utf8")).version),
    "import.meta.url": "undefined",
  },
  logLevel: "warning",
});
