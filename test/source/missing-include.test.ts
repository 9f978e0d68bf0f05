import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/program/program.js";
import { resolveSpan } from "../../src/source/span.js";
import { where } from "../helpers/parse.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * A bare word where a value belongs (MOF1212) that a header which could not be included may define: the
 * message names that include and points at it, so the one cause shows at every use (WDK iSCSI MOF compiled
 * without the WDK's headers).
 */
describe("bare words and missing includes", () => {
  const files = {
    "common.mof": '#include "defs.h"\nclass A {\n  [MaxLen(MAX_NAME_LEN)] string Name;\n};\n',
    "config.mof": '#include "common.mof"\nclass B { [MaxLen(MAX_NAME_LEN)] string Other; };\n',
    "alone.mof": "class C { [MaxLen(UNDEFINED_LEN)] string P; };\n",
  };

  it("names the include that was not found, in the file and in the files that include it", () => {
    const dir = tempTree(files);
    const program = buildProgram([join(dir, "config.mof")]);
    const found = program.diagnostics.map((d) => `${where(d)} ${d.severity}`);
    expect(found).toEqual(["1:10 MOF1004 error", "3:11 MOF1212 error", "2:19 MOF1212 error"]);
    const bare = program.diagnostics.filter((d) => d.code === "MOF1212");
    for (const d of bare) {
      expect(d.message).toMatch(/; if it is a macro, it may come from an include that was not found: 'defs.h'$/);
      const [related] = d.related ?? [];
      expect(related && `${resolveSpan(related.span).line}:${resolveSpan(related.span).column}`).toBe("1:10");
    }
  });

  it("keeps the plain message where every include was found", () => {
    const dir = tempTree(files);
    const program = buildProgram([join(dir, "alone.mof")]);
    expect(program.diagnostics.map((d) => `${where(d)} ${d.severity}`)).toEqual(["1:19 MOF1212 error"]);
    expect(program.diagnostics[0]?.message).toMatch(/; if it is a macro, no #define for it was seen$/);
    expect(program.diagnostics[0]?.related).toBeUndefined();
  });
});
