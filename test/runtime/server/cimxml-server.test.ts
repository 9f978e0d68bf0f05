import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExampleServer } from "../../../examples/hyperv-host/src/host.js";
import { iparam, iparamValue } from "../../../runtime/src/codecs/cimxml/message.js";
import { decodePath } from "../../../runtime/src/codecs/cimxml/path.js";
import { typed } from "../../../runtime/src/codecs/cimxml/typed.js";
import { decodeElementValue, noSchemas } from "../../../runtime/src/codecs/cimxml/value.js";
import type { CimServer } from "../../../runtime/src/server/index.js";
import type { XmlElement } from "../../../runtime/src/xml/tree.js";
import type { XmlWriter } from "../../../runtime/src/xml/writer.js";
import {
  className,
  dtdProblems,
  errorCode,
  extrinsic,
  intrinsic,
  namespace,
  post,
  type Reply,
  responseOf,
} from "./http.js";

/**
 * The CIM-XML server over raw HTTP, serving the example's providers: each intrinsic operation, InvokeMethod and the
 * job store, the pull operations, and DSP0200's HTTP-level rules. Every reply is kept and validated against the
 * DSP0203 DTD at the end.
 */
let server: CimServer;
let url: string;
const replies: Reply[] = [];

beforeAll(async () => {
  server = createExampleServer({ jobMs: 50, limits: { maxOpen: 3 } });
  url = await server.listen(0);
});
afterAll(() => server.close());

async function call(method: string, params?: Parameters<typeof intrinsic>[2]): Promise<XmlElement> {
  const reply = await intrinsic(url, method, params);
  replies.push(reply);
  expect(reply.status, reply.body).toBe(200);
  expect(reply.headers.cimoperation).toBe("MethodResponse");
  return responseOf(reply);
}

async function failing(method: string, params?: Parameters<typeof intrinsic>[2]): Promise<number | undefined> {
  const reply = await intrinsic(url, method, params);
  replies.push(reply);
  expect(reply.status, reply.body).toBe(200);
  return errorCode(reply);
}

const returned = (rsp: XmlElement) => rsp.children.find((c) => c.name === "IRETURNVALUE")?.children ?? [];
const propertyText = (instance: XmlElement | undefined, name: string) =>
  instance?.children.find((p) => p.attributes.NAME === name)?.children[0]?.text;
const instanceOf = (item: XmlElement) => item.children.find((c) => c.name === "INSTANCE");
const vm = (name: string) => ({
  className: "Msvm_ComputerSystem",
  keys: { CreationClassName: "Msvm_ComputerSystem", Name: name },
});
const web01 = "6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01";

describe("CIM-XML server: schema operations from the generated schemas", () => {
  it("GetClass answers the class with its keys, inherited members on request", async () => {
    const local = returned(await call("GetClass", className("Msvm_ComputerSystem")))[0];
    expect(local?.attributes).toMatchObject({ NAME: "Msvm_ComputerSystem", SUPERCLASS: "CIM_ComputerSystem" });
    const all = returned(
      await call("GetClass", (w) => {
        className("Msvm_ComputerSystem")(w);
        iparam(w, "LocalOnly", iparamValue.boolean(false));
      }),
    )[0];
    const names = (c: XmlElement | undefined) =>
      c?.children.filter((p) => p.name.startsWith("PROPERTY")).map((p) => p.attributes.NAME);
    expect(names(local)).not.toContain("ElementName");
    expect(names(all)).toContain("ElementName");
    const name = all?.children.find((p) => p.attributes.NAME === "Name");
    expect(name?.children.map((q) => q.attributes.NAME)).toContain("Key");
    expect(await failing("GetClass", className("Msvm_NoSuchClass"))).toBe(5);
  });

  it("EnumerateClassNames walks the class tree, EnumerateClasses returns the classes", async () => {
    const roots = returned(await call("EnumerateClassNames")).map((c) => c.attributes.NAME);
    expect(roots).toContain("CIM_ManagedElement");
    expect(roots).not.toContain("CIM_ManagedSystemElement");
    const deep = returned(
      await call("EnumerateClassNames", (w) => {
        className("CIM_ComputerSystem")(w);
        iparam(w, "DeepInheritance", iparamValue.boolean(true));
      }),
    ).map((c) => c.attributes.NAME);
    expect(deep).toEqual(["Msvm_ComputerSystem"]);
    const classes = returned(await call("EnumerateClasses", className("CIM_Dependency")));
    expect(classes.map((c) => [c.name, c.attributes.NAME])).toEqual([["CLASS", "CIM_SnapshotOfVirtualSystem"]]);
  });
});

