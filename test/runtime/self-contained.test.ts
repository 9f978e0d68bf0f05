import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** Generated code imports the runtime; it must not pull in the compiler (or anything else) with it. */
describe("src/runtime is self-contained", () => {
  const dir = new URL("../../runtime/src/", import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

  it.each(files)("%s imports only its siblings", (file) => {
    const text = readFileSync(new URL(file, dir), "utf8");
    const specifiers = [...text.matchAll(/\b(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/g)].map((m) => m[1]);
    expect(specifiers.filter((s) => !/^\.\/[a-z-]+\.js$/.test(s ?? ""))).toEqual([]);
  });

  it("exports every module from index.ts", () => {
    const index = readFileSync(new URL("index.ts", dir), "utf8");
    const exported = [...index.matchAll(/export \* from "\.\/([a-z-]+)\.js"/g)].map((m) => `${m[1]}.ts`);
    expect(exported.sort()).toEqual(files.filter((f) => f !== "index.ts").sort());
  });
});
