// `npm run example:host -- ARGS`, `npm run example:client -- ARGS`: run an example's src/main.ts. Node 20 cannot
// run TypeScript, so the example is bundled first with esbuild (about 0.1 s), the runtime taken from its sources
// (as the tests do) so an example never runs against a stale runtime/dist, then imported in this process, which
// keeps its signal handling (SIGINT, SIGTERM) and exit code.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const name = process.argv[2];
if (name === undefined) {
  console.error("usage: node scripts/example.mjs EXAMPLE [ARGS...]");
  process.exit(2);
}
// The example's own arguments, as its parseArgs expects them.
process.argv.splice(2, 1);

const runtimeSources = {
  name: "runtime-sources",
  setup(b) {
    b.onResolve({ filter: /^@mofgen\/runtime(\/[a-z]+)?$/ }, (args) => {
      const sub = args.path.slice("@mofgen/runtime".length) || "";
      return { path: join(repo, "runtime/src", sub, "index.ts") };
    });
  },
};

const outDir = join(repo, "node_modules/.cache/mofgen-examples");
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, `${name}.mjs`);
await build({
  entryPoints: [join(repo, "examples", name, "src/main.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile,
  plugins: [runtimeSources],
  // saxes is CommonJS; a require shim lets the ES module bundle load it.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
});
await import(pathToFileURL(outfile).href);
