import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExampleHost, schemas } from "../../../examples/hyperv-host/src/host.js";
import { computerPath } from "../../../examples/hyperv-host/src/inventory.js";
import { iparam, iparamValue as v } from "../../../runtime/src/codecs/cimxml/message.js";
import { encodeInstanceName } from "../../../runtime/src/codecs/cimxml/path.js";
import { EnumerationContexts } from "../../../runtime/src/server/enumeration-contexts.js";
import { type CimServer, createCimServer } from "../../../runtime/src/server/index.js";
import { CimError, CimStatus } from "../../../runtime/src/values/cim-error.js";
import type { ObjectPath } from "../../../runtime/src/values/reference.js";
import type { XmlElement } from "../../../runtime/src/xml/tree.js";
import type { XmlWriter } from "../../../runtime/src/xml/writer.js";
import { dtdProblems, errorCode, intrinsic, type Reply, responseOf } from "./http.js";

/**
 * The server's association and query pull operations over raw HTTP (the typed client is tested against them in
 * test/runtime/cimxml/pull-loopback.test.ts): the example host with three snapshots of web-01, batches of the
 * size asked for, the right Pull for each kind of context, DSP0200's errors, and every answer DTD-valid.
 */
let server: CimServer;
let url: string;
const replies: Reply[] = [];
const web01 = computerPath("6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01");

beforeAll(async () => {
  const { host, inventory } = createExampleHost();
  const vm = inventory.findComputer(web01.keys.Name);
  for (let i = 0; i < 3; i++) if (vm !== undefined) inventory.addSnapshot(vm);
  server = createCimServer({ host, schemas, limits: { maxOpen: 4 } });
  url = await server.listen(0);
});
afterAll(() => server.close());

async function send(method: string, params: (w: XmlWriter) => void): Promise<Reply> {
  const reply = await intrinsic(url, method, params);
  replies.push(reply);
  expect(reply.status, reply.body).toBe(200);
  return reply;
}

/** The answer's items (element names and a text to tell them apart), end of sequence, and context. */
async function page(method: string, params: (w: XmlWriter) => void) {
  const rsp = responseOf(await send(method, params));
  const error = rsp.children.find((c) => c.name === "ERROR");
  if (error !== undefined) throw new Error(`${method}: ${error.attributes.CODE} ${error.attributes.DESCRIPTION}`);
  const out = (name: string) =>
    rsp.children.find((c) => c.name === "PARAMVALUE" && c.attributes.NAME === name)?.children[0]?.text ?? "";
  const items = rsp.children.find((c) => c.name === "IRETURNVALUE")?.children ?? [];
  return { items, names: items.map(label), end: out("EndOfSequence"), context: out("EnumerationContext"), rsp };
}

async function failing(method: string, params: (w: XmlWriter) => void): Promise<number | undefined> {
  return errorCode(await send(method, params));
}

/** What tells an item apart: a snapshot's or VM's ElementName, or the InstanceID / Name key of a path. */
function label(item: XmlElement): string {
  const find = (e: XmlElement, test: (x: XmlElement) => boolean): XmlElement | undefined =>
    test(e) ? e : e.children.map((c) => find(c, test)).find((x) => x !== undefined);
  const property = find(item, (e) => e.name === "PROPERTY" && e.attributes.NAME === "ElementName");
  if (property !== undefined) return `${item.name} ${property.children[0]?.text}`;
  const key = find(item, (e) => e.name === "KEYBINDING" && /^(InstanceID|Dependent)$/.test(e.attributes.NAME ?? ""));
  const text = key === undefined ? "" : (find(key, (e) => e.name === "KEYVALUE")?.text ?? key.attributes.NAME);
  return `${item.name} ${text}`;
}

const instanceName = (path: ObjectPath) => (w: XmlWriter) =>
  iparam(w, "InstanceName", (x) => encodeInstanceName(x, path));
const open =
  (path: ObjectPath, max: number, more: (w: XmlWriter) => void = () => {}) =>
  (w: XmlWriter) => {
    instanceName(path)(w);
    iparam(w, "MaxObjectCount", v.integer(max));
    more(w);
  };
const pull = (context: string, max: number) => (w: XmlWriter) => {
  iparam(w, "EnumerationContext", v.string(context));
  iparam(w, "MaxObjectCount", v.integer(max));
};
const contextOnly = (context: string) => (w: XmlWriter) => iparam(w, "EnumerationContext", v.string(context));
const snapshots = ["web-01 - (", "web-01 - (", "web-01 - ("];

