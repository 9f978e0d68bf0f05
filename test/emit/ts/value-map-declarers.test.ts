import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { emitClassModules } from "../../../src/emit/ts/class-modules.js";
import { defaultTypeScriptOptions } from "../../../src/emit/ts/generated-file.js";
import { compileText } from "../../helpers/model.js";
import { typeCheck } from "../../helpers/typecheck.js";

/**
 * test/fixtures/value-maps/rehoming.mof, generated. Which element exports a value map under its own name comes from the model (`ValueMap.declarer`). Maps the model
 * re-homes in a namespace (`ClassModel.rehomedValueMaps`: declared in another namespace, or for another type) have
 * no owner there: `value-maps.ts` declares each under the first element that re-homes it.
 */
const mof = readFileSync(new URL("../../fixtures/value-maps/rehoming.mof", import.meta.url), "utf8");

const compiled = compileText(mof);
const files = emitClassModules(compiled.schema, defaultTypeScriptOptions);
const file = (path: string) => files.find((f) => f.path === path)?.content ?? "";
const exported = (path: string) => [...file(path).matchAll(/^export const (\w+) = /gm)].map((m) => m[1]);

describe("value maps by declarer", () => {
  it("declares each map of a namespace under the element that writes it", () => {
    expect(exported("root/a/value-maps.ts")).toEqual([
      "A_Base_State",
      "A_Base_State_Map",
      "A_Base_Size",
      "A_Base_Size_Map",
      "A_Base_Run_ReturnValue",
      "A_Base_Run_ReturnValue_Map",
      "A_Base_Run_Speed",
      "A_Base_Run_Speed_Map",
      "A_Own_State",
      "A_Own_State_Map",
    ]);
  });

  it("re-exports an inherited map under its declarer's name, not the inheriting class's", () => {
    expect(file("root/a/A_Leaf.ts")).toContain(
      'export { A_Own_State, A_Own_State_Map, decodeA_Own_State } from "./A_Own.js";',
    );
    // A_Own re-declares Run and its parameter without ValueMap or Values: A_Base's maps serve.
    expect(file("root/a/A_Own.ts")).not.toMatch(/A_Own_Run_(ReturnValue|Speed)\b/);
    expect(file("root/a/A_Own.ts")).toMatch(/A_Base_Run_ReturnValue/);
  });

  it("declares a map from another namespace's class, and one used at another width, under their first user", () => {
    expect(exported("root/b/value-maps.ts")).toEqual([
      "B_Thing_State",
      "B_Thing_State_Map",
      "B_Thing_Size",
      "B_Thing_Size_Map",
      "B_Thing_Run_ReturnValue",
      "B_Thing_Run_ReturnValue_Map",
      "B_Thing_Run_Speed",
      "B_Thing_Run_Speed_Map",
      "B_Wide_Size",
      "B_Wide_Size_Map",
    ]);
    expect(file("root/b/value-maps.ts")).toMatch(/export const B_Wide_Size = \{\s+Small: 1n,/);
  });

  it("declares a re-typed map again only for 64 bits: a narrower type shares the declarer's table", () => {
    const retyped = compileText(`
      class C_Base { [ValueMap{"1", "2"}, Values{"Small", "Big"}] uint32 Size; };
      class C_Narrow : C_Base { uint8 Size; };
      class C_Wide : C_Base { uint64 Size; };
    `);
    const out = emitClassModules(retyped.schema, defaultTypeScriptOptions);
    const maps = out.find((f) => f.path === "root/cimv2/value-maps.ts")?.content ?? "";
    expect([...maps.matchAll(/^export const (\w+) = /gm)].map((m) => m[1])).toEqual([
      "C_Base_Size",
      "C_Base_Size_Map",
      "C_Wide_Size",
      "C_Wide_Size_Map",
    ]);
    const narrow = out.find((f) => f.path === "root/cimv2/C_Narrow.ts")?.content ?? "";
    expect(narrow).toContain('export { C_Base_Size, C_Base_Size_Map, decodeC_Base_Size } from "./C_Base.js";');
  });

  it("type-checks under the strictest settings", () => {
    expect(typeCheck({ out: files }).output).toBe("");
  });
});
