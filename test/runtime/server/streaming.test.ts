import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CimXmlConnection } from "../../../runtime/src/client/cimxml-connection.js";
import { WsmanConnection } from "../../../runtime/src/client/wsman-connection.js";
import { iparam, iparamValue as v } from "../../../runtime/src/codecs/cimxml/message.js";
import type { CimServer } from "../../../runtime/src/server/index.js";
import { CimError, CimStatus } from "../../../runtime/src/values/cim-error.js";
import { dtdProblems, intrinsic, responseOf } from "./http.js";
import {
  linkSchema,
  namespace,
  type RecordLinkProvider,
  type RecordProvider,
  recordServer,
  schema,
} from "./record-stream.js";

/**
 * A provider that streams (an async generator of 20,000 records, record-stream.ts) behind the CIM-XML pull
 * operations, driven by the runtime's own client: the server reads the generator a batch at a time as the client
 * pulls, never the whole result, and stops it (its finally block runs) when the enumeration is closed, fails or
 * times out.
 */
let server: CimServer;
let records: RecordProvider;
let links: RecordLinkProvider;
let url: string;
let client: CimXmlConnection;
let wsman: WsmanConnection;
// 20 pages of 1,000 show the read-ahead bound on every page as well as 200,000 did, in a tenth of the time (22 s).
const total = 20_000;

beforeAll(async () => {
  ({ server, records, links } = recordServer({ maxResultCount: 1000 }));
  url = await server.listen(0);
  client = new CimXmlConnection({ url, namespace, schemas: [schema, linkSchema] });
  wsman = new WsmanConnection({ url, namespace, schemas: [schema] });
});
afterAll(async () => {
  client.close();
  wsman.close();
  await server.close();
});
beforeEach(() => {
  records.count = total;
  records.failAt = undefined;
  records.produced = 0;
  records.finished = 0;
  links.count = 5000;
  links.produced = 0;
  links.finished = 0;
});

const ids = (page: { instances: readonly { properties: Record<string, unknown> }[] }) =>
  page.instances.map((i) => Number(i.properties.Id));

