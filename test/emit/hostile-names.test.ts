import { describe, expect, it } from "vitest";
import { renderDocs } from "../../src/emit/docs/generate.js";
import { generateTypeScript } from "../../src/emit/ts/generate.js";
import { compileText, where } from "../helpers/model.js";
import { typeCheck } from "../helpers/typecheck.js";

/**
 * Issue 13, item 19 (Trojan Source): bidirectional controls and other invisible characters in MOF names and texts
 * must never reach generated TypeScript or pages raw, and a name holding one is reported at the character.
 * Also (item 6) code for names that need a portable file name still type-checks (one tsc run for both).
 */

const rlo = "\u202E";
const mof = `#pragma namespace("root/bidi${rlo}ns")
[Description("Access ${rlo}level\u2066 check\u2069 ok */ \u200B"), DisplayName("x\u200By")]
class Bidi${rlo}Class
{
  [key, Description("admin${rlo} \u2067")] string Na\u200Fme = "def${rlo}ault";
  [ValueMap {"0", "1", "2"}, Values {"Off${rlo}", "On\u2068", "\u061C"}] uint16 State;
  [Description("m\u061C"), ValueMap {"0", "4096"}, Values {"ok${rlo}", "Method Parameters Checked - Job Started"}]
  uint32 Do\u202DIt([in, Description("p\u200E")] string Ar\u2066g, [in] string Plain = "q${rlo}");
};
`;

/** Names that need a portable file name: device names, a name over 255 bytes, a namespace named like a folder. */
const cjk = Array.from({ length: 60 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join("");
const portableNames = `
#pragma namespace("root/a")
class CON { [key] string Name; };
class nul : CON { uint32 Start([in] CON REF Device); };
class ${cjk} { [key] string Name; uint32 ${cjk}(); };
#pragma namespace("root/a/providers")
class CON { [key] string Name; nul REF Other; };
`;

/** Every invisible character the issue names, and the zero-width ones. */
const invisible = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;

describe("invisible characters in MOF names", () => {
  it.each(["wmi", "dmtf"] as const)("are a warning at the character itself (%s)", (dialect) => {
    const compiled = compileText(mof, { dialect, builtinQualifiers: true });
    const found = compiled.diagnostics.filter((d) => d.code === "MOF2030");
    expect(found.map((d) => `${where(d)} ${d.severity}`)).toEqual([
      "3:11 MOF2030 warning",
      "5:43 MOF2030 warning",
      "8:12 MOF2030 warning",
      "8:49 MOF2030 warning",
    ]);
    // The message names the character and never prints it raw.
    expect(found[0]?.message).toContain("'Bidi<U+202E>Class'");
    expect(found[0]?.message).toContain("U+202E, a bidirectional control character");
    for (const d of found) expect(d.message).not.toMatch(invisible);
  });

  it("are not reported in names without them", () => {
    const compiled = compileText("class Caf\u00e9 { [key] string Na\u00efve; };");
    expect(compiled.diagnostics.filter((d) => d.code === "MOF2030")).toEqual([]);
  });
});

describe("invisible characters in generated output", () => {
  const compiled = compileText(mof);
  const options = {
    runtimeImport: "@mofgen/runtime",
    providers: { classes: [`Bidi${rlo}Class`], generatedImport: "../out" },
  };
  const code = generateTypeScript(compiled.schema, options);

  it("never reach TypeScript raw: strings hold \\u escapes, comments the same text", () => {
    expect(code.map((f) => f.path).filter((p) => p.includes("Bidi"))).not.toEqual([]);
    for (const f of code) expect(f.content, f.path).not.toMatch(invisible);
    const all = code.map((f) => f.content).join("\n");
    expect(all).toContain('"Off\\u202E"');
    expect(all).toContain("Access \\u202Elevel\\u2066 check\\u2069 ok");
  });

  it("never reach the pages raw: prose holds entities, code blocks \\u escapes", () => {
    const { files } = renderDocs(compiled.schema);
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) expect(f.content, f.path).not.toMatch(invisible);
    const all = files.map((f) => f.content).join("\n");
    expect(all).toContain("Access &#x202E;level&#x2066; check&#x2069; ok");
    expect(all).toContain("class Bidi\\u202EClass");
  });

  it("leave TypeScript that type-checks, and strings that hold the MOF's text", () => {
    const mofgen = code.filter((f) => f.owner === "mofgen");
    const user = code.filter((f) => f.owner === "user");
    const devices = generateTypeScript(compileText(portableNames).schema);
    expect(devices.map((f) => f.path)).toEqual(expect.arrayContaining(["root/a/CON$.ts", "root/a/providers/nul$.ts"]));
    expect(typeCheck({ out: mofgen, providers: user, devices }).output).toBe("");
    const maps = mofgen.find((f) => f.path.endsWith("/value-maps.ts"));
    const literal = /"Off(\\u202E)"/.exec(maps?.content ?? "");
    expect(literal && JSON.parse(`"${literal[1]}"`)).toBe(rlo);
  });
});
