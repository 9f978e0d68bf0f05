import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ruleComments } from "../../scripts/grammar-comments.js";
import { ebnfPath, generateGrammarFiles, parserSourcePath, serializedMofGrammar } from "../../scripts/grammar-lib.js";

const root = new URL("../../", import.meta.url);

function readRepoFile(path: string): string | undefined {
  try {
    return readFileSync(new URL(path, root), "utf8");
  } catch {
    return undefined;
  }
}

const parserSource = readRepoFile(parserSourcePath) ?? "";
const grammar = serializedMofGrammar();
const generated = generateGrammarFiles(parserSource, grammar);
const ebnf = generated.find((f) => f.path === ebnfPath)?.content ?? "";
const stale = `is out of date with ${parserSourcePath}: run \`npm run grammar\` and commit the result`;

describe("grammar/ is generated from the parser", () => {
  it.each(generated.map((f) => [f.path, f.content] as const))("%s is up to date", (path, content) => {
    const committed = readRepoFile(path);
    expect(committed, `${path} is missing: run \`npm run grammar\``).toBeDefined();
    // Compared as a boolean first so the failure leads with what to do, not with a diff of a large file.
    expect(committed === content, `${path} ${stale}`).toBe(true);
  });

  it("is byte-identical when generated twice", () => {
    expect(generateGrammarFiles(parserSource, serializedMofGrammar())).toEqual(generated);
  });

  it("defines every parser rule in mof.ebnf", () => {
    const names = grammar.map((rule) => (rule as { name?: string }).name ?? "");
    expect(names.length).toBeGreaterThan(10);
    const undefinedRules = names.filter((name) => !new RegExp(`^${name} +::= `, "m").test(ebnf));
    expect(undefinedRules, "rules without a production in mof.ebnf").toEqual([]);
  });

  it.each(["classDeclaration", "qualifierList", "instanceDeclaration", "qualifierTypeDeclaration", "pragmaDirective"])(
    "defines the DSP0004 production %s",
    (name) => {
      expect(ebnf).toMatch(new RegExp(`^${name} +::= `, "m"));
    },
  );

  it("says it is generated and must not be edited by hand", () => {
    expect(ebnf).toContain(`GENERATED from ${parserSourcePath} by \`npm run grammar\``);
    expect(ebnf).toContain("Do not edit by hand");
  });
});

describe("ruleComments", () => {
  const source = [
    "class P {",
    "  // --- DSP0004 A: top = *item ---------------------------",
    '  public top = this.RULE("top", () => {',
    "    this.MANY(() => this.SUBRULE(this.item)); // every item",
    "  });",
    "",
    "  // item = NAME",
    "  // Spec deviation: any word (checked later).",
    '  private item = this.RULE("item", () => {',
    '    const s = "not // a comment (";',
    "    // inner note",
    "    this.CONSUME(T.Name);",
    "  });",
    "",
    "  /**",
    "   * A block comment",
    "   * over two lines.",
    "   */",
    "  private block = this.RULE(",
    '    "block",',
    "    () => undefined,",
    "  );",
    "",
    '  private bare = this.RULE("bare", () => undefined);',
    "  // after the last rule",
    "}",
  ].join("\n");

  it.each([
    ["top", ["DSP0004 A: top = *item", "every item"]],
    ["item", ["item = NAME", "Spec deviation: any word (checked later).", "inner note"]],
    ["block", ["A block comment", "over two lines."]],
    ["bare", []],
    ["missing", []],
  ] as const)("reads the comments of %s", (name, expected) => {
    expect(ruleComments(source, name)).toEqual(expected);
  });
});