describe("CIM-XML server: association pull operations", () => {
  it("OpenAssociatorInstances hands out the associated snapshots in batches, PullInstancesWithPath the rest", async () => {
    const more = (w: XmlWriter) => iparam(w, "ResultClass", v.className("Msvm_VirtualSystemSettingData"));
    const first = await page("OpenAssociatorInstances", open(web01, 2, more));
    expect([first.items.length, first.end]).toEqual([2, "FALSE"]);
    expect(first.items.every((i) => i.name === "VALUE.INSTANCEWITHPATH")).toBe(true);
    const last = await page("PullInstancesWithPath", pull(first.context, 5));
    expect([last.items.length, last.end]).toEqual([1, "TRUE"]);
    const names = [...first.names, ...last.names].map((n) => n.slice(0, "VALUE.INSTANCEWITHPATH web-01 - (".length));
    expect(names).toEqual(snapshots.map((s) => `VALUE.INSTANCEWITHPATH ${s}`));
  });

  it("OpenAssociatorInstancePaths and OpenReferenceInstancePaths answer INSTANCEPATHs, pulled with PullInstancePaths", async () => {
    const assoc = await page("OpenAssociatorInstancePaths", open(web01, 1));
    expect(assoc.names).toEqual(["INSTANCEPATH Microsoft:6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01:SNAPSHOT-0001"]);
    expect(await failing("PullInstancesWithPath", pull(assoc.context, 1))).toBe(21); // a paths context
    const rest = await page("PullInstancePaths", pull(assoc.context, 10));
    expect([rest.items.length, rest.end]).toEqual([2, "TRUE"]);
    const refs = await page("OpenReferenceInstancePaths", open(web01, 10));
    expect(refs.items.map((i) => i.name)).toEqual(["INSTANCEPATH", "INSTANCEPATH", "INSTANCEPATH"]);
    expect(refs.end).toBe("TRUE");
  });

  it("OpenReferenceInstances answers the association instances with the PropertyList applied", async () => {
    const list = (w: XmlWriter) => iparam(w, "PropertyList", v.strings(["Dependent"]));
    const refs = await page("OpenReferenceInstances", open(web01, 10, list));
    expect(refs.items).toHaveLength(3);
    const properties = refs.items.map((i) =>
      i.children.find((c) => c.name === "INSTANCE")?.children.map((p) => p.attributes.NAME),
    );
    expect(properties).toEqual([["Dependent"], ["Dependent"], ["Dependent"]]);
  });

  it("refuses what DSP0200 says a server may refuse, each with its status", async () => {
    const filter = (w: XmlWriter) => {
      iparam(w, "FilterQueryLanguage", v.string("DMTF:FQL"));
      iparam(w, "FilterQuery", v.string("ElementName = 'x'"));
    };
    expect(await failing("OpenAssociatorInstances", open(web01, 1, filter))).toBe(25);
    const onError = (w: XmlWriter) => iparam(w, "ContinueOnError", v.boolean(true));
    expect(await failing("OpenReferenceInstances", open(web01, 1, onError))).toBe(26);
    const timeout = (w: XmlWriter) => iparam(w, "OperationTimeout", v.integer(100_000));
    expect(await failing("OpenReferenceInstancePaths", open(web01, 1, timeout))).toBe(22);
    // The pull operations start from an instance; a class path is a bad InstanceName.
    expect(await failing("OpenAssociatorInstances", open({ className: "Msvm_ComputerSystem", keys: {} }, 1))).toBe(4);
    // ObjectName is the one-answer operations' parameter, not the pull operations'.
    const objectName = (w: XmlWriter) => iparam(w, "ObjectName", v.objectName(web01));
    expect(await failing("OpenAssociatorInstancePaths", objectName)).toBe(4);
  });
});

describe("CIM-XML server: OpenQueryInstances, PullInstances, EnumerationCount", () => {
  const query =
    (text: string, max: number, more: (w: XmlWriter) => void = () => {}) =>
    (w: XmlWriter) => {
      iparam(w, "FilterQueryLanguage", v.string("WQL"));
      iparam(w, "FilterQuery", v.string(text));
      iparam(w, "MaxObjectCount", v.integer(max));
      more(w);
    };

  it("answers the query's rows as INSTANCEs without paths, and counts what remains", async () => {
    const text = "SELECT ElementName FROM Msvm_ComputerSystem WHERE EnabledState = 2";
    const first = await page("OpenQueryInstances", query(text, 1));
    expect([first.names, first.end]).toEqual([["INSTANCE HYPERV-01"], "FALSE"]);
    const count = responseOf(await send("EnumerationCount", contextOnly(first.context)));
    expect(count.children.find((c) => c.name === "IRETURNVALUE")?.children[0]?.text).toBe("2");
    expect(await failing("PullInstancePaths", pull(first.context, 1))).toBe(21); // a rows context
    const rest = await page("PullInstances", pull(first.context, 10));
    expect([rest.names, rest.end]).toEqual([["INSTANCE web-01", "INSTANCE db-01"], "TRUE"]);
    expect(rest.items[0]?.children.map((p) => p.attributes.NAME)).toEqual(["ElementName"]);
    expect(await failing("EnumerationCount", contextOnly(first.context))).toBe(21); // ended
  });

  it("with ReturnQueryResultClass, also the class that describes the rows", async () => {
    const more = (w: XmlWriter) => iparam(w, "ReturnQueryResultClass", v.boolean(true));
    const { rsp } = await page(
      "OpenQueryInstances",
      query("SELECT Name, ElementName FROM Msvm_ComputerSystem", 0, more),
    );
    const resultClass = rsp.children.find((c) => c.attributes.NAME === "QueryResultClass")?.children[0];
    expect(resultClass?.attributes.NAME).toBe("Msvm_ComputerSystem");
    expect(resultClass?.children.map((p) => p.attributes.NAME)).toEqual(["ElementName", "Name"]);
    const context = rsp.children.find((c) => c.attributes.NAME === "EnumerationContext")?.children[0]?.text ?? "";
    await send("CloseEnumeration", contextOnly(context));
  });

  it("refuses another language, a bad query, and a second filter", async () => {
    const cql = (w: XmlWriter) => {
      iparam(w, "FilterQueryLanguage", v.string("DMTF:CQL"));
      iparam(w, "FilterQuery", v.string("SELECT * FROM Msvm_ComputerSystem"));
    };
    expect(await failing("OpenQueryInstances", cql)).toBe(14);
    expect(await failing("OpenQueryInstances", query("SELECT Nope FROM Msvm_ComputerSystem", 1))).toBe(15);
    expect(await failing("OpenQueryInstances", query("SELECT * FROM Msvm_NoSuchClass", 1))).toBe(5);
    const withClassName = (w: XmlWriter) => iparam(w, "ClassName", v.className("Msvm_ComputerSystem"));
    expect(await failing("OpenQueryInstances", query("SELECT * FROM Msvm_ComputerSystem", 1, withClassName))).toBe(4);
  });
});

