import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ClassDeclaration, PropertyDeclaration } from "../../src/ast/nodes.js";
import { buildProgram } from "../../src/program/program.js";
import { decodeMof } from "../../src/source/encoding.js";
import { SourceFile } from "../../src/source/source-file.js";
import { resolveSpan } from "../../src/source/span.js";
import { where } from "../helpers/parse.js";
import { tempTree } from "../helpers/tmp.js";

const mof = 'class A {\n  string P = "caf\u00e9 \u2713";\n  uint8 Bad = 08;\n};\n';

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const le = Buffer.from(text, "utf16le");
  const bytes = bigEndian ? Buffer.from(le.map((_, i) => le[i ^ 1] as number)) : le;
  const mark = bigEndian ? [0xfe, 0xff] : [0xff, 0xfe];
  return bom ? Buffer.concat([Buffer.from(mark), bytes]) : bytes;
}

describe("decoding", () => {
  it.each([
    ["UTF-8", Buffer.from(mof, "utf8"), "utf-8"],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(mof, "utf8")]), "utf-8-bom"],
    ["UTF-16 LE with BOM", utf16(mof, false, true), "utf-16le"],
    ["UTF-16 BE with BOM", utf16(mof, true, true), "utf-16be"],
    ["UTF-16 LE without BOM", utf16(mof, false, false), "utf-16le"],
  ])("%s: same text, and errors at the same line and column", (_name, bytes, encoding) => {
    const decoded = decodeMof(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(mof);
    const dir = tempTree({ "a.mof": bytes });
    const program = buildProgram([join(dir, "a.mof")]);
    const errors = program.diagnostics.filter((d) => d.severity === "error").map(where);
    expect(errors).toEqual(["3:15 MOF1105"]);
    const cls = program.files[0]?.ast.productions[0] as ClassDeclaration;
    expect((cls.features[0] as PropertyDeclaration).default).toMatchObject({ value: "caf\u00e9 \u2713" });
  });

  // The guess looks at the first 512 bytes only: zero bytes further on (or none at all) leave a file UTF-8.
  it("guesses UTF-16 without a BOM from the zero bytes of the first 512 bytes only", () => {
    const long = `${"// padding\n".repeat(60)}${mof}`;
    expect(decodeMof(utf16(long, true, false)).encoding).toBe("utf-16be");
    const lateZeros = Buffer.concat([Buffer.from(long, "utf8"), Buffer.from([0, 0x41, 0, 0x42])]);
    expect(decodeMof(lateZeros).encoding).toBe("utf-8");
    expect(decodeMof(Buffer.from(long, "utf8")).encoding).toBe("utf-8");
  });

  it("falls back to Windows-1252 for bytes that are not UTF-8, saying where", () => {
    const bytes = Buffer.from(
      'class A {\n  [Description("Copyright \xa9 1999 \x93quoted\x94")] string P;\n};\n',
      "latin1",
    );
    const decoded = decodeMof(bytes);
    expect(decoded.encoding).toBe("windows-1252");
    expect(decoded.text).toContain("Copyright \u00a9 1999 \u201cquoted\u201d");
    const dir = tempTree({ "old.mof": bytes });
    const program = buildProgram([join(dir, "old.mof")]);
    expect(program.diagnostics.map((d) => [where(d), d.severity])).toEqual([["2:27 MOF1001", "info"]]);
  });

  it("never throws on arbitrary bytes", () => {
    for (const bytes of [[0xff], [0xfe], [0xef, 0xbb], [0xc3], [0xed, 0xa0, 0x80], [0, 0, 0, 0, 0, 0, 0, 0]]) {
      expect(() => decodeMof(Uint8Array.from(bytes))).not.toThrow();
    }
  });
});

describe("line and column", () => {
  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("count %s line breaks as one line each", (_name, nl) => {
    const text = ["class A {", "\tstring P;", "  uint8 Q = 0x;", "};"].join(nl);
    const file = new SourceFile("t.mof", text);
    const offset = text.indexOf("0x;");
    expect(file.position(offset)).toEqual({ line: 3, column: 13 });
    expect(file.lineText(3)).toBe("  uint8 Q = 0x;");
    expect(resolveSpan({ file, start: offset, end: offset + 2 })).toMatchObject({ line: 3, column: 13, endColumn: 15 });
  });
});
