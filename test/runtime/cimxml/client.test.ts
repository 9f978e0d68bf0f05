import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import type { Msvm_ConcreteJob } from "../../../generated/root/virtualization/v2/Msvm_ConcreteJob.js";
import { Msvm_ConcreteJob_Schema } from "../../../generated/root/virtualization/v2/Msvm_ConcreteJob.js";
import type { ClassMap } from "../../../generated/root/virtualization/v2/providers/class-map.js";
import { EnumerationStalledError, HttpStatusError } from "../../../runtime/src/client/errors.js";
import { WbemClient } from "../../../runtime/src/client/wbem-client.js";
import { CimXmlError } from "../../../runtime/src/codecs/cimxml/errors.js";
import { TransportError } from "../../../runtime/src/transport/http.js";
import { CimError } from "../../../runtime/src/values/cim-error.js";
import { JobFailedError, JobStateMissingError } from "../../../runtime/src/values/job.js";
import { XmlError } from "../../../runtime/src/xml/errors.js";
import { selfSignedCertificate } from "../../helpers/tls.js";
import { type Answer, type FakeServer, fakeServer, iparam, rsp, type Seen } from "./fake-server.js";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function client(answer: (seen: Seen) => Answer, options: Record<string, unknown> = {}) {
  server = await fakeServer(answer);
  return new WbemClient<ClassMap>({
    url: server.url,
    namespace: "root/virtualization/v2",
    schemas: [Msvm_ConcreteJob_Schema],
    timeoutMs: 2000,
    ...options,
  });
}

const job = (id: string, state: number | undefined) =>
  `<INSTANCE CLASSNAME="Msvm_ConcreteJob"><PROPERTY NAME="InstanceID" TYPE="string"><VALUE>${id}</VALUE></PROPERTY>${
    state === undefined ? "" : `<PROPERTY NAME="JobState" TYPE="uint16"><VALUE>${state}</VALUE></PROPERTY>`
  }</INSTANCE>`;
const named = (id: string) =>
  `<VALUE.INSTANCEWITHPATH><INSTANCEPATH><NAMESPACEPATH><HOST>h</HOST><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/></LOCALNAMESPACEPATH></NAMESPACEPATH><INSTANCENAME CLASSNAME="Msvm_ConcreteJob"><KEYBINDING NAME="InstanceID"><KEYVALUE VALUETYPE="string">${id}</KEYVALUE></KEYBINDING></INSTANCENAME></INSTANCEPATH>${job(id, 7)}</VALUE.INSTANCEWITHPATH>`;
const jobPath = { className: "Msvm_ConcreteJob" as const, keys: { InstanceID: "J1" } };

describe("iterEnumerateInstances pulls page by page", () => {
  /** 7 jobs served 2 per page; the context says where the next page starts. */
  const pages = (s: Seen) => {
    const from = s.method === "OpenEnumerateInstances" ? 0 : Number(iparam(s.call, "EnumerationContext"));
    if (s.method === "CloseEnumeration") return rsp(s.method, "");
    const ids = [0, 1].map((i) => from + i).filter((i) => i < 7);
    const end = from + 2 >= 7;
    return rsp(
      s.method,
      `<IRETURNVALUE>${ids.map((i) => named(`J${i}`)).join("")}</IRETURNVALUE><PARAMVALUE NAME="EndOfSequence"><VALUE>${end ? "TRUE" : "FALSE"}</VALUE></PARAMVALUE><PARAMVALUE NAME="EnumerationContext"><VALUE>${end ? "" : from + 2}</VALUE></PARAMVALUE>`,
    );
  };

  it("asks for the next page only when the previous one is used up", async () => {
    const c = await client(pages);
    const requestsAtYield: number[] = [];
    const ids: unknown[] = [];
    for await (const instance of c.iterEnumerateInstances("Msvm_ConcreteJob", { maxObjectCount: 2 })) {
      expectTypeOf(instance.properties).toEqualTypeOf<Msvm_ConcreteJob>();
      ids.push(instance.properties.InstanceID);
      requestsAtYield.push(server?.seen.length ?? 0);
    }
    c.close();
    expect(ids).toEqual(["J0", "J1", "J2", "J3", "J4", "J5", "J6"]);
    // Never more than one page of instances held: the 2nd request comes only after the first 2 are consumed.
    expect(requestsAtYield).toEqual([1, 1, 2, 2, 3, 3, 4]);
    expect(server?.seen.map((s) => s.method)).toEqual([
      "OpenEnumerateInstances",
      ...Array(3).fill("PullInstancesWithPath"),
    ]);
    expect(iparam(server?.seen[1]?.call as never, "MaxObjectCount")).toBe("2");
  });

  it("closes the enumeration when the loop stops early", async () => {
    const c = await client(pages);
    for await (const instance of c.iterEnumerateInstances("Msvm_ConcreteJob", { maxObjectCount: 2 })) {
      if (instance.properties.InstanceID === "J2") break;
    }
    c.close();
    expect(server?.seen.map((s) => s.method)).toEqual([
      "OpenEnumerateInstances",
      "PullInstancesWithPath",
      "CloseEnumeration",
    ]);
    expect(iparam(server?.seen[2]?.call as never, "EnumerationContext")).toBe("4");
  });
});

