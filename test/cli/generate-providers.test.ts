import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

/** Provider implementations with the real provider emitter: created once, then only checked. */
const mof = [
  "class Base { [Key] string Id; };",
  "class Svc : Base {",
  "  uint32 Start([In] string Mode);",
  "  uint32 Stop();",
  "};",
  "",
].join("\n");

const config = { inputs: ["svc.mof"], out: "gen", providers: { out: "impl", classes: ["svc", "Nope"] } };

describe("mofgen generate with providers", () => {
  it("creates the implementation once, names unknown classes, and lists the methods an edited one lacks", async () => {
    const dir = tempTree({ "svc.mof": mof, "mofgen.config.json": JSON.stringify(config) });
    const first = await runCli(["generate"], dir);
    expect(first.code, first.stderr).toBe(0);
    const column = JSON.stringify(config).indexOf('"Nope"') + 1;
    expect(first.stderr.split("\n")[0]).toBe(
      `mofgen.config.json:1:${column} - warning MOF4915: providers.classes names 'Nope', which is no class that can have a provider (none of that name, or only abstract ones)`,
    );
    expect(first.stdout).toContain("Created 1 provider implementation in impl/:\n  impl/root/cimv2/Svc.ts\n");
    const created = readFileSync(join(dir, "impl/root/cimv2/Svc.ts"), "utf8");
    expect(created).toMatch(/\bStart\b/);
    expect(created).toMatch(/\bStop\b/);

    // The user's file without its Stop method: kept as it is, and Stop is named.
    const edited = created.replace(/\bStop\b/g, "Halt");
    writeFileSync(join(dir, "impl/root/cimv2/Svc.ts"), edited);
    const second = await runCli(["generate"], dir);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(
      "impl/root/cimv2/Svc.ts - warning MOF4914: provider implementation lacks methods that its generated base now declares: Stop\n",
    );
    expect(readFileSync(join(dir, "impl/root/cimv2/Svc.ts"), "utf8")).toBe(edited);
  });
});
