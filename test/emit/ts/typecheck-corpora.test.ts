import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { emitClassModules } from "../../../src/emit/ts/class-modules.js";
import { defaultTypeScriptOptions, type GeneratedFile } from "../../../src/emit/ts/generated-file.js";
import { resolveSchema } from "../../../src/model/resolve.js";
import type { Dialect } from "../../../src/parser/parse.js";
import { buildProgram } from "../../../src/program/program.js";
import { corpus } from "../../helpers/corpora.js";
import { typeCheck } from "../../helpers/typecheck.js";

/**
 * The class modules of real schemas type-check under the strictest settings (test/helpers/typecheck.ts): the bundled
 * schemas/, the whole DMTF CIM 2.49 (1,631 classes) and every top-level file of the Hyper-V reconstructions, each
 * compiled on its own as `mofgen check` compiles it. tsc's output is the failure message.
 */

function generate(inputs: string[], dialect: Dialect): GeneratedFile[] {
  const program = buildProgram(inputs, { dialect });
  const { schema } = resolveSchema(program, { dialect });
  return emitClassModules(schema, defaultTypeScriptOptions);
}

function expectClean(trees: Record<string, readonly GeneratedFile[]>) {
  const result = typeCheck(trees);
  expect(result.output).toBe("");
  expect(result.status).toBe(0);
}

describe("generated class modules type-check", () => {
  it("for the bundled schemas/", () => {
    const files = generate([resolve("schemas")], "wmi");
    expect(files.length).toBeGreaterThan(50);
    expectClean({ schemas: files });
  });

  it("for DMTF CIM 2.49 (--dialect dmtf)", (ctx) => {
    const dir = corpus("dmtf-cim-2.49");
    if (dir === undefined) return ctx.skip();
    const files = generate([join(dir, "cim_schema_2.49.0.mof")], "dmtf");
    const classModules = files.filter((f) => !/(^|\/)(index|value-maps)\.ts$/.test(f.path));
    expect(classModules.length).toBe(1631);
    expectClean({ cim: files });
  }, 300_000);

  it("for every file of the Hyper-V reconstructions (WMI)", (ctx) => {
    const dir = corpus("hyperv");
    if (dir === undefined) return ctx.skip();
    const roots = buildProgram([dir], { dialect: "wmi" }).roots.map((r) => r.source.path);
    expect(roots.length).toBeGreaterThan(5);
    const trees: Record<string, GeneratedFile[]> = {};
    for (const root of roots) trees[relative(dir, root).replace(/[^A-Za-z0-9]+/g, "_")] = generate([root], "wmi");
    expectClean(trees);
  }, 300_000);
});
