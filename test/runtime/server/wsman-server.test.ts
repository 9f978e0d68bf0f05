import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExampleServer } from "../../../examples/hyperv-host/src/host.js";
import {
  child,
  decodeInstance,
  dialects,
  endpointToPath,
  readEnumerationPage,
  readMethodOutput,
  type WsValueOptions,
  writeMethodInput,
  ns as wsns,
} from "../../../runtime/src/codecs/wsman/index.js";
import type { CimServer } from "../../../runtime/src/server/index.js";
import type { ObjectPath } from "../../../runtime/src/values/reference.js";
import {
  actions,
  addressOf,
  type Convention,
  enumerateBody,
  namespace,
  postWsman,
  pullBody,
  releaseBody,
  subcodeOf,
  type WsReply,
  wsCall,
} from "./wsman-http.js";

/**
 * The WS-Management endpoint at /wsman over raw HTTP, serving the example's providers: Identify, Get, Enumerate/Pull/
 * Release with each filter dialect and mode, Invoke with a REF in and a job EPR out, in both resource-URI
 * conventions, and the faults DSP0226 names for what goes wrong.
 */
let server: CimServer;
let url: string;

beforeAll(async () => {
  server = createExampleServer({ jobMs: 50, limits: { maxOpen: 3 } });
  url = await server.listen(0);
});
afterAll(() => server.close());

const host = "HYPERV-01";
const web01 = "6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01";
const vmKeys = (name: string) => ({ CreationClassName: "Msvm_ComputerSystem", Name: name });
const values: WsValueOptions = { schemas: () => undefined, addressing: { convention: "wmi", namespace } };

function ok(reply: WsReply) {
  expect(reply.status, reply.text).toBe(200);
  const body = reply.envelope?.body;
  if (body === undefined) throw new Error(`no body in ${reply.text}`);
  return body;
}

function fault(reply: WsReply): string | undefined {
  expect(reply.status, reply.text).toBe(500);
  return subcodeOf(reply);
}

/** Enumerate then Pull to the end; the instances' Name properties, in order. */
async function enumerateAll(
  className: string,
  convention: Convention,
  filter?: Parameters<typeof enumerateBody>[0]["filter"],
) {
  let page = readEnumerationPage(
    ok(
      await wsCall(url, {
        action: actions.enumerate,
        className,
        convention,
        body: enumerateBody({ ...(filter && { filter }) }),
      }),
    ),
  );
  const items = [...page.items];
  while (page.context !== undefined) {
    page = readEnumerationPage(
      ok(await wsCall(url, { action: actions.pull, className, convention, body: pullBody(page.context, 2) })),
    );
    items.push(...page.items);
  }
  return items;
}

describe("WS-Management server: Identify and Get", () => {
  it("Identify answers with the protocol and product, without addressing headers", async () => {
    const body =
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:wsmid="http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd"><s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>';
    const reply = await postWsman(url, body);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain(
      "<wsmid:ProtocolVersion>http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd</wsmid:ProtocolVersion>",
    );
    expect(reply.text).toContain("<wsmid:ProductVendor>mofgen</wsmid:ProductVendor>");
  });

  for (const convention of ["wmi", "dmtf"] as const)
    it(`Get of a VM by its keys (${convention} resource URIs), answered in the same convention`, async () => {
      const reply = await wsCall(url, {
        action: actions.get,
        className: "Msvm_ComputerSystem",
        convention,
        keys: vmKeys(web01),
      });
      const body = ok(reply);
      expect(reply.envelope?.headers.action).toBe(actions.getResponse);
      expect(body.ns).toBe(addressOf("Msvm_ComputerSystem", convention).resourceUri);
      const vm = decodeInstance(body, values);
      expect(vm.properties).toMatchObject({
        ElementName: "web-01",
        EnabledState: "2",
        OnTimeInMilliseconds: "864000123",
      });
      expect(child(body, body.ns, "ProcessID")?.text).toBe("4312");
    });

  it("a VM without a ProcessID has it as xsi:nil", async () => {
    const body = ok(
      await wsCall(url, {
        action: actions.get,
        className: "Msvm_ComputerSystem",
        keys: vmKeys("2A4C6E8F-1B3D-4F5A-8C7E-9D0B2A4C6E03"),
      }),
    );
    expect(child(body, body.ns, "ProcessID")?.attributes.get(`{${wsns.xsi}}nil`)).toBe("true");
  });

  it("faults: an unknown selector, a missing key, an unknown instance, class and namespace", async () => {
    const get = (keys: Record<string, string>, className = "Msvm_ComputerSystem") =>
      wsCall(url, { action: actions.get, className, keys });
    expect(fault(await get({ ...vmKeys(web01), Bogus: "1" }))).toBe("InvalidSelectors");
    expect(fault(await get({ Name: web01 }))).toBe("InvalidSelectors");
    expect(fault(await get(vmKeys("NOPE")))).toBe("DestinationUnreachable");
    expect(fault(await get(vmKeys(web01), "Msvm_NoSuchClass"))).toBe("DestinationUnreachable");
    const other = await postWsman(
      url,
      (await import("./wsman-http.js"))
        .envelopeOf({ action: actions.get, className: "Msvm_ComputerSystem", keys: vmKeys(web01) })
        .replace("wmi/root/virtualization/v2/", "wmi/root/cimv2/"),
    );
    expect(fault(other)).toBe("DestinationUnreachable");
    expect(other.text).toContain("CIM_ERR_INVALID_NAMESPACE: root/cimv2");
  });
});

