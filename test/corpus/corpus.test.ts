import { readdirSync, statSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { Dialect } from "../../src/dialect/dialect.js";
import { buildProgram } from "../../src/program/program.js";
import { resolveSpan } from "../../src/source/span.js";
import { corporaDir, corpus, corpusFolders as folders, protocolCorpusFolders } from "../helpers/corpora.js";

/**
 * Every folder of ../shared/corpora, compiled the way `mofgen check` compiles: parse and resolve. A DMTF
 * release is compiled whole; in the other folders each top-level file (one that no other file includes: a
 * roll-up, a schema, a sample) is compiled on its own with its includes, since they hold independent files
 * (two reconstructions of one schema, unrelated samples). The expected diagnostics of each folder (file:line:column code severity) are committed
 * under expected/ and compared exactly: a folder of valid MOF has an empty file; each deliberately broken file
 * (OpenPegasus invalidMOF, pywbem parse_error*, pywbemtools mof_with_error, the msdocs-* reconstructions'
 * defects, files whose includes or classes the corpora lack) lists exactly its diagnostics. Update after a
 * reviewed change with `npx vitest run test/corpus -u`, and read the diff.
 */

function line(d: Diagnostic): string {
  if (d.span === undefined) return `${d.path ?? "?"} ${d.code} ${d.severity}`;
  const r = resolveSpan(d.span);
  return `${relative(corporaDir, r.file)}:${r.line}:${r.column} ${d.code} ${d.severity}`;
}

function listing(dir: string, dialect: Dialect, whole: boolean, builtinQualifiers: boolean): string {
  const roots = whole ? [dir] : buildProgram([dir], { dialect }).roots.map((r) => r.source.path);
  const lines: string[] = [];
  for (const root of roots) {
    const { diagnostics } = compile([root], { dialect, builtinQualifiers });
    lines.push(...diagnostics.filter((d) => d.severity !== "info").map(line));
  }
  return `${lines.join("\n")}${lines.length ? "\n" : ""}`;
}

describe("corpora", () => {
  for (const { name, dialect, whole, builtinQualifiers } of folders) {
    it(`${name} (--dialect ${dialect})`, async (ctx) => {
      const dir = corpus(name);
      if (dir === undefined) return ctx.skip();
      await expect(listing(dir, dialect, whole ?? false, builtinQualifiers ?? false)).toMatchFileSnapshot(
        `expected/${name}.txt`,
      );
    });
  }

  it("covers every corpus folder (the protocol exchanges are the wire layer's)", (ctx) => {
    if (corpus("dmtf-cim-2.49") === undefined) return ctx.skip();
    const present = readdirSync(corporaDir).filter((e) => statSync(`${corporaDir}/${e}`).isDirectory());
    expect(present.sort()).toEqual([...folders.map((f) => f.name), ...protocolCorpusFolders].sort());
  });
});
