import { readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { noTemplates } from "../../src/cli/docs-inputs.js";
import { compilerBuild, generateCache } from "../../src/cli/generate-cache.js";
import { readEntry, writeEntry } from "../../src/cli/generate-cache-file.js";
import { resolveSettings } from "../../src/cli/generate-settings.js";
import { runCli } from "../helpers/cli.js";
import { tempTree, fileTree as tree } from "../helpers/tmp.js";

/**
 * The generate cache (src/cli/generate-cache.ts), with the real emitters: output with and without it is byte for
 * byte the same, a run on unchanged input is answered from it, and any change to what decides the output
 * (a MOF file, an included file, a folder's listing, an option, the mofgen build) is a miss.
 */
function contents(root: string): Record<string, string> {
  return Object.fromEntries(tree(root).map((p) => [p, readFileSync(join(root, p), "utf8")]));
}

const roll = {
  "all.mof": '#pragma include ("classes/a.mof")\n#pragma include ("classes/b.mof")\n',
  // MOF3012 (a warning): the cache must replay it with its code frame.
  "classes/a.mof": 'class A { [ValueMap{"1","1"}, Values{"a","b"}] uint8 P; };\n',
  "classes/b.mof": "class B : A { string Q; };\n",
};

const marker = "// answered from the cache\n";

/** The one entry in a cache folder. */
function entryPath(cacheDir: string): string {
  const [name] = readdirSync(cacheDir).filter((n) => n.endsWith(".cache"));
  if (name === undefined) throw new Error(`no cache entry in ${cacheDir}`);
  return join(cacheDir, name);
}

/** Mark one stored file, so that a run that takes its files from the cache shows it in the output. */
function markCachedOutput(cacheDir: string): void {
  const path = entryPath(cacheDir);
  const entry = readEntry(path, (meta) => meta);
  if (entry === undefined) throw new Error(`${path} is not a whole entry`);
  const files = entry.files.map((f) => (f.path === "root/cimv2/B.ts" ? { ...f, content: f.content + marker } : f));
  rmSync(path);
  writeEntry(path, entry.value, files);
}

const outB = (dir: string) => readFileSync(join(dir, "out/root/cimv2/B.ts"), "utf8");

describe("mofgen generate with the cache", () => {
  it("writes byte-identical output and diagnostics with and without the cache", async () => {
    const dir = tempTree(roll);
    const args = ["generate", "all.mof", "--out", "out"];
    const plain = await runCli(args, dir, { MOFGEN_CACHE: "0", MOFGEN_CACHE_DIR: "cache" });
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(/warning MOF3012/);
    expect(tree(join(dir, "cache"))).toEqual([]);
    const without = contents(join(dir, "out"));

    const env = { MOFGEN_CACHE_DIR: "cache" };
    const first = await runCli([...args, "--out", "out2"], dir, env);
    const second = await runCli([...args, "--out", "out2"], dir, env);
    expect(tree(join(dir, "cache"))).toHaveLength(1);
    for (const run of [first, second]) {
      expect(run.code).toBe(0);
      expect(run.stderr.replaceAll("out2/", "out/")).toBe(plain.stderr);
    }
    expect(contents(join(dir, "out2"))).toEqual(without);
    expect(second.stdout).toMatch(/\(0 written, \d+ unchanged, 0 removed\)/);
    const check = await runCli([...args, "--out", "out2", "--check"], dir, env);
    expect(check.code).toBe(0);
    expect(check.stderr.replaceAll("out2/", "out/")).toBe(plain.stderr);
  });

  it("answers an unchanged run from the cache, and misses after any change that decides the output", async () => {
    const dir = tempTree(roll);
    const env = { MOFGEN_CACHE_DIR: "cache" };
    const cache = join(dir, "cache");
    const generate = async (...extra: string[]) => {
      const run = await runCli(["generate", "all.mof", "--out", "out", ...extra], dir, env);
      expect(run.code, run.stderr).toBe(0);
    };
    await generate();
    markCachedOutput(cache);
    await generate();
    expect(outB(dir)).toContain(marker);
    // --check compares what the cache holds with the folder: the marked file is what it expects.
    expect((await runCli(["generate", "all.mof", "--out", "out", "--check"], dir, env)).code).toBe(0);

    const changes: [string, () => void][] = [
      ["an included file", () => writeFileSync(join(dir, "classes/b.mof"), "class B : A { string R; };\n")],
      ["a folder an include could come from", () => writeFileSync(join(dir, "classes/new.mof"), "class N { };\n")],
      ["the roll-up", () => writeFileSync(join(dir, "all.mof"), `${roll["all.mof"]}// a comment\n`)],
    ];
    for (const [what, change] of changes) {
      markCachedOutput(cache);
      change();
      await generate();
      expect(outB(dir), what).not.toContain(marker);
    }
    // An option: the key differs, so the entry (marked) is not used. The diagnostics options decide which
    // warnings the cache replays, and the docs style decides the pages.
    for (const option of [["--diagnostic", "MOF3012=off"], ["--quiet"]]) {
      markCachedOutput(cache);
      await generate(...option);
      expect(outB(dir), option.join(" ")).not.toContain(marker);
    }
    const styled = async (style: string) => {
      writeFileSync(join(dir, "styled.json"), JSON.stringify({ inputs: ["all.mof"], out: "out", docs: { style } }));
      const run = await runCli(["generate", "--config", "styled.json"], dir, env);
      expect(run.code, run.stderr).toBe(0);
    };
    await styled("microsoft");
    markCachedOutput(cache);
    await styled("dmtf");
    expect(outB(dir), "docs.style").not.toContain(marker);
    // --no-docs removes the pages.
    markCachedOutput(cache);
    await generate("--no-docs");
    expect(outB(dir)).not.toContain(marker);
    expect(tree(join(dir, "out")).some((p) => p.startsWith("docs/"))).toBe(false);
  });

  it("keys entries by the mofgen build: another version or build never reads this one's entry", async () => {
    const dir = tempTree(roll);
    const env = { MOFGEN_CACHE_DIR: "cache" };
    const io = { stdout: () => {}, stderr: () => {}, cwd: dir, env, stdoutIsTty: false };
    const resolved = resolveSettings({ paths: ["all.mof"], out: "out" }, dir);
    if (resolved.settings === undefined) throw new Error("settings did not resolve");
    const settings = resolved.settings;
    const build = compilerBuild();
    expect(build).toMatch(/^\d+\.\d+\.\d+ source$/);
    await runCli(["generate", "all.mof", "--out", "out"], dir, env);
    expect(generateCache(settings, noTemplates, io, build)?.lookup()?.files.length).toBeGreaterThan(0);
    expect(generateCache(settings, noTemplates, io, "0.0.1 source")?.lookup()).toBeUndefined();
    expect(generateCache(settings, noTemplates, io, `${build.split(" ")[0]} 0123abcd`)?.lookup()).toBeUndefined();
    // A damaged entry is a miss, never an error.
    writeFileSync(entryPath(join(dir, "cache")), "{ truncated");
    expect(generateCache(settings, noTemplates, io, build)?.lookup()).toBeUndefined();
    const again = await runCli(["generate", "all.mof", "--out", "out"], dir, env);
    expect(again.code).toBe(0);
    expect(generateCache(settings, noTemplates, io, build)?.lookup()).toBeDefined();
  });

  it("takes a truncated or damaged entry for a miss: the run compiles, and writes what it computed", async () => {
    const dir = tempTree(roll);
    const env = { MOFGEN_CACHE_DIR: "cache" };
    const cache = join(dir, "cache");
    const generate = async () => {
      const run = await runCli(["generate", "all.mof", "--out", "out"], dir, env);
      expect(run.code, run.stderr).toBe(0);
      return run;
    };
    await generate();
    const expected = outB(dir);
    const damages: [string, (entry: Buffer) => Buffer][] = [
      ["cut inside a content", (entry) => entry.subarray(0, entry.indexOf("class B") + 4)],
      ["cut before the digest", (entry) => entry.subarray(0, entry.length - 65)],
      [
        "a byte of a content changed",
        (entry) => {
          const damaged = Buffer.from(entry);
          damaged[entry.indexOf(marker.trim())] = "/".charCodeAt(0) ^ 1;
          return damaged;
        },
      ],
    ];
    for (const [what, damage] of damages) {
      markCachedOutput(cache);
      const path = entryPath(cache);
      writeFileSync(path, damage(readFileSync(path)));
      const run = await generate();
      expect(outB(dir), what).toBe(expected);
      expect(run.stdout, what).toMatch(/\(0 written, \d+ unchanged, 0 removed\)/);
      // The full run stored a whole entry again.
      expect(
        readEntry(path, (meta) => meta),
        what,
      ).toBeDefined();
    }
    truncateSync(entryPath(cache), 0);
    await generate();
    expect(outB(dir)).toBe(expected);
  });

  it("replaces the entry an older mofgen kept for the output folder in one JSON document", async () => {
    const dir = tempTree(roll);
    const env = { MOFGEN_CACHE_DIR: "cache" };
    await runCli(["generate", "all.mof", "--out", "out"], dir, env);
    const legacy = entryPath(join(dir, "cache")).replace(/\.cache$/, ".json");
    writeFileSync(legacy, JSON.stringify({ key: "old", files: [] }));
    rmSync(entryPath(join(dir, "cache")));
    await runCli(["generate", "all.mof", "--out", "out"], dir, env);
    expect(readdirSync(join(dir, "cache")).filter((n) => !n.endsWith(".bin"))).toEqual([
      legacy
        .split("/")
        .pop()
        ?.replace(/\.json$/, ".cache"),
    ]);
  });

  it("records the same pages without mofgen's header from the cache as from a compile (a template without {{generatedNote}})", async () => {
    const config = { inputs: ["all.mof"], out: "out", docs: { templates: "tpl" } };
    const dir = tempTree({ ...roll, "tpl/class.hbs": "# {{title}}\n", "cfg.json": JSON.stringify(config) });
    const env = { MOFGEN_CACHE_DIR: "cache" };
    const generate = async (...extra: string[]) => {
      const run = await runCli(["generate", "--config", "cfg.json", ...extra], dir, env);
      expect(run.code, run.stderr).toBe(0);
      return run;
    };
    await generate();
    const compiled = contents(join(dir, "out"));
    expect(compiled[".mofgen-manifest.json"]).toContain('"headerless"');
    markCachedOutput(join(dir, "cache"));
    rmSync(join(dir, "out"), { recursive: true });
    await generate();
    const cached = contents(join(dir, "out"));
    expect(cached["root/cimv2/B.ts"]).toBe(`${compiled["root/cimv2/B.ts"]}${marker}`);
    expect({ ...cached, "root/cimv2/B.ts": "" }).toEqual({ ...compiled, "root/cimv2/B.ts": "" });
    expect((await generate()).stdout).toMatch(/\(0 written, \d+ unchanged, 0 removed\)/);
    expect((await generate("--check")).code).toBe(0);
  });
});
