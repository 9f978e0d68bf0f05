import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CimXmlConnection } from "../../../runtime/src/client/cimxml-connection.js";
import { WsmanConnection } from "../../../runtime/src/client/wsman-connection.js";
import { actions, requestHeaders, writeEnvelope } from "../../../runtime/src/codecs/wsman/index.js";
import type { Provider } from "../../../runtime/src/host/provider.js";
import { ProviderHost } from "../../../runtime/src/host/provider-host.js";
import { type CimServer, createCimServer } from "../../../runtime/src/server/index.js";
import type { ClassSchema } from "../../../runtime/src/values/schema.js";
import { postWsman } from "./wsman-http.js";

/**
 * A class whose name, key and method are spelt past ASCII (DSP0004's U+0080..U+FFEF), served by our server and
 * called by our clients: the object path in CIM-XML's CIMObject header (percent-escaped UTF-8, DSP0200) and the
 * class in WS-Management's resource URI (percent-escaped, or the raw IRI) carry the names as they are.
 */
const namespace = "root/test";
const className = "Test_Stra\u00DFe";
const schema: ClassSchema = {
  name: className,
  namespace,
  properties: [
    { name: "Schl\u00FCssel", type: "string", key: true, classOrigin: className },
    { name: "Gr\u00F6\u00DFe", type: "uint32", classOrigin: className },
  ],
  methods: [
    {
      name: "\u00DCbertrage",
      static: true,
      returnType: "uint32",
      classOrigin: className,
      parameters: [{ name: "Menge", type: "uint32", in: true, out: false }],
    },
  ],
};

const instance = { "Schl\u00FCssel": "a", "Gr\u00F6\u00DFe": 5 };
const inputs: unknown[] = [];
const provider: Provider = {
  schema,
  enumerateInstances: async () => [instance],
  getInstance: async (path) => (path.keys["Schl\u00FCssel"] === "a" ? instance : undefined),
  createInstance: async () => ({ className, keys: { "Schl\u00FCssel": "a" } }),
  modifyInstance: async () => {},
  deleteInstance: async () => {},
  invokeMethod: async (input) => {
    inputs.push(input);
    return { ReturnValue: 0 };
  },
};

let server: CimServer;
let url: string;
let client: CimXmlConnection;
let wsman: WsmanConnection;
beforeAll(async () => {
  server = createCimServer({ host: new ProviderHost().register(provider), schemas: [schema] });
  url = await server.listen(0);
  client = new CimXmlConnection({ url, namespace, schemas: [schema] });
  wsman = new WsmanConnection({ url, namespace, schemas: [schema] });
});
afterAll(() => {
  client.close();
  wsman.close();
  return server.close();
});

const path = { className, namespace, keys: { "Schl\u00FCssel": "a" } };

describe("a class, key and method named past ASCII, over CIM-XML", () => {
  it("GetInstance and EnumerateInstances find Test_Straße by its key Schlüssel", async () => {
    const got = await client.getInstance(path);
    expect(got.className).toBe(className);
    expect(got.properties).toEqual(instance);
    const all = await client.enumerateInstances(className);
    expect(all.map((i) => i.properties)).toEqual([instance]);
  });

  it("InvokeMethod reaches Übertrage: the CIMObject and CIMMethod headers carry the names percent-escaped", async () => {
    inputs.length = 0;
    const out = await client.invokeMethod({ className, namespace, keys: {} }, "\u00DCbertrage", { Menge: 3 });
    expect(out).toMatchObject({ ReturnValue: 0 });
    expect(inputs).toEqual([{ Menge: 3 }]);
  });
});

describe("a class, key and method named past ASCII, over WS-Management", () => {
  it("Get and Enumerate find Test_Straße by its key Schlüssel", async () => {
    const got = await wsman.getInstance(path);
    expect(got.properties).toEqual(instance);
    const all = await wsman.enumerateInstances(className);
    expect(all.map((i) => i.properties)).toEqual([instance]);
  });

  it("Invoke reaches Übertrage", async () => {
    inputs.length = 0;
    const out = await wsman.invokeMethod({ className, namespace, keys: {} }, "\u00DCbertrage", { Menge: 4 });
    expect(out).toMatchObject({ ReturnValue: 0 });
    expect(inputs).toEqual([{ Menge: 4 }]);
  });

  it("the server reads the class of a raw IRI resource URI too (.../Test_Straße, unescaped)", async () => {
    const body = writeEnvelope(
      requestHeaders({
        action: actions.get,
        to: `${url}/wsman`,
        resourceUri: `http://schemas.microsoft.com/wbem/wsman/1/wmi/${namespace}/${className}`,
        selectors: [{ name: "Schl\u00FCssel", value: "a" }],
      }),
    );
    const reply = await postWsman(url, body);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain("<p:Gr\u00F6\u00DFe>5</p:Gr\u00F6\u00DFe>");
  });
});
