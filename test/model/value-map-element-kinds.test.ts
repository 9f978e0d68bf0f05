import { describe, expect, it } from "vitest";
import type { ModelOptions } from "../../src/model/resolve.js";
import type { ValueMap } from "../../src/model/types.js";
import { fold } from "../../src/model/types.js";
import { type Compiled, classOf, compileText, findings } from "../helpers/model.js";

/**
 * ValueMap and Values elements that are neither strings nor integers (reals, booleans, null, char16): each is
 * reported where it is written (MOF3013) and keeps its place, so that the entries around it keep their labels;
 * before, they were dropped without a word, every later label shifted and MOF3010 counted a shorter map.
 */
const wmi: ModelOptions = { dialect: "wmi" };
const dmtf: ModelOptions = { dialect: "dmtf", builtinQualifiers: true };

function rows(compiled: Compiled, property: string): string[] {
  const map: ValueMap | undefined = classOf(compiled, "C").propertyByName.get(fold(property))?.valueMap;
  return (map?.entries ?? []).map((e) => `${e.value}=${e.label}`);
}

function messages(compiled: Compiled, code: string): string[] {
  return compiled.diagnostics.filter((d) => d.code === code).map((d) => d.message);
}

const text = [
  "class C {",
  "  [key] string K;",
  '  [ValueMap{"0", 1.5, "2", true, null, \'x\', "6"}, Values{"Zero", "a", "Two", "b", "c", "d", "Six"}] uint32 P;',
  '  [ValueMap{"0", "1", "2"}, Values{"Zero", 2.5, "Two"}] uint32 Q;',
  '  [Values{"Zero", false, "Two"}] uint32 R;',
  "  [ValueMap(1.5)] uint32 S;",
  "};",
].join("\n");

describe("ValueMap and Values elements of other kinds than strings and integers", () => {
  it("are reported at the element, and the entries around them keep their labels", () => {
    const compiled = compileText(text, wmi);
    expect(rows(compiled, "P")).toEqual(["0=Zero", "2=Two", "6=Six"]);
    expect(rows(compiled, "Q")).toEqual(["0=Zero", "1=1", "2=Two"]);
    expect(rows(compiled, "R")).toEqual(["0=Zero", "1=1", "2=Two"]);
    expect(rows(compiled, "S")).toEqual([]);
    expect(findings(compiled).filter((f) => f.includes("MOF3013"))).toEqual([
      "3:18 MOF3013 warning",
      "3:28 MOF3013 warning",
      "3:34 MOF3013 warning",
      "3:40 MOF3013 warning",
      "4:44 MOF3013 warning",
      "5:19 MOF3013 warning",
      "6:13 MOF3013 warning",
    ]);
    expect(messages(compiled, "MOF3013").slice(0, 5)).toEqual([
      'ValueMap entry 1.5 is a real number, not a string ("5", "1..4"): it is left out of the map, and so is the Values label at its place',
      'ValueMap entry true is a boolean, not a string ("5", "1..4"): it is left out of the map, and so is the Values label at its place',
      'ValueMap entry null is the null value, not a string ("5", "1..4"): it is left out of the map, and so is the Values label at its place',
      'ValueMap entry \'x\' is a char16, not a string ("5", "1..4"): it is left out of the map, and so is the Values label at its place',
      "Values label 2.5 is a real number, not a string: the ValueMap entry at its place is labelled with its own value",
    ]);
    // The lengths are the lengths as written: no false "ValueMap has 4 entries but Values has 7".
    expect(messages(compiled, "MOF3010")).toEqual([]);
  });

  it("are one fault each: MOF3013 alone, no MOF3008 'must be a string' at the same place", () => {
    for (const options of [wmi, dmtf]) {
      const compiled = compileText(text, options);
      const at = (code: string) =>
        findings(compiled)
          .filter((f) => f.includes(code))
          .map((f) => f.split(" ")[0]);
      expect(at("MOF3013")).toHaveLength(7);
      expect(at("MOF3008").filter((place) => at("MOF3013").includes(place))).toEqual([]);
    }
  });

  it("stay MOF3008 where no value map is read: on a class, on an instance's property value", () => {
    const compiled = compileText(
      ["[ValueMap{1.5}] class C { [key] string K; };", 'instance of C { [ValueMap{true}] K = "x"; };'].join("\n"),
      wmi,
    );
    expect(findings(compiled)).toEqual(["1:11 MOF3008 warning", "2:27 MOF3008 warning"]);
  });

  it("keep the place of a bare word (a macro from a missing header), reported once, as MOF1212", () => {
    // ms-windows-driver-samples iscsi common.mof: ValueMap{ ISCSI_DIGEST_TYPE_NONE, ISCSI_DIGEST_TYPE_CRC32C }.
    const compiled = compileText(
      'class C { [key] string K; [ValueMap{ NONE_MACRO, "1" }, Values{"None", "One"}] uint32 P; };',
      wmi,
    );
    expect(rows(compiled, "P")).toEqual(["1=One"]);
    expect(findings(compiled)).toEqual(["1:38 MOF1212 error"]);
  });

  it("are errors in DMTF mode, as MOF3010 and MOF3011 are", () => {
    const compiled = compileText(text, dmtf);
    expect(findings(compiled).filter((f) => f.includes("MOF3013"))).toHaveLength(7);
    expect(findings(compiled).filter((f) => f.includes("MOF3013 error"))).toHaveLength(7);
  });
});
