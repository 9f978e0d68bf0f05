import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

const broken = "class A {\n  string P\n  uint16 Q;\n};\nclass B { unit16 R; };\n";

describe("mofgen check", () => {
  it("exits 0 and prints a summary for valid MOF", async () => {
    const dir = tempTree({ "ok.mof": "class A { string P; };" });
    const r = await runCli(["check", "ok.mof"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Checked 1 file in \d+\.\d\d s: 0 errors, 0 warnings\n$/);
  });

  it("exits 1 and prints every error with file:line:column and a code frame", async () => {
    const dir = tempTree({ "bad.mof": broken });
    const r = await runCli(["check", "bad.mof"], dir);
    expect(r.code).toBe(1);
    const frames = r.stdout.split("\n\n");
    expect(frames[0]).toBe(
      [
        "bad.mof:3:3 - error MOF1201: expected ';' after the property declaration, found 'uint16'",
        "3 |   uint16 Q;",
        "  |   ^^^^^^",
      ].join("\n"),
    );
    expect(frames[1]).toBe(
      [
        "bad.mof:5:11 - error MOF1202: 'unit16' is not a CIM data type; did you mean 'uint16'?",
        "5 | class B { unit16 R; };",
        "  |           ^^^^^^",
      ].join("\n"),
    );
    expect(r.stdout).toContain("2 errors, 0 warnings");
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("colours only on a terminal, and never with NO_COLOR", async () => {
    const dir = tempTree({ "bad.mof": broken });
    expect((await runCli(["check", "bad.mof"], dir, {}, true)).stdout).toContain("\u001b[31merror");
    expect((await runCli(["check", "bad.mof"], dir, { NO_COLOR: "1" }, true)).stdout).not.toContain("\u001b[");
    expect((await runCli(["check", "--no-color", "bad.mof"], dir, {}, true)).stdout).not.toContain("\u001b[");
  });

  it("prints the documented JSON", async () => {
    const dir = tempTree({ "bad.mof": broken });
    const r = await runCli(["check", "--format", "json", "bad.mof"], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      diagnostics: [
        {
          code: "MOF1201",
          severity: "error",
          message: "expected ';' after the property declaration, found 'uint16'",
          file: "bad.mof",
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 9,
        },
        {
          code: "MOF1202",
          severity: "error",
          message: "'unit16' is not a CIM data type; did you mean 'uint16'?",
          file: "bad.mof",
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 17,
        },
      ],
    });
  });

  it("prints SARIF 2.1.0 with a rule per code and a region per result", async () => {
    const dir = tempTree({ "bad.mof": broken });
    const log = JSON.parse((await runCli(["check", "--format", "sarif", "bad.mof"], dir)).stdout);
    expect(log.version).toBe("2.1.0");
    const runLog = log.runs[0];
    expect(runLog.tool.driver.name).toBe("mofgen");
    expect(runLog.tool.driver.rules.map((r: { id: string }) => r.id)).toContain("MOF1202");
    expect(runLog.results[1]).toEqual({
      ruleId: "MOF1202",
      level: "error",
      message: { text: "'unit16' is not a CIM data type; did you mean 'uint16'?" },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "bad.mof", uriBaseId: "%SRCROOT%" },
            region: { startLine: 5, startColumn: 11, endLine: 5, endColumn: 17 },
          },
        },
      ],
    });
  });

  it("applies --dialect and --include", async () => {
    const dir = tempTree({ "x.mof": '#pragma include ("q.mof")\nclass A { object P; };', "inc/q.mof": "class Q {};" });
    expect((await runCli(["check", "-I", "inc", "x.mof"], dir)).code).toBe(0);
    expect((await runCli(["check", "x.mof"], dir)).code).toBe(1);
    const dmtf = await runCli(["check", "--include", join(dir, "inc"), "--dialect", "dmtf", "x.mof"], dir);
    expect(dmtf.code).toBe(1);
    expect(dmtf.stdout).toContain("x.mof:2:11 - error MOF1205: the 'object' type is a Microsoft WMI extension");
  });

  it("exits 2 for usage errors and unreadable inputs, with a message and no stack trace", async () => {
    const dir = tempTree({});
    const cases = [
      { args: ["check"], message: "mofgen: check needs at least one PATH" },
      {
        args: ["check", "--dialect", "cim", "x.mof"],
        message: "mofgen: --dialect must be one of wmi, dmtf (got 'cim')",
      },
      { args: ["check", "--frobnicate", "x.mof"], message: "mofgen: Unknown option '--frobnicate'" },
      { args: ["frobnicate"], message: "mofgen: unknown command 'frobnicate'" },
    ];
    for (const c of cases) {
      const r = await runCli(c.args, dir);
      expect(r.code).toBe(2);
      expect(r.stderr.split("\n")[0]).toContain(c.message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = await runCli(["check", "missing.mof"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain(
      "missing.mof - error MOF1003: cannot read 'missing.mof': no such file or directory",
    );
  });

  it("prints help and the version", async () => {
    expect((await runCli(["--help"], "/")).stdout).toContain("Usage:");
    expect((await runCli(["--version"], "/")).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
