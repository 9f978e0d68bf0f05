import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { missingProviderMethods } from "../../../src/emit/ts/provider-check.js";
import { emitProviderModules } from "../../../src/emit/ts/provider-modules.js";
import { classOf, compileText, namespaceOf } from "../../helpers/model.js";

/** "New methods reported, not clobbered": which methods a user's provider file does not implement yet. */

const compiled = compileText(readFileSync(new URL("../../fixtures/providers/widgets.mof", import.meta.url), "utf8"));
const ns = namespaceOf(compiled, "root/test");
const widget = classOf(compiled, "Test_Widget", "root/test");
const created = emitProviderModules(compiled.schema, {
  runtimeImport: "@mofgen/runtime",
  providers: { classes: ["Test_Widget"], generatedImport: "../generated" },
}).find((f) => f.owner === "user");
const text = created?.content ?? "";

/** The file with one member (its JSDoc, signature and body) cut out. */
function without(member: string): string {
  const start = text.lastIndexOf("  /**", text.indexOf(`override async ${member}(`));
  const end = text.indexOf("\n  }\n", start) + "\n  }\n".length;
  expect(start).toBeGreaterThan(0);
  return text.slice(0, start) + text.slice(end);
}

describe("missingProviderMethods", () => {
  it("finds nothing missing in the file as created", () => {
    expect(created?.path).toBe("root/test/Test_Widget.ts");
    expect(missingProviderMethods(text, widget, ns)).toEqual([]);
  });

  it("names a method the file does not implement, by MOF name and member", () => {
    expect(missingProviderMethods(without("Count"), widget, ns)).toEqual([{ method: "Count", member: "Count" }]);
    expect(missingProviderMethods(without("getInstance_2"), widget, ns)).toEqual([
      { method: "getInstance", member: "getInstance_2" },
    ]);
  });

  it("is not fooled by the name in a comment or a string, or in another class", () => {
    const edited = without("Reset")
      .replace(
        "export class",
        "// Reset() is still to do\nconst note = 'Reset()';\nclass Other { Reset() {} }\nexport class",
      )
      .concat("void note;\n");
    expect(missingProviderMethods(edited, widget, ns)).toEqual([{ method: "Reset", member: "Reset" }]);
  });

  it("reads a renamed provider class by what it extends, and members written as properties", () => {
    const renamed = without("Describe")
      .replace("export class Test_WidgetProvider extends", "export class Widgets extends")
      .replace("export class Widgets extends Test_WidgetProviderBase {", "$&\n  Describe = async () => ({});");
    expect(missingProviderMethods(renamed, widget, ns)).toEqual([]);
  });

  it("counts every method missing when the file has no provider class", () => {
    const members = widget.methods.map((m) => m.name);
    expect(missingProviderMethods("export {};\n", widget, ns).map((m) => m.method)).toEqual(members);
    expect(members).toEqual(["Start", "Count", "Describe", "getInstance", "Reset", "Measure"]);
  });
});
