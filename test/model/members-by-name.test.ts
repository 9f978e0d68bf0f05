import { describe, expect, it } from "vitest";
import { compileText } from "../../src/index.js";

// The member maps are made on first read (members-by-name.ts). Whatever copies a class model must still see every
// member: a copy made before any read is the case a self-filling map would get wrong.
const mof = `
class Base { [Key] string Id; uint32 Size; uint32 Start(); };
class Derived : Base { string Caption; uint32 Size; };
class Empty { };
`;

function classes() {
  const c = compileText(mof);
  expect(c.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const byName = new Map(c.schema.namespaces.flatMap((ns) => ns.classes).map((k) => [k.name, k]));
  return (name: string) => byName.get(name) ?? expect.unreachable(name);
}

describe("member maps by case-folded name", () => {
  it("hold the effective members, inherited and overriding, under folded names", () => {
    const derived = classes()("Derived");
    expect([...derived.propertyByName.keys()]).toEqual(["id", "size", "caption"]);
    expect(derived.propertyByName.get("size")?.classOrigin).toBe("Derived");
    expect(derived.methodByName.get("start")?.name).toBe("Start");
    expect(classes()("Empty").methodByName.size).toBe(0);
  });

  it("survive structuredClone and spread taken before any read", () => {
    // A leaf class: no subclass made the model read its maps while resolving.
    const derived = classes()("Derived");
    const cloned = structuredClone({ properties: derived.propertyByName, methods: derived.methodByName });
    expect([...cloned.properties.keys()]).toEqual(["id", "size", "caption"]);
    expect(cloned.methods.get("start")?.name).toBe("Start");
    const spread = { ...classes()("Derived") };
    expect(spread.propertyByName.get("caption")?.name).toBe("Caption");
  });
});
