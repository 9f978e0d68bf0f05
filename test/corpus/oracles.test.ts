import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Dialect } from "../../src/dialect/dialect.js";
import { buildProgram } from "../../src/program/program.js";
import { resolveSpan } from "../../src/source/span.js";
import { corpus } from "../helpers/corpora.js";

/**
 * Expectations written by others, independent of mofgen's own output: the line each broken file's own test
 * suite expects an error on (pywbem's test_mof_compiler.py, OpenPegasus's invalidMOF/result.master, the
 * pywbemtools mock), and the lines of the defects copied from Microsoft's documentation, found by reading.
 */
interface Oracle {
  readonly file: string;
  readonly dialect: Dialect;
  /** Lines that must carry an error (each at least one). */
  readonly lines: readonly number[];
  /** The code of the first error, where the oracle says what kind of error it is. */
  readonly code?: string;
}

const oracles: readonly Oracle[] = [
  // pywbem tests/unittest/pywbem/test_mof_compiler.py: ParseError lineno for each file.
  { file: "pywbem-tests/unittest/pywbem/testmofs/parse_error01.mof", dialect: "dmtf", lines: [16], code: "MOF1201" },
  { file: "pywbem-tests/unittest/pywbem/testmofs/parse_error02.mof", dialect: "dmtf", lines: [6], code: "MOF1202" },
  { file: "pywbem-tests/unittest/pywbem/testmofs/parse_error03.mof", dialect: "dmtf", lines: [24], code: "MOF1201" },
  { file: "pywbem-tests/unittest/pywbem/testmofs/parse_error04.mof", dialect: "dmtf", lines: [2], code: "MOF1201" },
  // pywbemtools: an undefined type on line 2, and the class is never closed with ';'.
  { file: "pywbemtools-tests/unit/pywbemcli/mof_with_error.mof", dialect: "dmtf", lines: [2, 3], code: "MOF1202" },
  // OpenPegasus tests/invalidMOF/result.master ("Parsing error: <file>:<line>: ...").
  ...(
    [
      ["badQualifierDecl1", 4, "MOF1203"],
      ["badQualifierDecl2", 4, "MOF1201"],
      ["badQualifierDecl3", 4, "MOF1201"],
      ["badQualifierDecl5", 4, "MOF1201"],
      ["badQualifierDecl6", 4, "MOF1201"],
      ["badQualifierDecl10", 3, "MOF1204"],
      ["badQualifierDecl11", 3, "MOF1201"],
      ["badQualifierDecl12", 3, "MOF1201"],
      ["badQualifierDecl13", 3, "MOF1201"],
      ["badQualifierDecl15", 4, "MOF1201"],
      ["badQualifierDecl16", 3, "MOF1201"],
    ] as const
  ).map(([name, line, code]) => ({
    file: `openpegasus-compiler-tests/tests/invalidMOF/${name}.mof`,
    dialect: "dmtf" as const,
    lines: [line],
    code,
  })),
  // result.master: '"scope" definition required on Qualifier Declaration before Flavor' (line 3);
  // mofgen also says at the name (line 2) that the Scope is missing.
  { file: "openpegasus-compiler-tests/tests/invalidMOF/badQualifierDecl20.mof", dialect: "dmtf", lines: [2, 3] },
  // Documentation defects (msdocs reconstructions), read off the files.
  { file: "msdocs-hyperv-v2-simplified/classes-simplified.mof", dialect: "wmi", lines: [1697, 1698, 4310, 4311] },
  { file: "msdocs-wmisdk-snippets/__ace.mof", dialect: "wmi", lines: [4], code: "MOF1201" },
  { file: "msdocs-wmisdk-snippets/creating-a-method.mof", dialect: "wmi", lines: [5, 7], code: "MOF1101" },
  { file: "msdocs-wmisdk-snippets/-pragma.mof", dialect: "wmi", lines: [2] },
];

/** OpenPegasus files that result.master lists as warnings only. */
const warningsOnly = [
  ["openpegasus-compiler-tests/tests/invalidMOF/InvalidPragma1.mof", "MOF1206", 2],
  ["openpegasus-compiler-tests/tests/invalidMOF/InvalidPragma2.mof", "MOF1211", 1],
] as const;

describe("errors where other compilers' test suites expect them", () => {
  for (const o of oracles) {
    it(`${o.file}: line ${o.lines.join(", ")}`, (ctx) => {
      const root = corpus(o.file.split("/")[0] as string);
      if (root === undefined) return ctx.skip();
      const program = buildProgram([join(root, "..", o.file)], { dialect: o.dialect });
      const errors = program.diagnostics.filter((d) => d.severity === "error");
      const errorLines = new Set(errors.map((d) => (d.span ? resolveSpan(d.span).line : 0)));
      for (const line of o.lines) expect(errorLines, `an error on line ${line}`).toContain(line);
      if (o.code !== undefined) expect(errors[0]?.code).toBe(o.code);
    });
  }

  for (const [file, code, line] of warningsOnly) {
    it(`${file}: a warning, no error`, (ctx) => {
      const root = corpus(file.split("/")[0] as string);
      if (root === undefined) return ctx.skip();
      const program = buildProgram([join(root, "..", file)], { dialect: "dmtf" });
      expect(program.diagnostics.map((d) => [d.code, d.severity, d.span && resolveSpan(d.span).line])).toEqual([
        [code, "warning", line],
      ]);
    });
  }
});