describe("CIM-XML server: instances", () => {
  it("EnumerateInstances and EnumerateInstanceNames of a class with a provider", async () => {
    const items = returned(await call("EnumerateInstances", className("Msvm_ComputerSystem")));
    expect(items.map((i) => propertyText(instanceOf(i), "ElementName"))).toEqual([
      "HYPERV-01",
      "web-01",
      "db-01",
      "build-01",
    ]);
    expect(propertyText(instanceOf(items[1] as XmlElement), "OnTimeInMilliseconds")).toBe("864000123");
    const names = returned(await call("EnumerateInstanceNames", className("Msvm_ComputerSystem")));
    expect(names.map((n) => decodePath(n).keys.Name)).toEqual([
      "HYPERV-01",
      web01,
      expect.any(String),
      expect.any(String),
    ]);
  });

  it("enumerating a superclass includes its subclasses' providers; DeepInheritance false keeps its properties only", async () => {
    const deep = returned(await call("EnumerateInstances", className("CIM_ManagedElement")));
    const classes = new Set(deep.map((i) => instanceOf(i)?.attributes.CLASSNAME));
    expect([...classes].sort()).toEqual([
      "Msvm_ComputerSystem",
      "Msvm_ImageManagementService",
      "Msvm_VirtualSystemSettingData",
      "Msvm_VirtualSystemSnapshotService",
    ]);
    const shallow = returned(
      await call("EnumerateInstances", (w) => {
        className("CIM_ComputerSystem")(w);
        iparam(w, "DeepInheritance", iparamValue.boolean(false));
      }),
    );
    expect(shallow).toHaveLength(4);
    expect(propertyText(instanceOf(shallow[1] as XmlElement), "ElementName")).toBe("web-01");
    expect(propertyText(instanceOf(shallow[1] as XmlElement), "OnTimeInMilliseconds")).toBeUndefined();
  });

  it("GetInstance with a property list; a missing instance is NOT_FOUND, an unknown class INVALID_CLASS", async () => {
    const instance = returned(
      await call("GetInstance", (w) => {
        iparam(w, "InstanceName", iparamValue.objectName(vm(web01)));
        iparam(w, "PropertyList", iparamValue.strings(["ElementName", "EnabledState"]));
      }),
    )[0];
    expect(instance?.children.map((p) => p.attributes.NAME)).toEqual(["ElementName", "EnabledState"]);
    expect(await failing("GetInstance", (w) => iparam(w, "InstanceName", iparamValue.objectName(vm("nope"))))).toBe(6);
    expect(
      await failing("GetInstance", (w) =>
        iparam(w, "InstanceName", iparamValue.objectName({ className: "Nope", keys: { Name: "x" } })),
      ),
    ).toBe(5);
    expect(await failing("GetInstance", (w) => iparam(w, "Bogus", iparamValue.string("x")))).toBe(4);
  });

  it("operations the providers do not implement answer NOT_SUPPORTED; an unknown operation too", async () => {
    expect(await failing("DeleteInstance", (w) => iparam(w, "InstanceName", iparamValue.objectName(vm(web01))))).toBe(
      7,
    );
    expect(await failing("DeleteQualifier", (w) => iparam(w, "QualifierName", iparamValue.string("Key")))).toBe(7);
  });

  it("ExecQuery evaluates WQL with AND/OR/NOT and selects properties", async () => {
    const query = (text: string) => (w: XmlWriter) => {
      iparam(w, "QueryLanguage", iparamValue.string("WQL"));
      iparam(w, "Query", iparamValue.string(text));
    };
    const rows = returned(
      await call(
        "ExecQuery",
        query(
          "SELECT ElementName FROM CIM_ComputerSystem WHERE EnabledState = 2 AND NOT (Caption = 'Hosting Computer System' OR ElementName LIKE 'db%')",
        ),
      ),
    );
    expect(
      rows.map((r) => [
        instanceOf(r)?.children.map((p) => p.attributes.NAME),
        propertyText(instanceOf(r), "ElementName"),
      ]),
    ).toEqual([[["ElementName"], "web-01"]]);
    expect(await failing("ExecQuery", query("SELECT * FROM Msvm_ComputerSystem WHERE"))).toBe(15);
    expect(await failing("ExecQuery", query("SELECT Bogus FROM Msvm_ComputerSystem"))).toBe(15);
  });
});

