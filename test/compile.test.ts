import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";
import { buildProgram, compile, compileProgram, resolveSchema, VERSION } from "../src/index.js";
import { tempTree } from "./helpers/tmp.js";

const repo = join(import.meta.dirname, "..");

describe("compile()", () => {
  it("records the dialect in the program and resolves in it", () => {
    const dir = tempTree({ "a.mof": "class Foo { [Key] string Id; };\nclass Bar : Foo { };\n" });
    const dmtf = compile([join(dir, "a.mof")], { dialect: "dmtf", builtinQualifiers: true });
    expect(dmtf.program.dialect).toBe("dmtf");
    expect(dmtf.failed).toBe(false);
    expect(dmtf.schema.namespaces[0]?.classes.map((c) => c.name)).toEqual(["Foo", "Bar"]);
    expect(compile([join(dir, "a.mof")]).program.dialect).toBe("wmi");
  });

  it("gathers loading, parsing and model diagnostics in source order", () => {
    const dir = tempTree({
      "a.mof": 'class A : Missing { };\n#pragma include("gone.mof")\nclass B { string x };\n',
    });
    const { diagnostics, failed } = compile([join(dir, "a.mof")]);
    expect(failed).toBe(true);
    const lines = diagnostics.map((d) => `${d.span ? api.resolveSpan(d.span).line : "-"} ${d.code}`);
    // The missing superclass (model), the missing include (loading), the missing ';' (parser): one list, by line.
    expect(lines).toEqual(["1 MOF2002", "2 MOF1004", "3 MOF1201"]);
  });

  it("refuses to resolve a program in a dialect it was not parsed in (a caller's bug)", () => {
    const program = buildProgram([join(repo, "schemas/WindowsVirtualization.mof")], { dialect: "wmi" });
    expect(() => resolveSchema(program, { dialect: "dmtf" })).toThrow(/parsed as 'wmi'/);
    expect(compileProgram(program).schema).toEqual(resolveSchema(program).schema);
  });

  it("exports VERSION from package.json", () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).version);
  });

  it("re-exports every public folder's barrel", async () => {
    for (const folder of ["diagnostics", "diff", "emit", "model", "parser", "program", "source"]) {
      const barrel: Record<string, unknown> = await import(`../src/${folder}/index.ts`);
      for (const name of Object.keys(barrel))
        expect([folder, name, (api as Record<string, unknown>)[name]]).toEqual([folder, name, barrel[name]]);
    }
    expect(api.printMof).toBeTypeOf("function");
  });
});
