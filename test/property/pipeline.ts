/**
 * The invariants of the whole pipeline on a tree of files (see hostile.ts): loading from the real file system,
 * the model, the pretty printer and the model JSON. Throws, saying what is broken, when one does not hold.
 */

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { compile } from "../../src/compile.js";
import { formatPretty } from "../../src/diagnostics/format/pretty.js";
import { formatModelJson } from "../../src/emit/model-json.js";
import type { SourceFile } from "../../src/source/source-file.js";
import { checkSpan } from "./checks.js";
import type { HostileCase } from "./hostile.js";

/** A code frame shows a window of the line: a diagnostic prints this much more than its message, at most. */
const frameBudget = 2_000;
/** The model JSON repeats effective members per class; beyond this many it is too slow for one fuzz input. */
const jsonMemberBudget = 200_000;

/**
 * Write `c` into a fresh directory under the system's temporary folder (or `MOFGEN_FUZZ_TMP`, which the fuzzer
 * sets so that it can remove the directories of inputs it had to stop); the caller removes it.
 */
export function writeCase(c: HostileCase): string {
  const dir = mkdtempSync(join(process.env.MOFGEN_FUZZ_TMP ?? tmpdir(), "mofgen-hostile-"));
  for (const [path, text] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const [link, target] of Object.entries(c.symlinks)) symlinkSync(target, join(dir, link));
  return dir;
}

/** Compile `c` from a temporary directory and check every phase's output; returns the number of diagnostics. */
export function checkPipeline(c: HostileCase): number {
  const dir = writeCase(c);
  try {
    const { program, schema, diagnostics: all } = compile(c.roots, { cwd: dir, dialect: c.dialect });
    const sources = new Set<SourceFile>(program.files.map((f) => f.source));
    for (const d of all) {
      const what = `${c.shape}: diagnostic ${d.code} "${d.message.slice(0, 200)}"`;
      if (d.span !== undefined) {
        if (!sources.has(d.span.file)) throw new Error(`${what}: span in a file the program did not load`);
        checkSpan(d.span.file, d.span, what);
      }
      const shown = formatPretty(d, { color: false, relativize: (p) => p }).length;
      const related = d.related?.length ?? 0;
      if (shown > d.message.length + frameBudget * (1 + related))
        throw new Error(`${what}: printed as ${shown} characters (code frames must show a window of the line)`);
    }
    let members = 0;
    for (const ns of schema.namespaces) for (const cls of ns.classes) members += cls.properties.length + 1;
    if (members <= jsonMemberBudget) checkModelSpans(JSON.parse(formatModelJson(schema, { spans: true })), sources);
    return all.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every span of the model JSON (`--spans`) names a file the program loaded and a line and column in it: a span
 * into a macro body or an embedded instance's text would name a place that does not exist.
 */
function checkModelSpans(json: unknown, sources: ReadonlySet<SourceFile>): void {
  const files = new Map([...sources].map((f) => [f.path, f]));
  const stack: unknown[] = [json];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== "span" || value === null) {
        stack.push(value);
        continue;
      }
      const s = value as { file: string; line: number; column: number; endLine: number; endColumn: number };
      const file = files.get(s.file);
      const where = `model JSON span ${JSON.stringify(s)}`;
      if (file === undefined) throw new Error(`${where}: in a file the program did not load`);
      const start = file.offset(s.line, s.column);
      const end = file.offset(s.endLine, s.endColumn);
      const exact = (offset: number | undefined, line: number, column: number) => {
        const p = offset === undefined ? undefined : file.position(offset);
        return p?.line === line && p.column === column;
      };
      if (!exact(start, s.line, s.column) || !exact(end, s.endLine, s.endColumn) || (end as number) < (start as number))
        throw new Error(`${where}: not a range of the file`);
    }
  }
}