describe("the pull iterators and servers without pull operations", () => {
  const paths = (ns: string, ids: string[]) =>
    ids
      .map(
        (id) =>
          `<INSTANCEPATH><NAMESPACEPATH><HOST>h</HOST><LOCALNAMESPACEPATH>${ns
            .split("/")
            .map((n) => `<NAMESPACE NAME="${n}"/>`)
            .join(
              "",
            )}</LOCALNAMESPACEPATH></NAMESPACEPATH><INSTANCENAME CLASSNAME="Msvm_ConcreteJob"><KEYBINDING NAME="InstanceID"><KEYVALUE VALUETYPE="string">${id}</KEYVALUE></KEYBINDING></INSTANCENAME></INSTANCEPATH>`,
      )
      .join("");
  const state = (end: boolean) =>
    `<PARAMVALUE NAME="EndOfSequence"><VALUE>${end ? "TRUE" : "FALSE"}</VALUE></PARAMVALUE><PARAMVALUE NAME="EnumerationContext"><VALUE>${end ? "" : "C1"}</VALUE></PARAMVALUE>`;
  const namespaceOf = (s: Seen) => s.call.children[0]?.children.map((n) => n.attributes.NAME).join("/") ?? "";

  it("pulls and closes in the namespace of the path the enumeration was opened on", async () => {
    const c = await client((s) =>
      s.method === "CloseEnumeration"
        ? rsp(s.method, "")
        : rsp(s.method, `<IRETURNVALUE>${paths("root/other", ["J1"])}</IRETURNVALUE>${state(false)}`),
    );
    const elsewhere = { ...jobPath, namespace: "root/other" };
    for await (const path of c.iterAssociatorInstancePaths(elsewhere, { maxObjectCount: 1 })) {
      if (server !== undefined && server.seen.length === 2) break;
      expect(path.namespace).toBe("root/other");
    }
    c.close();
    expect(server?.seen.map((s) => [s.method, namespaceOf(s), s.headers.cimobject])).toEqual([
      ["OpenAssociatorInstancePaths", "root/other", "root/other"],
      ["PullInstancePaths", "root/other", "root/other"],
      ["CloseEnumeration", "root/other", "root/other"],
    ]);
  });

  it("stops an enumeration the server never moves on, and closes it; refuses pages of 0", async () => {
    const c = await client((s) =>
      rsp(s.method, s.method === "CloseEnumeration" ? "" : `<IRETURNVALUE></IRETURNVALUE>${state(false)}`),
    );
    const loop = async () => {
      for await (const _ of c.iterEnumerateInstancePaths("Msvm_ConcreteJob")) throw new Error("no item was sent");
    };
    await expect(loop()).rejects.toBeInstanceOf(EnumerationStalledError);
    const methods = server?.seen.map((s) => s.method) ?? [];
    expect([methods.length, methods[0], methods.at(-1)]).toEqual([
      101,
      "OpenEnumerateInstancePaths",
      "CloseEnumeration",
    ]);
    await expect(c.iterEnumerateInstances("Msvm_ConcreteJob", { maxObjectCount: 0 }).next()).rejects.toBeInstanceOf(
      RangeError,
    );
    c.close();
    expect(server?.seen).toHaveLength(101);
  });

  it("asks with the one-answer operation when the server answers an Open with CIM_ERR_NOT_SUPPORTED", async () => {
    const c = await client((s) =>
      s.method === "ReferenceNames"
        ? rsp(
            s.method,
            `<IRETURNVALUE>${["J1", "J2"].map((id) => `<OBJECTPATH>${paths("root/virtualization/v2", [id])}</OBJECTPATH>`).join("")}</IRETURNVALUE>`,
          )
        : rsp(s.method, `<ERROR CODE="7" DESCRIPTION="pull operations are not supported"/>`),
    );
    const found: unknown[] = [];
    for await (const path of c.iterReferenceInstancePaths(jobPath)) found.push(path.keys.InstanceID);
    // With a filter, the one-answer operation cannot do the same: the error is the caller's.
    const filtered = c.iterReferenceInstancePaths(jobPath, { filterQueryLanguage: "DMTF:FQL", filterQuery: "x" });
    await expect(filtered.next()).rejects.toMatchObject({ code: 7 });
    c.close();
    expect(found).toEqual(["J1", "J2"]);
    expect(server?.seen.map((s) => s.method)).toEqual([
      "OpenReferenceInstancePaths",
      "ReferenceNames",
      "OpenReferenceInstancePaths",
    ]);
  });
});

