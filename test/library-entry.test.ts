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

  it("has them in `mofgen/generate`", async () => {
    const reached = await packagesReached("src/generate.ts");
    expect(reached.has("ts-morph")).toBe(true);
    expect(reached.has("handlebars")).toBe(true);
  });
});
