import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDocs } from "../../src/emit/docs/generate.js";
import { generateTypeScript } from "../../src/emit/ts/generate.js";
import { type Compilation, compile, ModelCache, ParseCache } from "../../src/index.js";
import { EmitMemo } from "../../src/session/emit-memo.js";
import { tempTree } from "../helpers/tmp.js";

const fixture = readFileSync(join(import.meta.dirname, "../fixtures/emit-ts/classes.mof"), "utf8");

function emit(c: Compilation, memo?: EmitMemo): Map<string, string> {
  const options = { runtimeImport: "@mofgen/runtime", extension: ".ts" as const, providers: undefined };
  const files = [...generateTypeScript(c.schema, options, memo), ...renderDocs(c.schema, {}, memo?.classPages).files];
  return new Map(files.map((f) => [f.path, f.content]));
}

/**
 * The emit memo keeps fingerprints of a class's declaration by model object across runs: with a model cache the
 * unchanged classes are the same objects run after run, so this is where that is put to the test.
 */
const edits: readonly (readonly [string, (mof: string) => string])[] = [
  ["edit a leaf's description", (m) => m.replace("Settings embedded in Test_Typed.", "Embedded settings.")],
  ["edit the root's description", (m) => m.replace("Root of the fixture hierarchy.", "The root.")],
  ["rename a class that others reference", (m) => m.replaceAll("Test_Job", "Test_Task")],
  ["change a superclass", (m) => m.replace("class Test_LeafLink : Test_Link", "class Test_LeafLink")],
  ["change a value map's labels", (m) => m.replace('Values{"Fast", "Safe"}', 'Values{"Quick", "Careful"}')],
  [
    "add a class before the others",
    (m) => m.replace("[Abstract, Description", "class Test_First { };\n[Abstract, Description"),
  ],
  ["move text outside classes", (m) => m.replace("#pragma namespace", "// moved\n#pragma namespace")],
];

describe("EmitMemo with a session's model cache", () => {
  it("gives the files of a full emit after each edit", () => {
    const dir = tempTree({ "classes.mof": fixture });
    const path = join(dir, "classes.mof");
    const parseCache = new ParseCache();
    const modelCache = new ModelCache();
    const memo = new EmitMemo();
    const warm = () => {
      const c = compile([path], { parseCache, modelCache });
      memo.begin(c.program, c.schema, "settings");
      const files = emit(c, memo);
      memo.end();
      return files;
    };
    expect(warm()).toEqual(emit(compile([path])));
    let mof = fixture;
    let reused = 0;
    for (const [what, edit] of edits) {
      mof = edit(mof);
      writeFileSync(path, mof);
      expect(warm(), what).toEqual(emit(compile([path])));
      reused += modelCache.takeCounts().reused;
    }
    expect(reused).toBeGreaterThan(0);
  });

  it("remakes nothing for a comment edited outside class declarations, and everything for a qualifier there", () => {
    const dir = tempTree({ "classes.mof": fixture });
    const path = join(dir, "classes.mof");
    const parseCache = new ParseCache();
    const memo = new EmitMemo();
    const warm = () => {
      const c = compile([path], { parseCache, modelCache: new ModelCache() });
      memo.begin(c.program, c.schema, "settings");
      const files = emit(c, memo);
      return { files, made: memo.end().made };
    };
    const first = warm();
    const edited = [
      ["the header comment", fixture.replace("// Fixture for", "// A longer first line.\n// Fixture for")],
      [
        "a block comment between classes",
        fixture.replace("class Test_Job", "/* a note\n   on two lines */\nclass Test_Job"),
      ],
    ] as const;
    for (const [what, mof] of edited) {
      writeFileSync(path, mof);
      const run = warm();
      expect(run.files, what).toEqual(emit(compile([path])));
      expect(run.made, what).toBe(0);
    }
    writeFileSync(
      path,
      fixture.replace("class Test_Job", "Qualifier Extra : boolean = false, Scope(any);\nclass Test_Job"),
    );
    const run = warm();
    expect(run.files).toEqual(emit(compile([path])));
    expect(run.made).toBe(first.made);
  });
});
