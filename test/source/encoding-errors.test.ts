import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/program/program.js";
import { decodeMof, firstInvalidUtf8 } from "../../src/source/encoding.js";
import { where } from "../helpers/parse.js";
import { tempTree } from "../helpers/tmp.js";

/** Issue 13, item 20: invalid UTF-8 and lone UTF-16 surrogates are reported where they are. */
describe("ill-formed UTF-8 (Unicode Table 3-7)", () => {
  it.each([
    ["overlong 2-byte", [0xc0, 0x80]],
    ["overlong 3-byte", [0xe0, 0x80, 0x80]],
    ["overlong 4-byte", [0xf0, 0x80, 0x80, 0x80]],
    ["a UTF-16 surrogate", [0xed, 0xa0, 0x80]],
    ["the last UTF-16 surrogate", [0xed, 0xbf, 0xbf]],
    ["the largest overlong 2-byte", [0xc1, 0xbf]],
    ["the largest overlong 3-byte", [0xe0, 0x9f, 0xbf]],
    ["the largest overlong 4-byte", [0xf0, 0x8f, 0xbf, 0xbf]],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ["a lead byte F5", [0xf5, 0x80, 0x80, 0x80]],
    ["a truncated sequence", [0xe2, 0x82, 0x41]],
    ["a stray continuation byte", [0x80]],
  ])("finds %s at its place, and MOF1001 points there", (_name, bad) => {
    const bytes = Buffer.concat([Buffer.from("class A {};\n// caf\u00e9 "), Buffer.from(bad), Buffer.from(" end\n")]);
    const offset = bytes.indexOf(Buffer.from(bad));
    expect(firstInvalidUtf8(bytes)).toBe(offset);
    const dir = tempTree({ "a.mof": bytes });
    expect(buildProgram([join(dir, "a.mof")]).diagnostics.map(where)).toEqual([`2:${offset - 12 + 1} MOF1001`]);
  });

  it("accepts the well-formed edges of each row", () => {
    const ok = [
      [0xc2, 0x80],
      [0xdf, 0xbf],
      [0xe0, 0xa0, 0x80],
      [0xed, 0x9f, 0xbf],
      [0xee, 0x80, 0x80],
      [0xf0, 0x90, 0x80, 0x80],
      [0xf4, 0x8f, 0xbf, 0xbf],
    ].flat();
    expect(firstInvalidUtf8(Uint8Array.from(ok))).toBe(ok.length);
  });
});

/** UTF-16 LE with a byte-order mark, code unit by code unit (lone surrogates included, as no encoder writes them). */
function utf16le(text: string): Buffer {
  const out = Buffer.alloc(2 + text.length * 2);
  out.writeUInt16LE(0xfeff, 0);
  for (let i = 0; i < text.length; i++) out.writeUInt16LE(text.charCodeAt(i), 2 + i * 2);
  return out;
}

describe("lone UTF-16 surrogates", () => {
  it("reports a lone surrogate in a name as an error at its place: two classes must not silently become one", () => {
    const bytes = utf16le("class A\ud800 {};\nclass A\udc01 {};\nclass Ok\ud83d\ude00 {};\n");
    expect(decodeMof(bytes)).toMatchObject({ encoding: "utf-16le", loneSurrogates: [7, 20] });
    const dir = tempTree({ "a.mof": bytes });
    const program = buildProgram([join(dir, "a.mof")]);
    expect(program.diagnostics.map((d) => [where(d), d.severity])).toEqual([
      ["1:7 MOF1012", "error"],
      ["2:7 MOF1012", "error"],
    ]);
  });

  it("warns about lone surrogates in strings and comments, once per file with the count, at the first", () => {
    const text = 'class A {\n  [Description("bad \ud800 and \udfff")] string P;\n};\n// \ud800\n';
    const dir = tempTree({ "le.mof": utf16le(text), "be.mof": utf16le(text).swap16() });
    for (const name of ["le.mof", "be.mof"]) {
      const program = buildProgram([join(dir, name)]);
      expect(program.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
        "2:21 MOF1013 lone UTF-16 surrogate, read as U+FFFD (and 2 more in this file outside names)",
      ]);
    }
  });
});
