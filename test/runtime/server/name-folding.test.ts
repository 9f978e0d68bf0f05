import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CimXmlConnection } from "../../../runtime/src/client/cimxml-connection.js";
import { WsmanConnection } from "../../../runtime/src/client/wsman-connection.js";
import { typed } from "../../../runtime/src/codecs/cimxml/typed.js";
import type { Provider } from "../../../runtime/src/host/provider.js";
import { ProviderHost } from "../../../runtime/src/host/provider-host.js";
import { type CimServer, createCimServer } from "../../../runtime/src/server/index.js";
import type { ClassSchema } from "../../../runtime/src/values/schema.js";

/**
 * A client and our own server over CIM-XML and WS-Management, naming a class, key, property, method and parameter
 * in another case than the schema's. Names follow the one MOF rule (`foldName`: ASCII letters fold, nothing else,
 * issue 13 item 23), in the client's lookups as in the server's: `TEST_STRASSE` is `Test_Strasse` and `GRüßE` is
 * `Grüße`, but `MASSE` (ß/SS), `GRÜßE` (ü/Ü) and `XΒ` (ϐ/Β) are other names, which the server does not find. (A class
 * named past ASCII, in a CIMObject header and a resource URI: non-ascii-names.test.ts.)
 */
const namespace = "root/test";
const schema: ClassSchema = {
  name: "Test_Strasse",
  namespace,
  properties: [
    { name: "Id", type: "string", key: true, classOrigin: "Test_Strasse" },
    { name: "Ma\u00DFe", type: "uint32", classOrigin: "Test_Strasse" },
    { name: "X\u03D0", type: "string", classOrigin: "Test_Strasse" },
  ],
  methods: [
    {
      name: "Gr\u00FC\u00DFe",
      static: true,
      returnType: "uint32",
      classOrigin: "Test_Strasse",
      parameters: [{ name: "Ma\u00DFe", type: "uint32", in: true, out: false }],
    },
  ],
};

const inputs: unknown[] = [];
const provider: Provider = {
  schema,
  enumerateInstances: async () => [{ Id: "a", "Ma\u00DFe": 5, "X\u03D0": "x" }],
  getInstance: async (path) => (path.keys.Id === "a" ? { Id: "a", "Ma\u00DFe": 5, "X\u03D0": "x" } : undefined),
  createInstance: async () => ({ className: schema.name, keys: { Id: "a" } }),
  modifyInstance: async () => {},
  deleteInstance: async () => {},
  invokeMethod: async (input) => {
    inputs.push(input);
    return { ReturnValue: 0 };
  },
};

/** Upper-cases the ASCII letters only: the same MOF name by the ASCII rule. */
function asciiUpper(name: string): string {
  return name.replace(/[a-z]+/g, (lower) => lower.toUpperCase());
}

/** The schema with every name respelt by `respell`. */
function respelt(name: string, respell: (name: string) => string): ClassSchema {
  return {
    ...schema,
    name,
    properties: schema.properties.map((p) => ({ ...p, name: respell(p.name) })),
    methods: schema.methods.map((m) => ({
      ...m,
      name: respell(m.name),
      parameters: m.parameters.map((p) => ({ ...p, name: respell(p.name) })),
    })),
  };
}

let server: CimServer;
let url: string;
let client: CimXmlConnection;
let wsman: WsmanConnection;
beforeAll(async () => {
  server = createCimServer({ host: new ProviderHost().register(provider), schemas: [schema] });
  url = await server.listen(0);
  // The clients know the class by another ASCII case of every name: their lookups must fold as the server's do.
  const ascii = respelt("TEST_STRASSE", asciiUpper);
  client = new CimXmlConnection({ url, namespace, schemas: [ascii] });
  wsman = new WsmanConnection({ url, namespace, schemas: [ascii] });
});
afterAll(() => {
  client.close();
  wsman.close();
  return server.close();
});

