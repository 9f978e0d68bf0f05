import { describe, expect, it } from "vitest";
import { type ClassSchema, foldName, messageText, type Provider, ProviderHost } from "../../runtime/src/index.js";
import { failure } from "./provider-fixture.js";

/**
 * Issue 13 item 23: names match by MOF's case-insensitive rule (`foldName`: ASCII letters fold, nothing else, the
 * rule the compiler's model uses too), and what a caller supplies reaches a CimError message cut to 200 characters
 * and with control, ANSI and bidi characters escaped. On bcba6bf "\u212Aill" (KELVIN SIGN) called Kill, and a 10 MB
 * method name made a 20 MB message with the raw text.
 */

const schema: ClassSchema = {
  name: "Test_Process",
  namespace: "root/test",
  properties: [{ name: "Handle", type: "string", key: true, classOrigin: "Test_Process" }],
  methods: [
    {
      name: "Kill",
      static: true,
      returnType: "uint32",
      classOrigin: "Test_Process",
      parameters: [{ name: "Signal", type: "uint32", in: true, out: false }],
    },
  ],
};

const called: string[] = [];
const provider: Provider = {
  schema,
  enumerateInstances: async () => [{ Handle: "1" }],
  getInstance: async () => undefined,
  createInstance: async () => ({ className: "Test_Process", keys: { Handle: "1" } }),
  modifyInstance: async () => {},
  deleteInstance: async () => {},
  invokeMethod: async (_input, context) => {
    called.push(context.methodName);
    return { ReturnValue: 0 };
  },
};
const host = new ProviderHost().register(provider);

/** The control and bidi characters a message holds unescaped. */
function raw(message: string): string[] {
  return [...message].filter((c) => /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(c));
}

describe("names fold ASCII letters only, as the compiler's model does", () => {
  it("finds KILL, kill and kIlL, but not \\u212Aill (KELVIN SIGN), and the provider sees the schema's spelling", async () => {
    called.length = 0;
    for (const name of ["KILL", "kill", "kIlL"]) await host.invokeMethod("TEST_process", name, {});
    expect(called).toEqual(["Kill", "Kill", "Kill"]);
    expect(await failure(host.invokeMethod("Test_Process", "\u212Aill", {}))).toEqual({
      status: "CIM_ERR_METHOD_NOT_FOUND",
      detail: "Test_Process.\u212Aill: Test_Process has no method \u212Aill",
    });
    expect(called).toHaveLength(3);
  });

  it("does not match a parameter, property or class through non-ASCII case mappings", async () => {
    called.length = 0;
    await host.invokeMethod("test_PROCESS", "Kill", { SIGNAL: 1 });
    expect(called).toEqual(["Kill"]);
    expect((await failure(host.invokeMethod("Test_Process", "Kill", { "\u017Fignal": 1 }))).detail).toMatch(
      /parameter \u017Fignal: not a parameter/,
    );
    expect((await failure(host.createInstance("Test_Process", { "\u0130andle": "x" } as never))).detail).toMatch(
      /not a property of Test_Process/,
    );
    expect((await failure(host.enumerateInstances("Test_Proce\u017F\u017F"))).status).toBe("CIM_ERR_INVALID_CLASS");
    expect((await failure(host.invokeMethod("Test_Process", "K\u0131ll", {}))).status).toBe("CIM_ERR_METHOD_NOT_FOUND");
    expect(called).toEqual(["Kill"]);
    expect(foldName("Msvm_ComputerSystem")).toBe("msvm_computersystem");
    expect(foldName("\u212A\u0130\u00C0")).toBe("\u212A\u0130\u00C0");
  });
});

describe("caller text in messages is capped and escaped", () => {
  it("gives a 10 MB method name a short message", async () => {
    const { status, detail } = await failure(host.invokeMethod("Test_Process", "K".repeat(10_000_000), {}));
    expect(status).toBe("CIM_ERR_METHOD_NOT_FOUND");
    expect(detail.length).toBeLessThan(500);
    expect(detail).toBe(`Test_Process.${"K".repeat(200)}…: Test_Process has no method ${"K".repeat(200)}…`);
  });

  it("shows CR, LF, ANSI escapes and bidi controls as \\uXXXX", async () => {
    const name = "Kill\r\nINFO all good \u001b[32mOK\u001b[0m \u202Eevil\u2066";
    const { detail } = await failure(host.invokeMethod("Test_Process", name, {}));
    expect(detail).toContain("Kill\\u000D\\u000AINFO all good \\u001B[32mOK\\u001B[0m \\u202Eevil\\u2066");
    expect(raw(detail)).toEqual([]);
    const { detail: classDetail } = await failure(host.enumerateInstances(`X\u0085${"y".repeat(300)}`));
    expect(classDetail).toMatch(/^no provider for class X\\u0085y{198}… \(registered: Test_Process\)$/);
  });

  it("caps and escapes values and key names too", async () => {
    const value = `\u001b]0;title\u0007${"v".repeat(1_000_000)}`;
    const { detail } = await failure(host.invokeMethod("Test_Process", "Kill", { Signal: value }));
    expect(detail.length).toBeLessThan(300);
    expect(raw(detail)).toEqual([]);
    const target = { className: "Test_Process", keys: { [`H\n${"x".repeat(5000)}`]: "1" } };
    const { detail: keyDetail } = await failure(host.deleteInstance(target));
    expect(keyDetail.length).toBeLessThan(300);
    expect(keyDetail).toContain("key H\\u000Axxx");
  });

  it("keeps surrogate pairs whole when cutting and escapes lone surrogates", () => {
    expect(messageText(`${"a".repeat(199)}\u{1F600}`)).toBe(`${"a".repeat(199)}…`);
    expect(messageText("a\ud800b")).toBe("a\\uD800b");
  });
});
