import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExampleServer, schemas } from "../../../examples/hyperv-host/src/host.js";
import { CimXmlConnection } from "../../../runtime/src/client/cimxml-connection.js";
import type { WbemOperations } from "../../../runtime/src/client/operations.js";
import { WbemClient } from "../../../runtime/src/client/wbem-client.js";
import type { CimClass } from "../../../runtime/src/codecs/cimxml/typed.js";
import type { CimServer } from "../../../runtime/src/server/index.js";
import { CimError, CimStatus } from "../../../runtime/src/values/cim-error.js";
import { classPath } from "../../../runtime/src/values/class-path.js";
import { dtdProblems, namespace } from "./http.js";

/**
 * The schema operations end to end: the runtime's client against the example host's server, through a recording
 * proxy so every answer is also validated against the DSP0203 DTD. Class-level association queries are answered
 * from the generated schemas; class and qualifier writes and the qualifier reads are CIM_ERR_NOT_SUPPORTED with
 * the reason.
 */
let server: CimServer;
let proxy: Server;
let client: CimXmlConnection;
const answers: string[] = [];

beforeAll(async () => {
  server = createExampleServer({ jobMs: 20 });
  const target = new URL(await server.listen(0));
  proxy = createServer((req, res) => {
    const forward = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          const body = Buffer.concat(chunks);
          answers.push(body.toString("utf8"));
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(body);
        });
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  client = new CimXmlConnection({ url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, namespace });
});

afterAll(async () => {
  client.close();
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await server.close();
});

const names = (classes: readonly { className: string }[]) => classes.map((c) => c.className);

