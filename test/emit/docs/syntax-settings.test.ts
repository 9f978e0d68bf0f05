import { describe, expect, it } from "vitest";
import { parseOverlay } from "../../../src/cli/docs-overlay.js";
import { renderDocs } from "../../../src/emit/docs/generate.js";
import type { DocsStyle } from "../../../src/emit/docs/options.js";
import { classPagePath } from "../../../src/emit/docs/paths.js";
import { compileText } from "../../helpers/model.js";
import { syntaxBlock } from "./seed-pages.js";

/**
 * How a Microsoft-style Syntax block writes what the MOF leaves open: the style's rule for boolean defaults
 * (introduced by the class: TRUE/FALSE; inherited: True/False), and the overlay's `syntax` settings that choose
 * otherwise per page or per property line. The DMTF style ignores both.
 */

const compiled = compileText(`
[Abstract, Association]
class CIM_Link
{
  [Key] CIM_Base REF A;
};
class CIM_Base
{
  [Key] string InstanceID;
  boolean Enabled = FALSE;
  uint16 OperationalStatus[] = {2};
};
[Dynamic]
class Msvm_Thing : CIM_Base
{
  [Override("Enabled")] boolean Enabled = TRUE;
  [Override("OperationalStatus")] uint16 OperationalStatus[] = {2};
  boolean Fresh = TRUE;
  string Names[] = {"a", "b"};
};
class Msvm_Sub : Msvm_Thing
{
  boolean Own = FALSE;
};`);
const schema = compiled.schema;

function block(name: string, overlay: unknown = {}, style: DocsStyle = "microsoft"): string[] {
  const parsed = parseOverlay(JSON.stringify(overlay), "overlay.json", schema);
  expect(parsed.diagnostics).toEqual([]);
  const pages = renderDocs(schema, { style, overlay: parsed.overlay }).files;
  const ns = schema.namespaces[0]?.name ?? "";
  const page = pages.find((f) => f.path === classPagePath(ns, name))?.content ?? "";
  return (syntaxBlock(page) ?? "").split("\n");
}

