import { realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { IncludeResolver } from "../../src/source/include-resolver.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * Plain relative names (`Core/CIM_ManagedElement.mof`) are resolved by concatenation, the others through
 * node:path: both must find the same file, spelt and identified the same way.
 */
describe("include names resolved against the including file's folder", () => {
  const tree = () =>
    tempTree({
      "schema.mof": "",
      "a.mof": "",
      "Core/CIM_ManagedElement.mof": "",
      "Core/Deep/x.mof": "",
    });

  it.each([
    ["a.mof", "a.mof", false],
    ["Core/CIM_ManagedElement.mof", "Core/CIM_ManagedElement.mof", false],
    ["Core/Deep/x.mof", "Core/Deep/x.mof", false],
    ["Core\\Deep\\x.mof", "Core/Deep/x.mof", false],
    ["./a.mof", "a.mof", false],
    ["Core/../a.mof", "a.mof", false],
    ["Core//CIM_ManagedElement.mof", "Core/CIM_ManagedElement.mof", false],
    ["Core/./Deep/x.mof", "Core/Deep/x.mof", false],
    ["core/cim_managedelement.MOF", "Core/CIM_ManagedElement.mof", true],
  ])("%s", (name, expected, caseMismatch) => {
    const dir = tree();
    const found = new IncludeResolver([]).resolve(name, join(dir, "schema.mof"));
    expect(found).toEqual({
      path: join(dir, expected),
      caseMismatch,
      regular: true,
      realPath: join(realpathSync.native(dir), expected),
    });
  });

  it("finds nothing for a missing name, and an absolute name as written", () => {
    const dir = tree();
    const resolver = new IncludeResolver([]);
    expect(resolver.resolve("Core/missing.mof", join(dir, "schema.mof"))).toBeUndefined();
    expect(resolver.resolve(join(dir, "Core/Deep/x.mof"), join(dir, "schema.mof"))?.path).toBe(
      resolve(dir, "Core/Deep/x.mof"),
    );
  });

  it("reads a folder named by an unnormalised path the same way", () => {
    const dir = tree();
    const found = new IncludeResolver([]).resolve("Deep/x.mof", `${dir}/Core/./schema.mof`);
    expect(found?.path).toBe(join(dir, "Core/Deep/x.mof"));
  });
});