const snapshotService = {
  className: "Msvm_VirtualSystemSnapshotService",
  namespace,
  keys: {
    CreationClassName: "Msvm_VirtualSystemSnapshotService",
    Name: "vssnapsvc",
    SystemCreationClassName: "Msvm_ComputerSystem",
    SystemName: "HYPERV-01",
  },
};

async function invoke(
  target: Parameters<typeof extrinsic>[1],
  method: string,
  params: Parameters<typeof extrinsic>[3],
) {
  const reply = await extrinsic(url, target, method, params);
  replies.push(reply);
  expect(reply.status, reply.body).toBe(200);
  return responseOf(reply);
}

describe("CIM-XML server: methods, jobs and associations", () => {
  it("CreateSnapshot returns 4096 and a job that completes; the job and its snapshot are found by association", async () => {
    const rsp = await invoke(snapshotService, "CreateSnapshot", [
      { name: "AffectedSystem", value: typed("reference", { ...vm(web01), namespace }) },
      { name: "SnapshotType", value: typed("uint16", 2) },
    ]);
    const returnValue = rsp.children.find((c) => c.name === "RETURNVALUE");
    expect(returnValue?.attributes.PARAMTYPE).toBe("uint32");
    expect(returnValue?.children[0]?.text).toBe("4096");
    const jobParam = rsp.children.find((c) => c.name === "PARAMVALUE" && c.attributes.NAME === "Job");
    const job = decodeElementValue(jobParam as XmlElement, noSchemas) as {
      className: string;
      keys: Record<string, string>;
    };
    expect(job.className).toBe("Msvm_ConcreteJob");

    const state = async () => {
      const rsp = await call("GetInstance", (w) => iparam(w, "InstanceName", iparamValue.objectName(job)));
      const instance = returned(rsp)[0];
      return propertyText(instance, "JobState");
    };
    expect(await state()).toBe("4");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await state()).toBe("7");

    const associated = returned(
      await call("AssociatorNames", (w) => {
        iparam(w, "ObjectName", iparamValue.objectName(job));
        iparam(w, "AssocClass", iparamValue.className("Msvm_AffectedJobElement"));
        iparam(w, "ResultClass", iparamValue.className("CIM_VirtualSystemSettingData"));
      }),
    );
    const snapshot = decodePath(associated[0]?.children[0] as XmlElement);
    expect(snapshot.keys.InstanceID).toBe(`Microsoft:${web01}:SNAPSHOT-0001`);
    const ofVm = returned(
      await call("Associators", (w) => {
        iparam(w, "ObjectName", iparamValue.objectName(vm(web01)));
        iparam(w, "AssocClass", iparamValue.className("CIM_SnapshotOfVirtualSystem"));
      }),
    );
    expect(ofVm.map((o) => propertyText(instanceOf(o), "VirtualSystemType"))).toEqual([
      "Microsoft:Hyper-V:Snapshot:Realized",
    ]);
    const refs = returned(await call("References", (w) => iparam(w, "ObjectName", iparamValue.objectName(vm(web01)))));
    expect(refs.map((r) => instanceOf(r)?.attributes.CLASSNAME).sort()).toEqual([
      "Msvm_AffectedJobElement",
      "Msvm_SnapshotOfVirtualSystem",
    ]);
    const refNames = returned(
      await call("ReferenceNames", (w) => {
        iparam(w, "ObjectName", iparamValue.objectName(vm(web01)));
        iparam(w, "Role", iparamValue.string("Antecedent"));
      }),
    );
    expect(refNames.map((r) => decodePath(r.children[0] as XmlElement).className)).toEqual([
      "Msvm_SnapshotOfVirtualSystem",
    ]);
  });

  it("a REF argument naming a class outside the parameter's class family is INVALID_PARAMETER", async () => {
    const job = { className: "Msvm_ConcreteJob", namespace, keys: { InstanceID: "X" } };
    const rsp = await invoke(snapshotService, "CreateSnapshot", [
      { name: "AffectedSystem", value: typed("reference", job) },
    ]);
    const error = rsp.children.find((c) => c.name === "ERROR");
    expect(error?.attributes.CODE).toBe("4");
    expect(error?.attributes.DESCRIPTION).toContain("Msvm_ConcreteJob");
    expect(error?.attributes.DESCRIPTION).toContain("CIM_ComputerSystem");
  });

  it("an embedded instance comes back from a method as an escaped INSTANCE", async () => {
    const service = {
      className: "Msvm_ImageManagementService",
      namespace,
      keys: { ...snapshotService.keys, CreationClassName: "Msvm_ImageManagementService", Name: "vhdsvc" },
    };
    const rsp = await invoke(service, "GetVirtualHardDiskSettingData", [
      { name: "Path", value: typed("string", "C:\\Hyper-V\\Disks\\web-01.vhdx") },
    ]);
    const data = rsp.children.find((c) => c.attributes.NAME === "SettingData");
    expect(data?.attributes.EmbeddedObject).toBe("instance");
    expect(data?.children[0]?.text).toMatch(/^<INSTANCE CLASSNAME="Msvm_VirtualHardDiskSettingData">/);
  });

  it("a non-static method invoked on its class is refused", async () => {
    const rsp = await invoke({ ...snapshotService, keys: {} }, "CreateSnapshot", []);
    expect(rsp.children.find((c) => c.name === "ERROR")?.attributes.CODE).toBe("4");
  });
});

