import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The packages an entry point's module graph reaches, by bundling it without writing anything. */
async function packagesReached(entry: string): Promise<Set<string>> {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const packages = Object.keys(result.metafile.inputs)
    .map((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1])
    .filter((name): name is string => name !== undefined);
  return new Set(packages);
}

describe("library entry points", () => {
  it("keeps ts-morph and Handlebars out of `mofgen`, so compiling from code stays light", async () => {
    const reached = await packagesReached("src/index.ts");
    expect(reached.has("chevrotain")).toBe(true);
    expect(reached.has("ts-morph")).toBe(false);
    expect(reached.has("handlebars")).toBe(false);
  });

  it("has them in `mofgen/generate`", async () => {
    const reached = await packagesReached("src/generate.ts");
    expect(reached.has("ts-morph")).toBe(true);
    expect(reached.has("handlebars")).toBe(true);
  });
});
