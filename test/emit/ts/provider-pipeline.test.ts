import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { generateTypeScript } from "../../../src/emit/ts/generate.js";
import type { GeneratedFile } from "../../../src/emit/ts/generated-file.js";
import { compileText } from "../../helpers/model.js";
import { failure, generatedImport, implement, load, typeCheck, writeProject } from "./generated-project.js";

/**
 * The provider emitter with the class-module emitter's output, type-checked and run: the widgets fixture (Required
 * parameters, closed value maps, a renamed member, static and 64-bit methods) through a typed ProviderHost, and the
 * hostile fixture, whose generated code must compile and carry the MOF's text only inside comments and strings.
 */

function generate(fixture: string, classes: string[]): GeneratedFile[] {
  const { schema, diagnostics } = compileText(
    readFileSync(new URL(`../../fixtures/providers/${fixture}`, import.meta.url), "utf8"),
  );
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return generateTypeScript(schema, { runtimeImport: "@mofgen/runtime", providers: { classes, generatedImport } });
}

const gen = "../../../generated/root/test";

const widgetMain = `import { ProviderHost } from "@mofgen/runtime";
import type { ClassMap } from "./generated/root/test/providers/class-map.js";
import { Test_WidgetProvider } from "./providers/root/test/Test_Widget.js";
import { Test_WidgetOwnerProviderBase } from "./generated/root/test/providers/Test_WidgetOwner.js";

class Owners extends Test_WidgetOwnerProviderBase {}

export const host = new ProviderHost<ClassMap>().register(new Test_WidgetProvider()).register(new Owners());
export const widget = { className: "Test_Widget", keys: { Name: "w1" } } as const;

export function invoke(method: string, params: unknown, target: unknown = widget) {
  return host.invokeMethod("Test_Widget", method as "Start", params as never, target as never);
}

export async function typed() {
  const count = await host.invokeMethod("Test_Widget", "Count", { Filter: "big" });
  const matches: number | null | undefined = count.Matches;
  const returned: bigint = count.ReturnValue;
  const widgets = await host.enumerateInstances("Test_Widget");
  const size: bigint | null | undefined = widgets[0]?.Size;
  return { matches, returned, size };
}
`;