describe("CIM-XML server: pull operations", () => {
  const open = (max: number) => (w: XmlWriter) => {
    className("Msvm_ComputerSystem")(w);
    iparam(w, "MaxObjectCount", iparamValue.integer(max));
  };
  const pull = (context: string, max: number) => (w: XmlWriter) => {
    iparam(w, "EnumerationContext", iparamValue.string(context));
    iparam(w, "MaxObjectCount", iparamValue.integer(max));
  };
  const outParam = (rsp: XmlElement, name: string) =>
    rsp.children.find((c) => c.name === "PARAMVALUE" && c.attributes.NAME === name)?.children[0]?.text ?? "";

  it("hands the instances out in batches, then closes the context", async () => {
    const first = await call("OpenEnumerateInstances", open(1));
    expect(returned(first).map((i) => i.name)).toEqual(["VALUE.INSTANCEWITHPATH"]);
    expect(outParam(first, "EndOfSequence")).toBe("FALSE");
    const context = outParam(first, "EnumerationContext");
    const second = await call("PullInstancesWithPath", pull(context, 2));
    expect([returned(second).length, outParam(second, "EndOfSequence")]).toEqual([2, "FALSE"]);
    const last = await call("PullInstancesWithPath", pull(context, 10));
    expect([returned(last).length, outParam(last, "EndOfSequence")]).toEqual([1, "TRUE"]);
    expect(await failing("PullInstancesWithPath", pull(context, 1))).toBe(21);
    expect(await failing("PullInstancePaths", pull("not-a-context", 1))).toBe(21);
  });

  it("paths, CloseEnumeration, and a bounded number of open contexts", async () => {
    const contexts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const rsp = await call("OpenEnumerateInstancePaths", open(1));
      expect(returned(rsp).map((p) => p.name)).toEqual(["INSTANCEPATH"]);
      contexts.push(outParam(rsp, "EnumerationContext"));
    }
    expect(await failing("OpenEnumerateInstancePaths", open(1))).toBe(27);
    expect(await failing("PullInstancesWithPath", pull(contexts[0] ?? "", 1))).toBe(21); // a paths context
    for (const context of contexts)
      await call("CloseEnumeration", (w) => iparam(w, "EnumerationContext", iparamValue.string(context)));
    expect(returned(await call("OpenEnumerateInstancePaths", open(100)))).toHaveLength(4);
  });
});

