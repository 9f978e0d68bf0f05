import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import { localized } from "../../src/model/amendments.js";
import { buildProgram } from "../../src/program/program.js";
import { tempTree } from "../helpers/tmp.js";

const neutral = `#pragma namespace("\\\\\\\\.\\\\root\\\\test")
[Description("Neutral class text"), Locale(0x409)]
class Test_Thing {
  [Key, Description("Neutral name text")] string Name;
  [Description("Neutral method text")] uint32 Run([In, Description("Neutral parameter text")] uint8 Level);
};
`;

const german = `#pragma namespace("\\\\\\\\.\\\\root\\\\test")
#pragma namespace("ms_407")
[Amendment, Locale(0x407), Description("Deutscher Klassentext") : Amended]
class Test_Thing {
  [Description("Deutscher Namenstext") : Amended] string Name;
  [Description("Deutscher Methodentext") : Amended] uint32 Run([Description("Deutscher Parametertext") : Amended] uint8 Level);
};
`;

describe("localisation files (.mfl)", () => {
  it("merges the amended qualifiers of a child-namespace class into the class it localises", () => {
    const dir = tempTree({ "thing.mof": neutral, "thing.mfl": german });
    const { schema, diagnostics } = compile([join(dir, "thing.mof"), join(dir, "thing.mfl")]);
    expect(diagnostics).toEqual([]);
    expect(schema.namespaces.map((n) => n.name)).toEqual(["root/test", "root/test/ms_407"]);
    const cls = schema.namespaces[0]?.classByName.get("test_thing");
    expect(cls?.amendments.map((a) => [a.locale, a.namespace])).toEqual([["ms_407", "root/test/ms_407"]]);
    const text = (member: string | undefined, locale: string) => {
      const q = cls && localized(cls, locale, member, "Description");
      return q?.value.kind === "string" ? q.value.value : undefined;
    };
    expect(text(undefined, "ms_407")).toBe("Deutscher Klassentext");
    expect(text("Name", "ms_407")).toBe("Deutscher Namenstext");
    expect(text("Run", "ms_407")).toBe("Deutscher Methodentext");
    expect(cls?.amendments[0]?.parameters.get("run.level")?.map((q) => q.name)).toEqual(["Description"]);
    // A locale without an amendment falls back to the neutral text.
    expect(text("Name", "ms_40c")).toBe("Neutral name text");
  });

  it("finds .mfl files in a directory", () => {
    const dir = tempTree({ "thing.mof": neutral, "thing.mfl": german });
    expect(
      buildProgram([dir])
        .files.map((f) => f.source.path.slice(dir.length + 1))
        .sort(),
    ).toEqual(["thing.mfl", "thing.mof"]);
  });
});

describe("child namespaces that are not locales", () => {
  it("do not localise the parent's classes (root/virtualization/v2 under root/virtualization)", () => {
    const v1 = '#pragma namespace("\\\\\\\\.\\\\root\\\\virtualization")\nclass Msvm_Job { string Name; };';
    const v2 =
      '#pragma namespace("\\\\\\\\.\\\\root\\\\virtualization\\\\v2")\n[Amendment, Description("v2 job")] class Msvm_Job { string Name; };';
    const dir = tempTree({ "v1.mof": v1, "v2.mof": v2 });
    const { schema, diagnostics } = compile([join(dir, "v1.mof"), join(dir, "v2.mof")]);
    expect(diagnostics).toEqual([]);
    expect(schema.namespaces.map((n) => n.name)).toEqual(["root/virtualization", "root/virtualization/v2"]);
    expect(schema.namespaces[0]?.classByName.get("msvm_job")?.amendments).toEqual([]);
  });
});