describe("waitForJob follows a job through the client", () => {
  it("polls GetInstance of the generated Msvm_ConcreteJob (JobState optional) until it completes", async () => {
    const states = [4, 4, 7];
    const c = await client((s) => rsp(s.method, `<IRETURNVALUE>${job("J1", states.shift())}</IRETURNVALUE>`));
    const done = await c.waitForJob<"Msvm_ConcreteJob">(jobPath, { intervalMs: 0 });
    c.close();
    expectTypeOf(done.properties).toEqualTypeOf<Msvm_ConcreteJob>();
    expect(done.properties.JobState).toBe(7);
    expect(server?.seen.map((s) => s.method)).toEqual(["GetInstance", "GetInstance", "GetInstance"]);
  });

  it("rejects with JobFailedError, and with JobStateMissingError for a job without JobState", async () => {
    const c = await client((s) => rsp(s.method, `<IRETURNVALUE>${job("J1", 10)}</IRETURNVALUE>`));
    await expect(c.waitForJob(jobPath, { intervalMs: 0 })).rejects.toBeInstanceOf(JobFailedError);
    c.close();
    await server?.close();
    const d = await client((s) => rsp(s.method, `<IRETURNVALUE>${job("J1", undefined)}</IRETURNVALUE>`));
    await expect(d.waitForJob(jobPath, { intervalMs: 0 })).rejects.toBeInstanceOf(JobStateMissingError);
    d.close();
  });

  it("finds what the job affected through Msvm_AffectedJobElement in one call", async () => {
    const c = await client((s) => rsp(s.method, "<IRETURNVALUE></IRETURNVALUE>"));
    expect(await c.affectedElements(jobPath)).toEqual([]);
    c.close();
    const call = server?.seen[0]?.call as never;
    expect(server?.seen[0]?.method).toBe("Associators");
    expect([iparam(call, "AssocClass"), iparam(call, "Role"), iparam(call, "ResultRole")]).toEqual([
      "Msvm_AffectedJobElement",
      "AffectingElement",
      "AffectedElement",
    ]);
  });
});

describe("a kept-alive connection that the server closed", () => {
  const found = (s: Seen) => rsp(s.method, `<IRETURNVALUE>${job("J1", 7)}</IRETURNVALUE>`);
  /** The second request (the first on the kept-alive connection) is dropped; the others are answered. */
  const dropSecond = (s: Seen) => (server?.seen.length === 2 ? "drop" : found(s));

  it("sends a read again on a new connection", async () => {
    const c = await client(dropSecond);
    await c.getInstance(jobPath);
    expect((await c.getInstance(jobPath)).properties.InstanceID).toBe("J1");
    c.close();
    expect(server?.seen.map((s) => s.method)).toEqual(["GetInstance", "GetInstance", "GetInstance"]);
  });

  it("does not send a write again: the server may have acted on it", async () => {
    const c = await client(dropSecond);
    await c.getInstance(jobPath);
    await expect(c.deleteInstance(jobPath)).rejects.toThrow(TransportError);
    c.close();
    expect(server?.seen.map((s) => s.method)).toEqual(["GetInstance", "DeleteInstance"]);
  });

  it("does not send a read again when its connection was new", async () => {
    const c = await client(() => "drop");
    await expect(c.getInstance(jobPath)).rejects.toThrow(TransportError);
    c.close();
    expect(server?.seen).toHaveLength(1);
  });
});

