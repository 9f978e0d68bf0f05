import { describe, expect, it } from "vitest";
import { Diagnostics, diag } from "../../src/diagnostics/catalog.js";
import { formatPretty } from "../../src/diagnostics/format/pretty.js";
import { SourceFile } from "../../src/source/source-file.js";
import { span } from "../../src/source/span.js";
import { runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

const plain = { color: false, relativize: (p: string) => p };

/** The shown line and the caret line of a code frame, without their gutters. */
function frame(text: string): { shown: string; carets: string } {
  const lines = text.split("\n");
  const strip = (l: string | undefined) => (l ?? "").replace(/^\s*\d* \| /, "");
  return { shown: strip(lines[1]), carets: strip(lines[2]) };
}

// Issue 13 item 13: the caret line was padded to the span's full column, however long the line.
describe("code frames on long lines", () => {
  it("shows a window around an error at column 11,000,001 of an 11 MB line, with the carets under it", () => {
    const text = `class A { string P; };${" ".repeat(10_999_978)}oops more text after it\n`;
    const file = new SourceFile("long.mof", text);
    const start = text.indexOf("oops");
    const out = formatPretty(diag(Diagnostics.InvalidEscape, span(file, start, start + 4), "\\q"), plain);
    expect(out.startsWith("long.mof:1:11000001 - warning MOF1104")).toBe(true);
    expect(out.length).toBeLessThan(600);
    const { shown, carets } = frame(out);
    expect(shown.startsWith("...")).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(210);
    const col = carets.indexOf("^");
    expect(shown.slice(col, col + 4)).toBe("oops");
    expect(carets.trim()).toBe("^^^^");
  });

  it("marks both cuts of a window in the middle of a long line", () => {
    const text = `${"a".repeat(5000)}BAD${"b".repeat(5000)}`;
    const file = new SourceFile("m.mof", text);
    const { shown, carets } = frame(
      formatPretty(diag(Diagnostics.InvalidEscape, span(file, 5000, 5003), "\\q"), plain),
    );
    expect(shown).toBe(`...${"a".repeat(100)}BAD${"b".repeat(97)}...`);
    expect(carets).toBe(`${" ".repeat(103)}^^^`);
  });

  it("prints 40,000 warnings on one 80 KB line in output linear in their number, at most 100 of them", async () => {
    const dir = tempTree({ "q.mof": `class A { string P = "${"\\q".repeat(40_000)}"; };\n` });
    const r = await runCli(["check", "q.mof"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeLessThan(100_000);
    expect(r.stdout.match(/warning MOF1104/g)?.length).toBe(100);
    expect(r.stdout).toContain("q.mof: 39,900 more warnings not shown");
    expect(r.stdout).toMatch(/0 errors, 40000 warnings\n$/);
  });

  it("shows errors of a file even after its allowance of warnings is used up", async () => {
    const classes = Array.from({ length: 150 }, (_, i) => `class A${i} { string P = "\\q"; };\n`).join("");
    const dir = tempTree({ "w.mof": `${classes}class B { unit16 R; };\n` });
    const r = await runCli(["check", "w.mof"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/warning MOF1104/g)?.length).toBe(100);
    expect(r.stdout).toContain("w.mof:151:11 - error MOF1202");
    expect(r.stdout).toContain("w.mof: 50 more warnings not shown");
  });
});

// Issue 12: a frame printed raw bidi controls, so the line could read differently from what the file holds
// ("Trojan Source"), and an ESC could drive the terminal.
describe("code frames with invisible characters", () => {
  it("escapes bidi overrides and isolates, and keeps the carets under the span", () => {
    const text = 'class C { [Description("abc\u202Edef\u2066x\u2069")] unit8 Q; };\n';
    const file = new SourceFile("b.mof", text);
    const start = text.indexOf("unit8");
    const out = formatPretty(diag(Diagnostics.UnknownDataType, span(file, start, start + 5), "unit8", ""), plain);
    expect(out).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const { shown, carets } = frame(out);
    expect(shown).toBe('class C { [Description("abc\\u202Edef\\u2066x\\u2069")] unit8 Q; };');
    const col = carets.indexOf("^");
    expect(shown.slice(col, col + 5)).toBe("unit8");
    expect(carets.trim()).toBe("^^^^^");
  });

  it("escapes a control character inside the span, the carets covering the escape", () => {
    const text = 'class C { string P = "a\u001b[31mb"; };';
    const file = new SourceFile("e.mof", text);
    const start = text.indexOf("\u001b");
    const out = formatPretty(diag(Diagnostics.InvalidEscape, span(file, start, start + 1), "\\e"), plain);
    expect(out).not.toContain("\u001b");
    const { shown, carets } = frame(out);
    const col = carets.indexOf("^");
    expect(shown.slice(col, col + 6)).toBe("\\u001B");
    expect(carets.trim()).toBe("^".repeat(6));
  });

  it("escapes them in messages too, which quote the file's text", () => {
    const file = new SourceFile("m.mof", "x");
    const out = formatPretty(diag(Diagnostics.InvalidDatetime, span(file, 0, 1), "2021\u202E", "bad"), plain);
    expect(out.split("\n")[0]).toContain("invalid datetime '2021\\u202E'");
  });
});
