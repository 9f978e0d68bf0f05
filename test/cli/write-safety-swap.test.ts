import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { headlines, runCli } from "../helpers/cli.js";
import { fileTree, tempTree } from "../helpers/tmp.js";

/**
 * Planning refuses a symbolic link on the way to any file, but writing a large output takes seconds: a folder of
 * the output moved away and replaced by a link while the writer is at work must not let the files still to come
 * be written, renamed over the user's files or removed at the link's far end. Real runs, in this process: the
 * test write pause (MOFGEN_TEST_WRITE_PAUSE_MS) makes the writer yield between files, and the folder is replaced
 * once its first temporary file exists.
 */
const classes = (extra: string) =>
  Array.from({ length: 3 }, (_, i) => `class A${i} { [Key] string Id;${extra} };\n`).join("");
const isTemp = (path: string) => path.endsWith(".mofgen-tmp");

async function generateWhile(dir: string, replace: () => void) {
  let done = false;
  const run = runCli(["generate", "a.mof", "--out", "out", "--no-docs"], dir, {
    MOFGEN_TEST_WRITE_PAUSE_MS: "1",
  }).finally(() => {
    done = true;
  });
  while (!done && !fileTree(join(dir, "out/root/cimv2")).some(isTemp)) await new Promise((r) => setTimeout(r, 1));
  expect(done, "the run ended before it wrote a file in root/cimv2").toBe(false);
  replace();
  return run;
}

/** The three changed modules: A0's rename, A1's and A2's temporary files (the user's A1.ts and A2.ts stay). */
const replaced =
  "out/root/cimv2 - error MOF4912: cannot write 3 files in this folder and below: a folder on the way was " +
  "replaced (by a symbolic link or another folder) while mofgen was writing: nothing is written there";

describe("a folder of the output replaced by a symbolic link while the writer is at work", () => {
  it.each([
    ["the folder of the files", "out/root/cimv2", "elsewhere", "elsewhere"],
    ["a folder above it", "out/root", "elsewhere", "elsewhere/cimv2"],
  ])("%s: nothing written, renamed or created at the link's far end", async (_, folder, target, victim) => {
    const dir = tempTree({ "a.mof": classes("") });
    expect((await runCli(["generate", "a.mof", "--out", "out", "--no-docs"], dir)).code).toBe(0);
    const mine = { "A1.ts": "precious A1\n", "A2.ts": "precious A2\n" };
    const elsewhere = join(dir, victim);
    mkdirSync(elsewhere, { recursive: true });
    for (const [name, text] of Object.entries(mine)) writeFileSync(join(elsewhere, name), text);
    writeFileSync(join(dir, "a.mof"), classes(" string X;"));

    const run = await generateWhile(dir, () => {
      renameSync(join(dir, folder), join(dir, "moved"));
      symlinkSync(join(dir, target), join(dir, folder));
    });
    for (const [name, text] of Object.entries(mine)) expect(readFileSync(join(elsewhere, name), "utf8")).toBe(text);
    expect(fileTree(elsewhere)).toEqual(Object.keys(mine));
    expect(run.code).toBe(2);
    expect(headlines(run.stderr)).toEqual([replaced]);
  });
});
