import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Compilation, compile, createSession } from "../../src/index.js";
import { corpus } from "../helpers/corpora.js";
import { tempTree } from "../helpers/tmp.js";

/** Everything a user sees of a compile: each diagnostic with its place, and the classes with their properties. */
function observed(c: Compilation): string[] {
  const diagnostics = c.diagnostics.map(
    (d) => `${d.severity} ${d.code} ${d.span?.file.path ?? ""}:${d.span?.start ?? ""} ${d.message}`,
  );
  const classes = c.schema.namespaces.flatMap((ns) =>
    ns.classes.map((cls) => `${ns.name}:${cls.name}:${cls.superclass ?? ""}:${cls.properties.map((p) => p.name)}`),
  );
  return [...diagnostics, ...classes];
}

/** A diagnostic's place as a user reads it: file, line and column. */
function where(d: Compilation["diagnostics"][number]): string {
  if (d.span === undefined) return d.code;
  const at = d.span.file.position(d.span.start);
  return `${d.code} ${d.span.file.path}:${at.line}:${at.column} ${d.span.file.lineText(at.line)}`;
}

const qualifiers = `Qualifier Description : string = null, Scope(any);\nQualifier Key : boolean = false, Scope(property);\n`;

describe("createSession (resident mode)", () => {
  it("re-parses only the files an edit changed, and compiles as a cold compile does", () => {
    const dir = tempTree({
      "all.mof": '#pragma include ("qualifiers.mof")\n#pragma include ("a.mof")\n#pragma include ("b.mof")\n',
      "qualifiers.mof": qualifiers,
      "a.mof": "class A { [Key] string Id; };\n",
      "b.mof": "class B : A { string Name; };\n",
    });
    const roll = join(dir, "all.mof");
    const session = createSession([roll], { dialect: "dmtf" });
    const cold = () => observed(compile([roll], { dialect: "dmtf" }));

    expect(observed(session.compile())).toEqual(cold());
    expect(session.stats).toMatchObject({ reusedFiles: 0, parsedFiles: 4 });

    // Rename a property and rebase B's subclass chain: one file changed.
    writeFileSync(join(dir, "b.mof"), "class B : A { string Caption; };\nclass C : B { };\n");
    const second = observed(session.compile());
    expect(session.stats).toMatchObject({ reusedFiles: 3, parsedFiles: 1 });
    expect(second).toEqual(cold());
    expect(second).toContain("root/cimv2:C:B:Id,Caption");

    // A syntax error, then its fix: both compiles report what a cold compile reports.
    writeFileSync(join(dir, "a.mof"), "class A { [Key] string Id };\n");
    const broken = session.compile();
    expect(broken.failed).toBe(true);
    expect(observed(broken)).toEqual(cold());
    writeFileSync(join(dir, "a.mof"), "class A { [Key] string Id; string Added; };\n");
    expect(observed(session.compile())).toEqual(cold());
    expect(session.stats).toMatchObject({ reusedFiles: 3, parsedFiles: 1 });

    // An edit that keeps the file's size (files whose stamp has not moved are not read again): seen.
    writeFileSync(join(dir, "a.mof"), "class A { [Key] string Id; string Other; };\n");
    const sameSize = observed(session.compile());
    expect(sameSize).toEqual(cold());
    expect(sameSize.join("\n")).toContain("Id,Other");

    // A file the roll-up no longer includes is forgotten; one it includes anew is read.
    writeFileSync(join(dir, "all.mof"), '#pragma include ("qualifiers.mof")\n#pragma include ("a.mof")\n');
    expect(observed(session.compile())).toEqual(cold());
    expect(session.stats).toMatchObject({ reusedFiles: 2, parsedFiles: 1 });
  });

  it("sees include files created, deleted and renamed between compiles", () => {
    const dir = tempTree({
      "all.mof": '#pragma include ("sub/b.mof")\n',
      "sub/other.mof": "class O { };\n",
    });
    const roll = join(dir, "all.mof");
    const session = createSession([roll]);
    const cold = () => observed(compile([roll]));
    const steps: [string, () => void][] = [
      ["missing", () => {}],
      ["created", () => writeFileSync(join(dir, "sub/b.mof"), "class B { };\n")],
      ["deleted", () => rmSync(join(dir, "sub/b.mof"))],
      ["created in another case", () => writeFileSync(join(dir, "sub/B.MOF"), "class B2 { };\n")],
      ["renamed to its exact name", () => renameSync(join(dir, "sub/B.MOF"), join(dir, "sub/b.mof"))],
    ];
    const seen: string[] = [];
    for (const [what, step] of steps) {
      step();
      const warm = observed(session.compile());
      expect(warm, what).toEqual(cold());
      seen.push(warm.map((line) => line.replace(/ \/\S*/, "")).join(" | "));
    }
    expect(seen[0]).toMatch(/MOF1004|not found/i);
    expect(seen[1]).toContain("root/cimv2:B:");
    expect(seen[3]).toContain("root/cimv2:B2:");
    expect(seen[4]).toContain("root/cimv2:B2:");
    expect(seen[4]).not.toMatch(/case/i);
  });

  it("parses again a file that the C preprocessor may change (macros flow between files)", () => {
    const dir = tempTree({
      "main.mof": '#define NAME "first"\n#include "use.mof"\n',
      "use.mof": "instance of __Namespace { Name = NAME; };\n",
    });
    const main = join(dir, "main.mof");
    const session = createSession([main]);
    expect(observed(session.compile())).toEqual(observed(compile([main])));
    writeFileSync(main, '#define NAME "second"\n#include "use.mof"\n');
    const warm = session.compile();
    expect(observed(warm)).toEqual(observed(compile([main])));
    // use.mof was reached with a macro defined, main.mof holds directives: neither came from the session.
    expect(session.stats).toMatchObject({ reusedFiles: 0, parsedFiles: 2 });
  });

  it("compiles the Hyper-V v2 schema warm with the cold compile's diagnostics", () => {
    const dir = corpus("hyperv");
    if (dir === undefined) return;
    const roll = join(dir, "v2/all.mof");
    const session = createSession([roll]);
    session.compile();
    const warm = session.compile();
    expect(session.stats).toMatchObject({ reusedFiles: 3, parsedFiles: 0 });
    expect(observed(warm)).toEqual(observed(compile([roll])));
  });

  it("parses an edited big file from its edit on, with the cold compile's diagnostics and lines", () => {
    const dir = corpus("hyperv");
    if (dir === undefined) return;
    const copy = tempTree({});
    cpSync(join(dir, "v2"), copy, { recursive: true });
    const roll = join(copy, "all.mof");
    const big = join(copy, "WindowsVirtualization.V2.mof");
    const text = readFileSync(big, "utf8");
    const session = createSession([roll]);
    session.compile();
    // A class inserted in the middle, then one more line before it: every warning after the edit moves down.
    const middle = text.indexOf("\n[", text.length >> 1) + 1;
    const edits = [
      `${text.slice(0, middle)}class Msvm_Inserted { string P; };\n${text.slice(middle)}`,
      `${text.slice(0, middle)}class Msvm_Inserted { string P; string Q; };\n\n${text.slice(middle)}`,
    ];
    for (const edit of edits) {
      writeFileSync(big, edit);
      const warm = session.compile();
      expect(session.stats).toMatchObject({ reusedFiles: 2, parsedFiles: 1, splicedFiles: 1 });
      const cold = compile([roll]);
      expect(observed(warm)).toEqual(observed(cold));
      expect(warm.diagnostics.map(where)).toEqual(cold.diagnostics.map(where));
      expect(observed(warm).join("\n")).toContain("Msvm_Inserted");
    }
  });
});
