import { describe, expect, it } from "vitest";
import { HttpStatusError } from "../../../runtime/src/client/errors.js";
import { JobCimError } from "../../../runtime/src/client/job-errors.js";
import { WbemClient } from "../../../runtime/src/client/wbem-client.js";
import type { WsmanConnection } from "../../../runtime/src/client/wsman-connection.js";
import { embedded } from "../../../runtime/src/codecs/cimxml/typed.js";
import {
  actions,
  dialects,
  encodeInstance,
  invokeAction,
  pathToEndpoint,
  readEnumerate,
  readMethodInput,
  readPull,
  resourceUriFor,
  WsmanError,
  WsmanFault,
  writeEndpointContent,
  writeEnumerationPage,
  writeMethodOutput,
  writeResourceCreated,
} from "../../../runtime/src/codecs/wsman/index.js";
import { CimStatus } from "../../../runtime/src/values/cim-error.js";
import { JobFailedError } from "../../../runtime/src/values/job.js";
import type { ClassSchema } from "../../../runtime/src/values/schema.js";
import { fakeWsmanPerTest, type Responder, type SeenRequest, soapType, type WsAnswer } from "./fake-wsman.js";
import { ns, requestStateChange, requestStateChangeParameters, vmProperties } from "./msvm-schemas.js";

const vm: ClassSchema = {
  name: "Msvm_ComputerSystem",
  namespace: ns,
  properties: [
    vmProperties.CreationClassName,
    vmProperties.Name,
    vmProperties.ElementName,
    vmProperties.EnabledState,
    vmProperties.OnTimeInMilliseconds,
  ],
  methods: [requestStateChange([requestStateChangeParameters.RequestedState, requestStateChangeParameters.Job])],
};
const job: ClassSchema = {
  name: "Msvm_ConcreteJob",
  namespace: ns,
  properties: [
    { name: "InstanceID", type: "string", key: true, classOrigin: "CIM_ManagedElement" },
    { name: "JobState", type: "uint16", classOrigin: "CIM_ConcreteJob" },
    { name: "ErrorCode", type: "uint16", classOrigin: "CIM_Job" },
    { name: "ErrorDescription", type: "string", classOrigin: "CIM_Job" },
  ],
  methods: [
    {
      name: "GetErrorEx",
      returnType: "uint32",
      classOrigin: "Msvm_ConcreteJob",
      parameters: [{ name: "Errors", type: "string", array: true, embeddedClass: "CIM_Error", in: false, out: true }],
    },
  ],
};
const schemas = [vm, job];
const o = {
  schemas: (n: string) => schemas.find((s) => s.name === n),
  addressing: { convention: "wmi" as const, namespace: ns },
};
const uriOf = (c: string) => resourceUriFor(c, ns, "wmi").resourceUri;

const vms = Array.from({ length: 7 }, (_, i) => ({
  CreationClassName: "Msvm_ComputerSystem",
  Name: `VM-${i}`,
  ElementName: `vm ${i}`,
  EnabledState: 2,
  OnTimeInMilliseconds: 2n ** 63n + BigInt(i),
}));

const peer = fakeWsmanPerTest();

async function connect(answer: Responder, extra: Record<string, unknown> = {}) {
  const server = await peer.start(answer);
  return new WbemClient({
    protocol: "wsman",
    url: server.url,
    namespace: ns,
    schemas,
    user: "admin",
    password: "pw",
    ...extra,
  });
}

