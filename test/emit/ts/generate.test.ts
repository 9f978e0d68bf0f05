import { describe, expect, it } from "vitest";
import { emitClassModules } from "../../../src/emit/ts/class-modules.js";
import { classModulePath, schemaSymbol } from "../../../src/emit/ts/symbols.js";
import { generateTypeScript } from "../../../src/generate.js";
import { defaultTypeScriptOptions } from "../../../src/index.js";
import { classOf, compileText } from "../../helpers/model.js";

/** The public entry point carries the class modules unchanged, at the paths symbols.ts gives other emitters. */
describe("generateTypeScript", () => {
  const compiled = compileText(`
    class Test_Base { [Key] string Id; };
    class Test_Sub : Test_Base { [ValueMap{"1", "2"}, Values{"One", "Two"}] uint16 Level; };
  `);
  const files = generateTypeScript(compiled.schema);

  it("includes every class module as emitClassModules makes it, mofgen-owned files first in path order", () => {
    const classFiles = emitClassModules(compiled.schema, defaultTypeScriptOptions);
    for (const f of classFiles) expect(files).toContainEqual(f);
    const owned = files.filter((f) => f.owner === "mofgen").map((f) => f.path);
    expect(owned.length).toBeGreaterThanOrEqual(classFiles.length);
  });

  it("puts a class's interface and schema at the path and names symbols.ts gives", () => {
    const sub = classOf(compiled, "Test_Sub");
    const module = files.find((f) => f.path === classModulePath(sub));
    expect(module?.content).toContain("export interface Test_Sub extends Test_Base {");
    expect(module?.content).toContain(`export const ${schemaSymbol(sub)}: ClassSchema = {`);
  });

  it("honours the runtime import option (a relative one from the output directory: runtime-import.test.ts)", () => {
    const custom = generateTypeScript(compiled.schema, { ...defaultTypeScriptOptions, runtimeImport: "@acme/cim" });
    const sub = custom.find((f) => f.path === "root/cimv2/Test_Sub.ts")?.content ?? "";
    expect(sub).toContain('import type { ClassSchema } from "@acme/cim";');
    expect(sub).not.toContain("@mofgen/runtime");
  });

  it("writes .mts modules that import each other as .mjs with the extension option, and nothing else changes", () => {
    const options = { ...defaultTypeScriptOptions, runtimeImport: "../runtime.js", extension: ".mts" } as const;
    const mts = generateTypeScript(compiled.schema, options);
    const ts = generateTypeScript(compiled.schema, { ...options, extension: ".ts" });
    expect(mts.map((f) => f.path)).toEqual(ts.map((f) => f.path.replace(/\.ts$/, ".mts")));
    const sub = mts.find((f) => f.path === "root/cimv2/Test_Sub.mts")?.content ?? "";
    expect(sub).toContain('import { type Test_Base, Test_Base_Schema } from "./Test_Base.mjs";');
    // The runtime file is the user's: its extension stays `.js`, two folders up from root/cimv2 to the output.
    expect(sub).toContain('import type { ClassSchema } from "../../../runtime.js";');
    const specifiers = mts.flatMap((f) => [...f.content.matchAll(/ from "(\.[^"]*)";$/gm)].map((m) => m[1]));
    expect(specifiers.filter((s) => !s?.endsWith("../runtime.js") && !s?.endsWith(".mjs"))).toEqual([]);
    for (const [i, f] of mts.entries()) expect(f.content.replaceAll('.mjs";', '.js";')).toBe(ts[i]?.content);
  });
});
