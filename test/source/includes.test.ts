import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ClassDeclaration } from "../../src/ast/nodes.js";
import { buildProgram, type ParsedFile } from "../../src/program/program.js";
import { resolveSpan } from "../../src/source/span.js";
import { where } from "../helpers/parse.js";
import { tempTree } from "../helpers/tmp.js";

function classNames(paths: string[], includeDirs: string[] = []): string[] {
  const program = buildProgram(paths, { includeDirs });
  expect(program.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  const seen = new Set<string>();
  const walk = (f: ParsedFile): string[] => {
    // An include of a file already compiled adds nothing (the model compiles each file once).
    if (seen.has(f.source.path)) return [];
    seen.add(f.source.path);
    const names: string[] = [];
    const edges = [...f.includes];
    for (const p of f.ast.productions) {
      while (edges[0] && edges[0].at.start < p.span.start)
        names.push(...walk((edges.shift() as (typeof edges)[0]).file));
      if (p.kind === "class") names.push((p as ClassDeclaration).name.name);
    }
    for (const e of edges) names.push(...walk(e.file));
    return names;
  };
  return program.roots.flatMap(walk);
}

describe("includes", () => {
  it("follows #pragma include relative to the including file, in order, once each", () => {
    const dir = tempTree({
      "schema.mof": '#pragma include ("core/A.mof")\n#pragma include ("core/B.mof")\n#pragma include ("core/A.mof")\n',
      "core/A.mof": "class A {};",
      "core/B.mof": '#pragma include ("A.mof")\nclass B : A {};',
    });
    expect(classNames([join(dir, "schema.mof")])).toEqual(["A", "B"]);
  });

  it("accepts backslashes and matches names case-insensitively, as Windows-authored lists need", () => {
    const dir = tempTree({ "all.mof": '#pragma include ("SUB\\\\Class_A.MOF")', "sub/class_a.mof": "class A {};" });
    const program = buildProgram([join(dir, "all.mof")]);
    expect(program.diagnostics.map((d) => [where(d), d.severity, d.message])).toEqual([
      ["1:18 MOF1007", "info", "include 'SUB\\Class_A.MOF' matched 'sub/class_a.mof' only case-insensitively"],
    ]);
    expect(program.files.map((f) => f.source.path)).toEqual([join(dir, "all.mof"), join(dir, "sub/class_a.mof")]);
  });

  it("searches --include directories after the including file's own", () => {
    const dir = tempTree({
      "app/x.mof": '#pragma include ("qualifiers.mof")\nclass X {};',
      "lib/qualifiers.mof": "class Q {};",
    });
    expect(classNames([join(dir, "app/x.mof")], [join(dir, "lib")])).toEqual(["Q", "X"]);
  });

  it("reports a missing include at the file name in the pragma and keeps going", () => {
    const dir = tempTree({ "x.mof": 'class A {};\n#pragma include ("nowhere.mof")\nclass B {};' });
    const program = buildProgram([join(dir, "x.mof")]);
    expect(program.diagnostics.map(where)).toEqual(["2:18 MOF1004"]);
    expect(program.diagnostics[0]?.message).toBe(`cannot find include file 'nowhere.mof' (searched ${dir})`);
    expect(program.files[0]?.ast.productions).toHaveLength(3);
  });

  it("reports an include cycle instead of hanging", () => {
    const dir = tempTree({
      "a.mof": '#pragma include ("b.mof")\nclass A {};',
      "b.mof": '#pragma include ("a.mof")\nclass B {};',
    });
    const program = buildProgram([join(dir, "a.mof")]);
    const d = program.diagnostics[0];
    expect(program.diagnostics).toHaveLength(1);
    expect(d && [d.code, resolveSpan(d.span as NonNullable<typeof d.span>).file.endsWith("b.mof")]).toEqual([
      "MOF1005",
      true,
    ]);
  });

  it("follows C-style #include with the includer's macros", () => {
    const dir = tempTree({
      "main.mof": '#define T uint32\n#include "common.mof"\nclass M { T P; };',
      "common.mof": "#define U T\nclass C { U Q; };",
    });
    expect(classNames([join(dir, "main.mof")])).toEqual(["C", "M"]);
  });

  it("compiles a directory: every .mof file, includers first, each file once", () => {
    const dir = tempTree({
      "all.mof": '#pragma include ("z/B.mof")\n#pragma include ("a/A.mof")',
      "a/A.mof": "class A {};",
      "z/B.mof": "class B {};",
      "extra/C.mof": "class C {};",
      "notes.txt": "not MOF",
    });
    const program = buildProgram([dir]);
    expect(program.files).toHaveLength(4);
    expect(program.roots.map((r) => r.source.path)).toEqual([join(dir, "all.mof"), join(dir, "extra/C.mof")]);
    expect(classNames([dir])).toEqual(["B", "A", "C"]);
  });

  it("reports an input path that does not exist as an input error", () => {
    const program = buildProgram(["/no/such/file.mof"]);
    expect(program.inputErrors).toBe(true);
    expect(program.diagnostics.map((d) => [d.code, d.path])).toEqual([["MOF1003", "/no/such/file.mof"]]);
  });
});
