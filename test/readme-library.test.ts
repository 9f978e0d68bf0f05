import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tempTree } from "./helpers/tmp.js";

/**
 * The README's "Library" program, run as written (its `mofgen` import pointed at src/index.ts) on the shipped
 * schemas: what it prints must be what its `// prints:` comments say.
 */
const repo = join(import.meta.dirname, "..");
const readme = readFileSync(join(repo, "README.md"), "utf8");
const section = /\n## Library\n([\s\S]*?)\n### /.exec(readme)?.[1] ?? "";
const program = /```ts\n([\s\S]*?)```\n/.exec(section)?.[1] ?? "";

afterEach(() => vi.restoreAllMocks());

/** What a snippet promises in its `// prints:` comments, in order. */
const promised = (snippet: string) => [...snippet.matchAll(/^\/\/ prints: (.*)$/gm)].map((m) => m[1]);

/** Run a README snippet as written, its `mofgen` import pointed at src/index.ts, and return what it printed. */
async function run(snippet: string, name: string): Promise<string[]> {
  const dir = tempTree({
    [name]: snippet.replace('from "mofgen"', `from ${JSON.stringify(join(repo, "src/index.ts"))}`),
  });
  const printed: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => void printed.push(String(line)));
  vi.spyOn(process.stdout, "write").mockImplementation((text: unknown) => printed.push(String(text)) > 0);
  await import(join(dir, name));
  return printed;
}

describe("README: Library", () => {
  it("prints what its comments say", async () => {
    expect(program).toContain('from "mofgen"');
    expect(promised(program).length).toBeGreaterThan(0);
    // "schemas/" is relative to the working directory, which vitest sets to the repository.
    expect(process.cwd()).toBe(repo);
    expect(await run(program, "library.ts")).toEqual(promised(program));
  });

  it("Resident mode: prints what its comments say", async () => {
    const resident = /\n### Resident mode\n[\s\S]*?```ts\n([\s\S]*?)```\n/.exec(readme)?.[1] ?? "";
    expect(resident).toContain("createSession");
    expect(promised(resident).length).toBe(2);
    expect(await run(resident, "resident.ts")).toEqual(promised(resident));
  });
});
