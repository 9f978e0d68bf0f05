import { readFileSync } from "node:fs";
import { Project, SyntaxKind, ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { emitClassModules } from "../../../src/emit/ts/class-modules.js";
import { defaultTypeScriptOptions } from "../../../src/emit/ts/generated-file.js";
import { compileText } from "../../helpers/model.js";
import { typeCheck } from "../../helpers/typecheck.js";

/**
 * test/fixtures/adversarial.mof holds hostile names and text. Its generated code must compile, and nothing from the
 * MOF text may become code: every occurrence of a hostile substring lies inside a string literal or a comment (by
 * TypeScript's own scanner), and the only calls in the output are to functions imported from the runtime.
 */

const text = readFileSync(new URL("../../fixtures/adversarial.mof", import.meta.url), "utf8");
const compiled = compileText(text);
const files = emitClassModules(compiled.schema, defaultTypeScriptOptions);

const hostile = ["*/", "`", "${", "process.exit", "</script>", "alert(", "pwned", '");'];

/** [start, end) of every string literal and comment of a module, by TypeScript's scanner. */
function inertRanges(source: string): [number, number][] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, source);
  const ranges: [number, number][] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (
      kind === ts.SyntaxKind.StringLiteral ||
      kind === ts.SyntaxKind.SingleLineCommentTrivia ||
      kind === ts.SyntaxKind.MultiLineCommentTrivia
    )
      ranges.push([scanner.getTokenStart(), scanner.getTokenEnd()]);
  }
  return ranges;
}

function occurrences(source: string, needle: string): number[] {
  const at: number[] = [];
  for (let i = source.indexOf(needle); i >= 0; i = source.indexOf(needle, i + 1)) at.push(i);
  return at;
}

describe("generated code for hostile MOF", () => {
  it("compiles without errors in the model", () => {
    expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(files.length).toBeGreaterThan(4);
  });

  it("type-checks under the strictest settings", () => {
    const result = typeCheck({ out: files });
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  it("holds the hostile text only inside string literals and comments", () => {
    let found = 0;
    for (const file of files) {
      const ranges = inertRanges(file.content);
      for (const needle of hostile) {
        for (const at of occurrences(file.content, needle)) {
          found++;
          const inside = ranges.some(([start, end]) => start <= at && at + needle.length <= end);
          expect(inside, `${file.path}: ${JSON.stringify(needle)} at ${at} is code`).toBe(true);
        }
      }
    }
    expect(found).toBeGreaterThan(20);
  });

  it("writes no raw line or paragraph separators", () => {
    for (const file of files) expect(file.content).not.toMatch(/[\u2028\u2029]/);
  });

  it("calls nothing but runtime functions", () => {
    const project = new Project({ useInMemoryFileSystem: true });
    let calls = 0;
    for (const file of files) {
      const source = project.createSourceFile(file.path, file.content);
      expect(source.getDescendantsOfKind(SyntaxKind.NewExpression)).toEqual([]);
      expect(source.getDescendantsOfKind(SyntaxKind.TaggedTemplateExpression)).toEqual([]);
      const runtime = new Set(
        source
          .getImportDeclarations()
          .filter((d) => d.getModuleSpecifierValue() === defaultTypeScriptOptions.runtimeImport)
          .flatMap((d) => d.getNamedImports().map((n) => n.getAliasNode()?.getText() ?? n.getName())),
      );
      for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        calls++;
        const callee = call.getExpression();
        expect(callee.getKind(), call.getText()).toBe(SyntaxKind.Identifier);
        expect(runtime.has(callee.getText()), call.getText()).toBe(true);
      }
    }
    expect(calls).toBeGreaterThan(0);
  });

  it("quotes member names that are not identifiers instead of mangling them", () => {
    const module = files.find((f) => f.path.endsWith("/function$.ts"))?.content ?? "";
    expect(module).toContain('readonly "Ä"?:');
    expect(module).toContain('readonly "Ö"?:');
    expect(module).toContain("readonly class: string;");
    expect(module).toContain('{ name: "Ä", type: "uint8"');
  });

  it("keeps generated names clear of each other and of the fixed names", () => {
    const module = files.find((f) => f.path.endsWith("/function$.ts"))?.content ?? "";
    // Schema and Stop_In would be function$_Schema and function$_Stop_In: the schema constant and Stop's input type.
    expect(module).toContain("readonly Schema?: function$_Schema_2 | null;");
    expect(module).toContain("readonly Stop_In?: function$_Stop_In_2 | null;");
    // Ä and Ö both mangle to an empty suffix.
    expect(module).toContain('readonly "Ä"?: function$_ | null;');
    expect(module).toContain('readonly "Ö"?: function$__2 | null;');
    // A class named Reference takes the runtime's name: the runtime import is aliased.
    expect(module).toContain("type Reference as $Reference");
  });
});