describe("enumeration contexts are bounded", () => {
  it("expire after their OperationTimeout without a pull, and a pull renews the timeout", async () => {
    let now = 0;
    const contexts = new EnumerationContexts(
      { maxOpen: 2, defaultTimeoutSeconds: 10, maxTimeoutSeconds: 60, maxObjectCount: 100, maxResultCount: 100 },
      () => now,
    );
    const a = await contexts.open("paths", "root/x", [1, 2, 3, 4], 10, 1);
    const b = await contexts.open("paths", "root/x", [1, 2, 3], 10, 1);
    await expect(contexts.open("paths", "root/x", [1, 2], 10, 1)).rejects.toThrow(CimError); // SERVER_LIMITS_EXCEEDED
    now = 9_000;
    expect((await contexts.pull(a.context, "paths", "root/x", 1)).items).toEqual([2]);
    now = 15_000; // b was last used at 0: gone; a at 9 s: still open
    expect(contexts.size).toBe(1);
    expect(() => contexts.pull(b.context, "paths", "root/x", 1)).toThrow(/not open/);
    expect(contexts.remaining(a.context, "root/x")).toBe(2);
    expect(() => contexts.remaining(a.context, "root/y")).toThrow(/not open/); // another namespace's
    contexts.dispose();
  });
});

describe("enumeration contexts over a stream", () => {
  const limits = {
    maxOpen: 4,
    defaultTimeoutSeconds: 10,
    maxTimeoutSeconds: 60,
    maxObjectCount: 100,
    maxResultCount: 100,
  };
  const state = { finished: 0 };
  async function* numbers(failAt = Number.POSITIVE_INFINITY) {
    try {
      for (let i = 0; i < 10; i++) {
        if (i === failAt) throw new Error(`broken at ${i}`);
        yield i;
      }
    } finally {
      state.finished++;
    }
  }

  it("a batch that does not fit stays for the next pull; a stream that fails fails its pull and closes the context", async () => {
    state.finished = 0;
    const contexts = new EnumerationContexts(limits, () => 0);
    const a = await contexts.open("paths", "root/x", numbers(7), 10, 2);
    expect([a.items, a.endOfSequence]).toEqual([[0, 1], false]);
    const tooLarge = () => {
      throw new CimError(CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED, "does not fit");
    };
    await expect(contexts.pull(a.context, "paths", "root/x", 3, tooLarge)).rejects.toThrow("does not fit");
    expect((await contexts.pull(a.context, "paths", "root/x", 3)).items).toEqual([2, 3, 4]);
    await expect(contexts.pull(a.context, "paths", "root/x", 3)).rejects.toThrow("broken at 7");
    expect(state.finished).toBe(1);
    expect(() => contexts.pull(a.context, "paths", "root/x", 3)).toThrow(/not open/);
    // The last batch is known to be the last: EndOfSequence with it, not on an empty page after it.
    const b = await contexts.open("paths", "root/x", numbers(), 10, 5);
    expect(await contexts.pull(b.context, "paths", "root/x", 5)).toMatchObject({
      items: [5, 6, 7, 8, 9],
      endOfSequence: true,
    });
    expect(state.finished).toBe(2);
    await contexts.open("paths", "root/x", numbers(), 10, 5);
    contexts.dispose(); // the server closing stops the streams still open
    await new Promise((resolve) => setImmediate(resolve));
    expect(state.finished).toBe(3);
  });
});

describe("CIM-XML server: pull answers", () => {
  it("are DTD-valid CIM-XML", () => {
    expect(replies.length).toBeGreaterThan(20);
    expect(dtdProblems(replies.map((r) => r.body))).toBe("");
  });
});
