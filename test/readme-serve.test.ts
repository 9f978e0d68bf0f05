import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { typeCheck } from "./emit/ts/generated-project.js";
import { tempTree } from "./helpers/tmp.js";
import { strictestOptions } from "./helpers/typecheck.js";

/**
 * The README's "Serve your providers" section, done as it says: its server program (against the generated/ that
 * the Providers section's configuration produces from schemas/) type-checks under the strictest settings (less the one the runtime's sources do not follow), runs on a
 * free port, and answers the wbemcli commands shown with the output shown; the example host starts with the command
 * shown, prints the line shown, and stops on SIGTERM. Ports are masked as 5988.
 */
const repo = join(import.meta.dirname, "..");
const readme = readFileSync(join(repo, "README.md"), "utf8");
const section = /\n## Serve your providers\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```\n/g)].map((m) => ({ language: m[1], text: m[2] ?? "" }));
const program = blocks.find((b) => b.language === "ts")?.text ?? "";
const [session = "", exampleSession = "", wsmanSession = ""] = blocks
  .filter((b) => b.language === "")
  .map((b) => b.text);
const run = promisify(execFile);

/** `$ command` lines with the output under each. */
function transcript(text: string): { command: string; output: string }[] {
  return text
    .split(/^\$ /m)
    .slice(1)
    .map((part) => {
      const [command = "", ...output] = part.split("\n");
      return { command, output: output.join("\n").trimEnd() };
    });
}

/** The first stdout line of a child, and the child. */
function started(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout?.on("data", (d) => {
      text += String(d);
      if (text.includes("\n")) resolve(text.split("\n")[0] ?? "");
    });
    child.on("exit", (code) => reject(new Error(`exited ${code} before printing: ${text}`)));
  });
}

function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<{ code: number | null; rest: string }> {
  let rest = "";
  child.stdout?.on("data", (d) => {
    rest += String(d);
  });
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve({ code, rest }));
    child.kill(signal);
  });
}

const runtimeSources = {
  name: "runtime-sources",
  setup(b: import("esbuild").PluginBuild) {
    b.onResolve({ filter: /^@mofgen\/runtime(\/[a-z]+)?$/ }, (args) => ({
      path: join(repo, "runtime/src", args.path.slice("@mofgen/runtime".length), "index.ts"),
    }));
  },
};

describe("README: Serve your providers", () => {
  it("has the program, a wbemcli session and the example host's command", () => {
    expect(program.split("\n")[0]).toBe("// src/serve.ts");
    expect(transcript(session).map((c) => c.command.split(" ")[0])).toEqual([
      "CIM_PASSWORD=s3cret",
      "wbemcli",
      "wbemcli",
    ]);
    expect(transcript(exampleSession).map((c) => c.command)).toEqual([
      "npm run example:host -- --port 5988 --user admin --password s3cret",
    ]);
    expect(transcript(wsmanSession).map((c) => c.command.split(" ")[0])).toEqual(["curl"]);
  });

  it.concurrent("type-checks, serves, answers wbemcli as shown and closes on SIGINT", async () => {
    // The program sits where the Providers section's project has it, beside the generated/ of schemas/.
    const source = program.replaceAll('"../generated/', `"${join(repo, "generated")}/`);
    const dir = tempTree({
      "src/serve.ts": source,
      "package.json": JSON.stringify({ type: "module" }),
      "tsconfig.json": JSON.stringify({
        compilerOptions: {
          ...strictestOptions,
          // The runtime's sources are checked with the program, under the runtime's own settings: they do not use
          // noPropertyAccessFromIndexSignature, and saxes's .d.ts fails TypeScript 7's library check.
          noPropertyAccessFromIndexSignature: false,
          skipLibCheck: true,
          paths: {
            ...strictestOptions.paths,
            "@mofgen/runtime/server": [join(repo, "runtime/dist/server/index.d.ts")],
          },
        },
        files: ["src/serve.ts"],
      }),
    });
    expect(typeCheck(dir)).toBe("");
    const outfile = join(dir, "serve.mjs");
    await build({
      entryPoints: [join(dir, "src/serve.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      outfile,
      plugins: [runtimeSources],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: "silent",
    });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    const [start, ...commands] = transcript(session);
    const child = spawn(process.execPath, [outfile], { env: { ...process.env, PORT: "0", CIM_PASSWORD: "s3cret" } });
    const line = await started(child);
    const port = /:(\d+)\/cimom$/.exec(line)?.[1] ?? "";
    try {
      expect(line.replace(`:${port}/`, ":5988/")).toBe(start?.output);
      for (const { command, output } of commands) {
        const url = /'([^']+)'/.exec(command)?.[1] ?? "";
        const result = await run("wbemcli", ["ein", url.replace(":5988/", `:${port}/`)]).catch(
          (e: { stdout: string; stderr: string }) => e,
        );
        expect(`${result.stdout}${result.stderr}`.trimEnd().replaceAll(`:${port}/`, ":5988/")).toBe(output);
      }
    } finally {
      const end = await stopped(child, "SIGINT");
      expect(end).toEqual({ code: 0, rest: "closed\n" });
    }
  });

  it.concurrent("npm run example:host prints its URL and stops on SIGTERM", async () => {
    const [{ command, output } = { command: "", output: "" }] = transcript(exampleSession);
    const args = command.split(" -- ")[1]?.split(" ") ?? [];
    const child = spawn(process.execPath, [
      join(repo, "scripts/example.mjs"),
      "hyperv-host",
      ...args.map((a) => (a === "5988" ? "0" : a)),
    ]);
    const line = await started(child);
    const port = /:(\d+)\/cimom/.exec(line)?.[1] ?? "";
    expect(line.replaceAll(`:${port}/`, ":5988/")).toBe(output);
    // The README's WS-Management request, sent to it with curl as written (the port aside).
    for (const { command, output: answer } of transcript(wsmanSession)) {
      const result = await run("sh", ["-c", command.replace(":5988/", `:${port}/`)]);
      expect(result.stdout.trimEnd()).toBe(answer);
    }
    expect(await stopped(child, "SIGTERM")).toEqual({ code: 0, rest: "stopped\n" });
  });
});