describe("CIM-XML pull over a streaming provider", () => {
  it("hands out 20,000 records in order, a batch at a time, reading at most one record past each batch", async () => {
    const batch = 1000;
    let page = await client.openEnumerateInstances("Test_Record", { maxObjectCount: batch });
    // The first answer: one batch and the one record read ahead to know it is not the last, not 20,000.
    expect(records.produced).toBe(batch + 1);
    let next = 0;
    let pages = 1;
    for (;;) {
      expect(ids(page)).toEqual(Array.from({ length: page.instances.length }, (_, i) => next + i));
      next += page.instances.length;
      expect(records.produced - next).toBeLessThanOrEqual(1);
      if (page.endOfSequence || page.context === undefined) break;
      page = await client.pullInstancesWithPath(page.context, batch);
      pages++;
    }
    expect(next).toBe(total);
    expect(pages).toBe(total / batch); // EndOfSequence exact: on the last full batch, no empty page after it
    expect(records.finished).toBe(1);
  }, 120_000);

  it("CloseEnumeration after one pull stops the generator (its finally runs), having read one batch ahead at most", async () => {
    const first = await client.openEnumerateInstances("Test_Record", { maxObjectCount: 1000 });
    const second = await client.pullInstancesWithPath(first.context as string, 1000);
    expect(ids(second)[0]).toBe(1000);
    expect(records.finished).toBe(0);
    await client.closeEnumeration(second.context as string);
    expect(records.finished).toBe(1);
    expect(records.produced).toBe(2001);
    await expect(client.pullInstancesWithPath(second.context as string, 1000)).rejects.toMatchObject({
      code: CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT,
    });
  });

  it("EnumerationCount is NULL while the stream's rest is unknown (DSP0200: a server that cannot count)", async () => {
    const first = await client.openEnumerateInstances("Test_Record", { maxObjectCount: 10 });
    expect(await client.enumerationCount(first.context as string)).toBeUndefined();
    expect(records.produced).toBe(11); // counting did not read the stream
    // On the wire: an IRETURNVALUE without a VALUE, valid DSP0203 CIM-XML.
    const reply = await intrinsic(
      url,
      "EnumerationCount",
      (w) => iparam(w, "EnumerationContext", v.string(first.context as string)),
      namespace,
    );
    expect(responseOf(reply).children.map((c) => [c.name, c.children.length])).toEqual([["IRETURNVALUE", 0]]);
    expect(dtdProblems([reply.body])).toBe("");
    await client.closeEnumeration(first.context as string);
  });

  it("a generator that throws midway fails that Pull with CIM_ERR_FAILED and its message, and closes the context", async () => {
    records.failAt = 1500;
    const first = await client.openEnumerateInstances("Test_Record", { maxObjectCount: 1000 });
    const failed = await client.pullInstancesWithPath(first.context as string, 1000).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(CimError);
    expect(failed).toMatchObject({ code: CimStatus.CIM_ERR_FAILED });
    expect((failed as CimError).message).toContain("the log is unreadable at record 1500");
    expect(records.finished).toBe(1);
    await expect(client.pullInstancesWithPath(first.context as string, 1000)).rejects.toMatchObject({
      code: CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT,
    });
  });

  it("a context left to time out stops the generator", async () => {
    await client.openEnumerateInstances("Test_Record", { maxObjectCount: 10, operationTimeout: 1 });
    expect(records.finished).toBe(0);
    const deadline = Date.now() + 5000;
    while (records.finished === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(records.finished).toBe(1);
    expect(records.produced).toBe(11);
  });

  it("OpenQueryInstances filters each record as it comes (WQL)", async () => {
    const first = await client.openQueryInstances("WQL", "SELECT Id FROM Test_Record WHERE Id >= 100", {
      maxObjectCount: 10,
    });
    expect(first.instances.map((i) => Number(i.properties.Id))).toEqual([...Array(10).keys()].map((i) => 100 + i));
    expect(records.produced).toBe(111); // 100 read and left out, 10 answered, 1 ahead
    await client.closeEnumeration(first.context as string);
    expect(records.finished).toBe(1);
  });
});

describe("CIM-XML association pulls over a provider whose references stream", () => {
  const record0 = { className: "Test_Record", namespace, keys: { Id: 0 } };

  it("OpenReferenceInstances reads one batch and one link ahead; CloseEnumeration stops the generator", async () => {
    const first = await client.openReferenceInstances(record0, { maxObjectCount: 100 });
    expect(first.instances.map((l) => (l.properties.Target as { keys: { Id: unknown } }).keys.Id)).toEqual(
      [...Array(100).keys()].map((i) => i + 1),
    );
    expect(links.produced).toBe(101);
    await client.closeEnumeration(first.context as string);
    expect(links.finished).toBe(1);
  });

  it("OpenAssociatorInstancePaths gives the far ends in order, pulled to the end", async () => {
    let page = await client.openAssociatorInstancePaths(record0, { maxObjectCount: 1000 });
    expect(links.produced).toBe(1001);
    const far = [...page.paths];
    while (!page.endOfSequence && page.context !== undefined) {
      page = await client.pullInstancePaths(page.context, 1000);
      far.push(...page.paths);
    }
    expect(far.map((p) => Number(p.keys.Id))).toEqual([...Array(5000).keys()].map((i) => i + 1));
    expect(links.finished).toBe(1);
  });

  it("ReferenceNames (one answer) past maxResultCount is CIM_ERR_SERVER_LIMITS_EXCEEDED, the generator stopped", async () => {
    await expect(client.referenceNames(record0)).rejects.toMatchObject({
      code: CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED,
    });
    expect([links.produced, links.finished]).toEqual([1001, 1]);
  });
});

describe("CIM-XML one-answer operations over a streaming provider", () => {
  it("EnumerateInstances answers the whole stream when it fits the server's limit", async () => {
    records.count = 1000;
    const all = await client.enumerateInstances("Test_Record");
    expect(all.map((i) => Number(i.properties.Id))).toEqual([...Array(1000).keys()]);
  });

  it("past maxResultCount, EnumerateInstances and ExecQuery are CIM_ERR_SERVER_LIMITS_EXCEEDED, having read one past it", async () => {
    await expect(client.enumerateInstances("Test_Record")).rejects.toMatchObject({
      code: CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED,
    });
    expect(records.produced).toBe(1001);
    expect(records.finished).toBe(1);
    await expect(client.execQuery("WQL", "SELECT * FROM Test_Record")).rejects.toMatchObject({
      code: CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED,
    });
    await expect(client.enumerateInstanceNames("Test_Record")).rejects.toThrow(/use the pull operations/);
    expect(records.finished).toBe(3);
  });
});

describe("WS-Management Enumerate/Pull over a streaming provider", () => {
  it("an optimized Enumerate and its Pulls hand out the records in order, at most a batch and one record ahead", async () => {
    records.count = 20_000;
    const batch = 2000;
    let page = await wsman.openEnumerateInstances("Test_Record", { maxObjectCount: batch });
    expect(records.produced).toBe(batch + 1);
    let next = 0;
    for (;;) {
      expect(ids(page)).toEqual(Array.from({ length: page.instances.length }, (_, i) => next + i));
      next += page.instances.length;
      // MaxEnvelopeSize (the client's 512 KB) may cut a batch: what did not fit was read, and waits for the next Pull.
      expect(records.produced - next).toBeLessThanOrEqual(batch + 1);
      if (page.endOfSequence || page.context === undefined) break;
      page = await wsman.pullInstancesWithPath(page.context, batch);
    }
    expect(next).toBe(20_000);
    expect(records.finished).toBe(1);
  }, 60_000);

  it("Release stops the generator; a plain Enumerate reads nothing until the first Pull", async () => {
    const first = await wsman.openEnumerateInstances("Test_Record", { maxObjectCount: 100 });
    await wsman.closeEnumeration(first.context as string);
    expect([records.produced, records.finished]).toEqual([101, 1]);
    // enumerate(): a plain Enumerate (a context, no items) then Pulls; leaving the loop releases the context.
    let seen = 0;
    for await (const record of wsman.enumerate("Test_Record", { maxElements: 50 })) {
      expect(Number(record.properties.Id)).toBe(seen);
      if (++seen === 120) break;
    }
    expect([records.produced, records.finished]).toEqual([101 + 151, 2]);
  });

  it("a generator that throws midway is a fault for that Pull, and the context is gone", async () => {
    records.failAt = 150;
    const first = await wsman.openEnumerateInstances("Test_Record", { maxObjectCount: 100 });
    const failed = await wsman.pullInstancesWithPath(first.context as string, 100).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(CimError);
    expect((failed as CimError).message).toContain("the log is unreadable at record 150");
    expect(records.finished).toBe(1);
    await expect(wsman.pullInstancesWithPath(first.context as string, 100)).rejects.toThrow(CimError);
  });
});
