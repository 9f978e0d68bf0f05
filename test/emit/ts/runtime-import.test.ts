import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { generateTypeScript } from "../../../src/emit/ts/generate.js";
import type { GeneratedFile, TypeScriptOptions } from "../../../src/emit/ts/generated-file.js";
import { compileText } from "../../helpers/model.js";
import { generatedImport, typeCheck, writeProject } from "./generated-project.js";

/**
 * A relative `runtimeImport` names a file relative to the output directory; every generated module, at whatever
 * depth, and every user provider (in the providers directory beside the output) must import that one file.
 */

const compiled = compileText(`
  #pragma namespace("root")
  class Test_Top { [Key] string Id; };
  #pragma namespace("root/cimv2")
  class Test_Base { [Key] string Id; };
  class Test_Sub : Test_Base { [ValueMap{"1", "2"}, Values{"One", "Two"}] uint16 Level; uint32 Go(); };
`);

function generate(runtimeImport: string, extension?: ".mts"): GeneratedFile[] {
  const options: TypeScriptOptions = {
    runtimeImport,
    providers: { classes: ["Test_Sub"], generatedImport },
    ...(extension !== undefined && { extension }),
  };
  return generateTypeScript(compiled.schema, options);
}

/** Where each file's runtime import points, as a path in the project of generated-project.ts. */
function runtimeTargets(files: readonly GeneratedFile[], isRuntime: (s: string) => boolean): Map<string, string> {
  const targets = new Map<string, string>();
  for (const f of files) {
    const dir = posix.dirname(`/project/${f.owner === "mofgen" ? "generated" : "providers"}/${f.path}`);
    for (const [, specifier = ""] of f.content.matchAll(/ from "([^"]*)";$/gm))
      if (isRuntime(specifier)) targets.set(`${f.owner} ${f.path}`, posix.join(dir, specifier));
  }
  return targets;
}

describe("a relative runtime import", () => {
  it("is the same file from every depth: class modules, provider bases and user providers", () => {
    const files = generate("./rt/index.js");
    const targets = runtimeTargets(files, (s) => s.endsWith("rt/index.js"));
    expect([...targets.keys()]).toEqual(
      expect.arrayContaining([
        "mofgen root/Test_Top.ts",
        "mofgen root/cimv2/Test_Sub.ts",
        "mofgen root/cimv2/providers/Test_Sub.ts",
        "user root/cimv2/Test_Sub.ts",
      ]),
    );
    expect(new Set(targets.values())).toEqual(new Set(["/project/generated/rt/index.js"]));
    expect(files.find((f) => f.path === "root/cimv2/Test_Sub.ts")?.content).toContain(' from "../../rt/index.js";');
  });

  it("may lead out of the output directory", () => {
    const targets = runtimeTargets(generate("../lib/runtime.js"), (s) => s.endsWith("lib/runtime.js"));
    expect(targets.size).toBeGreaterThanOrEqual(4);
    expect(new Set(targets.values())).toEqual(new Set(["/project/lib/runtime.js"]));
  });

  it("keeps the user's extension in .mts output", () => {
    const targets = runtimeTargets(generate("./rt/index.js", ".mts"), (s) => s.includes("rt/index."));
    expect(targets.size).toBeGreaterThanOrEqual(4);
    expect(new Set(targets.values())).toEqual(new Set(["/project/generated/rt/index.js"]));
  });

  it("leaves a bare specifier as written in every file", () => {
    const files = generate("my-runtime");
    const specifiers = files.flatMap((f) => [...f.content.matchAll(/ from "([^".][^"]*)";$/gm)].map((m) => m[1]));
    expect(specifiers.length).toBeGreaterThanOrEqual(4);
    expect(new Set(specifiers)).toEqual(new Set(["my-runtime"]));
  });

  it("type-checks as a project whose runtime is a file under the output directory", () => {
    const reexport = 'export * from "@mofgen/runtime";\n';
    const files = generate("./rt/index.js");
    expect(typeCheck(writeProject(files, { "generated/rt/index.ts": reexport }))).toBe("");
    // The same project with the file elsewhere fails: the check above does resolve the runtime through it.
    expect(typeCheck(writeProject(files, { "rt/index.ts": reexport }))).toContain("TS2307");
  });
});
