import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WbemClient } from "../../../runtime/src/client/wbem-client.js";
import type { CimInstance } from "../../../runtime/src/codecs/cimxml/typed.js";
import {
  actions,
  decodeInstance,
  readEnumerationPage,
  readEnvelope,
  type WsValueOptions,
} from "../../../runtime/src/codecs/wsman/index.js";
import { sameName } from "../../../runtime/src/values/cim-name.js";
import type { ClassSchema } from "../../../runtime/src/values/schema.js";
import { corpus } from "../../helpers/corpora.js";
import { schemasFromFolder } from "../../helpers/schema-from-mof.js";
import { type FakeWsman, fakeWsman, replay } from "./fake-wsman.js";

/**
 * The WinRM answers captured from Windows Server 2003, 2008 and 2012 (txwinrm's test data): every enumeration
 * decoded into instances typed by the Win32 fixtures in test/fixtures/wsman, page by page through the codec and
 * whole through the client (each recorded sequence replayed as a live server would send it).
 */
const dir = corpus("wsman-windows-responses");
const fixtures = join(import.meta.dirname, "../../fixtures/wsman");
const schemas: ClassSchema[] = schemasFromFolder(fixtures);
const o: WsValueOptions = {
  schemas: (n) => schemas.find((s) => sameName(s.name, n)),
  addressing: { convention: "wmi", namespace: "root/cimv2" },
};

const sequenceFile = /^(Win32_\w+?)_(star|all)_(\d{3})\.xml$/;

interface Sequence {
  readonly server: string;
  readonly className: string;
  readonly query: "star" | "all";
  readonly files: string[];
}

function sequences(root: string): Sequence[] {
  const found = new Map<string, Sequence>();
  for (const server of ["server_2003", "server_2008", "server_2012"]) {
    for (const f of readdirSync(join(root, server)).sort()) {
      const m = sequenceFile.exec(f);
      if (m === null) continue;
      const key = `${server}/${m[1]}_${m[2]}`;
      const s = found.get(key) ?? { server, className: m[1] as string, query: m[2] as "star" | "all", files: [] };
      s.files.push(join(server, f));
      found.set(key, s);
    }
  }
  return [...found.values()];
}

