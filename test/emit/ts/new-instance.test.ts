import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../../src/compile.js";
import { generateTypeScript } from "../../../src/emit/ts/generate.js";
import { typeCheck } from "../../helpers/typecheck.js";

/**
 * Building a new instance to send (issue 12): a method input's embedded instance and `createInstance` take a
 * `NewInstance<X>`, with no key required (the server assigns keys), while an instance read back keeps its keys
 * required. Checked by tsc on the code generated from the bundled schemas/, as a user's file would use it.
 */

const user = `import { WbemClient } from "@mofgen/runtime";
import type { CIM_SettingData } from "../gen/root/virtualization/v2/CIM_SettingData.js";
import type { Msvm_VirtualSystemSnapshotService_CreateSnapshot_In } from "../gen/root/virtualization/v2/Msvm_VirtualSystemSnapshotService.js";
import type { ClassMap } from "../gen/root/virtualization/v2/providers/class-map.js";

export const input: Msvm_VirtualSystemSnapshotService_CreateSnapshot_In = {
  SnapshotSettings: { ElementName: "before the upgrade" },
  SnapshotType: 2,
};
export const wrongType: Msvm_VirtualSystemSnapshotService_CreateSnapshot_In = { SnapshotSettings: { ElementName: 5 } };
export const read: CIM_SettingData = { ElementName: "read back" };
export function create(client: WbemClient<ClassMap>) {
  return client.createInstance("Msvm_VirtualSystemSettingData", { ElementName: "new VM" });
}
`;

describe("a new instance to send", () => {
  it("needs no key in a method input's embedded instance or in createInstance; an instance read back does", () => {
    const { schema } = compile([resolve("schemas")], { dialect: "wmi" });
    const files = generateTypeScript(schema).filter((f) => f.owner === "mofgen");
    const result = typeCheck({ gen: files, user: [{ path: "use.ts", content: user }] });
    const errors = result.output
      .split("\n")
      .filter((l) => l.includes("error TS"))
      .map((l) => l.replace(/^.*?use\.ts/, "use.ts").replace(/: error (TS\d+):.*/, " $1"));
    // The wrong type is still refused (the input is checked, not loosened to anything), and so is a read instance
    // without its key; the key-less new settings and the key-less createInstance are accepted.
    expect(errors).toEqual(["use.ts(10,101) TS2322", "use.ts(11,14) TS2741"]);
    expect(result.output).toContain("Property 'InstanceID' is missing");
  }, 120_000);
});