describe("MOF names fold alike in client and server: ASCII letters only", () => {
  it("GetInstance finds the class and key, and keeps the listed property, named in another ASCII case", async () => {
    const path = { className: "TEST_STRASSE", namespace, keys: { ID: "a" } };
    const instance = await client.getInstance(path, { propertyList: ["MA\u00DFE"] });
    expect(instance.className).toBe("Test_Strasse");
    expect(instance.properties).toEqual({ "Ma\u00DFe": 5 });
  });

  it("InvokeMethod reaches the method and its parameter named in another ASCII case", async () => {
    inputs.length = 0;
    const out = await client.invokeMethod({ className: "test_strasse", namespace, keys: {} }, "GR\u00FC\u00DFE", {
      "MA\u00DFE": 7,
    });
    expect(out).toMatchObject({ ReturnValue: 0 });
    expect(inputs).toEqual([{ "Ma\u00DFe": 7 }]);
  });

  it("over WS-Management too: Get and Invoke by the other ASCII spellings", async () => {
    inputs.length = 0;
    const got = await wsman.getInstance({ className: "TEST_STRASSE", namespace, keys: { ID: "a" } });
    // The WS-Man client names properties as its own schema does, typed by it: the lookup found them.
    expect(got.properties).toEqual({ ID: "a", "MA\u00DFE": 5, "X\u03D0": "x" });
    await wsman.invokeMethod({ className: "TEST_STRASSE", namespace, keys: {} }, "GR\u00FC\u00DFE", {
      "MA\u00DFE": 9,
    });
    expect(inputs).toEqual([{ "Ma\u00DFe": 9 }]);
  });
});

describe("names that differ in a non-ASCII case pair are other names on the wire", () => {
  // A client that knows the class by the Unicode upper case of every name (MASSE, GRÜSSE, XΒ): what Unicode case
  // mapping would call the same names, and the server does not.
  let unicode: CimXmlConnection;
  let plain: CimXmlConnection;
  let unicodeWsman: WsmanConnection;
  let plainWsman: WsmanConnection;
  beforeAll(() => {
    const schemas = [respelt("TEST_STRASSE", (n) => n.toUpperCase())];
    unicode = new CimXmlConnection({ url, namespace, schemas });
    plain = new CimXmlConnection({ url, namespace });
    unicodeWsman = new WsmanConnection({ url, namespace, schemas });
    plainWsman = new WsmanConnection({ url, namespace });
  });
  afterAll(() => {
    for (const c of [unicode, plain, unicodeWsman, plainWsman]) c.close();
  });
  const target = { className: "Test_Strasse", namespace, keys: {} };

  it("GetInstance leaves out a listed property named MASSE or XΒ: no property of the class", async () => {
    const path = { className: "TEST_STRASSE", namespace, keys: { ID: "a" } };
    const instance = await unicode.getInstance(path, { propertyList: ["MASSE", "X\u0392"] });
    expect(instance.className).toBe("Test_Strasse");
    expect(instance.properties).toEqual({});
    // Over WS-Management the server sends the schema's names, which the client's own schema does not know either.
    const got = await unicodeWsman.getInstance(path);
    expect(Object.keys(got.properties)).toEqual(["ID", "Ma\u00DFe", "X\u03D0"]);
  });

  it("InvokeMethod does not find GRÜSSE or GRÜßE (CIM_ERR_METHOD_NOT_FOUND), nor the parameter MASSE (CIM_ERR_INVALID_PARAMETER)", async () => {
    inputs.length = 0;
    await expect(unicode.invokeMethod(target, "GR\u00DCSSE", { MASSE: 1 })).rejects.toMatchObject({
      statusName: "CIM_ERR_METHOD_NOT_FOUND",
      detail: "Test_Strasse has no method GR\u00DCSSE",
    });
    await expect(plain.invokeMethod(target, "GR\u00DC\u00DFE", {})).rejects.toMatchObject({
      statusName: "CIM_ERR_METHOD_NOT_FOUND",
    });
    await expect(plain.invokeMethod(target, "Gr\u00FC\u00DFe", { MASSE: typed("uint32", 1) })).rejects.toMatchObject({
      statusName: "CIM_ERR_INVALID_PARAMETER",
      detail: expect.stringContaining("parameter MASSE: not a parameter of the method"),
    });
    expect(inputs).toEqual([]);
  });

  it("over WS-Management too: no such action (CIM_ERR_NOT_SUPPORTED) and no such parameter", async () => {
    inputs.length = 0;
    await expect(unicodeWsman.invokeMethod(target, "GR\u00DCSSE", { MASSE: 1 })).rejects.toMatchObject({
      statusName: "CIM_ERR_NOT_SUPPORTED",
      fault: { subcode: { local: "ActionNotSupported" } },
    });
    await expect(plainWsman.invokeMethod(target, "Gr\u00FC\u00DFe", { MASSE: 1 })).rejects.toMatchObject({
      statusName: "CIM_ERR_INVALID_PARAMETER",
      fault: { subcode: { local: "InvalidParameter" } },
    });
    expect(inputs).toEqual([]);
  });
});