describe("the client's failures are clear", () => {
  it("an ERROR element is a CimError with the DSP0200 status and description", async () => {
    const c = await client((s) => rsp(s.method, `<ERROR CODE="6" DESCRIPTION="no such job"/>`));
    const error = await c.getInstance(jobPath).catch((e: unknown) => e);
    c.close();
    expect(error).toBeInstanceOf(CimError);
    expect(error).toMatchObject({ code: 6, statusName: "CIM_ERR_NOT_FOUND", detail: "no such job" });
  });

  it("sends Basic credentials, and reports 401 and the CIMError header", async () => {
    const c = await client(() => ({ status: 401 }), { user: "ann", password: "s3cret" });
    const error = await c.getInstance(jobPath).catch((e: unknown) => e);
    expect(server?.seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from("ann:s3cret").toString("base64")}`);
    expect(String(error)).toMatch(/authentication failed \(HTTP 401\)/);
    c.close();
    await server?.close();
    const d = await client(() => ({ status: 400, headers: { CIMError: "request-not-valid" } }));
    const bad = await d.getInstance(jobPath).catch((e: unknown) => e);
    d.close();
    expect(bad).toBeInstanceOf(HttpStatusError);
    expect(bad).toMatchObject({ status: 400, cimError: "request-not-valid" });
  });

  it.each<[string, Answer, new (...args: never[]) => Error, RegExp]>([
    ["malformed XML", "<CIM><MESSAGE>", XmlError, /./],
    [
      "a wrong CIMOperation header",
      { status: 200, headers: { "Content-Type": "application/xml" }, body: rsp("GetInstance", "") },
      CimXmlError,
      /CIMOperation header/,
    ],
    [
      "a response for another operation",
      rsp("DeleteInstance", ""),
      CimXmlError,
      /answers DeleteInstance, not GetInstance/,
    ],
    [
      "a value typed wrong for the schema",
      rsp(
        "GetInstance",
        `<IRETURNVALUE><INSTANCE CLASSNAME="Msvm_ConcreteJob"><PROPERTY NAME="JobState" TYPE="string"><VALUE>7</VALUE></PROPERTY></INSTANCE></IRETURNVALUE>`,
      ),
      CimXmlError,
      /JobState is a uint16 in the schema, but the message says string/,
    ],
  ])("%s", async (_, answer, kind, message) => {
    const c = await client(() => answer);
    const error = await c.getInstance(jobPath).catch((e: unknown) => e);
    c.close();
    expect(error).toBeInstanceOf(kind);
    expect(String(error)).toMatch(message);
  });

  it("gives up after the timeout, and stops when the signal aborts", async () => {
    const c = await client(() => "hang", { timeoutMs: 100 });
    await expect(c.getInstance(jobPath)).rejects.toThrow(TransportError);
    const controller = new AbortController();
    const pending = c.getInstance(jobPath, { signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    c.close();
  });
});

describe("HTTPS", () => {
  it("refuses a certificate it cannot verify unless its CA is given", async () => {
    const { key, cert } = selfSignedCertificate();
    server = await fakeServer((s) => rsp(s.method, `<IRETURNVALUE>${job("J1", 7)}</IRETURNVALUE>`), {
      key,
      cert,
    });
    const strict = new WbemClient<ClassMap>({ url: server.url, namespace: "root/virtualization/v2", timeoutMs: 2000 });
    await expect(strict.getInstance(jobPath)).rejects.toThrow(TransportError);
    strict.close();
    const trusting = new WbemClient<ClassMap>({
      url: server.url,
      namespace: "root/virtualization/v2",
      ca: cert,
      timeoutMs: 2000,
    });
    expect((await trusting.getInstance(jobPath)).properties.JobState).toBe(7);
    trusting.close();
  });
});