/** An enumeration of `vms`, `MaxElements` at a time, each context naming where the next page starts. */
function pager(seenMax: number[]) {
  return (s: SeenRequest): WsAnswer => {
    const h = s.envelope.headers;
    const body = s.envelope.body;
    if (body === undefined) throw new Error("no body");
    const page = (response: "enumerate" | "pull", from: number, max: number): WsAnswer => {
      seenMax.push(max);
      const items = vms.slice(from, from + max);
      const end = from + max >= vms.length;
      return {
        action: response === "enumerate" ? actions.enumerateResponse : actions.pullResponse,
        body: (w) =>
          writeEnumerationPage(
            w,
            response,
            { context: end ? undefined : `ctx-${from + max}`, endOfSequence: end, itemCount: items.length },
            (w) => {
              for (const p of items) {
                w.start("w:Item");
                encodeInstance(w, { className: "Msvm_ComputerSystem", properties: p }, { ...o, typed: true });
                w.start("a:EndpointReference");
                writeEndpointContent(
                  w,
                  pathToEndpoint(
                    {
                      className: "Msvm_ComputerSystem",
                      keys: { CreationClassName: p.CreationClassName, Name: p.Name },
                    },
                    o.addressing,
                  ),
                );
                w.end().end();
              }
            },
          ),
      };
    };
    if (h.action === actions.enumerate) return page("enumerate", 0, readEnumerate(body).maxElements ?? 1);
    if (h.action === actions.pull) {
      const pull = readPull(body);
      return page("pull", Number(pull.context.slice(4)), pull.maxElements ?? 1);
    }
    if (h.action === actions.release) return { action: actions.releaseResponse };
    throw new Error(`unexpected ${h.action}`);
  };
}