describe.skipIf(dir === undefined)("wsman-windows-responses", () => {
  const root = dir as string;
  const all = sequences(root);
  const decoded = new Map<string, CimInstance[]>();

  beforeAll(() => {
    for (const s of all) {
      const instances: CimInstance[] = [];
      s.files.forEach((file, i) => {
        const env = readEnvelope(readFileSync(join(root, file)));
        expect(env.headers.action).toBe(i === 0 ? actions.enumerateResponse : actions.pullResponse);
        const page = readEnumerationPage(env.body as never);
        expect(page.endOfSequence, file).toBe(i === s.files.length - 1);
        for (const item of page.items) instances.push(decodeInstance(item.object as never, o, s.className));
      });
      decoded.set(`${s.server}/${s.className}_${s.query}`, instances);
    }
  });

  it("covers every file of the corpus", () => {
    const xml = ["server_2003", "server_2008", "server_2012", "data_error", "data_subscribe"].flatMap((d) =>
      readdirSync(join(root, d)).filter((f) => f.endsWith(".xml")),
    );
    const inSequences = all.reduce((n, s) => n + s.files.length, 0);
    // 135 enumeration pages in 82 sequences (14, 14 and 13 classes, star and projected), plus the fault and the three eventing files (read below); the other
    // 41 files are the `.properties` lists of the projected queries, read by the tests that replay them.
    expect(`${inSequences} + 4 of ${xml.length} XML files`).toBe("135 + 4 of 139 XML files");
    expect(all).toHaveLength(82);
  });

  it("types every property the captures carry by a fixture class", () => {
    let properties = 0;
    const unknown = new Set<string>();
    for (const [key, instances] of decoded) {
      const schema = o.schemas(key.split("/")[1]?.replace(/_(star|all)$/, "") ?? "");
      for (const i of instances) {
        // An enumeration of a class returns its subclasses' instances too (Win32_TerminalService).
        const own = o.schemas(i.className);
        expect(own, i.className).toBeDefined();
        if (i.className !== schema?.name) expect(own?.superclass).toBe(schema?.name);
        for (const name of Object.keys(i.properties)) {
          properties++;
          if (!own?.properties.some((p) => p.name === name)) unknown.add(`${i.className}.${name}`);
        }
      }
    }
    expect([...unknown]).toEqual([]);
    const count = [...decoded.values()].reduce((n, l) => n + l.length, 0);
    expect(`${count} instances, ${properties} property values`).toBe("1438 instances, 46211 property values");
  });

  it("star and projected queries give the same values for the projected properties", () => {
    for (const s of all.filter((x) => x.query === "all")) {
      const star = decoded.get(`${s.server}/${s.className}_star`) ?? [];
      const projected = decoded.get(`${s.server}/${s.className}_all`) ?? [];
      const listed = readFileSync(join(root, s.server, `${s.className}.properties`), "utf8")
        .split(/\r?\n/)
        .filter(Boolean);
      expect(projected.length, `${s.server} ${s.className}`).toBeGreaterThan(0);
      for (const p of projected)
        for (const name of Object.keys(p.properties))
          expect(listed.map((l) => l.toLowerCase())).toContain(name.toLowerCase());
      // Static properties agree between the two captures (the counters and clocks move between them).
      if (s.className === "Win32_Service")
        expect(projected.map((p) => p.properties.Name).sort()).toEqual(star.map((p) => p.properties.Name).sort());
    }
  });

  it("decodes nils, arrays, 64-bit integers, datetimes and text exactly (Server 2012)", () => {
    const [cs] = decoded.get("server_2012/Win32_ComputerSystem_star") ?? [];
    expect(cs?.properties).toMatchObject({
      AdminPasswordStatus: 3,
      AutomaticManagedPagefile: false,
      BootOptionOnLimit: null,
      Caption: "AMAZONA-SDFU7B1",
      CurrentTimeZone: 0,
      PauseAfterReset: -1n,
      ResetCount: -1,
      Roles: ["LM_Workstation", "LM_Server", "NT", "Server_NT"],
    });
    expect(typeof cs?.properties.TotalPhysicalMemory).toBe("bigint");
    const [os] = decoded.get("server_2012/Win32_OperatingSystem_star") ?? [];
    expect(os?.properties.LastBootUpTime).toMatchObject({ kind: "timestamp", year: 2013, utcOffset: 0 });
    expect(Array.isArray(os?.properties.MUILanguages)).toBe(true);
    const nics = decoded.get("server_2012/Win32_NetworkAdapterConfiguration_star") ?? [];
    const withIp = nics.find((n) => Array.isArray(n.properties.IPAddress));
    expect(withIp?.properties.IPAddress).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/)]);
    const processes = decoded.get("server_2012/Win32_Process_star") ?? [];
    const created = processes.map((p) => p.properties.CreationDate).find((d) => d !== null && d !== undefined);
    expect(created).toMatchObject({ kind: "timestamp", year: 2013, month: 4, day: 15 });
  });

  it("keeps non-ASCII text and the CR LF inside a Description (read as LF, as XML line ends are)", () => {
    const services2012 = decoded.get("server_2012/Win32_Service_star") ?? [];
    expect(services2012.some((s) => String(s.properties.Description).includes("Web Services – Discovery"))).toBe(true);
    const services2003 = decoded.get("server_2003/Win32_Service_star") ?? [];
    expect(services2003.filter((s) => String(s.properties.Description).endsWith(".\n"))).toHaveLength(1);
  });

  it("reads the fault and the eventing answers", () => {
    const fault = readEnvelope(readFileSync(join(root, "data_error/max_concurrent.xml")));
    expect(fault.headers.action).toBe(actions.wsmanFault);
    const subscribe = readEnvelope(readFileSync(join(root, "data_subscribe/subscribe_resp.xml")));
    expect(subscribe.headers.action).toBe("http://schemas.xmlsoap.org/ws/2004/08/eventing/SubscribeResponse");
    const pages = ["pull_resp_01.xml", "pull_resp_02.xml"].map((f) =>
      readEnumerationPage(readEnvelope(readFileSync(join(root, "data_subscribe", f))).body as never),
    );
    // Event-log records, not CIM instances: the page is read, its items are left as elements.
    expect(pages.map((p) => p.items.map((i) => i.object?.local))).toEqual([["Event"], []]);
    expect(pages.every((p) => p.context?.startsWith("uuid:"))).toBe(true);
  });

  describe("through the client", () => {
    let server: FakeWsman;
    let current: Sequence | undefined;
    beforeAll(async () => {
      server = await fakeWsman((seen) => {
        const s = current as Sequence;
        const n = server.seen.length - 1 - base;
        return replay(readFileSync(join(root, s.files[n] as string)), seen);
      });
    });
    afterAll(() => server.close());
    let base = 0;

    it("execQuery of every recorded sequence gives the codec's instances", async () => {
      const client = new WbemClient({ protocol: "wsman", url: server.url, schemas });
      for (const s of all) {
        current = s;
        base = server.seen.length;
        const listed = readFileSync(join(root, s.server, `${s.className}.properties`), "utf8")
          .split(/\r?\n/)
          .filter(Boolean);
        const query =
          s.query === "star" ? `select * from ${s.className}` : `select ${listed.join(",")} from ${s.className}`;
        const got = await client.execQuery("WQL", query);
        expect(got, `${s.server} ${s.className} ${s.query}`).toEqual(
          decoded.get(`${s.server}/${s.className}_${s.query}`),
        );
        expect(server.seen.length - base).toBe(s.files.length);
      }
      client.close();
    });
  });
});