describe("CIM-XML server: DSP0200 HTTP rules", () => {
  const body =
    '<?xml version="1.0"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEREQ><IMETHODCALL NAME="EnumerateClassNames"><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="virtualization"/><NAMESPACE NAME="v2"/></LOCALNAMESPACEPATH></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>';
  const headers = {
    CIMOperation: "MethodCall",
    CIMMethod: "EnumerateClassNames",
    CIMObject: "root%2Fvirtualization%2Fv2",
  };
  const cases: [string, Record<string, string>, string, number, string | undefined][] = [
    ["as sent", headers, body, 200, undefined],
    ["without CIMOperation", { ...headers, CIMOperation: "" }, body, 400, "unsupported-operation"],
    ["with another CIMMethod", { ...headers, CIMMethod: "GetClass" }, body, 400, "header-mismatch"],
    ["with another CIMObject", { ...headers, CIMObject: "root/cimv2" }, body, 400, "header-mismatch"],
    ["with protocol version 2.0", { ...headers, CIMProtocolVersion: "2.0" }, body, 501, "unsupported-protocol-version"],
    [
      "as MULTIREQ",
      headers,
      body.replace("<SIMPLEREQ>", "<MULTIREQ><SIMPLEREQ>").replace("</SIMPLEREQ>", "</SIMPLEREQ></MULTIREQ>"),
      501,
      "multiple-requests-unsupported",
    ],
    [
      "with CIMVERSION 3.0",
      headers,
      body.replace('CIMVERSION="2.0"', 'CIMVERSION="3.0"'),
      501,
      "unsupported-cim-version",
    ],
    ["not well-formed", headers, body.slice(0, -6), 400, "request-not-well-formed"],
    ["not CIM-XML", headers, "<HTML/>", 400, "request-not-valid"],
  ];
  it.each(cases)("a request %s", async (_name, h, text, status, cimError) => {
    const reply = await post(url, text, h);
    expect([reply.status, reply.headers.cimerror]).toEqual([status, cimError]);
    if (status === 200) replies.push(reply);
  });

  it("another namespace is INVALID_NAMESPACE; GET is 405, another path 404", async () => {
    const reply = await intrinsic(url, "EnumerateClassNames", undefined, "root/cimv2");
    expect(errorCode(reply)).toBe(3);
    replies.push(reply);
    const get = await fetch(`${url}/cimom`);
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    expect((await fetch(`${url}/other`, { method: "POST" })).status).toBe(404);
  });
});

describe("CIM-XML server: responses", () => {
  it("every response of this file is valid DSP0203 CIM-XML", () => {
    expect(replies.length).toBeGreaterThan(30);
    expect(dtdProblems(replies.map((r) => r.body))).toBe("");
  });
});
