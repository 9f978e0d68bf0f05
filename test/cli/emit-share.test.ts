import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  assignedToWorker,
  mainShareHooks,
  mergeShare,
  type SharedUnit,
  type SharePlan,
  workerShareHooks,
} from "../../src/cli/emit-share.js";
import { compile } from "../../src/compile.js";
import { renderDocs } from "../../src/emit/docs/generate.js";
import { generateTypeScript } from "../../src/emit/ts/generate.js";
import { compareGeneratedFiles, type TypeScriptOptions } from "../../src/emit/ts/generated-file.js";

/**
 * The split of a generate's emitting between two threads (emit-share.ts), run here in one: the worker's hooks
 * and the main thread's on the same model, merged, must give exactly the files of one plain run, whatever the plan.
 */
const schemas = join(import.meta.dirname, "../../schemas");
const files = readdirSync(schemas)
  .filter((f) => f.endsWith(".mof"))
  .sort()
  .map((f) => join(schemas, f));
const { schema, diagnostics } = compile(files, { dialect: "wmi" });
const options: TypeScriptOptions = {
  runtimeImport: "@mofgen/runtime",
  providers: { classes: ["Msvm_VirtualSystemSnapshotService"], generatedImport: "../generated" },
};

function shared(plan: SharePlan) {
  const worker = workerShareHooks(plan);
  renderDocs(schema, {}, worker.classPages);
  generateTypeScript(schema, options, worker.typeScript);
  const main = mainShareHooks(plan);
  const pages = renderDocs(schema, {}, main.classPages).files;
  const code = generateTypeScript(schema, options, main.typeScript);
  return { main, worker, pages, code };
}

describe("emit share", () => {
  it("compiles the bundled schemas without errors", () => {
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  const plain = { code: generateTypeScript(schema, options), pages: renderDocs(schema).files };

  it.each<[string, SharePlan]>([
    ["nothing to the worker", { module: 0, base: 0, pages: 0 }],
    ["everything to the worker", { module: 1, base: 1, pages: 1 }],
    ["the pages to the worker (generate with docs)", { module: 0, base: 0, pages: 1 }],
    ["bases and some modules to the worker (--no-docs)", { module: 0.35, base: 1, pages: 0 }],
    ["a third of each", { module: 1 / 3, base: 1 / 3, pages: 1 / 3 }],
  ])("merges to the files of one plain run: %s", (_, plan) => {
    const { main, worker, pages, code } = shared(plan);
    expect(worker.units.size).toBe(main.expected.size);
    const [mergedCode = [], mergedPages = []] = mergeShare([code, pages], main.expected, worker.units);
    mergedCode.sort(compareGeneratedFiles);
    expect(mergedCode).toEqual(plain.code);
    expect(mergedPages).toEqual(plain.pages);
  });

  it("gives the worker the share the plan says, spread over the units", () => {
    const plan = { module: 0.35, base: 1, pages: 0 };
    const { worker } = shared(plan);
    const kinds = [...worker.units.keys()].map((k) => k.split("/")[1]);
    const modules = kinds.filter((k) => k === "module").length;
    const classes = schema.namespaces.reduce((n, ns) => n + ns.classes.length, 0);
    expect(modules).toBe(Math.floor(classes * 0.35));
    expect(kinds.filter((k) => k === "pages")).toEqual([]);
    expect(kinds.filter((k) => k === "base").length).toBeGreaterThan(0);
    // Spread, not a block: of the first ten modules, the worker has some and the main thread the others.
    const firstTen = Array.from({ length: 10 }, (_, i) => assignedToWorker(plan, "module", i));
    expect(firstTen.filter(Boolean).length).toBe(3);
    expect(firstTen.slice(0, 3)).not.toEqual([true, true, true]);
  });

  it("refuses units that do not match the placeholders", () => {
    const { main, worker, pages, code } = shared({ module: 0.5, base: 0, pages: 0.5 });
    const [first, unit] = [...worker.units][0] as [string, SharedUnit];
    const renamed = new Map(worker.units).set(first, { ...unit, key: `${unit.key}X` });
    expect(() => mergeShare([code, pages], main.expected, renamed)).toThrow(
      /the worker.s \w+ \w+X where \w+ \w+ was expected/,
    );
    const fewer = new Map(worker.units);
    fewer.delete(first);
    expect(() => mergeShare([code, pages], main.expected, fewer)).toThrow(/made \d+ units where \d+ were expected/);
    const other = shared({ module: 0.25, base: 0, pages: 0.5 });
    expect(() => mergeShare([code, pages], main.expected, other.worker.units)).toThrow(/emit share/);
  });
});
