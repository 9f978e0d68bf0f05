import { describe, expect, it } from "vitest";
import { renderDocs } from "../../../src/emit/docs/generate.js";
import type { ClassModel, MethodModel, SchemaModel } from "../../../src/model/types.js";
import { fold } from "../../../src/model/types.js";
import { compileText } from "../../helpers/model.js";

/** The schema with its class A's method M given `method`'s changes (a copy: the model is read-only). */
function withMethod(schema: SchemaModel, change: (m: MethodModel) => MethodModel): SchemaModel {
  const ns = schema.namespaces[0];
  const cls = ns?.classByName.get("a");
  const m = cls?.methodByName.get("m");
  if (ns === undefined || cls === undefined || m === undefined) throw new Error("the test schema has A.M");
  const method = change(m);
  const changed: ClassModel = {
    ...cls,
    methods: [method],
    ownMethods: [method],
    methodByName: new Map([[fold(method.name), method]]),
  };
  const grown = { ...ns, classes: [changed], classByName: new Map([["a", changed]]) };
  return { ...schema, namespaces: [grown], namespaceByName: new Map([[grown.name.toLowerCase(), grown]]) };
}

const schema = compileText("class A { uint32 M([In] uint32 P); };").schema;

// Issue 13 item 17: the method page's syntax block took `Math.max(...widths)` of every parameter and overflowed
// the stack; the overflow was then reported as an error of the built-in template (MOF4801 'method.hbs').
describe("reference pages of hostile sizes", () => {
  it("writes the page of a method with 130,000 parameters", () => {
    const big = withMethod(schema, (m) => {
      const p = m.parameters[0];
      if (p === undefined) throw new Error("M has a parameter");
      return { ...m, parameters: Array.from({ length: 130_000 }, (_, i) => ({ ...p, name: `P${i}` })) };
    });
    const { files, problems } = renderDocs(big);
    expect(problems).toEqual([]);
    const page = files.find((f) => f.path.endsWith("/a/m.md"))?.content ?? "";
    expect(page).toContain("  [in] uint32 P129999\n);");
    expect(page).toContain("*P129999* \\[in\\]");
  });

  it("throws what goes wrong in mofgen's own view model or templates, as the bug it is, not as MOF4801", () => {
    const broken = withMethod(schema, (m) => ({
      ...m,
      get parameters(): MethodModel["parameters"] {
        throw new Error("a bug in mofgen");
      },
    }));
    expect(() => renderDocs(broken)).toThrow("a bug in mofgen");
  });

  it("still reports a replacement template that fails as a template problem", () => {
    const { problems } = renderDocs(schema, { templates: { method: "{{nosuchfield}}" } });
    expect(problems.map((p) => `${p.template} ${p.severity}`)).toEqual(["method error"]);
    expect(problems[0]?.message).toMatch(/"nosuchfield" not defined/);
  });
});
