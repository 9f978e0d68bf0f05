import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { packagesReached as reachedFrom } from "./helpers/packages-reached.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const packagesReached = (entry: string) => reachedFrom(join(root, entry));

describe("library entry points", () => {
  it("keeps ts-morph and Handlebars out of `mofgen`, so compiling from code stays light", async () => {
    const reached = await packagesReached("src/index.ts");
    expect(reached.has("chevrotain")).toBe(true);
    expect(reached.has("ts-morph")).toBe(false);
    expect(reached.has("handlebars")).toBe(false);
  });

  it("has Handlebars in `mofgen/generate`, and no ts-morph: TypeScript is printed as text", async () => {
    const reached = await packagesReached("src/generate.ts");
    expect(reached.has("ts-morph")).toBe(false);
    expect(reached.has("handlebars")).toBe(true);
  });

  it("loads ts-morph for `generate` only through the reader of the user's provider files", async () => {
    for (const emitter of ["src/emit/ts/generate.ts", "src/emit/ts/provider-modules.ts"])
      expect((await packagesReached(emitter)).has("ts-morph"), emitter).toBe(false);
    expect((await packagesReached("src/emit/ts/provider-check.ts")).has("ts-morph")).toBe(true);
  });
});
