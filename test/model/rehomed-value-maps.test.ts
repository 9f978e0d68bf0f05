import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ClassModel, RehomedValueMap } from "../../src/model/types.js";
import { classOf, compileText } from "../helpers/model.js";

/**
 * `ClassModel.rehomedValueMaps`: the maps a class's elements use that no element of its namespace declares for
 * that element, each with the using element as its declarer there. The TS emitter declares these without asking
 * anything else of the model (`test/emit/ts/value-map-declarers.test.ts` pins what it prints for them). The fixture
 * is the one that test reads, plus overrides in namespace a that change the type or only re-declare.
 */
const fixture = readFileSync(new URL("../fixtures/value-maps/rehoming.mof", import.meta.url), "utf8");
const mof = String.raw`${fixture}
#pragma namespace("\\\\.\\root\\a")
class A_Same : A_Base { [Description("re-declared, same type")] uint32 Size; };
class A_Wide : A_Base { uint64 Size; uint64 Run([In] uint16 Speed); };
class A_WideLeaf : A_Wide {};
class A_Narrow : A_Base { uint8 Size; };
class A_OwnWide : A_Base { [ValueMap{"1"}, Values{"Only"}] uint64 Size; };
`;

const compiled = compileText(mof);
const rehomed = (cls: ClassModel) =>
  cls.rehomedValueMaps.map((r: RehomedValueMap) => {
    const d = r.declarer;
    const element = d.parameter === undefined ? d.member : `${d.member}(${d.parameter})`;
    const type = d.type.kind === "intrinsic" ? d.type.name : d.type.kind;
    return `${d.namespace}:${d.className}.${element} ${type} ${r.because} of ${r.map.declarer.className}`;
  });

describe("maps a namespace re-homes", () => {
  // [class, namespace, what it re-homes: `namespace:Class.Element type because of Declarer`].
  it.each([
    ["A_Base", "root/a", []],
    ["A_Own", "root/a", []],
    ["A_Leaf", "root/a", []],
    ["A_Same", "root/a", []],
    ["A_OwnWide", "root/a", []],
    ["A_Wide", "root/a", ["root/a:A_Wide.Size uint64 type of A_Base", "root/a:A_Wide.Run uint64 type of A_Base"]],
    [
      "A_WideLeaf",
      "root/a",
      ["root/a:A_WideLeaf.Size uint64 type of A_Base", "root/a:A_WideLeaf.Run uint64 type of A_Base"],
    ],
    ["A_Narrow", "root/a", ["root/a:A_Narrow.Size uint8 type of A_Base"]],
    [
      "B_Thing",
      "root/b",
      [
        "root/b:B_Thing.State uint16 namespace of A_Base",
        "root/b:B_Thing.Size uint32 namespace of A_Base",
        "root/b:B_Thing.Run uint32 namespace of A_Base",
        "root/b:B_Thing.Run(Speed) uint16 namespace of A_Base",
      ],
    ],
    [
      "B_Wide",
      "root/b",
      [
        "root/b:B_Wide.State uint16 namespace of A_Base",
        "root/b:B_Wide.Size uint64 namespace of A_Base",
        "root/b:B_Wide.Run uint32 namespace of A_Base",
        "root/b:B_Wide.Run(Speed) uint16 namespace of A_Base",
      ],
    ],
  ])("%s in %s", (name, namespace, expected) => {
    expect(rehomed(classOf(compiled, name, namespace))).toEqual(expected);
  });

  it("re-homes the declarer's own map object, not a copy", () => {
    const base = classOf(compiled, "A_Base", "root/a").propertyByName.get("size")?.valueMap;
    const wide = classOf(compiled, "A_Wide", "root/a").rehomedValueMaps[0]?.map;
    expect(base).toBeDefined();
    expect(wide).toBe(base);
  });

  it("records the declaring element's type", () => {
    const own = classOf(compiled, "A_OwnWide", "root/a").propertyByName.get("size")?.valueMap?.declarer;
    expect(own).toMatchObject({ className: "A_OwnWide", type: { kind: "intrinsic", name: "uint64" } });
    const run = classOf(compiled, "A_Base", "root/a").methodByName.get("run")?.valueMap?.declarer;
    expect(run).toMatchObject({ element: "method", type: { kind: "intrinsic", name: "uint32" } });
  });

  it("compiles the fixture without errors", () => {
    expect(compiled.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  });
});
