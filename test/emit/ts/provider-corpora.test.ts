import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { generateTypeScript } from "../../../src/emit/ts/generate.js";
import type { GeneratedFile } from "../../../src/emit/ts/generated-file.js";
import { resolveSchema } from "../../../src/model/resolve.js";
import type { Dialect } from "../../../src/parser/parse.js";
import { buildProgram } from "../../../src/program/program.js";
import { corpus } from "../../helpers/corpora.js";
import { typeCheck } from "../../helpers/typecheck.js";

/**
 * The provider modules of real schemas type-check with the class modules they import, under the strictest settings:
 * every provider base of DMTF CIM 2.49 and of each top-level Hyper-V file (defaults that must fit the generated Out
 * types, Required Out parameters, associations whose far ends lie in other namespaces).
 */

function generate(inputs: string[], dialect: Dialect): GeneratedFile[] {
  const { schema } = resolveSchema(buildProgram(inputs, { dialect }), { dialect });
  return generateTypeScript(schema, { runtimeImport: "@mofgen/runtime", providers: undefined });
}

function expectClean(trees: Record<string, readonly GeneratedFile[]>) {
  const result = typeCheck(trees);
  expect(result.output).toBe("");
  expect(result.status).toBe(0);
}

describe("generated provider modules type-check", () => {
  it("for DMTF CIM 2.49 (--dialect dmtf)", (ctx) => {
    const dir = corpus("dmtf-cim-2.49");
    if (dir === undefined) return ctx.skip();
    const files = generate([join(dir, "cim_schema_2.49.0.mof")], "dmtf");
    expect(files.filter((f) => /\/providers\/(?!class-map\.ts$)/.test(f.path)).length).toBe(1524);
    expectClean({ cim: files });
  }, 300_000);

  it("for every file of the Hyper-V reconstructions (WMI)", (ctx) => {
    const dir = corpus("hyperv");
    if (dir === undefined) return ctx.skip();
    const roots = buildProgram([dir], { dialect: "wmi" }).roots.map((r) => r.source.path);
    const trees: Record<string, GeneratedFile[]> = {};
    for (const root of roots) trees[relative(dir, root).replace(/[^A-Za-z0-9]+/g, "_")] = generate([root], "wmi");
    expect(
      Object.values(trees)
        .flat()
        .filter((f) => f.path.includes("/providers/")).length,
    ).toBeGreaterThan(100);
    expectClean(trees);
  }, 300_000);
});