describe("WS-Management server: enumerations", () => {
  it("Enumerate + Pull walks every computer system, two at a time", async () => {
    const items = await enumerateAll("Msvm_ComputerSystem", "wmi");
    expect(items.map((i) => decodeInstance(i.object as never, values).properties.ElementName)).toEqual([
      host,
      "web-01",
      "db-01",
      "build-01",
    ]);
  });

  it("a WQL filter on the * resource URI selects and projects", async () => {
    const items = await enumerateAll("*", "wmi", {
      dialect: "wql",
      query: "SELECT ElementName FROM Msvm_ComputerSystem WHERE EnabledState = 2 AND Caption = 'Virtual Machine'",
    });
    expect(items.map((i) => decodeInstance(i.object as never, values).properties)).toEqual([
      { ElementName: "web-01" },
      { ElementName: "db-01" },
    ]);
  });

  it("a selector filter, and EnumerateEPR mode in the DMTF convention", async () => {
    const reply = await wsCall(url, {
      action: actions.enumerate,
      className: "Msvm_ComputerSystem",
      convention: "dmtf",
      body: enumerateBody({
        optimize: true,
        maxElements: 10,
        mode: "EnumerateEPR",
        filter: { dialect: "selector", selectors: [{ name: "Name", value: web01 }] },
      }),
    });
    const page = readEnumerationPage(ok(reply));
    expect(page.endOfSequence).toBe(true);
    expect(page.items.map((i) => i.epr && endpointToPath(i.epr))).toEqual([
      { className: "Msvm_ComputerSystem", namespace, keys: vmKeys(web01) },
    ]);
  });

  it("Release ends a context; Pull of it afterwards, or of one never opened, is InvalidEnumerationContext", async () => {
    const page = readEnumerationPage(
      ok(await wsCall(url, { action: actions.enumerate, className: "Msvm_ComputerSystem", body: enumerateBody({}) })),
    );
    const context = page.context as string;
    expect(page.items).toEqual([]);
    const released = await wsCall(url, {
      action: actions.release,
      className: "Msvm_ComputerSystem",
      body: releaseBody(context),
    });
    expect([released.status, released.envelope?.headers.action]).toEqual([200, actions.releaseResponse]);
    const again = await wsCall(url, {
      action: actions.pull,
      className: "Msvm_ComputerSystem",
      body: pullBody(context),
    });
    expect(fault(again)).toBe("InvalidEnumerationContext");
    expect(again.text).toContain("<s:Value>s:Receiver</s:Value>");
    const never = await wsCall(url, {
      action: actions.pull,
      className: "Msvm_ComputerSystem",
      body: pullBody("uuid:nope"),
    });
    expect(fault(never)).toBe("InvalidEnumerationContext");
  });

  it("an unknown dialect, a bad WQL query and an expiry in the past are the faults DSP0226 names", async () => {
    const enumerate = (body: ReturnType<typeof enumerateBody>) =>
      wsCall(url, { action: actions.enumerate, className: "*", body });
    expect(fault(await enumerate(enumerateBody({ filter: { dialect: "cql", query: "SELECT * FROM X" } })))).toBe(
      "FilterDialectRequestedUnavailable",
    );
    expect(
      fault(
        await enumerate(enumerateBody({ filter: { dialect: "wql", query: "SELECT Bogus FROM Msvm_ComputerSystem" } })),
      ),
    ).toBe("CannotProcessFilter");
    const expired = await wsCall(url, {
      action: actions.enumerate,
      className: "Msvm_ComputerSystem",
      body: enumerateBody({ expires: "2000-12-01T12:23:34+02:00" }),
    });
    expect(fault(expired)).toBe("InvalidExpirationTime");
    expect(dialects.wql).toContain("WQL");
  });
});