describe("WbemClient over WS-Management", () => {
  it("Get sends the resource URI, selectors and WS-Management headers, and types the answer", async () => {
    const c = await connect(() => ({
      action: actions.getResponse,
      body: (w) =>
        encodeInstance(w, { className: "Msvm_ComputerSystem", properties: vms[0] as object }, { ...o, typed: true }),
    }));
    const path = {
      className: "Msvm_ComputerSystem" as const,
      keys: { CreationClassName: "Msvm_ComputerSystem", Name: "VM-0" },
    };
    const got = await c.getInstance(path);
    expect(got.properties).toEqual(vms[0]);
    expect(got.path).toEqual({ ...path, namespace: ns });
    const seen = peer.server?.seen[0];
    expect(seen?.headers.authorization).toBe(`Basic ${Buffer.from("admin:pw").toString("base64")}`);
    expect(seen?.headers["content-type"]).toBe("application/soap+xml;charset=UTF-8");
    expect(seen?.envelope.headers).toMatchObject({
      action: actions.get,
      to: peer.server?.url,
      resourceUri: uriOf("Msvm_ComputerSystem"),
      selectors: [
        { name: "CreationClassName", value: "Msvm_ComputerSystem" },
        { name: "Name", value: "VM-0" },
      ],
      maxEnvelopeSize: 512000,
      operationTimeout: "PT60S",
      locale: "en-US",
      replyTo: "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous",
    });
    c.close();
  });

  it("iterEnumerateInstances: optimized Enumerate, then Pull with MaxElements, paths from the EPRs", async () => {
    const maxes: number[] = [];
    const c = await connect(pager(maxes));
    const names: string[] = [];
    for await (const i of c.iterEnumerateInstances("Msvm_ComputerSystem", { maxObjectCount: 3 })) {
      names.push(i.properties.Name as string);
      expect(i.path?.keys.Name).toBe(i.properties.Name);
      expect(typeof i.properties.OnTimeInMilliseconds).toBe("bigint");
    }
    expect(names).toEqual(vms.map((v) => v.Name));
    expect(maxes).toEqual([3, 3, 3]);
    const enumerate = peer.server?.seen[0]?.envelope.body;
    expect(readEnumerate(enumerate as never)).toEqual({
      optimize: true,
      maxElements: 3,
      mode: "EnumerateObjectAndEPR",
    });
    expect(peer.server?.seen.map((s) => s.envelope.headers.action)).toEqual([
      actions.enumerate,
      actions.pull,
      actions.pull,
    ]);
    c.close();
  });

  it("leaving the loop early releases the enumeration", async () => {
    const c = await connect(pager([]));
    for await (const i of c.iterEnumerateInstances("Msvm_ComputerSystem", { maxObjectCount: 2 })) {
      if (i.properties.Name === "VM-2") break;
    }
    const last = peer.server?.seen.at(-1)?.envelope;
    expect(last?.headers.action).toBe(actions.release);
    expect(last?.headers.resourceUri).toBe(uriOf("Msvm_ComputerSystem"));
    c.close();
  });

  it("enumerateInstances and enumerateInstanceNames collect every page", async () => {
    const c = await connect(pager([]));
    expect((await c.enumerateInstances("Msvm_ComputerSystem")).map((i) => i.properties.Name)).toEqual(
      vms.map((v) => v.Name),
    );
    c.close();
  });

  it("execQuery sends a WQL filter to every class (*) and a WQL iterator filter too", async () => {
    const maxes: number[] = [];
    const c = await connect(pager(maxes));
    const found = await c.execQuery("WQL", "SELECT * FROM Msvm_ComputerSystem WHERE EnabledState = 2");
    expect(found).toHaveLength(7);
    const first = peer.server?.seen[0]?.envelope;
    expect(first?.headers.resourceUri).toBe(uriOf("*"));
    expect(readEnumerate(first?.body as never).filter).toEqual({
      dialect: "wql",
      query: "SELECT * FROM Msvm_ComputerSystem WHERE EnabledState = 2",
    });
    expect(peer.server?.seen[0]?.text).toContain(`Dialect="${dialects.wql}"`);
    await expect(c.execQuery("CQL2", "x")).rejects.toThrow("CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED");
    c.close();
  });

  it("associators and references send the association filter with the object's EPR", async () => {
    const c = await connect(() => ({
      action: actions.enumerateResponse,
      body: (w) =>
        writeEnumerationPage(w, "enumerate", { context: undefined, endOfSequence: true, itemCount: 0 }, () => {}),
    }));
    const path = { className: "Msvm_ComputerSystem", keys: { Name: "VM-0" } };
    await c.associators(path, { assocClass: "Msvm_SettingsDefineState", resultClass: "Msvm_SummaryInformation" });
    await c.referenceNames(path, { resultClass: "Msvm_AffectedJobElement", role: "AffectedElement" });
    const [a, r] = (peer.server?.seen ?? []).map((s) => readEnumerate(s.envelope.body as never));
    expect(a).toMatchObject({
      mode: "EnumerateObjectAndEPR",
      filter: {
        dialect: "associators",
        assocClass: "Msvm_SettingsDefineState",
        resultClass: "Msvm_SummaryInformation",
      },
    });
    expect(a?.filter).toMatchObject({
      object: { resourceUri: uriOf("Msvm_ComputerSystem"), selectors: [{ name: "Name", value: "VM-0" }] },
    });
    expect(r).toMatchObject({
      mode: "EnumerateEPR",
      filter: { dialect: "references", resultClass: "Msvm_AffectedJobElement", role: "AffectedElement" },
    });
    c.close();
  });

  it("Invoke 4096, then waitForJob to a failure whose GetErrorEx Msvm_Error becomes a JobCimError", async () => {
    const jobPath = { className: "Msvm_ConcreteJob", namespace: ns, keys: { InstanceID: "J1" } };
    let polls = 0;
    const c = await connect((s) => {
      const h = s.envelope.headers;
      if (h.action === invokeAction(uriOf("Msvm_ComputerSystem"), "RequestStateChange")) {
        expect(readMethodInput(s.envelope.body as never, "Msvm_ComputerSystem", "RequestStateChange", o)).toEqual({
          RequestedState: 3,
        });
        return {
          action: `${h.action}Response`,
          body: (w) =>
            writeMethodOutput(
              w,
              {
                resourceUri: uriOf("Msvm_ComputerSystem"),
                className: "Msvm_ComputerSystem",
                method: "RequestStateChange",
                out: { Job: jobPath, ReturnValue: 4096 },
              },
              o,
            ),
        };
      }
      if (h.action === actions.get) {
        polls++;
        return {
          action: actions.getResponse,
          body: (w) =>
            encodeInstance(
              w,
              {
                className: "Msvm_ConcreteJob",
                properties: {
                  InstanceID: "J1",
                  JobState: polls < 2 ? 4 : 10,
                  ErrorCode: 32768,
                  ErrorDescription: "Failed",
                },
              },
              o,
            ),
        };
      }
      if (h.action === invokeAction(uriOf("Msvm_ConcreteJob"), "GetErrorEx"))
        return {
          action: `${h.action}Response`,
          body: (w) =>
            writeMethodOutput(
              w,
              {
                resourceUri: uriOf("Msvm_ConcreteJob"),
                className: "Msvm_ConcreteJob",
                method: "GetErrorEx",
                out: {
                  ReturnValue: 0,
                  Errors: [
                    embedded("Msvm_Error", {
                      CIMStatusCode: 4,
                      Message: "The snapshot name is not valid.",
                      MessageID: "32768",
                    }),
                  ],
                },
              },
              { ...o, schemas: () => undefined },
            ),
        };
      throw new Error(`unexpected ${h.action}`);
    });
    const out = await c.invokeMethod(
      { className: "Msvm_ComputerSystem", keys: { Name: "VM-0" } },
      "RequestStateChange",
      { RequestedState: 3 },
    );
    expect(out).toEqual({ Job: jobPath, ReturnValue: 4096 });
    const failure = await c.waitForJob(out.Job as never, { intervalMs: 0 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(JobCimError);
    const e = failure as JobCimError;
    expect(e.code).toBe(CimStatus.CIM_ERR_INVALID_PARAMETER);
    expect(e.message).toBe(
      "CIM_ERR_INVALID_PARAMETER: job failed: Exception (10): error 32768: Failed: The snapshot name is not valid. [32768]",
    );
    expect(e.errors.map((x) => x.className)).toEqual(["Msvm_Error"]);
    expect(e.cause).toBeInstanceOf(JobFailedError);
    expect(polls).toBe(2);
    c.close();
  });

  it("Create, Put and Delete", async () => {
    const created = {
      className: "Msvm_ComputerSystem",
      namespace: ns,
      keys: { CreationClassName: "Msvm_ComputerSystem", Name: "NEW" },
    };
    const c = await connect((s) => {
      const a = s.envelope.headers.action;
      if (a === actions.create)
        return {
          action: actions.createResponse,
          body: (w) => writeResourceCreated(w, pathToEndpoint(created, o.addressing)),
        };
      if (a === actions.put) return { action: actions.putResponse };
      return { action: actions.deleteResponse };
    });
    expect(await c.createInstance("Msvm_ComputerSystem", { Name: "NEW", ElementName: "n" })).toEqual(created);
    await c.modifyInstance(created as never, { ElementName: "renamed" });
    await c.deleteInstance(created);
    const [create, put, del] = peer.server?.seen ?? [];
    expect(create?.text).toContain("<p:Name>NEW</p:Name><p:ElementName>n</p:ElementName>");
    expect(put?.envelope.headers.selectors).toEqual([
      { name: "CreationClassName", value: "Msvm_ComputerSystem" },
      { name: "Name", value: "NEW" },
    ]);
    expect(del?.envelope.headers.action).toBe(actions.delete);
    c.close();
  });

  it("Identify, unauthenticated as WinRM allows", async () => {
    const c = await connect(() => ({
      status: 200,
      headers: soapType,
      body: '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:wsmid="http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd"><s:Header/><s:Body><wsmid:IdentifyResponse><wsmid:ProtocolVersion>http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd</wsmid:ProtocolVersion><wsmid:ProductVendor>Microsoft Corporation</wsmid:ProductVendor><wsmid:ProductVersion>OS: 0.0.0 SP: 0.0 Stack: 3.0</wsmid:ProductVersion></wsmid:IdentifyResponse></s:Body></s:Envelope>',
    }));
    const id = await (c.operations as WsmanConnection).identify();
    expect(id).toEqual({
      protocolVersions: ["http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"],
      productVendor: "Microsoft Corporation",
      productVersion: "OS: 0.0.0 SP: 0.0 Stack: 3.0",
    });
    expect(peer.server?.seen[0]?.headers.wsmanidentify).toBe("unauthenticated");
    c.close();
  });

  it("the DMTF convention: class resource URIs and __cimnamespace; enumerate() with a selector filter", async () => {
    const maxes: number[] = [];
    const c = await connect(pager(maxes), { resourceUris: "dmtf" });
    const ops = c.operations as WsmanConnection;
    const found: string[] = [];
    const filter = { dialect: "selector" as const, selectors: [{ name: "Name", value: "VM-3" }] };
    for await (const i of ops.enumerate("Msvm_ComputerSystem", { filter, maxElements: 4 }))
      found.push(i.properties.Name as string);
    expect(found).toHaveLength(7); // the scripted peer ignores the filter; what matters is what was sent
    const first = peer.server?.seen[0]?.envelope;
    expect(first?.headers.resourceUri).toBe("http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/Msvm_ComputerSystem");
    expect(first?.headers.selectors).toEqual([{ name: "__cimnamespace", value: ns }]);
    expect(readEnumerate(first?.body as never).filter).toEqual(filter);
    expect(peer.server?.seen[1]?.envelope.headers.selectors).toEqual([{ name: "__cimnamespace", value: ns }]);
    expect(maxes).toEqual([4, 4]);
    c.close();
  });

  it("getClass is not a WS-Management operation", async () => {
    const c = await connect(() => "hang");
    await expect(c.getClass("Msvm_ComputerSystem")).rejects.toThrow(
      /CIM_ERR_NOT_SUPPORTED: getClass\(Msvm_ComputerSystem\)/,
    );
    c.close();
  });
});

describe("errors", () => {
  const path = { className: "Msvm_ComputerSystem", keys: { Name: "nope" } };

  it("a fault is a WsmanFault (a CimError) with its status and subcode", async () => {
    const c = await connect(() => ({ fault: CimStatus.CIM_ERR_NOT_FOUND, reason: "no such VM" }));
    const e = await c.getInstance(path).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WsmanFault);
    expect((e as WsmanFault).code).toBe(CimStatus.CIM_ERR_NOT_FOUND);
    expect((e as WsmanFault).subcode).toBe("DestinationUnreachable");
    expect((e as Error).message).toBe("CIM_ERR_NOT_FOUND: wsa:DestinationUnreachable: no such VM");
    c.close();
  });

  it("401 says authentication failed; 500 without a SOAP body is an HTTP error", async () => {
    let status = 401;
    const c = await connect(() => ({ status, headers: { "Content-Type": "text/plain" }, body: "nope" }));
    await expect(c.getInstance(path)).rejects.toThrow(/authentication failed \(HTTP 401\)/);
    status = 500;
    const e = await c.getInstance(path).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpStatusError);
    expect((e as Error).message).toMatch(/HTTP 500: nope/);
    c.close();
  });

  it.each([
    ["<s:Envelope", /malformed answer: .*line 1/],
    ["<html>hi</html>", /malformed answer: <html> at line 1: not a SOAP 1\.2 Envelope/],
    ['<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x "y">]><s/>', /malformed answer: a DOCTYPE is not accepted/],
  ])("a malformed answer %# is a WsmanError naming the URL", async (body, message) => {
    const c = await connect(() => ({ status: 200, headers: soapType, body }));
    const e = await c.getInstance(path).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WsmanError);
    expect((e as Error).message).toMatch(message);
    expect((e as Error).message).toContain(peer.server?.url);
    c.close();
  });

  it("an answer that is not SOAP, or relates to another request, is refused", async () => {
    let relates = "uuid:other";
    const c = await connect((s) => ({
      status: 200,
      headers: { "Content-Type": "application/json" },
      body: `${relates}${s.envelope.headers.messageId}`,
    }));
    await expect(c.getInstance(path)).rejects.toThrow(/is application\/json, not application\/soap\+xml/);
    c.close();
    relates = "";
    const d = await connect(() => ({
      status: 200,
      headers: soapType,
      body: '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"><s:Header><a:Action>http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse</a:Action><a:RelatesTo>uuid:someone-else</a:RelatesTo></s:Header><s:Body/></s:Envelope>',
    }));
    await expect(d.getInstance(path)).rejects.toThrow(/relates to uuid:someone-else, not to the request uuid:/);
    d.close();
  });

  it("a stalling server times out; an AbortSignal cancels", async () => {
    const c = await connect(() => "hang", { timeoutMs: 200 });
    const started = Date.now();
    await expect(c.getInstance(path)).rejects.toThrow(/no complete answer within 200 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
    const controller = new AbortController();
    const pending = c.getInstance(path, { signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    c.close();
  });
});
