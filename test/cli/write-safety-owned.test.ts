import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { manifestName } from "../../src/cli/generate-manifest.js";
import { planOutput } from "../../src/cli/write-output.js";
import { headlines, runCli } from "../helpers/cli.js";
import { fileTree, tempTree } from "../helpers/tmp.js";

/**
 * What stands at a path the manifest lists as mofgen's is not mofgen's for that alone: a directory made there
 * (with the user's files in it) is refused at planning, like a file in the way of a folder (MOF4911), so that
 * nothing is written rather than the output half written. Real runs on the real file system (`--no-docs`).
 */
const mof = "class A { [Key] string Id; };\nclass B { [Key] string Id; };\n";
const edited = "class A { [Key] string Id; string X; };\nclass B { [Key] string Id; string Y; };\n";
const generate = (dir: string, ...args: string[]) =>
  runCli(["generate", "a.mof", "--out", "out", "--no-docs", ...args], dir);

/** Every file below `root` with its text. */
function contents(root: string): Record<string, string> {
  return Object.fromEntries(fileTree(root).map((p) => [p, readFileSync(join(root, p), "utf8")]));
}

const isDirectory = (path: string) =>
  `${path} - error MOF4911: is a directory where mofgen must write a file: mofgen never removes a directory ` +
  "(or what it holds) to make room for a file; move it or choose another output directory";

describe("a directory at the place of a file that mofgen writes", () => {
  it("is refused at planning when the manifest lists the path: nothing written, the directory untouched", async () => {
    const dir = tempTree({ "a.mof": mof });
    expect((await generate(dir)).code).toBe(0);
    rmSync(join(dir, "out/root/cimv2/B.ts"));
    mkdirSync(join(dir, "out/root/cimv2/B.ts"));
    writeFileSync(join(dir, "out/root/cimv2/B.ts/mine.txt"), "precious\n");
    // Both classes change: without the check, A.ts was written and B.ts failed (half an output, exit 2).
    writeFileSync(join(dir, "a.mof"), edited);
    const before = contents(join(dir, "out"));

    const run = await generate(dir);
    expect(run.code).toBe(1);
    expect(headlines(run.stderr)).toEqual([isDirectory("out/root/cimv2/B.ts")]);
    expect(run.stdout).toBe("Nothing written to out/.\n");
    expect(contents(join(dir, "out"))).toEqual(before);
    expect(before["root/cimv2/B.ts/mine.txt"]).toBe("precious\n");

    const check = await generate(dir, "--check");
    expect(check.code).toBe(1);
    expect(headlines(check.stderr)).toEqual([isDirectory("out/root/cimv2/B.ts")]);
  });

  it("is refused the same way where no manifest lists the path", async () => {
    const dir = tempTree({ "a.mof": mof, "out/root/cimv2/A.ts/mine.txt": "precious\n" });
    const run = await generate(dir);
    expect(run.code).toBe(1);
    expect(headlines(run.stderr)).toEqual([isDirectory("out/root/cimv2/A.ts")]);
    expect(fileTree(join(dir, "out"))).toEqual(["root/cimv2/A.ts/mine.txt"]);
  });

  it("is refused at the manifest's own place, before any file is written", async () => {
    const dir = tempTree({ "a.mof": mof });
    expect((await generate(dir)).code).toBe(0);
    rmSync(join(dir, "out", manifestName));
    mkdirSync(join(dir, "out", manifestName));
    writeFileSync(join(dir, "out", manifestName, "mine.txt"), "precious\n");
    writeFileSync(join(dir, "a.mof"), edited);
    const before = contents(join(dir, "out"));

    const run = await generate(dir);
    expect(run.code).toBe(1);
    expect(headlines(run.stderr)).toContain(isDirectory(`out/${manifestName}`));
    expect(run.stdout).toBe("Nothing written to out/.\n");
    expect(contents(join(dir, "out"))).toEqual(before);
  });

  it("is left as it is at a listed path the run no longer writes, and no longer listed", async () => {
    const dir = tempTree({ "a.mof": mof });
    expect((await generate(dir)).code).toBe(0);
    rmSync(join(dir, "out/root/cimv2/B.ts"));
    mkdirSync(join(dir, "out/root/cimv2/B.ts"));
    writeFileSync(join(dir, "out/root/cimv2/B.ts/mine.txt"), "precious\n");
    writeFileSync(join(dir, "a.mof"), "class A { [Key] string Id; };\n");

    const run = await generate(dir);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(readFileSync(join(dir, "out/root/cimv2/B.ts/mine.txt"), "utf8")).toBe("precious\n");
    const listed = (JSON.parse(readFileSync(join(dir, "out", manifestName), "utf8")) as { files: string[] }).files;
    expect(listed).not.toContain("root/cimv2/B.ts");
    expect((await generate(dir, "--check")).code).toBe(0);
  });
});

