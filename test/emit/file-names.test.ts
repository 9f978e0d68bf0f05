import { describe, expect, it } from "vitest";
import { checkOutputPaths, isDeviceName, maxStemBytes, pathKey, portableStem } from "../../src/emit/file-names.js";

describe("portableStem", () => {
  it("gives Windows device names a '$', in any case, also with superscript digits", () => {
    expect(["CON", "nul", "Aux", "prn", "COM1", "com0", "LPT9", "lpt\u00b9", "CONIN$"].map(portableStem)).toEqual([
      "CON$",
      "nul$",
      "Aux$",
      "prn$",
      "COM1$",
      "com0$",
      "LPT9$",
      "lpt\u00b9$",
      "CONIN$$",
    ]);
    expect(["CONSOLE", "COM10", "LPT", "CON_", "nul2"].map(portableStem)).toEqual([
      "CONSOLE",
      "COM10",
      "LPT",
      "CON_",
      "nul2",
    ]);
  });

  it("recognises a device name before an extension, as Windows does", () => {
    expect(isDeviceName("con.ts")).toBe(true);
    expect(isDeviceName("NUL .md")).toBe(true);
    expect(isDeviceName("console.ts")).toBe(false);
  });

  it("shortens long names to a readable prefix and a hash of the whole name, all exactly maxStemBytes long", () => {
    const long = `Msvm_${"VeryLong".repeat(40)}`;
    const short = portableStem(long);
    expect(short.startsWith("Msvm_VeryLongVeryLong")).toBe(true);
    expect(short).toMatch(/~[0-9a-f]{12}$/);
    expect(Buffer.byteLength(short)).toBe(maxStemBytes);
    // Stable, and different for names that share the prefix.
    expect(portableStem(long)).toBe(short);
    expect(portableStem(`${long}X`)).not.toBe(short);
    // A kept name is always shorter than a shortened one, so the two can never meet.
    expect(portableStem("a".repeat(maxStemBytes - 1))).toBe("a".repeat(maxStemBytes - 1));
    expect(Buffer.byteLength(portableStem("a".repeat(maxStemBytes)))).toBe(maxStemBytes);
  });

  it("counts bytes, not characters, and never cuts a character in two", () => {
    const cjk = "\u4e00".repeat(100);
    const short = portableStem(cjk);
    expect(Buffer.byteLength(short)).toBeLessThanOrEqual(maxStemBytes);
    expect(short).toMatch(/^\u4e00+~[0-9a-f]{12}$/);
  });
});

describe("pathKey", () => {
  it("folds case and Unicode normalisation as Windows and macOS file systems do", () => {
    expect(pathKey("Root/A.ts")).toBe(pathKey("root/a.ts"));
    expect(pathKey("caf\u00e9.md")).toBe(pathKey("cafe\u0301.md"));
    expect(pathKey("\u212Aill.ts")).toBe(pathKey("kill.ts"));
    expect(pathKey("stra\u00dfe")).toBe(pathKey("STRASSE"));
  });
});

describe("checkOutputPaths", () => {
  const problems = (paths: string[]) => checkOutputPaths(paths).map((d) => `${d.code} ${d.path}`);

  it("accepts a portable tree", () => {
    expect(checkOutputPaths(["index.ts", "root/a/Foo.ts", "root/a/providers/Foo.ts", "docs/root.a/foo.md"])).toEqual(
      [],
    );
  });

  it("reports files and folders that would meet on a case-insensitive or normalising file system", () => {
    expect(problems(["Root/a/X.ts", "root/b/Y.ts"])).toEqual(["MOF4930 root/b/Y.ts"]);
    expect(problems(["a/Foo.ts", "a/foo.ts"])).toEqual(["MOF4930 a/foo.ts"]);
    expect(problems(["a/caf\u00e9.md", "a/cafe\u0301.md"])).toEqual(["MOF4930 a/cafe\u0301.md"]);
    expect(problems(["a/b", "A/b/c.ts"])).toEqual(["MOF4930 A/b/c.ts", "MOF4930 a/b"]);
  });

  it("reports names Windows cannot hold and names over 255 bytes, as internal errors", () => {
    const found = checkOutputPaths(["a/CON.ts", "a/x.", "a/b:c.ts", `a/${"x".repeat(256)}.ts`]);
    expect(found.map((d) => d.path)).toEqual(["a/CON.ts", "a/x.", "a/b:c.ts", `a/${"x".repeat(256)}.ts`]);
    expect(found.every((d) => d.severity === "error" && d.message.startsWith("internal error"))).toBe(true);
  });
});
