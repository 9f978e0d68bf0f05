import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actions,
  decodeInstance,
  encodeInstance,
  endpointToPath,
  readEndpointReference,
  readMethodOutput,
  requestHeaders,
  resourceUriFor,
  type WsValueOptions,
  writeEnvelope,
  writeMethodInput,
} from "../../../runtime/src/codecs/wsman/index.js";
import { ProviderHost } from "../../../runtime/src/host/provider-host.js";
import { type CimServer, createCimServer } from "../../../runtime/src/server/index.js";
import type { XmlWriter } from "../../../runtime/src/xml/writer.js";
import { namespace, provider, schema, widgets } from "./widget-provider.js";
import { postWsman, subcodeOf, type WsReply } from "./wsman-http.js";

/**
 * What the example's providers do not implement, over WS-Management: Create, Put and Delete reaching a provider
 * that does, a static method invoked without selectors, and the faults of a wrong body (DMTF resource URIs).
 */
let server: CimServer;
let url: string;
beforeAll(async () => {
  // Test files share a worker's modules (vitest.config.ts): start from no widgets, whatever another file left.
  widgets.clear();
  server = createCimServer({ host: new ProviderHost().register(provider), schemas: [schema] });
  url = await server.listen(0);
});
afterAll(() => server.close());

const { resourceUri } = resourceUriFor("Test_Widget", namespace, "dmtf");
const values: WsValueOptions = {
  schemas: (name) => (name === "Test_Widget" ? schema : undefined),
  addressing: { convention: "dmtf", namespace },
};
const send = (action: string, id: string | undefined, body?: (w: XmlWriter) => void) =>
  postWsman(
    url,
    writeEnvelope(
      requestHeaders({
        action,
        to: "http://127.0.0.1/wsman",
        resourceUri,
        selectors: [
          ...(id === undefined ? [] : [{ name: "Id", value: id }]),
          { name: "__cimnamespace", value: namespace },
        ],
      }),
      body,
    ),
  );
const widget = (properties: Record<string, unknown>) => (w: XmlWriter) =>
  encodeInstance(w, { className: "Test_Widget", properties }, values);

function ok(reply: WsReply) {
  expect(reply.status, reply.text).toBe(200);
  return reply.envelope?.body;
}

describe("WS-Management server: Create, Put, Delete and a static method", () => {
  it("Create answers with the new instance's EPR; a second Create of it is AlreadyExists", async () => {
    const created = ok(await send(actions.create, undefined, widget({ Id: "w1", Size: 7, Label: "seven" })));
    expect(created?.local).toBe("ResourceCreated");
    const epr = readEndpointReference(created as never);
    expect(epr.address).toBe("http://127.0.0.1/wsman");
    expect(endpointToPath(epr)).toEqual({ className: "Test_Widget", namespace, host: "127.0.0.1", keys: { Id: "w1" } });
    expect(widgets.get("w1")).toEqual({ Id: "w1", Size: 7, Label: "seven" });
    const again = await send(actions.create, undefined, widget({ Id: "w1", Size: 1 }));
    expect([again.status, subcodeOf(again)]).toEqual([500, "AlreadyExists"]);
  });

  it("Put changes the instance and answers with it as it now is", async () => {
    const body = ok(await send(actions.put, "w1", widget({ Id: "w1", Size: 9 })));
    expect(decodeInstance(body as never, values).properties).toEqual({ Id: "w1", Size: 9, Label: "seven" });
    const missing = await send(actions.put, "nope", widget({ Id: "nope", Size: 1 }));
    expect([missing.status, subcodeOf(missing)]).toEqual([500, "DestinationUnreachable"]);
  });

  it("a body of another class, a property the class lacks, or a value not of its type is refused", async () => {
    const other = await send(actions.put, "w1", (w) => w.leaf("p:Gadget", { "xmlns:p": resourceUri }));
    expect(subcodeOf(other)).toBe("SchemaValidationError");
    const unknown = await send(actions.put, "w1", (w) =>
      w.start("p:Test_Widget", { "xmlns:p": resourceUri }).leaf("p:Colour", {}, "red").end(),
    );
    expect(subcodeOf(unknown)).toBe("SchemaValidationError");
    const mistyped = await send(actions.put, "w1", (w) =>
      w.start("p:Test_Widget", { "xmlns:p": resourceUri }).leaf("p:Size", {}, "big").end(),
    );
    expect(subcodeOf(mistyped)).toBe("InvalidParameter");
    expect(widgets.get("w1")?.Size).toBe(9);
  });

  it("a static method is invoked without selectors", async () => {
    ok(await send(actions.create, undefined, widget({ Id: "w2", Size: 2 })));
    const reply = await send(`${resourceUri}/Count`, undefined, (w) =>
      writeMethodInput(w, { resourceUri, className: "Test_Widget", method: "Count", params: { MinSize: 5 } }, values),
    );
    const out = readMethodOutput(ok(reply) as never, "Test_Widget", "Count", values);
    expect(out).toEqual({ ReturnValue: 1 });
    expect(reply.envelope?.headers.action).toBe(`${resourceUri}/CountResponse`);
  });

  it("Delete removes it; a Get afterwards, or a second Delete, is DestinationUnreachable", async () => {
    const deleted = await send(actions.delete, "w1");
    expect([deleted.status, deleted.envelope?.headers.action]).toEqual([200, actions.deleteResponse]);
    expect(widgets.has("w1")).toBe(false);
    for (const reply of [await send(actions.get, "w1"), await send(actions.delete, "w1")]) {
      expect([reply.status, subcodeOf(reply)]).toEqual([500, "DestinationUnreachable"]);
      // The CIM status travels in the detail, so a CIM client reads CIM_ERR_NOT_FOUND back.
      expect(reply.text).toContain('<e:CIMStatusCode xsi:type="cim:cimUnsignedInt">6</e:CIMStatusCode>');
    }
  });

  it("w:OperationTimeout bounds an operation: a provider slower than it gets wsman:TimedOut, and is told to stop", async () => {
    const headers = (timeout: string) =>
      requestHeaders({
        action: actions.get,
        to: "http://127.0.0.1/wsman",
        resourceUri,
        selectors: [{ name: "Id", value: "slow" }],
        operationTimeout: timeout,
      });
    const start = Date.now();
    const reply = await postWsman(url, writeEnvelope(headers("PT0.200S")));
    expect([reply.status, subcodeOf(reply)]).toEqual([500, "TimedOut"]);
    expect(reply.text).toContain("<s:Value>s:Receiver</s:Value>");
    expect(Date.now() - start).toBeLessThan(1500);
    const bad = await postWsman(url, writeEnvelope(headers("soon")));
    expect([bad.status, subcodeOf(bad)]).toEqual([500, "InvalidMessageInformationHeader"]);
  });

  it("a provider's CIM_ERR_ACCESS_DENIED is wsman:AccessDenied, its status and message in the detail", async () => {
    const reply = await send(actions.delete, "locked");
    expect([reply.status, subcodeOf(reply)]).toEqual([500, "AccessDenied"]);
    expect(reply.text).toContain('<e:CIMStatusCode xsi:type="cim:cimUnsignedInt">2</e:CIMStatusCode>');
    expect(reply.text).toContain("widget locked is read-only");
  });
});