describe("widgets.mof: generated providers through a typed ProviderHost", () => {
  let app: {
    invoke(method: string, params: unknown, target?: unknown): Promise<object>;
    typed(): Promise<object>;
    host: { associators(a: string, s: object): Promise<object[]> };
  };

  beforeAll(async () => {
    const files = generate("widgets.mof", ["Test_Widget"]);
    const user = files.find((f) => f.owner === "user");
    let text = user?.content ?? "";
    // A provider the types allow to return 7 only through a cast: the host still catches it at run time.
    const bug = '(input.Delay === 7 ? 7 : 0) as Test_Widget_Start_Out["ReturnValue"]';
    text = implement(
      text,
      "Count",
      '    void context;\n    return { ReturnValue: input.Filter === "big" ? 0n : 1n, Matches: 3 };\n',
    );
    text = implement(text, "Start", `    void context;\n    return { ReturnValue: ${bug} };\n`);
    text = implement(
      text,
      "getInstance_2",
      '    void context;\n    return { ReturnValue: input.Name === "w1" ? 0 : 2 };\n',
    );
    text = text.replace(
      "export class Test_WidgetProvider extends Test_WidgetProviderBase {",
      `$&
  override async enumerateInstances(): Promise<readonly Test_Widget[]> {
    return [{ Name: "w1", Size: 2n ** 60n }];
  }
`,
    );
    text = `import type { Test_Widget } from "${gen}/Test_Widget.js";\n${text}`;
    const dir = writeProject(
      files.map((f) => (f === user ? { ...f, content: text } : f)),
      { "main.ts": widgetMain },
    );
    expect(typeCheck(dir)).toBe("");
    app = await load(dir, "main.ts");
  }, 120_000);

  it("returns typed results, 64-bit values as bigints", async () => {
    expect(await app.typed()).toEqual({ matches: 3, returned: 0n, size: 2n ** 60n });
  });

  it("dispatches a method whose member was renamed to keep clear of an entry point", async () => {
    expect(await app.invoke("GETINSTANCE", { name: "w1" })).toEqual({ ReturnValue: 0 });
  });

  it.each([
    ["Count", { Matches: 1 }, undefined, "parameter Matches: an Out parameter cannot be given as input"],
    ["Count", {}, undefined, "parameter Filter: is required"],
    ["Count", { Filter: null }, undefined, "parameter Filter: is required and cannot be null"],
    [
      "Start",
      { Kind: 5 },
      { className: "Test_Widget", keys: { Name: "w1" } },
      "parameter Kind: 5 is not a value of its value map (2 Full, 3 Disk)",
    ],
    [
      "Count",
      { Filter: "x" },
      { className: "Test_Widget", keys: { Name: "w1" } },
      "a static method is invoked on its class, not on an instance",
    ],
  ])("rejects Test_Widget.%s(%j) with CIM_ERR_INVALID_PARAMETER", async (method, params, target, detail) => {
    expect(await failure(app.invoke(method, params, target ?? null))).toEqual({
      status: "CIM_ERR_INVALID_PARAMETER",
      detail: `Test_Widget.${method}: ${detail}`,
    });
  });

  it("turns a ReturnValue outside the closed map into CIM_ERR_FAILED", async () => {
    expect(await failure(app.invoke("Start", { Delay: 7 }))).toEqual({
      status: "CIM_ERR_FAILED",
      detail:
        "Test_Widget.Start: the provider returned a bad result: ReturnValue: 7 is not a value of its value map (0 Completed, 1 Not Supported, 2 Failed)",
    });
  });

  it("answers with the defaults of the generated bases", async () => {
    expect(await failure(app.invoke("Describe", {}))).toEqual({
      status: "CIM_ERR_NOT_SUPPORTED",
      detail: "Test_Widget.Describe is not supported",
    });
    const system = { className: "CIM_System", keys: { Name: "s" } };
    expect(await failure(app.host.associators("Test_WidgetOwner", system))).toEqual({
      status: "CIM_ERR_NOT_SUPPORTED",
      detail: "Test_WidgetOwner.associators is not supported",
    });
  });
});

const hostileMain = `import { ProviderHost } from "@mofgen/runtime";
import type { ClassMap } from "./generated/root/hostile/providers/class-map.js";
import { ProviderProvider } from "./providers/root/hostile/Provider.js";

export const host = new ProviderHost<ClassMap>().register(new ProviderProvider());
export const target = { className: "Provider", keys: { Id: "p" } } as const;
export const results = async () => [
  await host.invokeMethod("Provider", "invokeMethod", { schema: "s" }, target),
  await host.invokeMethod("Provider", "toString", {}, target).catch((e: Error) => e.message),
  await host.invokeMethod("Provider", "getInstance_2", {}).catch((e: Error) => e.message),
];
`;

describe("hostile.mof: provider code for hostile names and text", () => {
  const files = generate("hostile.mof", ["Provider"]).filter(
    (f) => f.path.includes("providers/") || f.owner === "user",
  );

  it("keeps the MOF's text inside comments and strings", () => {
    for (const file of files)
      for (const line of file.content.split("\n"))
        if (line.includes("EVIL")) expect(line.trim(), `${file.path}: ${line}`).toMatch(/^(\*|\/\/|\/\*\*)/);
    expect(files.map((f) => f.content).join("")).not.toMatch(/\u2028|\u2029/);
  });

  it("gives clashing methods their own members and dispatches the MOF names to them", async () => {
    const dir = writeProject(generate("hostile.mof", ["Provider"]), { "main.ts": hostileMain });
    expect(typeCheck(dir)).toBe("");
    const app = await load<{ results(): Promise<unknown[]> }>(dir, "main.ts");
    expect(await app.results()).toEqual([
      { ReturnValue: 1 },
      "CIM_ERR_NOT_SUPPORTED: Provider.toString is not supported",
      "CIM_ERR_NOT_SUPPORTED: Provider.getInstance_2 is not supported",
    ]);
  }, 120_000);
});
