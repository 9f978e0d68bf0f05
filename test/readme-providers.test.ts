import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { load, typeCheck } from "./emit/ts/generated-project.js";
import { runCli } from "./helpers/cli.js";
import { tempTree } from "./helpers/tmp.js";
import { strictestOptions } from "./helpers/typecheck.js";

/**
 * The README's "Providers" section, done as it says: its configuration generates a project from schemas/, its
 * provider snippet replaces the created CreateSnapshot stub, its application is added, and the whole project
 * type-checks under the strictest settings and prints what the README's comments say. So the example cannot rot.
 */

const repo = join(import.meta.dirname, "..");
const readme = readFileSync(join(repo, "README.md"), "utf8");
const section = /\n## Providers\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
const blocks = (language: string) =>
  [...section.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\`\\n`, "g"))].map((m) => m[1] ?? "");

const userFile = "src/providers/root/virtualization/v2/Msvm_VirtualSystemSnapshotService.ts";

/** The created file with the README's imports added after its own and its CreateSnapshot stub replaced. */
function fillIn(created: string, snippet: string): string {
  const imports = snippet.split("\n").filter((l) => l.startsWith("import "));
  const method = /\n( {2}override async CreateSnapshot\([\s\S]*?\n {2}\}\n)/.exec(snippet)?.[1];
  const stub = /\n {2}override async CreateSnapshot\([\s\S]*?\n {2}\}\n/;
  if (imports.length === 0 || method === undefined || !stub.test(created))
    throw new Error("the README snippet or the created file lost its shape");
  const lastImport = created.lastIndexOf("\nimport ");
  const afterImports = created.indexOf("\n", lastImport + 1) + 1;
  const withImports = `${created.slice(0, afterImports)}${imports.join("\n")}\n${created.slice(afterImports)}`;
  return withImports.replace(stub, () => `\n${method}`);
}

describe("README: Providers", () => {
  it("has the configuration, the provider and the application", () => {
    expect(blocks("json")).toHaveLength(1);
    expect(blocks("ts").map((b) => b.split("\n")[0])).toEqual([
      `// ${userFile}: one import added, the stub replaced`,
      "// src/main.ts",
    ]);
  });

  it("generates, compiles under the strictest settings and prints what it says", async () => {
    const [json = "", provider = "", main = ""] = [...blocks("json"), ...blocks("ts")];
    const config = JSON.parse(json) as { inputs: string[] };
    expect(config.inputs).toEqual(["schemas/"]);
    const dir = tempTree({
      "mofgen.config.json": JSON.stringify({ ...config, inputs: [join(repo, "schemas")] }),
      "package.json": JSON.stringify({ type: "module" }),
      "tsconfig.json": JSON.stringify({ compilerOptions: strictestOptions, include: ["**/*.ts"] }),
    });
    const first = await runCli(["generate", "--no-docs"], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Created 1 provider implementation in src/providers/:\n  ${userFile}\n`);

    const created = readFileSync(join(dir, userFile), "utf8");
    // The class line the README shows is the created one.
    expect(created).toContain(provider.split("\n").find((l) => l.startsWith("export class")));
    const implemented = fillIn(created, provider);
    writeFileSync(join(dir, userFile), implemented);
    writeFileSync(join(dir, "src/main.ts"), main);

    // The file is the user's now: left alone, and no method is reported missing.
    const second = await runCli(["generate", "--no-docs"], dir);
    expect(second.stderr).toBe("");
    expect(readFileSync(join(dir, userFile), "utf8")).toBe(implemented);

    expect(typeCheck(dir)).toBe("");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await load(dir, "src/main.ts");
      expect(log.mock.calls.map((args) => format(...args))).toEqual([
        "4096 { InstanceID: 'snapshot-VM-1' }",
        "CIM_ERR_INVALID_PARAMETER: Msvm_VirtualSystemSnapshotService.CreateSnapshot: parameter SnapshotType: 70000 is not a uint16 (an integer from 0 to 65535)",
      ]);
      for (const args of log.mock.calls) expect(main).toContain(`// ${format(...args)}`);
    } finally {
      log.mockRestore();
    }
  }, 120_000);
});
