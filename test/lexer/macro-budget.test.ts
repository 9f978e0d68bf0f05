import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { maxExpansionSteps } from "../../src/lexer/macros.js";
import { scan } from "../../src/lexer/scanner.js";
import { buildProgram } from "../../src/program/program.js";
import { SourceFile } from "../../src/source/source-file.js";
import { resolveSpan } from "../../src/source/span.js";
import { where } from "../helpers/parse.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * Issue 13, item 9: one macro expansion budget per compilation. `M1 = M0 M0` ... `M16 = M15 M15` stays under
 * the 100,000-token cap at each use, so only a budget over all uses bounds it (320 uses took 62 s and 4.7 GB).
 */
const bomb = ["#define M0 x", ...Array.from({ length: 16 }, (_, i) => `#define M${i + 1} M${i} M${i}`)].join("\n");
const bombLines = 17;

function uses(count: number): string {
  return Array.from({ length: count }, () => "M16").join("\n");
}

describe("macro expansion budget", () => {
  it("stops a #define bomb at the use that spends the budget, once, and expands nothing after it", () => {
    // 20 uses ask for 1.3 million tokens: past the budget, and small enough to have run before it existed.
    const file = new SourceFile("bomb.mof", `${bomb}\n${uses(20)}\n`);
    const { tokens, diagnostics } = scan(file);
    const spent = diagnostics.filter((d) => d.code === "MOF1010");
    expect(spent).toHaveLength(1);
    const at = spent[0]?.span as NonNullable<(typeof spent)[0]["span"]>;
    expect(resolveSpan(at).line).toBeGreaterThan(bombLines);
    expect(tokens.length).toBeLessThanOrEqual(maxExpansionSteps);
    expect(tokens.filter((t) => t.startOffset >= at.start)).toEqual([]);
    expect(diagnostics.filter((d) => d.code !== "MOF1010")).toEqual([]);
  });

  /** Macros that double at each level and end in an empty one: `2^depth` steps that produce no token. */
  function emptyBomb(depth: number): string {
    const defines = Array.from({ length: depth }, (_, i) => `#define E${i} E${i + 1} E${i + 1}`).join("\n");
    return `${defines}\n#define E${depth}\nE0\n`;
  }

  it("bounds macros that expand to nothing: 2^25 steps and no token", () => {
    expect(scan(new SourceFile("empty.mof", emptyBomb(25))).diagnostics.map(where)).toEqual(["27:1 MOF1010"]);
  });

  it("shares the budget across the files of one compilation", () => {
    // Each file alone stays under the budget (about 262,000 steps each); together they do not.
    const dir = tempTree({ "a.mof": emptyBomb(16), "b.mof": emptyBomb(16) });
    const program = buildProgram([join(dir, "a.mof"), join(dir, "b.mof")]);
    expect(program.diagnostics.map((d) => [where(d), d.span?.file.path])).toEqual([
      ["18:1 MOF1010", join(dir, "b.mof")],
    ]);
  });
});

describe("a #define body", () => {
  // Found by `npm run fuzz` (the repeat property): each body was scanned as a file of its own, so its `#define`
  // began another body scan, 20,000 deep on one line, until "Maximum call stack size exceeded" (exit 3).
  it("holds no directives, so '#define X #define X ...' cannot nest body scans", () => {
    const result = scan(new SourceFile("nested.mof", `${"#define X ".repeat(20_000)}\nX class A { };`));
    // X's body is the rest of the line with each `#` an unexpected character: its use expands to `define ...`.
    expect(result.tokens[0]?.image).toBe("define");
    expect(result.diagnostics.map((d) => d.code)).toContain("MOF1101");
  });
});