describe("Microsoft-style defaults and the overlay's syntax settings", () => {
  it("compiles the sample", () => {
    expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("writes a boolean the class introduces in upper case, an inherited one (overridden or not) in title case", () => {
    expect(block("CIM_Base")).toContain("  boolean Enabled = FALSE;");
    const thing = block("Msvm_Thing");
    expect(thing).toContain("  boolean Enabled = True;");
    expect(thing).toContain("  boolean Fresh = TRUE;");
    expect(thing).toContain("  uint16  OperationalStatus[] = { 2 };");
    const sub = block("Msvm_Sub");
    expect(sub).toContain("  boolean Fresh = True;");
    expect(sub).toContain("  boolean Own = FALSE;");
  });

  it("keeps DMTF's style as it was: True/False everywhere, settings ignored", () => {
    const overlay = { Msvm_Thing: { syntax: { booleans: "upper", arrays: "bare", properties: "declared" } } };
    const dmtf = block("Msvm_Thing", overlay, "dmtf");
    expect(dmtf).toContain("  boolean Fresh = True;");
    expect(dmtf).toContain("  uint16  OperationalStatus[] = { 2 };");
    expect(dmtf).toContain("  string  InstanceID;");
  });

  it("takes booleans and arrays from the class's entry, and a property's entry before it", () => {
    const overlay = {
      Msvm_Thing: { syntax: { booleans: "title", arrays: "tight" } },
      "Msvm_Thing.OperationalStatus": { syntax: { arrays: "bare" } },
      "Msvm_Thing.Enabled": { syntax: { booleans: "upper" } },
    };
    const thing = block("Msvm_Thing", overlay);
    expect(thing).toContain("  boolean Fresh = True;");
    expect(thing).toContain("  boolean Enabled = TRUE;");
    expect(thing).toContain("  uint16  OperationalStatus[] = 2;");
    expect(thing).toContain('  string  Names[] = {"a", "b"};');
    // A setting is about one page: the subclass inherits the properties, not how Msvm_Thing's page writes them.
    expect(block("Msvm_Sub", overlay)).toContain("  uint16  OperationalStatus[] = { 2 };");
  });

  it("'*' sets every page, and a class's own entry wins over it", () => {
    const overlay = { "*": { syntax: { arrays: "bare" } }, Msvm_Sub: { syntax: { arrays: "spaced" } } };
    expect(block("Msvm_Thing", overlay)).toContain("  uint16  OperationalStatus[] = 2;");
    expect(block("Msvm_Sub", overlay)).toContain("  uint16  OperationalStatus[] = { 2 };");
  });

  it("lists only the declared properties, or exactly the named ones, when the overlay says so", () => {
    expect(block("Msvm_Sub")).toHaveLength(9);
    expect(block("Msvm_Sub", { Msvm_Sub: { syntax: { properties: "declared" } } })).toEqual([
      "class Msvm_Sub : Msvm_Thing",
      "{",
      "  boolean Own = FALSE;",
      "};",
    ]);
    // Named in any order and case; printed in the class's order.
    expect(block("Msvm_Sub", { Msvm_Sub: { syntax: { properties: ["own", "InstanceID"] } } })).toEqual([
      "class Msvm_Sub : Msvm_Thing",
      "{",
      "  string  InstanceID;",
      "  boolean Own = FALSE;",
      "};",
    ]);
    // CIM_ classes list what they declare by default; "all" shows the inherited ones too.
    expect(block("CIM_Base", { CIM_Base: { syntax: { properties: "all" } } })).toContain("  string  InstanceID;");
  });

  it("drops the 'includes all of the inherited properties' sentence and the inherited Properties entries with them", () => {
    const parsed = parseOverlay(JSON.stringify({ Msvm_Sub: { syntax: { properties: "declared" } } }), "o.json", schema);
    const ns = schema.namespaces[0]?.name ?? "";
    const page = (overlay = parsed.overlay) =>
      renderDocs(schema, { overlay }).files.find((f) => f.path === classPagePath(ns, "Msvm_Sub"))?.content ?? "";
    expect(page({ entries: new Map() })).toContain("includes all of the inherited properties");
    expect(page()).not.toContain("includes all of the inherited properties");
    expect(page()).not.toContain("### InstanceID");
    expect(page()).toContain("### Own");
  });

  it("keeps the MOF's qualifier order when the overlay says 'written'", () => {
    expect(block("CIM_Link")[0]).toBe("[Association, Abstract]");
    expect(block("CIM_Link", { CIM_Link: { syntax: { qualifierOrder: "written" } } })[0]).toBe(
      "[Abstract, Association]",
    );
  });
});

describe("the Methods table under the overlay's properties setting", () => {
  // Msvm_AssignableDeviceService and Msvm_SecurityService, as Microsoft's pages show them (both "declared").
  const services = compileText(`
class CIM_EnabledLogicalElement { [Key] string Name; uint32 RequestStateChange(); };
class CIM_Service : CIM_EnabledLogicalElement { uint32 StartService(); uint32 StopService(); };
[Dynamic] class Msvm_AssignableDeviceService : CIM_Service { uint32 MountAssignableDevice(); };
[Dynamic] class Msvm_SecurityService : CIM_Service {
  uint32 SetKeyProtector();
  [Override("StartService")] uint32 StartService();
  [Override("StopService")] uint32 StopService();
};`).schema;

  function methodsTable(name: string, overlay: unknown): string[] {
    const parsed = parseOverlay(JSON.stringify(overlay), "overlay.json", services);
    expect(parsed.diagnostics).toEqual([]);
    const ns = services.namespaces[0]?.name ?? "";
    const page = renderDocs(services, { overlay: parsed.overlay }).files.find(
      (f) => f.path === classPagePath(ns, name),
    )?.content;
    return [...(page ?? "").matchAll(/^\| \[\*\*(\w+)\*\*\]/gm)].map((m) => m[1] ?? "");
  }

  it("lists only the methods the class declares (new or re-declared) when the page lists only declared properties", () => {
    const declared = (name: string) => ({ [name]: { syntax: { properties: "declared" } } });
    expect(methodsTable("Msvm_AssignableDeviceService", declared("Msvm_AssignableDeviceService"))).toEqual([
      "MountAssignableDevice",
    ]);
    expect(methodsTable("Msvm_SecurityService", declared("Msvm_SecurityService"))).toEqual([
      "SetKeyProtector",
      "StartService",
      "StopService",
    ]);
  });

  it("lists the inherited methods too on a vendor page that lists every property, or the named ones", () => {
    const inherited = ["MountAssignableDevice", "RequestStateChange", "StartService", "StopService"];
    expect(methodsTable("Msvm_AssignableDeviceService", {})).toEqual(inherited);
    const named = { Msvm_AssignableDeviceService: { syntax: { properties: ["Name"] } } };
    expect(methodsTable("Msvm_AssignableDeviceService", named)).toEqual(inherited);
  });
});
