// npm run lint: no spread of an array into call arguments (`push(...xs)`, `Math.max(...xs)`, `new X(...xs)`) in
// src/, runtime/src/ and scripts/. Every spread argument is one slot on the stack, and V8 throws RangeError ("Maximum call stack
// size exceeded") past about 120,000: 200,000 warnings in one file or a diff with 130,000 changes crashed mofgen
// that way (issue 13). Biome has no such rule. Write `appendAll(target, items)` or a loop (src/util/arrays.ts);
// a spread that is bounded by construction may stay with a comment on its line or alone on the line above:
// `// spread-ok: at most N (why)`. Array literals (`[...a, ...b]`) iterate and are fine.
//
// The TypeScript parser comes from ts-morph (a dependency): the `typescript` devDependency is TypeScript 7, whose
// compiler is native code with no synchronous JavaScript parser API.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ts } from "ts-morph";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sourceFile = /\.(ts|mts|cts|js|mjs|cjs)$/;
const allowed = /\/\/\s*spread-ok:\s*\S/;
const allowedAbove = /^\s*\/\/\s*spread-ok:\s*\S/;

/** Every spread element among the arguments of a call or `new`, with its 1-based line. */
export function spreadArguments(path, text) {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const lines = text.split("\n");
  const found = [];
  const visit = (node) => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments !== undefined) {
      for (const arg of node.arguments) {
        if (!ts.isSpreadElement(arg) || forwardsRestParameter(arg)) continue;
        const { line, character } = file.getLineAndCharacterOfPosition(arg.getStart(file));
        if (allowed.test(lines[line] ?? "") || allowedAbove.test(lines[line - 1] ?? "")) continue;
        found.push({ line: line + 1, column: character + 1, text: (lines[line] ?? "").trim() });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * `f(...args)` where `args` is the enclosing function's own rest parameter: it passes on arguments that already
 * fitted in the call that brought them (the catalog's `diag(entry, span, ...messageArguments)`).
 */
function forwardsRestParameter(spread) {
  if (!ts.isIdentifier(spread.expression)) return false;
  const name = spread.expression.text;
  for (let node = spread.parent; node !== undefined; node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const param = node.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
    if (param !== undefined) return param.dotDotDotToken !== undefined;
  }
  return false;
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (sourceFile.test(entry.name)) yield path;
  }
}

/** Every unmarked spread argument in the files of `folders` (relative to the repository), as printable lines. */
export function findSpreadArguments(folders) {
  const found = [];
  for (const folder of folders) {
    for (const path of files(resolve(root, folder))) {
      for (const s of spreadArguments(path, readFileSync(path, "utf8"))) {
        found.push(`${relative(root, path)}:${s.line}:${s.column} spread in call arguments: ${s.text}`);
      }
    }
  }
  return found;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const found = findSpreadArguments(
    process.argv.length > 2 ? process.argv.slice(2) : ["src", "runtime/src", "scripts"],
  );
  for (const line of found) console.error(line);
  if (found.length > 0) {
    console.error(
      `lint-spread: ${found.length} spread argument(s); use appendAll() or a loop (src/util/arrays.ts), or mark ` +
        "a bounded one with '// spread-ok: at most N'",
    );
    process.exit(1);
  }
}
