import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { GeneratedFile } from "../../../src/emit/ts/generated-file.js";
import { tempTree } from "../../helpers/tmp.js";
import { strictestOptions } from "../../helpers/typecheck.js";

/**
 * A user's project in a temporary directory: generated files under `generated/`, user provider files under
 * `providers/`, plus files the test writes; `@mofgen/runtime` resolves to this repository's runtime sources, both for
 * the type check (tsc with the strictest settings of test/helpers/typecheck.ts) and for running the code (an esbuild
 * bundle). Unlike that helper's, the directory stays for the test's life, so the code can be bundled and run.
 */

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const runtime = join(repo, "runtime/src/index.ts");

export const generatedImport = "../generated";

export function writeProject(files: readonly GeneratedFile[], extra: Record<string, string>): string {
  const tree: Record<string, string> = {
    "package.json": JSON.stringify({ type: "module" }),
    "tsconfig.json": JSON.stringify(tsconfig, null, 2),
    ...extra,
  };
  for (const f of files) tree[`${f.owner === "mofgen" ? "generated" : "providers"}/${f.path}`] = f.content;
  return tempTree(tree);
}

const tsconfig = { compilerOptions: strictestOptions, include: ["**/*.ts"] };

/** tsc's diagnostics for the project, or "" when it type-checks. */
export function typeCheck(dir: string): string {
  const tsc = join(repo, "node_modules/typescript/bin/tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
    return "";
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return `${stdout ?? ""}${stderr ?? ""}` || String(error);
  }
}

/** Bundle `entry` (with the runtime) and import it. */
export async function load<T>(dir: string, entry: string): Promise<T> {
  const outfile = join(dir, `${entry.replace(/\.ts$/, "")}.bundle.mjs`);
  await build({
    entryPoints: [join(dir, entry)],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile,
    alias: { "@mofgen/runtime": runtime },
    logLevel: "silent",
  });
  return (await import(pathToFileURL(outfile).href)) as T;
}

/** What a rejected call failed with (the bundle has its own CimError class, so this reads its fields). */
export async function failure(call: Promise<unknown>): Promise<{ status: string; detail: string }> {
  try {
    await call;
  } catch (error) {
    const { statusName, detail } = error as { statusName?: string; detail?: string };
    if (statusName === undefined) throw error;
    return { status: statusName, detail: detail ?? "" };
  }
  throw new Error("the call did not fail");
}

/** Replace the one stub body of `member` in a user provider file with `body`. */
export function implement(text: string, member: string, body: string): string {
  const stub = new RegExp(
    `(override async ${member}\\([^)]*\\): [^{]+\\{\\n)[^}]*?return super\\.${member}\\(input, context\\);\\n`,
  );
  if (!stub.test(text)) throw new Error(`no stub of ${member} in the user file`);
  return text.replace(stub, (_, head: string) => `${head}${body}`);
}
