import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../../src/compile.js";
import type { Dialect } from "../../../src/dialect/dialect.js";
import { generateTypeScript } from "../../../src/emit/ts/generate.js";
import type { GeneratedFile } from "../../../src/emit/ts/generated-file.js";
import { buildProgram } from "../../../src/program/program.js";
import { corpus } from "../../helpers/corpora.js";
import { typeCheck } from "../../helpers/typecheck.js";

/**
 * Everything `generate` writes for real schemas type-checks under the strictest settings (test/helpers/typecheck.ts):
 * class modules, value maps, indexes and provider bases, for the bundled schemas/, the whole DMTF CIM 2.49 (1,631
 * classes) and every top-level file of the Hyper-V reconstructions, each compiled on its own as `mofgen check`
 * compiles it. Provider bases exercise defaults that must fit the generated Out types, Required Out parameters and
 * associations whose far ends lie in other namespaces. tsc's output is the failure message.
 *
 * One tsc run per corpus: class modules and provider modules used to be checked by two files, so every corpus was
 * compiled and type-checked twice (about 45 s of the suite each); provider modules import the class modules, so
 * checking them together covers both.
 */

function generate(inputs: string[], dialect: Dialect): GeneratedFile[] {
  const { schema } = compile(inputs, { dialect });
  return generateTypeScript(schema);
}

function expectClean(trees: Record<string, readonly GeneratedFile[]>) {
  const result = typeCheck(trees);
  expect(result.output).toBe("");
  expect(result.status).toBe(0);
}

const isProvider = (f: GeneratedFile) => /\/providers\/(?!class-map\.ts$)/.test(f.path);
const isClassModule = (f: GeneratedFile) => !isProvider(f) && !/(^|\/)(index|value-maps|class-map)\.ts$/.test(f.path);

describe("generated TypeScript type-checks", () => {
  it("for the bundled schemas/", () => {
    const files = generate([resolve("schemas")], "wmi");
    expect(files.filter(isClassModule).length).toBeGreaterThan(50);
    expectClean({ schemas: files });
  });

  it("for DMTF CIM 2.49 (--dialect dmtf)", (ctx) => {
    const dir = corpus("dmtf-cim-2.49");
    if (dir === undefined) return ctx.skip();
    const files = generate([join(dir, "cim_schema_2.49.0.mof")], "dmtf");
    expect(files.filter(isClassModule).length).toBe(1631);
    expect(files.filter(isProvider).length).toBe(1524);
    expectClean({ cim: files });
  }, 300_000);

  it("for every file of the Hyper-V reconstructions (WMI)", (ctx) => {
    const dir = corpus("hyperv");
    if (dir === undefined) return ctx.skip();
    const roots = buildProgram([dir], { dialect: "wmi" }).roots.map((r) => r.source.path);
    expect(roots.length).toBeGreaterThan(5);
    const trees: Record<string, GeneratedFile[]> = {};
    for (const root of roots) trees[relative(dir, root).replace(/[^A-Za-z0-9]+/g, "_")] = generate([root], "wmi");
    const all = Object.values(trees).flat();
    expect(all.filter(isProvider).length).toBeGreaterThan(100);
    expect(all.filter(isClassModule).length).toBeGreaterThan(100);
    expectClean(trees);
  }, 300_000);
});
