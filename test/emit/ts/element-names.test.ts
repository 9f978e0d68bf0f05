import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../../src/compile.js";
import { emitClassModules } from "../../../src/emit/ts/class-modules.js";
import { defaultTypeScriptOptions } from "../../../src/emit/ts/generated-file.js";
import { corpus } from "../../helpers/corpora.js";
import { typeCheck } from "../../helpers/typecheck.js";

/**
 * The generated API as a user meets it (issue 12), on the real Hyper-V v2 schema: tsc's messages name a value map by
 * the element the user typed, not by the first element that declared the same map, and a class module exports the
 * decoders of its inherited properties. tsc prints types in errors as editors print them in hovers.
 */

const user = `import {
  decodeCIM_EnabledLogicalElement_EnabledState,
  type Msvm_ComputerSystem,
  type Msvm_ComputerSystem_LastReplicationType,
  type Msvm_ComputerSystem_RequestReplicationStateChange_Out,
} from "../gen/root/virtualization/v2/Msvm_ComputerSystem.js";

export const returned: Msvm_ComputerSystem_RequestReplicationStateChange_Out["ReturnValue"] = "no such code";
export const replication: Msvm_ComputerSystem_LastReplicationType = "no such type";
export function state(vm: Msvm_ComputerSystem): string | undefined {
  return vm.EnabledState == null ? undefined : decodeCIM_EnabledLogicalElement_EnabledState(vm.EnabledState);
}
`;

describe("names users meet in the generated API", () => {
  it("are each element's own, and inherited decoders come from the class module (Hyper-V v2)", (ctx) => {
    const dir = corpus("hyperv");
    if (dir === undefined) return ctx.skip();
    const { schema } = compile([join(dir, "v2/WindowsVirtualization.V2.mof")], { dialect: "wmi" });
    const files = emitClassModules(schema, defaultTypeScriptOptions);
    const maps = files.find((f) => f.path === "root/virtualization/v2/value-maps.ts")?.content ?? "";
    // The premise: both maps are shared with an element declared earlier, under that element's name.
    expect(maps).not.toContain("export type Msvm_ComputerSystem_RequestReplicationStateChange_ReturnValue ");
    expect(maps).not.toContain("export type Msvm_ComputerSystem_LastReplicationType ");

    const result = typeCheck({ gen: files, user: [{ path: "use.ts", content: user }] });
    const errors = result.output
      .split("\n")
      .filter((l) => l.includes("error TS"))
      .map((l) => l.replace(/^.*?use\.ts/, "use.ts"));
    expect(errors).toEqual([
      `use.ts(8,14): error TS2322: Type '"no such code"' is not assignable to type 'Msvm_ComputerSystem_RequestReplicationStateChange_ReturnValue'.`,
      `use.ts(9,14): error TS2322: Type '"no such type"' is not assignable to type 'Msvm_ComputerSystem_LastReplicationType'.`,
    ]);
  }, 120_000);
});
