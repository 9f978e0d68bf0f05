import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

/**
 * Golden files of the text and Markdown formats for a small pair of schemas (fixtures/small/v1.mof and
 * v2.mof), run through the whole command as a user runs it. Compared exactly; after a reviewed change of
 * the format, update them with `npx vitest run test/diff -u` and read the diff.
 */
const dir = join(import.meta.dirname, "fixtures/small");

describe("diff formats (golden)", () => {
  it("text: grouped by class, no colour when not on a terminal", async () => {
    const r = await runCli(["diff", "v1.mof", "v2.mof"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("\u001b[");
    await expect(r.stdout).toMatchFileSnapshot("expected/small.txt");
  });

  it("markdown: the layout of a What's new page", async () => {
    const r = await runCli(["diff", "--format", "markdown", "v1.mof", "v2.mof"], dir);
    expect(r.code).toBe(1);
    await expect(r.stdout).toMatchFileSnapshot("expected/small.md");
  });

  it("markdown: the sides named by --old-label/--new-label, elements linked under --docs-base", async () => {
    const args = ["--old-label", "Version 1", "--new-label", "Version 2 <beta>", "--docs-base", "https://x.test/ref"];
    const r = await runCli(["diff", "--format", "markdown", ...args, "v1.mof", "v2.mof"], dir);
    expect(r.code).toBe(1);
    await expect(r.stdout).toMatchFileSnapshot("expected/small-linked.md");
  });

  it("markdown: a --docs-base with spaces or parentheses still makes links (percent-encoded)", async () => {
    const args = ["--format", "markdown", "--docs-base", "../My Reference (v2)", "v1.mof", "v2.mof"];
    const r = await runCli(["diff", ...args], dir);
    expect(r.stdout).toContain("](../My%20Reference%20%28v2%29/root.sample.v1/sample-checkpoint.md)");
    expect(r.stdout).not.toContain("My Reference");
  });

  it("text: colours criticalities on a terminal, never with NO_COLOR", async () => {
    const tty = await runCli(["diff", "v1.mof", "v2.mof"], dir, {}, true);
    expect(tty.stdout).toContain("\u001b[31mbreaking");
    const noColor = await runCli(["diff", "v1.mof", "v2.mof"], dir, { NO_COLOR: "1" }, true);
    expect(noColor.stdout).not.toContain("\u001b[");
    expect(noColor.stdout).toBe((await runCli(["diff", "v1.mof", "v2.mof"], dir)).stdout);
  });
});
