import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { tempTree } from "../helpers/tmp.js";

/**
 * `mofgen model` of a deep inheritance chain: every class lists its effective members, so the JSON grows with
 * the square of the depth (2,000 classes in 75 KB of MOF print 675 MB, beyond V8's largest string). The
 * JSON is written in chunks as it is built.
 */
const bin = join(import.meta.dirname, "../../bin/mofgen.js");

function chain(depth: number): string {
  let mof = "class C0 { string P0; };\n";
  for (let i = 1; i < depth; i++) mof += `class C${i} : C${i - 1} { string P${i}; };\n`;
  return mof;
}

describe("mofgen model of a deep inheritance chain", () => {
  it("writes the JSON in bounded chunks, the same bytes as one JSON.stringify", async () => {
    const dir = tempTree({ "chain.mof": chain(150) });
    const chunks: string[] = [];
    const io: CliIo = { stdout: (t) => chunks.push(t), stderr: () => {}, cwd: dir, env: {}, stdoutIsTty: false };
    expect(await main(["model", "chain.mof"], io)).toBe(0);
    const text = chunks.join("");
    // 150 classes with 1 + 2 + ... + 150 properties: about 3.7 MB, which used to be one string.
    expect(text.length).toBeGreaterThan(3_000_000);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(256 * 1024);
    const model = JSON.parse(text);
    expect(model.classes).toHaveLength(150);
    const properties = model.classes.reduce((n: number, c: { properties: unknown[] }) => n + c.properties.length, 0);
    expect(properties).toBe((150 * 151) / 2);
    expect(text).toBe(`${JSON.stringify(model, null, 2)}\n`);
  });

  it("stops quietly with exit 0 when the reader closes the pipe (2,000 classes, a 256 MB heap)", async () => {
    const dir = tempTree({ "chain.mof": chain(2000) });
    const child = spawn(process.execPath, ["--max-old-space-size=256", bin, "model", "chain.mof"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString("utf8");
    });
    let received = 0;
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    // Read the first megabyte, then close the pipe, as `mofgen model chain.mof | head -c 1M` does.
    child.stdout.on("data", (b: Buffer) => {
      received += b.length;
      if (received >= 1024 * 1024) child.stdout.destroy();
    });
    const code = await exited;
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(received).toBeGreaterThanOrEqual(1024 * 1024);
  }, 60_000);
});
