import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { TypeScriptOptions } from "../../../src/emit/ts/generated-file.js";
import { emitProviderModules, unknownProviderClasses } from "../../../src/emit/ts/provider-modules.js";
import type { SchemaModel } from "../../../src/model/types.js";
import { compileText } from "../../helpers/model.js";

/**
 * Golden files of the provider emitter for a small fixture (test/fixtures/providers/widgets.mof): the provider
 * bases, the namespace's class map and the user's provider file, compared exactly.
 */

const fixture = new URL("../../fixtures/providers/widgets.mof", import.meta.url);
const compiled = compileText(readFileSync(fixture, "utf8"));
const options: TypeScriptOptions = {
  runtimeImport: "@mofgen/runtime",
  providers: { classes: ["TEST_WIDGET", "Test_Nothing", "Test_Service"], generatedImport: "../generated" },
};
const files = emitProviderModules(compiled.schema, options);

describe("provider modules of widgets.mof", () => {
  it("compiles without diagnostics", () => {
    expect(compiled.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("has a base per class that can have instances, the class map, and the user file asked for", () => {
    expect(files.map((f) => `${f.owner} ${f.path}`)).toEqual([
      "mofgen root/test/providers/Reference.ts",
      "mofgen root/test/providers/Test_Widget.ts",
      "user root/test/Test_Widget.ts",
      "mofgen root/test/providers/Test_WidgetOwner.ts",
      "mofgen root/test/providers/class-map.ts",
    ]);
  });

  it.each(files.map((f) => [`${f.owner}/${f.path}`, f] as const))("%s matches its golden file", async (name, file) => {
    await expect(file.content).toMatchFileSnapshot(`expected/providers/${name}.txt`);
  });

  it("reports the configured names that have no provider: unknown or abstract classes, as written", () => {
    expect(unknownProviderClasses(compiled.schema, options)).toEqual(["Test_Nothing", "Test_Service"]);
    expect(unknownProviderClasses(compiled.schema, { ...options, providers: undefined })).toEqual([]);
  });

  it("gives the same files whatever order the namespace lists its classes in", () => {
    expect(emitProviderModules(reversed(compiled.schema), options)).toEqual(files);
  });

  it("creates no user files without a providers configuration", () => {
    const owners = emitProviderModules(compiled.schema, { ...options, providers: undefined }).map((f) => f.owner);
    expect(owners).toEqual(["mofgen", "mofgen", "mofgen", "mofgen"]);
  });
});

function reversed(schema: SchemaModel): SchemaModel {
  const namespaces = schema.namespaces.map((ns) => ({ ...ns, classes: [...ns.classes].reverse() }));
  return { ...schema, namespaces: [...namespaces].reverse() };
}
