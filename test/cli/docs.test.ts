import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseOverlay } from "../../src/cli/docs-overlay.js";
import { runCli } from "../helpers/cli.js";
import { type SchemaNode, validate } from "../helpers/json-schema.js";
import { compileText } from "../helpers/model.js";
import { tempTree } from "../helpers/tmp.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const exampleOverlay = readFileSync(join(repo, "test/cli/docs-overlay.example.json"), "utf8");

const mof = `
#pragma namespace("\\\\\\\\.\\\\root\\\\example")
[Description("A pool.")] class EX_Pool {
  [Key, Description("Id.")] string Id;
  [Description("Grows the pool."), ValueMap{"0", "1"}, Values{"Done", "Failed"}]
  uint32 Grow([In, Description("By how much.")] uint64 Size);
};
`;

function listing(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? listing(dir, join(prefix, e.name)) : [join(prefix, e.name).split("\\").join("/")],
    )
    .sort();
}

describe("mofgen docs", () => {
  it("writes the pages and a manifest, then finds them unchanged", async () => {
    const dir = tempTree({ "pool.mof": mof });
    const first = await runCli(["docs", "pool.mof", "--out", "out"], dir);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Wrote the reference pages to out\/: 4 pages \(4 written, 0 unchanged, 0 removed\)/);
    expect(listing(join(dir, "out"))).toEqual([
      ".mofgen-manifest.json",
      "README.md",
      "root.example/README.md",
      "root.example/ex-pool.md",
      "root.example/ex-pool/grow.md",
    ]);
    const again = await runCli(["docs", "pool.mof", "--out", "out"], dir);
    expect(again.stdout).toContain("(0 written, 4 unchanged, 0 removed)");
  });

  it("takes the layout from --style, else from the configuration's docs.style, and refuses an unknown one", async () => {
    const config = JSON.stringify({ inputs: ["pool.mof"], docs: { style: "dmtf" } });
    const dir = tempTree({ "pool.mof": mof, "mofgen.config.json": config });
    const page = () => readFileSync(join(dir, "out/root.example/ex-pool.md"), "utf8");
    expect((await runCli(["docs", "--out", "out"], dir)).code).toBe(0);
    expect(page()).toContain("\n## Class hierarchy\n");
    expect((await runCli(["docs", "--out", "out", "--style", "microsoft"], dir)).code).toBe(0);
    expect(page()).toContain("\n<summary>Class hierarchy</summary>\n");
    expect((await runCli(["docs", "pool.mof", "--out", "out"], dir)).code).toBe(0);
    expect(page()).toContain("\n<summary>Class hierarchy</summary>\n");
    const wrong = await runCli(["docs", "pool.mof", "--out", "out", "--style", "msdn"], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--style must be one of microsoft, dmtf (got 'msdn')");
    writeFileSync(join(dir, "mofgen.config.json"), JSON.stringify({ inputs: ["pool.mof"], docs: { style: "msdn" } }));
    const bad = await runCli(["docs", "--out", "out", "--no-color"], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/mofgen\.config\.json:1:\d+ - error MOF\d+: .*"microsoft" or "dmtf", not "msdn"/);
  });

  it("recognises its pages by their first line when the manifest is lost, and never overwrites other files", async () => {
    const dir = tempTree({ "pool.mof": mof });
    await runCli(["docs", "pool.mof", "--out", "out"], dir);
    rmSync(join(dir, "out/.mofgen-manifest.json"));
    const again = await runCli(["docs", "pool.mof", "--out", "out"], dir);
    expect(again.code).toBe(0);
    writeFileSync(join(dir, "out/root.example/README.md"), "# my own notes\n");
    rmSync(join(dir, "out/.mofgen-manifest.json"));
    const blocked = await runCli(["docs", "pool.mof", "--out", "out", "--no-color"], dir);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/out\/root\.example\/README\.md - error MOF4911/);
    expect(readFileSync(join(dir, "out/root.example/README.md"), "utf8")).toBe("# my own notes\n");
  });

  it("stops on MOF errors and writes nothing", async () => {
    const dir = tempTree({ "bad.mof": "class A { unit16 X; };" });
    const r = await runCli(["docs", "bad.mof", "--out", "out"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Nothing written: the MOF has errors.");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("adds the overlay's notes, examples and requirements", async () => {
    const dir = tempTree({ "overlay.json": exampleOverlay });
    const r = await runCli(["docs", join(repo, "schemas"), "--out", "out", "--overlay", "overlay.json"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const method = readFileSync(
      join(dir, "out/root.virtualization.v2/msvm-virtualsystemsnapshotservice/createsnapshot.md"),
      "utf8",
    );
    expect(method).toContain(
      "## Remarks\n\nRun it on the host, as an administrator.\n\nSee also **DestroySnapshot**.\n",
    );
    expect(method).toContain("### PowerShell\n\n````powershell\n$svc = Get-CimInstance");
    expect(method).toContain("| Minimum supported client | Windows 8 \\[desktop apps only\\] |");
    expect(method).toContain("| DLL | Vmms.exe |");
    expect(method).toMatch(
      /\*SnapshotType\* \\\[in\\\]\n\nType: \*\*uint16\*\*\n\n[^\n]+\n\n(- .*\n)+\nUse 2 unless you know better\.\n/,
    );
    const cls = readFileSync(join(dir, "out/root.virtualization.v2/msvm-virtualsystemsnapshotservice.md"), "utf8");
    expect(cls).toContain("## Remarks\n\nAccess to this class can be limited by UAC filtering.\n");
    // A member's notes follow it into the subclasses that inherit it.
    expect(cls).toMatch(/#### Caption\n[\s\S]*?Set by the provider\.\n/);
    const other = readFileSync(
      join(dir, "out/root.hypervcluster.v2/msvm-collectionsnapshotservice/createsnapshot.md"),
      "utf8",
    );
    expect(other).not.toContain("Run it on the host");
  });

  it("reports overlay keys that name nothing, and overlay values of the wrong shape, at their line and column", async () => {
    const overlay = `{
  "EX_Nope": { "notes": "x" },
  "EX_Pool.Missing": {},
  "EX_Pool.Grow.Nope": {},
  "EX_Pool.Id": { "requirements": { "dll": "x" } },
  "EX_Pool": { "notes": 3, "extra": true }
}`;
    const dir = tempTree({ "pool.mof": mof, "overlay.json": overlay });
    const r = await runCli(["docs", "pool.mof", "--out", "out", "--overlay", "overlay.json", "--no-color"], dir);
    expect(r.code).toBe(1);
    const findings = r.stderr.split("\n").filter((l) => l.startsWith("overlay.json:"));
    expect(findings).toEqual([
      "overlay.json:2:3 - warning MOF4804: overlay key 'EX_Nope' is ignored: the schema has no class 'EX_Nope'",
      "overlay.json:3:3 - warning MOF4804: overlay key 'EX_Pool.Missing' is ignored: class 'EX_Pool' has no property or method 'Missing'",
      "overlay.json:4:3 - warning MOF4804: overlay key 'EX_Pool.Grow.Nope' is ignored: method 'EX_Pool.Grow' has no parameter 'Nope'",
      "overlay.json:5:19 - error MOF4805: 'EX_Pool.Id.requirements': only classes, methods and '*' have a Requirements table",
      "overlay.json:6:25 - error MOF4805: 'EX_Pool.notes' must be a Markdown string or an array of them",
      "overlay.json:6:28 - error MOF4805: unknown field 'extra' in 'EX_Pool'; the fields are 'notes', 'examples', 'requirements' and 'syntax'",
    ]);
    expect(r.stdout).toContain("Nothing written: the overlay has errors.");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports an overlay that is not JSON, or missing, without a stack trace", async () => {
    const dir = tempTree({ "pool.mof": mof, "overlay.json": '{ "EX_Pool": { "notes": "x", } }' });
    const bad = await runCli(["docs", "pool.mof", "--overlay", "overlay.json", "--no-color"], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^overlay\.json:1:28 - error MOF4803: overlay is not valid JSON: /);
    const missing = await runCli(["docs", "pool.mof", "--overlay", "nope.json", "--no-color"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/error MOF1003: cannot read '.*nope\.json': no such file or directory/);
  });

  it("replaces templates from --templates, and reports bad ones by file without a stack trace", async () => {
    const dir = tempTree({
      "pool.mof": mof,
      "good/method.hbs": "# {{name}}\n",
      "good/readme.hbs": "x",
      "bad/class.hbs": "{{#if name}}\n",
      "strict/method.hbs": "{{returnCode}}\n",
    });
    const good = await runCli(["docs", "pool.mof", "--out", "out", "--templates", "good", "--no-color"], dir);
    expect(good.code).toBe(0);
    expect(good.stderr).toMatch(/good\/readme\.hbs - warning MOF4802: 'readme\.hbs' replaces no template/);
    expect(readFileSync(join(dir, "out/root.example/ex-pool/grow.md"), "utf8")).toBe("# Grow\n");
    const bad = await runCli(["docs", "pool.mof", "--out", "out2", "--templates", "bad", "--no-color"], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\/class\.hbs:2:1 - error MOF4801: template 'class\.hbs': parse error: Expecting /);
    const strict = await runCli(["docs", "pool.mof", "--out", "out3", "--templates", "strict", "--no-color"], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      `template 'method.hbs': while writing root.example/ex-pool/grow.md: "returnCode" not defined`,
    );
    for (const r of [bad, strict]) expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, "out2"))).toBe(false);
    const none = await runCli(["docs", "pool.mof", "--templates", "nope"], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("MOF1003");
  });

  it("needs a PATH or a mofgen.config.json", async () => {
    const r = await runCli(["docs"], tempTree({}));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^mofgen: no PATH given and no mofgen.config.json in .* or a folder above it: give PATHs, /,
    );
  });
});

describe("docs/overlay.schema.json", () => {
  const schema = JSON.parse(readFileSync(join(repo, "docs/overlay.schema.json"), "utf8")) as SchemaNode;
  const entry: SchemaNode = { $defs: schema.$defs, $ref: "#/$defs/entry" };
  const keys = new RegExp((schema.propertyNames as { pattern: string }).pattern);

  it("accepts the example overlay, which the reader accepts too", () => {
    const overlay = JSON.parse(exampleOverlay) as Record<string, unknown>;
    for (const [key, value] of Object.entries(overlay)) {
      expect(keys.test(key), key).toBe(true);
      if (key !== "$schema") expect(validate(entry, value)).toEqual([]);
    }
    const schemaModel = compileText(readFileSync(join(repo, "schemas/WindowsVirtualization.V2.mof"), "utf8")).schema;
    expect(
      parseOverlay(exampleOverlay, "x.json", schemaModel).diagnostics.filter((d) => d.severity === "error"),
    ).toEqual([]);
  });

  it("rejects what the reader rejects", () => {
    expect(validate(entry, { notes: 3 })).not.toEqual([]);
    expect(validate(entry, { extra: true })).not.toEqual([]);
    expect(validate(entry, { examples: [{ title: "t" }] })).not.toEqual([]);
    expect(validate(entry, { requirements: { os: "x" } })).not.toEqual([]);
    expect(keys.test("A.B.C.D")).toBe(false);
    expect(keys.test("root/x:A.B")).toBe(true);
  });
});
