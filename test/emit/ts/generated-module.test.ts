import { describe, expect, it } from "vitest";
import { GeneratedModule, type ModuleOptions } from "../../../src/emit/ts/generated-module.js";

const base: ModuleOptions = {
  path: "root/a/Foo.ts",
  owner: "mofgen",
  header: ["// header"],
  runtimeImport: "@mofgen/runtime",
  extension: undefined,
  runtimeClashes: () => false,
};

/** The import lines of a module after `use` (the file's lines between the header and the first blank line). */
function importsOf(use: (m: GeneratedModule) => void, options: Partial<ModuleOptions> = {}): string[] {
  const module = new GeneratedModule({ ...base, ...options });
  use(module);
  return module.file().content.split("\n").slice(1, -1);
}

describe("GeneratedModule imports", () => {
  it("imports a name once, as a type unless some use is a value", () => {
    const lines = importsOf((m) => {
      expect(m.runtime("ClassSchema")).toBe("ClassSchema");
      expect(m.runtime("decode", false)).toBe("decode");
      expect(m.runtime("ClassSchema")).toBe("ClassSchema");
      m.import("root/a/Bar.ts", "Bar");
      m.import("root/a/Bar.ts", "Bar_Schema", false);
      m.import("root/a/Bar.ts", "Bar", false);
      m.import("root/a/Baz.ts", "Baz");
    });
    expect(lines).toEqual([
      'import { type ClassSchema, decode } from "@mofgen/runtime";',
      'import { Bar, Bar_Schema } from "./Bar.js";',
      'import type { Baz } from "./Baz.js";',
    ]);
  });

  it("aliases a name the module declares, or one the caller says clashes, with $ (then $name_2...)", () => {
    const lines = importsOf(
      (m) => {
        expect(m.runtime("Provider")).toBe("$Provider");
        expect(m.runtime("MethodContext")).toBe("$MethodContext_2");
        expect(m.import("root/b/Foo.ts", "Foo", true, true)).toBe("$Foo");
        expect(m.import("root/b/Foo.ts", "Foo", true, true)).toBe("$Foo");
      },
      { declared: ["Provider", "$MethodContext"], runtimeClashes: (name) => name === "MethodContext" },
    );
    expect(lines).toEqual([
      'import type { MethodContext as $MethodContext_2, Provider as $Provider } from "@mofgen/runtime";',
      'import type { Foo as $Foo } from "../b/Foo.js";',
    ]);
  });

  it("takes a local name the caller chose as it is, and sorts by local name", () => {
    const lines = importsOf((m) => {
      expect(m.import("root/a/value-maps.ts", "Shared_Map", false, false, "C_P_Map")).toBe("C_P_Map");
      m.import("root/a/value-maps.ts", "A_Map", false);
    });
    expect(lines).toEqual(['import { A_Map, Shared_Map as C_P_Map } from "./value-maps.js";']);
  });

  it("puts the runtime first, then modules by specifier, then namespace imports", () => {
    const lines = importsOf((m) => {
      m.importNamespace("root/a/value-maps.ts", "$maps");
      m.import("root/a/Zed.ts", "Zed");
      m.import("root/Top.ts", "Top");
      m.runtime("Reference");
    });
    expect(lines).toEqual([
      'import type { Reference } from "@mofgen/runtime";',
      'import type { Top } from "../Top.js";',
      'import type { Zed } from "./Zed.js";',
      'import * as $maps from "./value-maps.js";',
    ]);
  });
});

describe("GeneratedModule specifiers and file", () => {
  const cases: [string, Partial<ModuleOptions>, string, string][] = [
    ["beside it", {}, "root/a/Bar.ts", "./Bar.js"],
    ["in another folder", {}, "root/b/providers/Bar.ts", "../b/providers/Bar.js"],
    ["below the root index", { path: "index.ts" }, "root/a/index.ts", "./root/a/index.js"],
    ["as .mts", { extension: ".mts" }, "root/b/Bar.ts", "../b/Bar.mjs"],
    ["from the providers directory", { generatedImport: "../gen" }, "root/a/Bar.ts", "../../../gen/root/a/Bar.js"],
    [
      "from the providers directory, as .mts",
      { generatedImport: "gen", extension: ".mts" },
      "x/Bar.ts",
      "../../gen/x/Bar.mjs",
    ],
  ];
  it.each(cases)("writes the specifier of a module %s", (_, options, target, expected) => {
    expect(new GeneratedModule({ ...base, ...options }).specifier(target)).toBe(expected);
  });

  const runtimeCases: [string, Partial<ModuleOptions>, string][] = [
    ["a bare specifier, anywhere", { runtimeImport: "@acme/cim" }, "@acme/cim"],
    ["at the output root", { path: "index.ts" }, "./rt/index.js"],
    ["in a namespace folder", {}, "../../rt/index.js"],
    ["in a providers folder", { path: "root/a/providers/Foo.ts" }, "../../../rt/index.js"],
    ["inside a namespace folder, the short way", { runtimeImport: "./root/rt.js" }, "../rt.js"],
    ["out of the output directory", { runtimeImport: "../lib/rt.js" }, "../../../lib/rt.js"],
    ["as .mts, keeping the user's extension", { extension: ".mts" }, "../../rt/index.js"],
    ["from the providers directory", { generatedImport: "../gen", owner: "user" }, "../../../gen/rt/index.js"],
  ];
  it.each(runtimeCases)("writes the runtime specifier of a module %s", (_, options, expected) => {
    const module = new GeneratedModule({ ...base, runtimeImport: "./rt/index.js", ...options });
    module.runtime("Provider");
    expect(module.file().content.split("\n")[1]).toBe(`import type { Provider } from "${expected}";`);
  });

  it("writes an .mts file whose runtime import keeps its extension", () => {
    const module = new GeneratedModule({ ...base, extension: ".mts", runtimeImport: "../rt/index.js", owner: "user" });
    module.runtime("Provider");
    module.add({ kind: "raw", lines: ["export {};"] });
    expect(module.file()).toEqual({
      path: "root/a/Foo.mts",
      owner: "user",
      content: '// header\nimport type { Provider } from "../../../rt/index.js";\n\nexport {};\n',
    });
  });
});