describe("class-level association queries against the example host", () => {
  it("AssociatorNames of a class: the classes its associations' other references name", async () => {
    const paths = await client.associatorNames(classPath("Msvm_ComputerSystem"));
    // In schema order: CIM_AffectedJobElement (AffectedElement: the far end is CIM_Job), CIM_Dependency (both ends
    // CIM_ManagedElement), CIM_SnapshotOfVirtualSystem (Antecedent CIM_ComputerSystem: the far end
    // CIM_VirtualSystemSettingData); the Msvm_ subclasses name the same classes and add none.
    expect(names(paths)).toEqual(["CIM_Job", "CIM_ManagedElement", "CIM_VirtualSystemSettingData"]);
    expect(paths[0]).toMatchObject({ kind: "classPath", namespace, keys: {} });
    expect(paths[0]?.host).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it("filters by AssocClass, Role, ResultClass and ResultRole", async () => {
    const snapshot = { assocClass: "CIM_SnapshotOfVirtualSystem" };
    expect(names(await client.associatorNames(classPath("Msvm_ComputerSystem"), snapshot))).toEqual([
      "CIM_VirtualSystemSettingData",
    ]);
    expect(names(await client.associatorNames(classPath("Msvm_ComputerSystem"), { role: "Dependent" }))).toEqual([
      "CIM_ManagedElement",
    ]);
    expect(names(await client.associatorNames(classPath("Msvm_ComputerSystem"), { resultClass: "CIM_Job" }))).toEqual([
      "CIM_Job",
    ]);
    expect(
      names(await client.associatorNames(classPath("Msvm_ComputerSystem"), { resultRole: "AffectingElement" })),
    ).toEqual(["CIM_Job"]);
    // From the job's side, the only association it can fill is CIM_AffectedJobElement.AffectingElement.
    expect(names(await client.associatorNames(classPath("Msvm_ConcreteJob"), { role: "AffectingElement" }))).toEqual([
      "CIM_ManagedElement",
    ]);
  });

  it("Associators returns the classes whole, with their CLASSPATH", async () => {
    const classes: CimClass[] = await client.associators(classPath("Msvm_ComputerSystem"), {
      assocClass: "CIM_AffectedJobElement",
    });
    expect(names(classes)).toEqual(["CIM_Job"]);
    expect(classes[0]?.path).toMatchObject({ kind: "classPath", className: "CIM_Job", namespace });
    expect(classes[0]?.properties.map((p) => p.name)).toContain("JobStatus");
  });

  it("References and ReferenceNames return the association classes", async () => {
    const references = await client.references(classPath("Msvm_ComputerSystem"), { resultClass: "CIM_Dependency" });
    expect(names(references)).toEqual([
      "CIM_Dependency",
      "CIM_SnapshotOfVirtualSystem",
      "Msvm_SnapshotOfVirtualSystem",
    ]);
    expect(references[1]?.properties.find((p) => p.name === "Antecedent")).toMatchObject({
      type: "reference",
      referenceClass: "CIM_ComputerSystem",
    });
    const all = await client.referenceNames(classPath("Msvm_ComputerSystem"));
    expect(names(all)).toEqual(expect.arrayContaining(["CIM_AffectedJobElement", "Msvm_AffectedJobElement"]));
    expect(names(await client.referenceNames(classPath("Msvm_ComputerSystem"), { role: "AffectingElement" }))).toEqual(
      [],
    );
  });

  it("an unknown class is CIM_ERR_INVALID_CLASS", async () => {
    await expect(client.associatorNames(classPath("No_Such"))).rejects.toMatchObject({
      code: CimStatus.CIM_ERR_INVALID_CLASS,
    });
    await expect(client.references(classPath("Msvm_ComputerSystem"), { resultClass: "No_Such" })).rejects.toThrow(
      CimError,
    );
  });
});

describe("WbemClient", () => {
  it("asks class-level queries through a protocol that has the schema operations", async () => {
    const typed = new WbemClient({ operations: client });
    const classes: CimClass[] = await typed.references(classPath("Msvm_ConcreteJob"));
    // A job is a CIM_ManagedElement too, so CIM_Dependency can refer to it.
    expect(names(classes)).toEqual(["CIM_AffectedJobElement", "CIM_Dependency", "Msvm_AffectedJobElement"]);
    expect(names(await typed.enumerateClasses("CIM_ConcreteJob"))).toEqual(["Msvm_ConcreteJob", "Msvm_StorageJob"]);
  });

  it("answers CIM_ERR_NOT_SUPPORTED for them over a protocol without (as WS-Management is)", async () => {
    const { associatorNames } = client;
    // Only the instance operations, as a WS-Management connection has them.
    const instanceOnly = { namespace, associatorNames: associatorNames.bind(client) } as unknown as WbemOperations;
    const typed = new WbemClient({ operations: instanceOnly });
    await expect(typed.associatorNames(classPath("Msvm_ComputerSystem"))).rejects.toMatchObject({
      code: CimStatus.CIM_ERR_NOT_SUPPORTED,
      message: expect.stringMatching(/associatorNames: this protocol has no schema operations/),
    });
    await expect(typed.getQualifier("Key")).rejects.toMatchObject({ code: CimStatus.CIM_ERR_NOT_SUPPORTED });
    // An instance path still goes through.
    await expect(typed.associatorNames({ className: "Msvm_ComputerSystem", keys: {} })).rejects.toMatchObject({
      code: CimStatus.CIM_ERR_INVALID_PARAMETER,
    });
  });
});

describe("the schema operations a compiled schema cannot honour", () => {
  const notSupported = (message: RegExp) =>
    expect.objectContaining({ code: CimStatus.CIM_ERR_NOT_SUPPORTED, message: expect.stringMatching(message) });

  it("class writes are CIM_ERR_NOT_SUPPORTED: the classes are compiled from MOF", async () => {
    const cls = await client.getClass("Msvm_ConcreteJob");
    await expect(client.createClass({ ...cls, className: "My_Job" })).rejects.toEqual(notSupported(/compiled/));
    await expect(client.modifyClass(cls)).rejects.toEqual(notSupported(/compiled/));
    await expect(client.deleteClass("Msvm_ConcreteJob")).rejects.toEqual(notSupported(/compiled/));
  });

  it("qualifier declarations are CIM_ERR_NOT_SUPPORTED: the generated schemas carry none", async () => {
    await expect(client.getQualifier("Key")).rejects.toEqual(notSupported(/no qualifier declarations/));
    await expect(client.enumerateQualifiers()).rejects.toEqual(notSupported(/no qualifier declarations/));
    await expect(
      client.setQualifier({ kind: "qualifierDeclaration", name: "Q", type: "boolean", value: false, scopes: ["any"] }),
    ).rejects.toEqual(notSupported(/no qualifier declarations/));
    await expect(client.deleteQualifier("Key")).rejects.toEqual(notSupported(/no qualifier declarations/));
  });

  it("EnumerateClasses: what the server writes, the client reads back (deep, from CIM_Job)", async () => {
    const classes = await client.enumerateClasses("CIM_Job", {
      deepInheritance: true,
      localOnly: false,
      includeQualifiers: true,
    });
    expect(names(classes)).toEqual(["CIM_ConcreteJob", "Msvm_ConcreteJob", "Msvm_StorageJob"]);
    const job = classes[1];
    expect(job?.superclass).toBe("CIM_ConcreteJob");
    expect(job?.properties.find((p) => p.name === "InstanceID")?.qualifiers.map((q) => q.name)).toContain("Key");
  });

  it("GetClass sends CLASSORIGIN only when asked (DSP0200 IncludeClassOrigin, default false)", async () => {
    const plain = await client.getClass("Msvm_ConcreteJob", { localOnly: false });
    expect(plain.properties.every((p) => p.classOrigin === undefined)).toBe(true);
    const origins = await client.getClass("Msvm_ConcreteJob", { localOnly: false, includeClassOrigin: true });
    expect(origins.properties.find((p) => p.name === "JobState")).toMatchObject({
      classOrigin: "CIM_ConcreteJob",
      propagated: true,
    });
    expect(origins.properties.find((p) => p.name === "Cancellable")).toMatchObject({
      classOrigin: "Msvm_ConcreteJob",
      propagated: false,
    });
  });

  it("every class the server serves, written whole with its qualifiers, reads back through the client's codec", async () => {
    const classes = await client.enumerateClasses(undefined, {
      deepInheritance: true,
      localOnly: false,
      includeQualifiers: true,
    });
    expect(names(classes).sort()).toEqual(schemas.map((s) => s.name).sort());
    const service = classes.find((c) => c.className === "Msvm_ImageManagementService");
    const method = service?.methods.find((m) => m.parameters.some((p) => p.type === "reference"));
    expect(method?.parameters.find((p) => p.type === "reference")?.referenceClass).toBeDefined();
  });

  it("every answer is valid DSP0203 CIM-XML", () => {
    expect(answers.length).toBeGreaterThan(15);
    expect(dtdProblems(answers)).toBe("");
  });
});