/** The file's text without its first `lines` lines (mofgen's header), plus the user's edit. */
function takeHeaderOut(path: string, lines: number, edit: string): string {
  const text = `${readFileSync(path, "utf8").split("\n").slice(lines).join("\n")}${edit}`;
  writeFileSync(path, text);
  return text;
}

const headerRemoved = (path: string) =>
  `${path} - error MOF4921: was written by mofgen (the manifest lists it) but no longer starts with mofgen's ` +
  "generated header, which the new file has: it may hold your edits, so mofgen will not overwrite it; delete it " +
  "to have mofgen write it again, or move it out of the output directory to keep it";

describe("a file that the manifest lists but whose generated header was taken out", () => {
  it("is not overwritten: an error that says how to go on, nothing written; deleted, it is written again", async () => {
    const dir = tempTree({ "a.mof": mof });
    expect((await generate(dir)).code).toBe(0);
    const mine = takeHeaderOut(join(dir, "out/root/cimv2/A.ts"), 2, "// my change\n");
    writeFileSync(join(dir, "a.mof"), edited);
    const before = contents(join(dir, "out"));

    const run = await generate(dir);
    expect(run.code).toBe(1);
    expect(headlines(run.stderr)).toEqual([headerRemoved("out/root/cimv2/A.ts")]);
    expect(run.stdout).toBe("Nothing written to out/.\n");
    expect(contents(join(dir, "out"))).toEqual(before);
    expect(readFileSync(join(dir, "out/root/cimv2/A.ts"), "utf8")).toBe(mine);
    const check = await generate(dir, "--check");
    expect([check.code, headlines(check.stderr)]).toEqual([1, [headerRemoved("out/root/cimv2/A.ts")]]);

    rmSync(join(dir, "out/root/cimv2/A.ts"));
    expect((await generate(dir)).code).toBe(0);
    expect(readFileSync(join(dir, "out/root/cimv2/A.ts"), "utf8")).toMatch(/^\/\/ Generated by mofgen from /);
  });

  it("is not removed when the run no longer produces it: left, no longer listed, with a warning", async () => {
    const dir = tempTree({ "a.mof": mof });
    const docs = (...args: string[]) => runCli(["generate", "a.mof", "--out", "out", ...args], dir);
    expect((await docs()).code).toBe(0);
    const mine = takeHeaderOut(join(dir, "out/docs/root.cimv2/b.md"), 1, "My notes on B.\n");
    const code = takeHeaderOut(join(dir, "out/root/cimv2/B.ts"), 2, "// mine now\n");
    writeFileSync(join(dir, "a.mof"), "class A { [Key] string Id; };\n");

    const run = await docs();
    expect(run.code).toBe(0);
    expect(headlines(run.stderr)).toEqual(
      ["out/docs/root.cimv2/b.md", "out/root/cimv2/B.ts"].map(
        (path) =>
          `${path} - warning MOF4922: was written by mofgen (the manifest lists it) but no longer starts with ` +
          "mofgen's generated header, and this run no longer produces it: it may hold your edits, so mofgen " +
          "leaves it and no longer lists it; delete it if it is stale",
      ),
    );
    expect(readFileSync(join(dir, "out/docs/root.cimv2/b.md"), "utf8")).toBe(mine);
    expect(readFileSync(join(dir, "out/root/cimv2/B.ts"), "utf8")).toBe(code);
    const listed = (JSON.parse(readFileSync(join(dir, "out", manifestName), "utf8")) as { files: string[] }).files;
    expect(listed.filter((p) => /[bB]\.(md|ts)$/.test(p))).toEqual([]);
    // Now the user's files like any other: the next runs say nothing of them.
    expect(await docs()).toMatchObject({ code: 0, stderr: "" });
    expect((await docs("--check")).code).toBe(0);
  });

  it("is overwritten when it is empty (nothing to lose) or when it still has the header", async () => {
    const dir = tempTree({ "a.mof": mof });
    expect((await generate(dir)).code).toBe(0);
    writeFileSync(join(dir, "out/root/cimv2/A.ts"), "");
    writeFileSync(join(dir, "out/root/cimv2/B.ts"), `${readFileSync(join(dir, "out/root/cimv2/B.ts"), "utf8")}// x\n`);
    writeFileSync(join(dir, "a.mof"), edited);
    expect(await generate(dir)).toMatchObject({ code: 0, stderr: "" });
    expect((await generate(dir, "--check")).code).toBe(0);
  });

  it("is rewritten or removed when the run's files of its kind have no header either (a template without {{generatedNote}})", async () => {
    // A page such a template makes has no header to lose. The manifest records those pages (below); one written
    // before it did has no such record, and then the new pages tell: they have no header either.
    const dir = tempTree({ "a.mof": mof, "tpl/class.hbs": "# {{title}}\n\n{{description}}\n" });
    const docs = () => runCli(["docs", "a.mof", "--out", "pages", "--templates", "tpl"], dir);
    expect((await docs()).code).toBe(0);
    const manifestPath = join(dir, "pages", manifestName);
    const { files } = JSON.parse(readFileSync(manifestPath, "utf8")) as { files: string[] };
    writeFileSync(manifestPath, JSON.stringify({ files }));
    const page = join(dir, "pages/root.cimv2/a.md");
    expect(readFileSync(page, "utf8")).toMatch(/^# /);
    writeFileSync(join(dir, "a.mof"), '[Description("Now described.")] class A { [Key] string Id; };\n');
    const run = await docs();
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(readFileSync(page, "utf8")).toContain("Now described.");
    expect(fileTree(join(dir, "pages/root.cimv2"))).toEqual(["README.md", "a.md"]);
  });
});

describe("files that mofgen writes without its header (a template without {{generatedNote}})", () => {
  const listing = (dir: string) =>
    JSON.parse(readFileSync(join(dir, "pages", manifestName), "utf8")) as { files: string[]; headerless?: string[] };

  it("are recorded in the manifest, so that a run with the default templates rewrites and removes them", async () => {
    const dir = tempTree({ "a.mof": mof, "tpl/class.hbs": "# {{title}}\n" });
    const docs = (...args: string[]) => runCli(["docs", "a.mof", "--out", "pages", ...args], dir);
    expect((await docs("--templates", "tpl")).code).toBe(0);
    expect(listing(dir).headerless).toEqual(["root.cimv2/a.md", "root.cimv2/b.md"]);
    // The default templates head every page; a.md is rewritten with the header, b.md (class B gone) removed.
    writeFileSync(join(dir, "a.mof"), "class A { [Key] string Id; };\n");
    const run = await docs();
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(readFileSync(join(dir, "pages/root.cimv2/a.md"), "utf8")).toMatch(/^<!-- Generated by mofgen from /);
    expect(fileTree(join(dir, "pages"))).toEqual([
      manifestName,
      "README.md",
      "root.cimv2/README.md",
      "root.cimv2/a.md",
    ]);
    expect(listing(dir).headerless).toBeUndefined();
  });

  it("is a list that a damaged manifest cannot use to name other files", async () => {
    const dir = tempTree({ "a.mof": mof });
    expect((await generate(dir)).code).toBe(0);
    const path = join(dir, "out", manifestName);
    const manifest = JSON.parse(readFileSync(path, "utf8")) as { files: string[] };
    writeFileSync(path, JSON.stringify({ ...manifest, headerless: ["elsewhere.ts"] }));
    const run = await generate(dir, "--check");
    expect(headlines(run.stderr)).toEqual([
      `out/${manifestName} - warning MOF4913: manifest ignored ('headerless' names paths that 'files' does not list): files mofgen wrote before are recognised by their header only`,
    ]);
  });
});

describe("the header of a file of mofgen's", () => {
  it("is found past the first probe when its first line is long (a long 'generated from' list)", () => {
    const outDir = join(tempTree({}), "out");
    const header = `// Generated by mofgen from the namespaces ${"root/n, ".repeat(400)}root/z.\n// Do not edit: mofgen rewrites this file on every run.\n`;
    expect(header.length).toBeGreaterThan(2048);
    mkdirSync(outDir);
    writeFileSync(join(outDir, "index.ts"), `${header}export {};\n`);
    writeFileSync(join(outDir, manifestName), JSON.stringify({ files: ["index.ts"] }));
    const plan = planOutput([{ path: "index.ts", owner: "mofgen", content: `${header}export const a = 1;\n` }], {
      outDir,
    });
    expect(plan.diagnostics).toEqual([]);
    expect(plan.files).toMatchObject([{ path: "index.ts", change: "change" }]);
  });
});
