import { describe, expect, it } from "vitest";
import type { ClassSchema, EffectiveMembers } from "../../../runtime/src/index.js";
import { emitClassModules } from "../../../src/emit/ts/class-modules.js";
import { defaultTypeScriptOptions } from "../../../src/emit/ts/generated-file.js";
import { compileText } from "../../helpers/model.js";
import { load, writeProject } from "./generated-project.js";

/**
 * Issue 13 items 14 and 22, the emitter's half: `<Class>_Schema` lists only the members its class declares and links
 * to its superclass's schema, so output grows linearly with an inheritance chain (on bcba6bf every module repeated
 * every inherited member: 1,000 deep wrote 31 MB); and it carries MinValue, MaxValue, MinLen, MaxLen, fixed array
 * sizes and links to the schemas of REF and embedded classes, which the ProviderHost enforces.
 */

function generate(text: string) {
  const compiled = compileText(text);
  expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return emitClassModules(compiled.schema, defaultTypeScriptOptions);
}

function chainMof(n: number): string {
  let text = "class Test_C0 { [key] string Id; uint32 P0; };\n";
  for (let i = 1; i < n; i++) text += `class Test_C${i} : Test_C${i - 1} { uint32 P${i}; };\n`;
  return text;
}

const schemaOf = (content: string) => content.slice(content.indexOf("export const "));

describe("run-time schemas of an inheritance chain", () => {
  const small = generate(chainMof(100));
  const large = generate(chainMof(200));
  const bytes = (files: typeof small) => files.reduce((sum, f) => sum + f.content.length, 0);

  it("list only the class's own members and link to the superclass's schema", () => {
    const module = large.find((f) => f.path === "root/cimv2/Test_C150.ts")?.content ?? "";
    expect(schemaOf(module)).toBe(`export const Test_C150_Schema: ClassSchema = {
  name: "Test_C150",
  namespace: "root/cimv2",
  superclass: "Test_C149",
  superclassSchema: () => Test_C149_Schema,
  properties: [
    { name: "P150", type: "uint32", classOrigin: "Test_C150" },
  ],
  methods: [],
};
`);
    expect(module).toContain('import { type Test_C149, Test_C149_Schema } from "./Test_C149.js";');
  });

  it("grow linearly with the depth of the chain", () => {
    expect(bytes(large) / bytes(small)).toBeLessThan(2.3);
  });

  it("resolve at run time to every inherited member", async () => {
    const files = generate(chainMof(40)).filter((f) => !f.path.endsWith("index.ts"));
    const dir = writeProject(files, {
      "main.ts": `import { effectiveMembers } from "@mofgen/runtime";
import { Test_C39_Schema } from "./generated/root/cimv2/Test_C39.js";
export const members = effectiveMembers(Test_C39_Schema);
export const schema = Test_C39_Schema;
`,
    });
    const { members, schema } = await load<{ members: EffectiveMembers; schema: ClassSchema }>(dir, "main.ts");
    expect(schema.properties.map((p) => p.name)).toEqual(["P39"]);
    expect(members.properties.map((p) => p.name)).toEqual(["Id", ...Array.from({ length: 40 }, (_, i) => `P${i}`)]);
    expect(members.properties[0]).toEqual({ name: "Id", type: "string", key: true, classOrigin: "Test_C0" });
  });
});

describe("run-time schemas carry the bounds and the classes values name", () => {
  const files = generate(`
class Test_Element { [key] string InstanceID; };
class Test_Setting : Test_Element { [MaxValue(64)] uint32 Size; };
class Test_Service {
  [key, MinLen(2), MaxLen(10)] string Name;
  [MinValue(-5), MaxValue(5000000000)] sint64 Offset;
  [MinValue(1)] real64 Ratio;
  uint8 Digest[16];
  [static] uint32 Apply([in] Test_Element REF Target, [in, EmbeddedInstance("Test_Setting")] string Setting);
};
`);
  const service = schemaOf(files.find((f) => f.path === "root/cimv2/Test_Service.ts")?.content ?? "");

  it.each([
    '{ name: "Name", type: "string", minLen: 2, maxLen: 10, key: true, classOrigin: "Test_Service" }',
    '{ name: "Offset", type: "sint64", minValue: -5n, maxValue: 5000000000n, classOrigin: "Test_Service" }',
    '{ name: "Ratio", type: "real64", minValue: 1, classOrigin: "Test_Service" }',
    '{ name: "Digest", type: "uint8", array: true, arraySize: 16, classOrigin: "Test_Service" }',
    '{ name: "Target", type: "reference", referenceClass: "Test_Element", referenceSchema: () => Test_Element_Schema, in: true, out: false }',
    '{ name: "Setting", type: "string", embeddedClass: "Test_Setting", embeddedSchema: () => Test_Setting_Schema, in: true, out: false }',
  ])("%s", (entry) => {
    expect(service).toContain(entry);
  });
});
