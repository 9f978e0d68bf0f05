import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CimXmlConnection } from "../../../runtime/src/client/cimxml-connection.js";
import { WsmanConnection } from "../../../runtime/src/client/wsman-connection.js";
import type { Provider } from "../../../runtime/src/host/provider.js";
import { ProviderHost } from "../../../runtime/src/host/provider-host.js";
import { type CimServer, createCimServer } from "../../../runtime/src/server/index.js";
import type { ClassSchema } from "../../../runtime/src/values/schema.js";

/**
 * A client and our own server over CIM-XML, naming a class, key, property, method and parameter in another case
 * than the schema's, where the two spellings differ in a non-ASCII case pair (ß/SS, ϐ/Β). The compiler's model calls
 * them one name; the runtime folded ASCII only, so the server answered CIM_ERR_INVALID_CLASS, dropped the listed
 * property and refused the parameter, and the client refused the method's parameter before sending it.
 */
const namespace = "root/test";
const schema: ClassSchema = {
  name: "Test_Stra\u00DFe",
  namespace,
  properties: [
    { name: "Id", type: "string", key: true, classOrigin: "Test_Stra\u00DFe" },
    { name: "Ma\u00DFe", type: "uint32", classOrigin: "Test_Stra\u00DFe" },
    { name: "X\u03D0", type: "string", classOrigin: "Test_Stra\u00DFe" },
  ],
  methods: [
    {
      name: "Gr\u00FC\u00DFe",
      static: true,
      returnType: "uint32",
      classOrigin: "Test_Stra\u00DFe",
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

let server: CimServer;
let client: CimXmlConnection;
let wsman: WsmanConnection;
beforeAll(async () => {
  server = createCimServer({ host: new ProviderHost().register(provider), schemas: [schema] });
  // The client knows the class by another spelling of every name: its lookups must fold as the server's do.
  const respelt: ClassSchema = {
    ...schema,
    name: "TEST_STRASSE",
    properties: schema.properties.map((p) => ({ ...p, name: p.name.toUpperCase() })),
    methods: schema.methods.map((m) => ({
      ...m,
      name: m.name.toUpperCase(),
      parameters: m.parameters.map((p) => ({ ...p, name: p.name.toUpperCase() })),
    })),
  };
  const url = await server.listen(0);
  client = new CimXmlConnection({ url, namespace, schemas: [respelt] });
  wsman = new WsmanConnection({ url, namespace, schemas: [respelt] });
});
afterAll(() => {
  client.close();
  wsman.close();
  return server.close();
});

describe("MOF names fold alike in client and server", () => {
  it("GetInstance finds the class and key, and keeps the listed property, named in another folding", async () => {
    const path = { className: "TEST_STRASSE", namespace, keys: { ID: "a" } };
    const instance = await client.getInstance(path, { propertyList: ["MASSE"] });
    expect(instance.className).toBe("Test_Stra\u00DFe");
    expect(instance.properties).toEqual({ "Ma\u00DFe": 5 });
  });

  it("InvokeMethod reaches the method and its parameter named in another folding", async () => {
    inputs.length = 0;
    const out = await client.invokeMethod({ className: "test_strasse", namespace, keys: {} }, "GR\u00DCSSE", {
      MASSE: 7,
    });
    expect(out).toMatchObject({ ReturnValue: 0 });
    expect(inputs).toEqual([{ "Ma\u00DFe": 7 }]);
  });

  it("over WS-Management too: Get and Invoke by the other spellings", async () => {
    inputs.length = 0;
    const got = await wsman.getInstance({ className: "TEST_STRASSE", namespace, keys: { ID: "a" } });
    // The WS-Man client names properties as its own schema does, typed by it: the lookup found them.
    expect(got.properties).toEqual({ ID: "a", MASSE: 5, "X\u0392": "x" });
    await wsman.invokeMethod({ className: "TEST_STRASSE", namespace, keys: {} }, "GR\u00DCSSE", { MASSE: 9 });
    expect(inputs).toEqual([{ "Ma\u00DFe": 9 }]);
  });
});
