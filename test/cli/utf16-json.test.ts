import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { headlines, runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * Windows PowerShell 5.1 writes UTF-16 with a byte-order mark (`Out-File`, `>`): a configuration or an overlay
 * written so is read as the text it holds, with its mistakes at their lines and columns, not reported as a
 * JSON error at a garbled first character.
 */
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
const utf16be = (text: string) => Buffer.from(utf16le(text).swap16());

const mof = "class EX_Pool { [Key] string Id; };\n";

describe("JSON files in UTF-16 with a byte-order mark", () => {
  it("reads a UTF-16 LE configuration, and places its mistakes", async () => {
    const config = '{\n  "inputs": ["pool.mof"],\n  "dialct": "wmi"\n}\n';
    const dir = tempTree({ "pool.mof": mof, "mofgen.config.json": utf16le(config) });
    const r = await runCli(["docs", "--out", "pages"], dir);
    expect(headlines(r.stderr)).toEqual([
      "mofgen.config.json:3:3 - error MOF4902: unknown configuration key 'dialct'; did you mean 'dialect'?",
    ]);
    expect(r.code).toBe(1);
  });

  it("reads a UTF-16 BE overlay named by a UTF-16 LE configuration", async () => {
    const config = { inputs: ["pool.mof"], out: "gen", docs: { overlay: "notes.json" } };
    const dir = tempTree({
      "pool.mof": mof,
      "mofgen.config.json": utf16le(JSON.stringify(config)),
      "notes.json": utf16be(JSON.stringify({ EX_Pool: { notes: "Ask the storage team first." } })),
    });
    const r = await runCli(["generate", "--no-docs"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const pages = await runCli(["docs", "--out", "pages"], dir);
    expect(pages.stderr).toBe("");
    expect(readFileSync(join(dir, "pages/root.cimv2/ex-pool.md"), "utf8")).toContain(
      "## Remarks\n\nAsk the storage team first.\n",
    );
  });
});
