import { describe, expect, it } from "vitest";
import { type ClassSchema, effectiveMembers, ProviderHost } from "../../runtime/src/index.js";
import { failure, RecordingProvider } from "./provider-fixture.js";

/**
 * Issue 13 item 14 (the run-time schema half): a generated `<Class>_Schema` lists only the members its class declares
 * and links to its superclass's schema; `effectiveMembers` resolves the effective lists once, overrides in place,
 * in a loop, so a deep chain neither repeats members nor exhausts the stack. Not on bcba6bf (no superclass links).
 */

const ns = "root/test";

/** Test_C0 (key Id, P0) <- Test_C1 (P1) <- ... <- Test_C<n-1>, each declaring one property. */
function chain(n: number): ClassSchema[] {
  const schemas: ClassSchema[] = [];
  for (let i = 0; i < n; i++) {
    const below = schemas[i - 1];
    schemas.push({
      name: `Test_C${i}`,
      namespace: ns,
      ...(below !== undefined && { superclass: below.name, superclassSchema: () => below }),
      properties: [
        ...(i === 0 ? [{ name: "Id", type: "string" as const, key: true as const, classOrigin: "Test_C0" }] : []),
        { name: `P${i}`, type: "uint32", classOrigin: `Test_C${i}` },
      ],
      methods: [],
    });
  }
  return schemas;
}

describe("effectiveMembers", () => {
  it("puts inherited members first and overrides in place, case-insensitively", () => {
    const base: ClassSchema = {
      name: "Test_Base",
      namespace: ns,
      properties: [
        { name: "A", type: "string", classOrigin: "Test_Base" },
        { name: "B", type: "uint8", classOrigin: "Test_Base" },
      ],
      methods: [{ name: "Run", classOrigin: "Test_Base", parameters: [] }],
    };
    const sub: ClassSchema = {
      name: "Test_Sub",
      namespace: ns,
      superclass: "Test_Base",
      superclassSchema: () => base,
      properties: [
        { name: "C", type: "string", classOrigin: "Test_Sub" },
        { name: "a", type: "string", required: true, classOrigin: "Test_Base" },
      ],
      methods: [{ name: "RUN", static: true, classOrigin: "Test_Base", parameters: [] }],
    };
    const members = effectiveMembers(sub);
    expect(members.properties.map((p) => p.name)).toEqual(["a", "B", "C"]);
    expect(members.methods).toEqual([sub.methods[0]]);
    expect(effectiveMembers(sub)).toBe(members);
    expect(effectiveMembers(base).properties).toBe(effectiveMembers(base).properties);
  });

  it("resolves the leaf of a 20,000-deep chain in a loop (deeper than the stack allows recursion), each link followed once", () => {
    const schemas = chain(20_000);
    const leaf = schemas.at(-1) as ClassSchema;
    let follows = 0;
    for (const s of schemas) {
      const link = s.superclassSchema;
      if (link !== undefined)
        Object.assign(s, {
          superclassSchema: () => {
            follows++;
            return link();
          },
        });
    }
    const { properties } = effectiveMembers(leaf);
    expect(properties).toHaveLength(20_001);
    expect(properties[0]?.name).toBe("Id");
    expect(properties.at(-1)?.name).toBe("P19999");
    expect(follows).toBe(19_999);
  });

  it("reports a chain that comes back to itself", () => {
    const a: ClassSchema = { name: "Test_A", namespace: ns, superclass: "Test_B", properties: [], methods: [] };
    const b: ClassSchema = { ...a, name: "Test_B", superclass: "Test_A", superclassSchema: () => a };
    Object.assign(a, { superclassSchema: () => b });
    expect(() => effectiveMembers(a)).toThrow("the superclass chain of Test_A comes back to Test_A");
  });
});

describe("a ProviderHost with linked schemas", () => {
  it("validates against the effective members of the whole chain", async () => {
    const leaf = chain(50).at(-1) as ClassSchema;
    const provider = new RecordingProvider(leaf);
    provider.instances = [{ id: "x", P0: 1, p49: 2 }];
    const host = new ProviderHost().register(provider);
    expect(await host.enumerateInstances("Test_C49")).toEqual([{ Id: "x", P0: 1, P49: 2 }]);
    provider.instances = [{ P3: 1 }];
    expect(await failure(host.enumerateInstances("Test_C49"))).toEqual({
      status: "CIM_ERR_FAILED",
      detail: "Test_C49.enumerateInstances: instance 0: key property Id has no value",
    });
    expect((await failure(host.createInstance("Test_C49", { Id: "x", P50: 1 }))).detail).toBe(
      "Test_C49.createInstance: property P50: not a property of Test_C49",
    );
  });
});
