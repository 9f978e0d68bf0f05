import { describe, expect, it } from "vitest";
import {
  classModulePath,
  classSymbol,
  methodInputSymbol,
  namespaceDir,
  providerBasePath,
} from "../../../src/emit/ts/symbols.js";
import type { ClassModel, MethodModel } from "../../../src/model/types.js";

// The functions read only names: stand-ins with just those fields keep the cases readable.
const cls = (name: string, namespace = "root/test") => ({ name, namespace }) as unknown as ClassModel;
const method = (name: string) => ({ name }) as unknown as MethodModel;

describe("generated symbol and path names", () => {
  it("keeps the names of real schemas unchanged", () => {
    expect(classSymbol(cls("Msvm_VirtualSystemSnapshotService"))).toBe("Msvm_VirtualSystemSnapshotService");
    expect(classModulePath(cls("CIM_Job", "root/virtualization/v2"))).toBe("root/virtualization/v2/CIM_Job.ts");
    expect(providerBasePath(cls("CIM_Job", "root/cimv2"))).toBe("root/cimv2/providers/CIM_Job.ts");
    expect(methodInputSymbol(cls("Msvm_X"), method("CreateSnapshot"))).toBe("Msvm_X_CreateSnapshot_In");
  });

  it("gives different classes different symbols and files, whatever their names hold", () => {
    const names = ["Ä_x", "Ö_x", "class", "class_", "a b", "a_b", "a$0020b"];
    const symbols = names.map((n) => classSymbol(cls(n)));
    expect(new Set(symbols).size).toBe(names.length);
    expect(new Set(names.map((n) => classModulePath(cls(n)).toLowerCase())).size).toBe(names.length);
    expect(symbols.slice(0, 4)).toEqual(["$00C4_x", "$00D6_x", "class$", "class_"]);
    for (const s of symbols) expect(s).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
  });

  it("gives methods whose names mangle alike different type names", () => {
    const c = cls("Test_C");
    expect(methodInputSymbol(c, method("Ä"))).not.toBe(methodInputSymbol(c, method("Ö")));
    expect(methodInputSymbol(c, method("delete"))).toBe("Test_C_delete_In");
  });

  it("keeps namespace directories inside the output directory and apart from each other", () => {
    expect(namespaceDir("root/virtualization/v2")).toBe("root/virtualization/v2");
    expect(namespaceDir("root/../etc")).toBe("root/$002E$002E/etc");
    expect(namespaceDir("a b")).not.toBe(namespaceDir("a_b"));
  });
});
