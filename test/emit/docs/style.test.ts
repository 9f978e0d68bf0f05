import { describe, expect, it } from "vitest";
import { renderDocs } from "../../../src/emit/docs/generate.js";
import type { DocsStyle, Overlay } from "../../../src/emit/docs/options.js";
import { compileText } from "../../helpers/model.js";
import { syntaxBlock } from "./seed-pages.js";

/**
 * The two layouts of the pages, rule by rule: what Microsoft's reference pages do (the default) against DMTF's
 * fuller view (`style: "dmtf"`). README.md, "Reference pages", lists the same rules.
 */

const mof = `#pragma namespace("\\\\\\\\.\\\\root\\\\virtualization\\\\v2")
[Abstract, Version("2.22.0"), AMENDMENT, Description("Root.")]
class CIM_Thing
{
  [Key, Description("Id.")] string InstanceID;
  [Description("First. Second sentence."), MaxLen(64)] string Caption;
  [Write, Read(false), Description("A secret.")] string Secret;
  [Write, Description("A label. More about it."), ModelCorrespondence{"CIM_Thing.Caption", "CIM_Thing.InstanceID"}] string Label;
  [Deprecated{"CIM_Thing.Label"}, Description("Old.")] string Old;
  [Description("Stops."), ValueMap{"0", "1"}, Values{"OK", "Failed"}]
  uint32 Stop([In, Optional, Description("When.")] datetime At, [Out, Optional, Description("Job.")] CIM_Thing REF Job);
};

[Dynamic, Provider("VmmsWmiInstanceAndMethodProvider"), AMENDMENT, Description("A vendor thing.")]
class Msvm_Thing : CIM_Thing
{
  [Override("Caption"), Description("Caption.")] string Caption = "C:\\\\x";
  [Description("Local.")] uint16 Local;
};

[Description("A DMTF subclass.")]
class CIM_SubThing : CIM_Thing
{
  [Description("Extra.")] string Extra;
};

[Abstract, Association, Description("Links.")]
class CIM_Link
{
  [Key, Description("One end.")] CIM_Thing REF Left;
  [Key, Description("Other end.")] CIM_Thing REF Right;
};
`;

function pages(style: DocsStyle, overlay?: Overlay): Map<string, string> {
  const compiled = compileText(mof);
  expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const { files, problems } = renderDocs(compiled.schema, { style, ...(overlay ? { overlay } : {}) });
  expect(problems).toEqual([]);
  return new Map(files.map((f) => [f.path, f.content]));
}

const folder = "root.virtualization.v2";
const ms = pages("microsoft");
const dmtf = pages("dmtf");
const get = (p: Map<string, string>, path: string) => p.get(`${folder}/${path}`) ?? "";

