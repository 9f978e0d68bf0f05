import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

/** With the real emitters: the bundled schemas, generated twice and in two input orders, give one tree. */
const schemas = join(import.meta.dirname, "../../schemas");

function contents(root: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((p) => statSync(join(root, p)).isFile())
      .sort()
      .map((p) => [p.split("\\").join("/"), readFileSync(join(root, p), "utf8")]),
  );
}

describe("mofgen generate on schemas/", () => {
  it("is byte-identical across runs and input orders", async () => {
    const files = readdirSync(schemas)
      .filter((f) => f.endsWith(".mof"))
      .sort()
      .map((f) => join(schemas, f));
    expect(files.length).toBeGreaterThan(1);
    const dir = tempTree({});
    const first = await runCli(["generate", ...files, "--out", "a"], dir);
    expect(first.code, first.stderr).toBe(0);
    const tree = contents(join(dir, "a"));
    expect(tree).toHaveProperty([".mofgen-manifest.json"]);

    const again = await runCli(["generate", ...files, "--out", "a"], dir);
    expect(again.stdout).toMatch(/\(0 written, \d+ unchanged, 0 removed\)/);
    expect(contents(join(dir, "a"))).toEqual(tree);

    await runCli(["generate", ...[...files].reverse(), "--out", "b"], dir);
    expect(contents(join(dir, "b"))).toEqual(tree);
  });
});
