import { describe, expect, it } from "vitest";
import {
  classPagePath,
  methodPagePath,
  nameSegment,
  namespaceFolder,
  relativeLink,
} from "../../../src/emit/docs/paths.js";

describe("page file names", () => {
  it("are the MOF names in lower case with '_' as '-', one flat folder per namespace", () => {
    expect(classPagePath("root/virtualization/v2", "Msvm_ComputerSystem")).toBe(
      "root.virtualization.v2/msvm-computersystem.md",
    );
    expect(methodPagePath("root/virtualization/v2", "Msvm_ComputerSystem", "RequestStateChange")).toBe(
      "root.virtualization.v2/msvm-computersystem/requeststatechange.md",
    );
    expect(namespaceFolder("root/virtualization/v2/ms_409")).toBe("root.virtualization.v2.ms-409");
  });

  it("are the same for names that differ only in case, as MOF names are", () => {
    expect(nameSegment("CIM_ManagedElement")).toBe(nameSegment("cim_managedelement"));
  });

  it("keep clear of index pages and of names Windows reserves", () => {
    expect(["README", "Con", "nul", "COM1", "lpt9", "aux", "COM0"].map(nameSegment)).toEqual([
      "_readme",
      "con$",
      "nul$",
      "com1$",
      "lpt9$",
      "aux$",
      "com0$",
    ]);
    expect(namespaceFolder("con/x")).toBe("con$.x");
    expect(nameSegment("CON_")).toBe("con-");
  });

  it("spell other characters as fixed-width code points, so that no two names meet", () => {
    expect(nameSegment("Caf\u00e9")).toBe("caf~0000e9");
    expect(nameSegment("A\u00e91")).not.toBe(nameSegment("A\u0e91"));
  });

  it("link relatively between pages", () => {
    expect(relativeLink("ns/a.md", "ns/b.md")).toBe("b.md");
    expect(relativeLink("ns/a/m.md", "ns/b.md")).toBe("../b.md");
    expect(relativeLink("ns/a.md", "ns/a/m.md")).toBe("a/m.md");
    expect(relativeLink("ns/a.md", "other/b.md")).toBe("../other/b.md");
    expect(relativeLink("README.md", "ns/README.md")).toBe("ns/README.md");
    expect(relativeLink("ns/README.md", "README.md")).toBe("../README.md");
  });
});
