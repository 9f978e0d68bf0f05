import { describe, expect, it } from "vitest";
import { isUsageError } from "../../src/cli/args.js";
import { compileFlags, compileSettings } from "../../src/cli/compile-flags.js";

describe("compile flags and their layering", () => {
  it("maps each flag to its option, absent where not given", () => {
    expect(compileFlags({})).toEqual({
      includeDirs: undefined,
      allowIncludeOutside: undefined,
      dialect: undefined,
      builtinQualifiers: undefined,
      namespace: undefined,
      quiet: undefined,
      diagnosticLevels: undefined,
    });
    expect(
      compileFlags({
        include: ["inc"],
        "allow-include-outside": true,
        dialect: "wmi",
        "builtin-qualifiers": false,
        namespace: "root/cimv2",
        quiet: true,
        diagnostic: ["MOF3010=off"],
      }),
    ).toEqual({
      includeDirs: ["inc"],
      allowIncludeOutside: true,
      dialect: "wmi",
      builtinQualifiers: false,
      namespace: "root/cimv2",
      quiet: true,
      diagnosticLevels: ["MOF3010=off"],
    });
  });

  it("rejects a bad --dialect or --diagnostic at once, as a usage error", () => {
    for (const values of [{ dialect: "mof3" }, { diagnostic: ["MOF9999=off"] }, { diagnostic: ["MOF3010"] }]) {
      let caught: unknown;
      try {
        compileFlags(values);
      } catch (e) {
        caught = e;
      }
      expect(isUsageError(caught), JSON.stringify(values)).toBe(true);
    }
  });

  it("takes each flag, else the configuration's value, else the default", () => {
    const defaults = compileSettings(compileFlags({}));
    expect(defaults).toMatchObject({
      includeDirs: [],
      allowIncludeOutside: false,
      dialect: "wmi",
      builtinQualifiers: false,
    });
    expect(defaults.policy).toEqual({ quiet: false, levels: new Map() });

    const config = {
      include: ["/cfg/inc"],
      includeOutsideRoots: true,
      dialect: "dmtf" as const,
      builtinQualifiers: true,
      diagnostics: new Map([["MOF3010", "off" as const]]),
    };
    const fromConfig = compileSettings(compileFlags({}), config);
    expect(fromConfig).toMatchObject({
      includeDirs: ["/cfg/inc"],
      allowIncludeOutside: true,
      dialect: "dmtf",
      builtinQualifiers: true,
    });
    expect(fromConfig.policy.levels?.get("MOF3010")).toBe("off");

    const flags = compileFlags({
      include: ["cli"],
      "allow-include-outside": false,
      dialect: "wmi",
      "builtin-qualifiers": false,
      quiet: true,
      diagnostic: ["MOF3010=error"],
    });
    const overridden = compileSettings(flags, config);
    expect(overridden).toMatchObject({
      includeDirs: ["cli"],
      allowIncludeOutside: false,
      dialect: "wmi",
      builtinQualifiers: false,
    });
    expect(overridden.policy).toEqual({ quiet: true, levels: new Map([["MOF3010", "error"]]) });
  });
});