describe("WS-Management server: Invoke", () => {
  const snapshotKeys = {
    CreationClassName: "Msvm_VirtualSystemSnapshotService",
    Name: "vssnapsvc",
    SystemCreationClassName: "Msvm_ComputerSystem",
    SystemName: host,
  };

  it("CreateSnapshot with a REF in returns 4096 and the job's EPR, which Get then follows", async () => {
    const vm: ObjectPath = { className: "Msvm_ComputerSystem", namespace, keys: vmKeys(web01) };
    const { resourceUri } = addressOf("Msvm_VirtualSystemSnapshotService", "wmi");
    const reply = await wsCall(url, {
      action: `${resourceUri}/CreateSnapshot`,
      className: "Msvm_VirtualSystemSnapshotService",
      keys: snapshotKeys,
      body: (w) =>
        writeMethodInput(
          w,
          {
            resourceUri,
            className: "Msvm_VirtualSystemSnapshotService",
            method: "CreateSnapshot",
            params: { AffectedSystem: vm, SnapshotType: 2 },
          },
          values,
        ),
    });
    const body = ok(reply);
    expect(reply.envelope?.headers.action).toBe(`${resourceUri}/CreateSnapshotResponse`);
    const out = readMethodOutput(body, "Msvm_VirtualSystemSnapshotService", "CreateSnapshot", values);
    expect(out.ReturnValue).toBe("4096");
    const job = out.Job as ObjectPath;
    expect(job.className).toBe("Msvm_ConcreteJob");
    const state = ok(
      await wsCall(url, {
        action: actions.get,
        className: "Msvm_ConcreteJob",
        keys: job.keys as Record<string, string>,
      }),
    );
    expect(["4", "7"]).toContain(child(state, state.ns, "JobState")?.text);
  });

  it("after it, association filters find the snapshot (AssociatedInstances) and the VM's links (AssociationInstances)", async () => {
    await new Promise((resolve) => setTimeout(resolve, 150)); // the snapshot exists once its 50 ms job has run
    const dmtf = addressOf("Msvm_ComputerSystem", "dmtf");
    const object = {
      address: "http://127.0.0.1/wsman",
      resourceUri: dmtf.resourceUri,
      selectors: [...dmtf.selectors, ...Object.entries(vmKeys(web01)).map(([name, value]) => ({ name, value }))],
    };
    const associated = await enumerateAll("*", "dmtf", {
      dialect: "associators",
      object,
      assocClass: "CIM_SnapshotOfVirtualSystem",
    });
    expect(associated.map((i) => decodeInstance(i.object as never, values).properties.VirtualSystemType)).toEqual([
      "Microsoft:Hyper-V:Snapshot:Realized",
    ]);
    const links = await enumerateAll("*", "dmtf", { dialect: "references", object });
    expect(links.map((l) => l.object?.local).sort()).toEqual([
      "Msvm_AffectedJobElement",
      "Msvm_SnapshotOfVirtualSystem",
    ]);
    const named = await enumerateAll("*", "dmtf", { dialect: "references", object, role: "Antecedent" });
    expect(named.map((l) => l.object?.local)).toEqual(["Msvm_SnapshotOfVirtualSystem"]);
  });

  it("an unknown method, and an unknown action, are ActionNotSupported", async () => {
    const { resourceUri } = addressOf("Msvm_VirtualSystemSnapshotService", "wmi");
    const unknown = await wsCall(url, {
      action: `${resourceUri}/Explode`,
      className: "Msvm_VirtualSystemSnapshotService",
      keys: snapshotKeys,
      body: (w) => w.leaf("p:Explode_INPUT", { "xmlns:p": resourceUri }),
    });
    expect(fault(unknown)).toBe("ActionNotSupported");
    const bogus = await wsCall(url, {
      action: "http://schemas.xmlsoap.org/ws/2004/09/transfer/Bogus",
      className: "Msvm_ComputerSystem",
    });
    expect(fault(bogus)).toBe("ActionNotSupported");
  });
});
