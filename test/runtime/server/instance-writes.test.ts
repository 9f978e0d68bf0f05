import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iparam, iparamValue } from "../../../runtime/src/codecs/cimxml/message.js";
import { encodeInstanceName } from "../../../runtime/src/codecs/cimxml/path.js";
import { typed } from "../../../runtime/src/codecs/cimxml/typed.js";
import { encodeInstance } from "../../../runtime/src/codecs/cimxml/value.js";
import { ProviderHost } from "../../../runtime/src/host/provider-host.js";
import { type CimServer, createCimServer } from "../../../runtime/src/server/index.js";
import { dtdProblems, errorCode, extrinsic, intrinsic, type Reply, responseOf } from "./http.js";
import { namespace, pathOf, provider, schema, widgets } from "./widget-provider.js";

/**
 * What the example's providers do not implement: CreateInstance, ModifyInstance and DeleteInstance reaching a
 * provider that does, and a static method invoked on its class (LOCALCLASSPATH), over raw HTTP.
 */
let server: CimServer;
let url: string;
const replies: Reply[] = [];
beforeAll(async () => {
  // Test files share a worker's modules (vitest.config.ts): start from no widgets, whatever another file left.
  widgets.clear();
  server = createCimServer({ host: new ProviderHost().register(provider), schemas: [schema] });
  url = await server.listen(0);
});
afterAll(() => server.close());

async function call(method: string, params: Parameters<typeof intrinsic>[2]) {
  const reply = await intrinsic(url, method, params, namespace);
  replies.push(reply);
  expect(reply.status, reply.body).toBe(200);
  return reply;
}

const lookup = (name: string) => (name === "Test_Widget" ? schema : undefined);

describe("CIM-XML server: instance writes and static methods", () => {
  it("CreateInstance returns the new instance's name; a second one is ALREADY_EXISTS", async () => {
    const create = (id: string, size: number) =>
      call("CreateInstance", (w) =>
        iparam(w, "NewInstance", (x) =>
          encodeInstance(x, { className: "Test_Widget", properties: { Id: id, Size: size, Label: "new" } }, lookup),
        ),
      );
    const name = responseOf(await create("a", 5)).children[0]?.children[0];
    expect([name?.name, name?.attributes.CLASSNAME, name?.children[0]?.children[0]?.text]).toEqual([
      "INSTANCENAME",
      "Test_Widget",
      "a",
    ]);
    await create("b", 50);
    expect(errorCode(await create("a", 1))).toBe(11);
    expect(widgets.get("b")).toEqual({ Id: "b", Size: 50, Label: "new" });
  });

  it("ModifyInstance changes the properties of the PropertyList only", async () => {
    await call("ModifyInstance", (w) => {
      iparam(w, "ModifiedInstance", (x) => {
        x.start("VALUE.NAMEDINSTANCE");
        encodeInstanceName(x, { className: "Test_Widget", keys: { Id: "a" } });
        encodeInstance(x, { className: "Test_Widget", properties: { Size: 7, Label: "ignored" } }, lookup);
        x.end();
      });
      iparam(w, "PropertyList", iparamValue.strings(["Size"]));
    });
    expect(widgets.get("a")).toEqual({ Id: "a", Size: 7, Label: "new" });
  });

  it("a static method is invoked on its class", async () => {
    const reply = await extrinsic(url, { className: "Test_Widget", namespace, keys: {} }, "Count", [
      { name: "MinSize", value: typed("uint32", 6) },
    ]);
    replies.push(reply);
    expect(responseOf(reply).children[0]?.children[0]?.text).toBe("2");
    const typedWrong = await extrinsic(url, { className: "Test_Widget", namespace, keys: {} }, "Count", [
      { name: "MinSize", value: typed("string", "six") },
    ]);
    expect(responseOf(typedWrong).children[0]?.attributes.CODE).toBe("4");
  });

  it("DeleteInstance removes it; deleting it again is NOT_FOUND", async () => {
    const remove = () => call("DeleteInstance", (w) => iparam(w, "InstanceName", iparamValue.objectName(pathOf("a"))));
    expect(responseOf(await remove()).children).toEqual([]);
    expect(errorCode(await remove())).toBe(6);
    expect([...widgets.keys()]).toEqual(["b"]);
  });

  it("a long enumeration is sent in chunks, and is the same document", async () => {
    for (let i = 0; i < 1000; i++) widgets.set(`w${i}`, { Id: `w${i}`, Size: i, Label: "<&>" });
    const reply = await call("EnumerateInstances", (w) => iparam(w, "ClassName", iparamValue.className("Test_Widget")));
    expect(reply.headers["transfer-encoding"]).toBe("chunked");
    const items = responseOf(reply).children[0]?.children ?? [];
    expect(items).toHaveLength(1001);
    expect(items[1000]?.children[1]?.children.map((p) => p.children[0]?.text)).toEqual(["w999", "999", "<&>"]);
    const names = await call("EnumerateInstanceNames", (w) =>
      iparam(w, "ClassName", iparamValue.className("Test_Widget")),
    );
    expect(responseOf(names).children[0]?.children).toHaveLength(1001);
  });

  it("its responses are valid DSP0203 CIM-XML", () => {
    expect(dtdProblems(replies.map((r) => r.body))).toBe("");
  });
});
