// Regenerate grammar/mof.ebnf and grammar/diagrams.html from the parser (`npm run grammar`), or with
// `--check` fail when they are out of date (`npm run grammar -- --check`).
//
// The generator is TypeScript (scripts/grammar-lib.ts, shared with test/grammar/grammar.test.ts); Node runs
// it after esbuild bundles it, Chevrotain included, into one module imported from memory: nothing is
// written but the grammar files, and there is no build cache to go stale.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const usage = "usage: node scripts/grammar.mjs [--check]";

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== "--check");
if (unknown.length > 0) {
  console.error(`grammar: unknown argument ${unknown.join(" ")}\n${usage}`);
  process.exit(2);
}
const check = args.includes("--check");

const lib = await loadGenerator();
const parserSource = await readFile(join(root, lib.parserSourcePath), "utf8");
const stale = [];
for (const file of lib.generateGrammarFiles(parserSource)) {
  const target = join(root, file.path);
  if ((await readIfExists(target)) === file.content) continue;
  stale.push(file.path);
  if (!check) {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
}

if (check && stale.length > 0) {
  for (const path of stale) console.error(`grammar: ${path} is out of date with ${lib.parserSourcePath}`);
  console.error("grammar: run `npm run grammar` and commit the result");
  process.exit(1);
}
if (stale.length === 0) console.log("grammar: up to date");
else if (!check) for (const path of stale) console.log(`grammar: wrote ${path}`);

async function loadGenerator() {
  const entry = "scripts/grammar-lib.ts";
  const result = await build({
    entryPoints: [join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    legalComments: "none",
    logLevel: "silent",
  }).catch((error) => {
    // esbuild's own messages name the file and line; a stack trace into esbuild would only hide them.
    for (const e of error.errors ?? []) {
      const at = e.location ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: ` : "";
      console.error(`grammar: ${at}${e.text}`);
    }
    console.error(`grammar: cannot build ${entry} and the parser it imports`);
    process.exit(2);
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error(`esbuild produced no output for ${entry}`);
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}

async function readIfExists(path) {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if (error?.code === "ENOENT") return undefined;
    throw error;
  }
}
