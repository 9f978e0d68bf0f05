import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDocs } from "../../src/emit/docs/generate.js";
import { generateTypeScript } from "../../src/emit/ts/generate.js";
import type { GeneratedFile } from "../../src/emit/ts/generated-file.js";
import { type Compilation, compile, ParseCache } from "../../src/index.js";
import { EmitMemo } from "../../src/session/emit-memo.js";
import { corpus } from "../helpers/corpora.js";
import { tempTree } from "../helpers/tmp.js";

const fixture = readFileSync(join(import.meta.dirname, "../fixtures/emit-ts/classes.mof"), "utf8");
const providers = { classes: ["Test_Leaf"], generatedImport: "../generated/index.js" };

function emit(c: Compilation, memo?: EmitMemo): Map<string, string> {
  const options = { runtimeImport: "@mofgen/runtime", extension: ".ts" as const, providers };
  const files: GeneratedFile[] = [
    ...generateTypeScript(c.schema, options, memo),
    // Other options through the same memo in the same run: entries must not be shared between them.
    ...generateTypeScript(c.schema, { ...options, runtimeImport: "../runtime.js", extension: ".mts" }, memo).map(
      (f) => ({ ...f, path: `mts/${f.path}` }),
    ),
    ...renderDocs(c.schema, {}, memo?.classPages).files,
    ...renderDocs(c.schema, { style: "dmtf" }, memo?.classPages).files.map((f) => ({ ...f, path: `dmtf/${f.path}` })),
  ];
  return new Map(files.map((f) => [f.path, f.content]));
}

/** A session over one MOF file: each `step` compiles warm and emits with the memo; `cold` does neither. */
function incremental(path: string, dialect: "wmi" | "dmtf" = "wmi") {
  const parseCache = new ParseCache();
  const memo = new EmitMemo();
  return {
    step(): { files: Map<string, string>; made: number; failed: boolean } {
      const c = compile([path], { dialect, parseCache });
      if (c.failed) return { files: new Map(), made: 0, failed: true };
      memo.begin(c.program, c.schema, "settings");
      const files = emit(c, memo);
      return { files, made: memo.end().made, failed: false };
    },
    cold(): Map<string, string> {
      return emit(compile([path], { dialect }));
    },
  };
}

/** Edits of the fixture, each checked against a run without the memo. */
const edits: readonly (readonly [string, (mof: string) => string])[] = [
  ["edit one description of a leaf class", (m) => m.replace("Settings embedded in Test_Typed.", "Embedded settings.")],
  [
    "add a class (sorted first) that declares a map identical to others: shared names move",
    (m) =>
      `${m}\nclass Test_AAA { [Key] string Id; [ValueMap{"0", "5", "10"}, Values{"Unknown", "OK", "Degraded"}] uint16 Health; };\n`,
  ],
  ["rename a class that others reference", (m) => m.replaceAll("Test_Job", "Test_Task")],
  ["change a superclass", (m) => m.replace("class Test_LeafLink : Test_Link", "class Test_LeafLink")],
  ["delete a class", (m) => m.replace(/\[Description\("Embedded settings[\s\S]*?\n};\n/, "")],
  ["change a value map's labels", (m) => m.replace('Values{"Fast", "Safe"}', 'Values{"Quick", "Careful"}')],
  [
    "add a class named like a runtime export (imports get aliases)",
    (m) => `${m}\nclass ValueMap { [Key] string Id; };\n`,
  ],
  // Test_Typed's unchanged text names it (EmbeddedInstance): which of its words name classes changes.
  ["declare the class an embedded instance named in vain", (m) => `${m}\nclass No_Such_Class { [Key] string Id; };\n`],
  ["change a qualifier outside any class", (m) => m.replace("#pragma namespace", "// moved\n#pragma namespace")],
];

describe("EmitMemo (incremental emit)", () => {
  it("gives the files of a full emit after each edit, and remakes only what an edit can change", () => {
    const dir = tempTree({ "classes.mof": fixture });
    const path = join(dir, "classes.mof");
    const session = incremental(path);
    const first = session.step();
    expect(first.files).toEqual(session.cold());
    let mof = fixture;
    for (const [what, edit] of edits) {
      mof = edit(mof);
      writeFileSync(path, mof);
      const run = session.step();
      expect(run.failed, what).toBe(false);
      expect(run.files, what).toEqual(session.cold());
    }
    expect(mof).not.toContain("class Test_Setting");
    // One description of a class no other class names (Test_LeafLink no longer extends it): its module and its
    // provider base for each of the two TS options, and its pages in two styles, nothing else.
    mof = mof.replace("Links two elements.", "Links two things.");
    writeFileSync(path, mof);
    expect(session.step().made).toBe(6);
    // A new class: the same six, and the namespace's provider class map (it lists the new class) twice.
    writeFileSync(path, `${mof}\nclass Test_New { [Key] string Id; };\n`);
    expect(session.step().made).toBe(8);
  });

  it("goes on after a compile with a syntax error, and its fix gives the full emit", () => {
    const dir = tempTree({ "classes.mof": fixture });
    const path = join(dir, "classes.mof");
    const session = incremental(path);
    session.step();
    writeFileSync(path, fixture.replace("uint32 Level;", "uint32 Level"));
    expect(session.step().failed).toBe(true);
    writeFileSync(path, fixture.replace("uint32 Level;", "uint32 Level; string Added;"));
    const fixed = session.step();
    expect(fixed.files).toEqual(session.cold());
    expect(fixed.made).toBeLessThan(fixed.files.size / 2);
  });

  it("gives the full emit of Hyper-V v2 after a class is added to and edited in the schema file", () => {
    const dir = corpus("hyperv");
    if (dir === undefined) return;
    const schema = readFileSync(join(dir, "v2/WindowsVirtualization.V2.mof"), "utf8");
    const copy = tempTree({
      "all.mof": readFileSync(join(dir, "v2/all.mof"), "utf8"),
      "validation-stubs.mof": readFileSync(join(dir, "v2/validation-stubs.mof"), "utf8"),
      "WindowsVirtualization.V2.mof": schema,
    });
    const session = incremental(join(copy, "all.mof"));
    session.step();
    const edit = join(copy, "WindowsVirtualization.V2.mof");
    writeFileSync(edit, `${schema}\nclass Msvm_WatchEdit : Msvm_ComputerSystem { string P1; };\n`);
    const added = session.step();
    // For each of the two TS options its module and provider base, root/interop's value-maps.ts (the class
    // lands there, and the maps it inherits are declared in it) and class map; its page in two styles, and the
    // superclass's, which lists its subclasses.
    expect(added.made).toBe(12);
    expect(added.files).toEqual(session.cold());
    writeFileSync(
      edit,
      schema.replace("class Msvm_ComputerSystem : CIM_ComputerSystem", "class Msvm_ComputerSystem : CIM_System"),
    );
    const rebased = session.step();
    expect(rebased.files).toEqual(session.cold());
  }, 240_000);
});