describe("the Microsoft style (the default) against the DMTF style", () => {
  it("is the default", () => {
    const compiled = compileText(mof);
    const files = renderDocs(compiled.schema).files;
    expect(new Map(files.map((f) => [f.path, f.content]))).toEqual(ms);
  });

  it("prints qualifiers as the MOF writes them, Association first as DSP0004's grammar has it", () => {
    expect(syntaxBlock(get(ms, "msvm-thing.md"))?.split("\n")[0]).toBe(
      '[Dynamic, Provider("VmmsWmiInstanceAndMethodProvider"), AMENDMENT]',
    );
    expect(syntaxBlock(get(dmtf, "cim-link.md"))?.split("\n")[0]).toBe("[Association, Abstract]");
  });

  it('titles an association "X class" (Microsoft) or "X association" (DMTF)', () => {
    expect(get(ms, "cim-link.md")).toContain("\n# CIM\\_Link class\n");
    expect(get(dmtf, "cim-link.md")).toContain("\n# CIM\\_Link association\n");
  });

  it("lists a DMTF class's own members and a vendor class's every property, in class origin order", () => {
    expect(syntaxBlock(get(ms, "msvm-thing.md"))?.split("\n").slice(3, -1)).toEqual([
      "  string InstanceID;",
      '  string Caption = "C:\\x";',
      "  string Secret;",
      "  string Label;",
      "  string Old;",
      "  uint16 Local;",
    ]);
    expect(get(ms, "msvm-thing.md")).toContain("it includes all of the inherited properties");
    // The DMTF style keeps MOF's escapes in string defaults.
    expect(get(dmtf, "msvm-thing.md")).toContain('  string Caption = "C:\\\\x";');
    // A vendor class's table lists every method (the inherited Stop too); a CIM_ class's only what it declares.
    expect(get(ms, "msvm-thing.md")).toContain("| [**Stop**](cim-thing/stop.md) | Stops. |");
    expect(get(ms, "cim-thing.md")).toContain("| [**Stop**](cim-thing/stop.md) | Stops. |");
    expect(get(ms, "cim-subthing.md")).not.toContain("### Methods");
    expect(syntaxBlock(get(ms, "cim-subthing.md"))?.split("\n").slice(1)).toEqual(["{", "  string Extra;", "};"]);
    expect(get(dmtf, "cim-subthing.md")).toContain("| [Stop](cim-thing/stop.md) | Stops. |");
  });

  it("gives inherited properties their whole description in the Microsoft style, the first sentence in DMTF's", () => {
    expect(get(ms, "msvm-thing.md")).toContain("A label. More about it.\n\nThis property is inherited from");
    expect(get(dmtf, "msvm-thing.md")).toContain("A label. \u2026\n\nThis property is inherited from");
  });

  it("has three access types", () => {
    const page = get(ms, "cim-thing.md");
    const access = (name: string) => new RegExp(`#### ${name}\\n\\n[^\\n]*\\nAccess type: ([^<\\n]+)`).exec(page)?.[1];
    expect([access("InstanceID"), access("Label"), access("Secret")]).toEqual([
      "Read-only",
      "Read/write",
      "Write-only",
    ]);
  });

  it("prints array qualifier values as Microsoft does, and keeps MappingStrings/ModelCorrespondence on the line", () => {
    const page = get(ms, "cim-thing.md");
    expect(page).toContain('Qualifiers: Deprecated ("CIM\\_Thing.Label")');
    expect(page).toContain('Qualifiers: ModelCorrespondence ("CIM\\_Thing.Caption", "CIM\\_Thing.InstanceID")');
    expect(get(dmtf, "cim-thing.md")).not.toContain("Qualifiers: ModelCorrespondence");
    // The Microsoft style prints the qualifiers written on the declaration, DMTF's the effective ones.
    expect(get(ms, "msvm-thing.md")).toMatch(
      /#### Caption\n\n[^\n]*\n[^\n]*<br>\nQualifiers: Override \("Caption"\)\n/,
    );
    expect(get(dmtf, "msvm-thing.md")).toMatch(
      /#### Caption\n\n[^\n]*\n[^\n]*<br>\nQualifiers: Override \("Caption"\), MaxLen \(64\)\n/,
    );
  });

  it("marks optional parameters and gives each a Type line", () => {
    const page = get(ms, "cim-thing/stop.md");
    expect(syntaxBlock(page)).toBe(
      ["uint32 Stop(", "  [in, optional]  datetime      At,", "  [out, optional] CIM_Thing REF Job", ");"].join("\n"),
    );
    expect(page).toContain("*At* \\[in, optional\\]\n\nType: **datetime**");
    expect(page).toContain("*Job* \\[out, optional\\]\n\nType: [**CIM\\_Thing**](../cim-thing.md)\n");
    expect(get(dmtf, "cim-thing/stop.md")).toContain("Type: [**CIM\\_Thing**](../cim-thing.md) reference\n");
  });

  it("writes the namespace as Microsoft does unless the overlay says otherwise", () => {
    expect(get(ms, "cim-thing.md")).toContain("| Namespace | Root\\\\Virtualization\\\\V2 |");
    expect(get(dmtf, "cim-thing.md")).toContain("| Namespace | root\\\\virtualization\\\\v2 |");
    const overlay: Overlay = {
      entries: new Map([["*", { notes: [], examples: [], requirements: { namespace: "root\\virtualization\\v2" } }]]),
    };
    expect(get(pages("microsoft", overlay), "cim-thing.md")).toContain("| Namespace | root\\\\virtualization\\\\v2 |");
  });

  it("folds the hierarchy and the tables away in the Microsoft style and shows them in DMTF's", () => {
    expect(get(ms, "cim-thing.md")).toContain("<details>\n<summary>Class hierarchy</summary>\n\n```mermaid");
    expect(get(dmtf, "cim-thing.md")).toContain("## Class hierarchy\n\n```mermaid");
    expect(get(dmtf, "cim-thing.md")).not.toContain("<details>");
  });
});
