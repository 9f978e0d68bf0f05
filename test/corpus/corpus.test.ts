import { readdirSync, statSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { compareDiagnostics } from "../../src/diagnostics/diagnostic.js";
import type { Dialect } from "../../src/parser/parse.js";
import { buildProgram } from "../../src/program/program.js";
import { resolveSpan } from "../../src/source/span.js";
import { corporaDir, corpus } from "../helpers/corpora.js";

/**
 * Every folder of ../shared/corpora, compiled as a directory (every .mof file under it, includes followed).
 * The expected diagnostics of each folder (file:line:column code severity) are committed under expected/ and
 * compared exactly: a folder of valid MOF has an empty file; each deliberately broken file (OpenPegasus
 * invalidMOF, pywbem parse_error*, pywbemtools mof_with_error, the msdocs-* reconstructions' defects, files
 * that include headers or schemas the corpora lack) lists exactly its diagnostics. Update after a reviewed
 * change with `npx vitest run test/corpus -u`.
 */
const folders: readonly { name: string; dialect: Dialect }[] = [
  { name: "dmtf-cim-2.22", dialect: "dmtf" },
  { name: "dmtf-cim-2.28", dialect: "dmtf" },
  { name: "dmtf-cim-2.49", dialect: "dmtf" },
  { name: "openpegasus-compiler-tests", dialect: "dmtf" },
  { name: "pywbem-tests", dialect: "dmtf" },
  { name: "pywbemtools-tests", dialect: "dmtf" },
  { name: "kingsland-mofparser-tests", dialect: "dmtf" },
  { name: "hyperv", dialect: "wmi" },
  { name: "msdocs-hyperv-v1-simplified", dialect: "wmi" },
  { name: "msdocs-hyperv-v2-simplified", dialect: "wmi" },
  { name: "msdocs-hypervcluster-v2-simplified", dialect: "wmi" },
  { name: "msdocs-wmisdk-snippets", dialect: "wmi" },
  { name: "ms-windows-classic-samples", dialect: "wmi" },
  { name: "ms-windows-driver-samples", dialect: "wmi" },
  { name: "omi-codec", dialect: "wmi" },
  { name: "sccm-pwsh", dialect: "wmi" },
  { name: "dsc-computermanagementdsc", dialect: "wmi" },
  { name: "dsc-failoverclusterdsc", dialect: "wmi" },
  { name: "dsc-hypervdsc", dialect: "wmi" },
];

function listing(dir: string, dialect: Dialect): string {
  const program = buildProgram([dir], { dialect });
  const lines = [...program.diagnostics]
    .filter((d) => d.severity !== "info")
    .sort(compareDiagnostics)
    .map((d) => {
      if (d.span === undefined) return `${d.path ?? "?"} ${d.code} ${d.severity}`;
      const r = resolveSpan(d.span);
      return `${relative(corporaDir, r.file)}:${r.line}:${r.column} ${d.code} ${d.severity}`;
    });
  return `${lines.join("\n")}${lines.length ? "\n" : ""}`;
}

describe("corpora", () => {
  for (const { name, dialect } of folders) {
    it(`${name} (--dialect ${dialect})`, async (ctx) => {
      const dir = corpus(name);
      if (dir === undefined) return ctx.skip();
      await expect(listing(dir, dialect)).toMatchFileSnapshot(`expected/${name}.txt`);
    });
  }

  it("covers every corpus folder", (ctx) => {
    if (corpus("dmtf-cim-2.49") === undefined) return ctx.skip();
    const present = readdirSync(corporaDir).filter((e) => statSync(`${corporaDir}/${e}`).isDirectory());
    expect(present.sort()).toEqual(folders.map((f) => f.name).sort());
  });
});
