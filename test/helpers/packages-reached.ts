import { build } from "esbuild";

/** The npm packages an entry point's module graph reaches, found by bundling it without writing anything. */
export async function packagesReached(entry: string): Promise<Set<string>> {
  const result = await build({
    entryPoints: [entry],
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
