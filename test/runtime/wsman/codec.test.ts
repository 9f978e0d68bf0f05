import { describe, expect, it } from "vitest";
import { embedded, embeddedClassName, typed } from "../../../runtime/src/codecs/cimxml/typed.js";
import {
  actions,
  anonymous,
  decodeInstance,
  dialects,
  type EnumerateRequest,
  encodeInstance,
  endpointToPath,
  parseResourceUri,
  pathToEndpoint,
  readEnumerate,
  readEnumerationPage,
  readEnvelope,
  readMethodInput,
  readMethodOutput,
  readPull,
  readRelease,
  requestHeaders,
  resourceUriFor,
  type WsValueOptions,
  writeEnumerate,
  writeEnumerationPage,
  writeEnvelope,
  writeMethodInput,
  writeMethodOutput,
  writePull,
  writeRelease,
} from "../../../runtime/src/codecs/wsman/index.js";
import type { ClassSchema } from "../../../runtime/src/values/schema.js";
import type { XmlWriter } from "../../../runtime/src/xml/writer.js";
import { ns, requestStateChange, requestStateChangeParameters, vmProperties } from "./msvm-schemas.js";

const settingSchema: ClassSchema = {
  name: "Msvm_VirtualSystemSettingData",
  namespace: ns,
  properties: [
    { name: "InstanceID", type: "string", key: true, classOrigin: "CIM_SettingData" },
    { name: "ElementName", type: "string", classOrigin: "CIM_ManagedElement" },
  ],
  methods: [],
};

const vmSchema: ClassSchema = {
  name: "Msvm_ComputerSystem",
  namespace: ns,
  properties: [
    vmProperties.CreationClassName,
    vmProperties.Name,
    vmProperties.EnabledState,
    vmProperties.OnTimeInMilliseconds,
    { name: "InstallDate", type: "datetime", classOrigin: "CIM_ManagedSystemElement" },
    { name: "TimeOfLastStateChange", type: "datetime", classOrigin: "CIM_EnabledLogicalElement" },
    { name: "OperationalStatus", type: "uint16", array: true, classOrigin: "CIM_ManagedSystemElement" },
    { name: "Dedicated", type: "uint16", array: true, classOrigin: "CIM_System" },
    { name: "HealthState", type: "uint16", classOrigin: "CIM_ManagedSystemElement" },
    { name: "Caption", type: "string", classOrigin: "CIM_ManagedElement" },
    { name: "Uptime", type: "datetime", classOrigin: "Test" },
    {
      name: "Settings",
      type: "string",
      embeddedClass: "Msvm_VirtualSystemSettingData",
      embeddedSchema: () => settingSchema,
      classOrigin: "Test",
    },
    { name: "Host", type: "reference", referenceClass: "Msvm_ComputerSystem", classOrigin: "Test" },
  ],
  methods: [
    requestStateChange([
      requestStateChangeParameters.RequestedState,
      requestStateChangeParameters.TimeoutPeriod,
      requestStateChangeParameters.Job,
      { name: "Codes", type: "uint32", array: true, in: false, out: true },
    ]),
  ],
};

const schemas = (name: string) => [vmSchema, settingSchema].find((s) => s.name.toLowerCase() === name.toLowerCase());

const wmi: WsValueOptions = { schemas, addressing: { convention: "wmi", namespace: ns } };
const dmtf: WsValueOptions = { schemas, addressing: { convention: "dmtf", namespace: ns } };

function envelopeOf(body: (w: XmlWriter) => void) {
  const text = writeEnvelope(requestHeaders({ action: actions.get, to: "http://h:5985/wsman" }), body);
  const env = readEnvelope(text);
  if (env.body === undefined) throw new Error("no body");
  return env.body;
}

describe("resource URIs", () => {
  it("WMI convention: the namespace in the path", () => {
    expect(resourceUriFor("Win32_Service", "root\\cimv2", "wmi")).toEqual({
      resourceUri: "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/Win32_Service",
    });
    expect(parseResourceUri("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/*")).toEqual({
      className: undefined,
      namespace: "root/virtualization/v2",
      convention: "wmi",
    });
  });

  it("DMTF convention: the namespace in __cimnamespace", () => {
    expect(resourceUriFor("CIM_ComputerSystem", "/root/interop/", "dmtf")).toEqual({
      resourceUri: "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ComputerSystem",
      namespaceSelector: "root/interop",
    });
    expect(resourceUriFor("*", "root/cimv2", "dmtf").resourceUri).toBe("http://schemas.dmtf.org/wbem/wscim/1/*");
    expect(parseResourceUri("http://schemas.dell.com/wbem/wscim/1/cim-schema/2/DCIM_RAIDService")).toEqual({
      className: "DCIM_RAIDService",
    });
    expect(parseResourceUri("http://example.com/not a class")).toBeUndefined();
  });

  it("a class named past ASCII: written percent-escaped (UTF-8), read escaped or as the raw IRI", () => {
    const wmi = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/test/";
    expect(resourceUriFor("Test_Stra\u00DFe", "root/test", "wmi").resourceUri).toBe(`${wmi}Test_Stra%C3%9Fe`);
    expect(resourceUriFor("Test_Stra\u00DFe", "root/test", "dmtf").resourceUri).toBe(
      "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/Test_Stra%C3%9Fe",
    );
    for (const uri of [`${wmi}Test_Stra%C3%9Fe`, `${wmi}Test_Stra%c3%9fe`, `${wmi}Test_Stra\u00DFe`])
      expect(parseResourceUri(uri)).toEqual({
        className: "Test_Stra\u00DFe",
        namespace: "root/test",
        convention: "wmi",
      });
    // Escapes that do not decode to a MOF name name no class: bad UTF-8, a space, an ASCII name's reserved characters.
    for (const last of ["Test_Stra%DF", "Test_Stra%C3", "a%20b", "a%2Fb", "a%", "%31abc", "%C2%A0x"])
      expect(parseResourceUri(`${wmi}${last}`), last).toBeUndefined();
  });
});

describe("endpoint references <-> ObjectPath", () => {
  const path = {
    className: "Msvm_ComputerSystem",
    namespace: ns,
    keys: { CreationClassName: "Msvm_ComputerSystem", Name: "A1" },
  };

  it.each([
    ["wmi", wmi],
    ["dmtf", dmtf],
  ] as const)("round trip in the %s convention", (_, o) => {
    const epr = pathToEndpoint(path, o.addressing);
    expect(epr.address).toBe(anonymous);
    const body = envelopeOf((w) => {
      w.start("p:X", { "xmlns:p": "urn:x" });
      encodeInstance(w, { className: "Msvm_ComputerSystem", properties: { Host: path } }, o);
      w.end();
    });
    const decoded = decodeInstance(body.children[0] as never, o);
    expect(decoded.properties.Host).toEqual(path);
    expect(endpointToPath(epr)).toEqual(path);
  });

  it("types selector text by the key's schema type and reads the host of the address", () => {
    const epr = {
      address: "http://hv01.example.com:5985/wsman",
      resourceUri: "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/Test_Thing",
      selectors: [
        { name: "Id", value: "18446744073709551615" },
        { name: "On", value: "true" },
        { name: "__cimnamespace", value: "root/test" },
      ],
    };
    const types: Record<string, string> = { Id: "uint64", On: "boolean" };
    expect(endpointToPath(epr, (_, key) => types[key])).toEqual({
      className: "Test_Thing",
      namespace: "root/test",
      host: "hv01.example.com",
      keys: { Id: 18446744073709551615n, On: true },
    });
  });
});

describe("instances", () => {
  const properties = {
    CreationClassName: "Msvm_ComputerSystem",
    Name: "A1",
    EnabledState: 2,
    OnTimeInMilliseconds: 18446744073709551615n,
    InstallDate: {
      kind: "timestamp" as const,
      year: 2024,
      month: 1,
      day: 31,
      hours: 12,
      minutes: 0,
      seconds: 0,
      microseconds: 250000,
      utcOffset: 60,
    },
    TimeOfLastStateChange: {
      kind: "timestamp" as const,
      year: "*" as const,
      month: 1,
      day: 31,
      hours: 12,
      minutes: 0,
      seconds: 0,
      microseconds: 0,
      utcOffset: 0,
    },
    Uptime: { kind: "interval" as const, days: 3, hours: 1, minutes: 2, seconds: 3, microseconds: 0 },
    OperationalStatus: [2, 32768],
    Dedicated: [],
    HealthState: null,
    Caption: "  spaced <&> \u00e9  ",
    Settings: embedded("Msvm_VirtualSystemSettingData", { InstanceID: "Microsoft:A1", ElementName: "vm one" }),
  };

  it("an empty array, which has no element to send, is refused where asked (a client) rather than sent as absent", () => {
    const client: WsValueOptions = { ...wmi, refuseEmptyArrays: true };
    const write = (props: object) => () =>
      envelopeOf((w) => encodeInstance(w, { className: "Msvm_ComputerSystem", properties: props }, client));
    expect(write(properties)).toThrow(/Dedicated: WS-Management cannot send an empty array/);
    expect(write({ ...properties, Dedicated: null })).not.toThrow();
    // Without a schema, a typed value says it is an array: refused the same way.
    const untyped = () =>
      envelopeOf((w) =>
        encodeInstance(w, { className: "X_Unknown", properties: { Extra: typed("uint16", [], true) } }, client),
      );
    expect(untyped).toThrow(/Extra: WS-Management cannot send an empty array/);
  });

  it("encode then decode gives the same values (nil, arrays, uint64, datetimes, embedded)", () => {
    const body = envelopeOf((w) => encodeInstance(w, { className: "Msvm_ComputerSystem", properties }, wmi));
    expect(body.local).toBe("Msvm_ComputerSystem");
    expect(body.ns).toBe("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem");
    const back = decodeInstance(body, wmi);
    const { Dedicated: _, ...sent } = properties; // an empty array sends no element at all
    expect(back.properties).toEqual(sent);
    expect(embeddedClassName(back.properties.Settings)).toBe("Msvm_VirtualSystemSettingData");
  });

  it("writes the DSP0230 forms", () => {
    const text = writeEnvelope(requestHeaders({ action: actions.put }), (w) =>
      encodeInstance(w, { className: "Msvm_ComputerSystem", properties }, wmi),
    );
    expect(text).toContain('<p:HealthState xsi:nil="true"/>');
    expect(text).toContain(
      "<p:OperationalStatus>2</p:OperationalStatus><p:OperationalStatus>32768</p:OperationalStatus>",
    );
    expect(text).toContain("<p:InstallDate><cim:Datetime>2024-01-31T12:00:00.25+01:00</cim:Datetime></p:InstallDate>");
    expect(text).toContain("<cim:CIM_DateTime>****0131120000.000000+000</cim:CIM_DateTime>");
    expect(text).toContain("<cim:Interval>P3DT1H2M3S</cim:Interval>");
    expect(text).toContain("<p:OnTimeInMilliseconds>18446744073709551615</p:OnTimeInMilliseconds>");
    expect(text).toMatch(
      /<p:Settings xmlns:q1="[^"]*Msvm_VirtualSystemSettingData" xsi:type="q1:Msvm_VirtualSystemSettingData_Type"><q1:InstanceID>/,
    );
  });

  it("refuses values the schema does not allow", () => {
    expect(() =>
      envelopeOf((w) =>
        encodeInstance(w, { className: "Msvm_ComputerSystem", properties: { EnabledState: 70000 } }, wmi),
      ),
    ).toThrow(/EnabledState: 70000 is not a uint16/);
    expect(() =>
      envelopeOf((w) => encodeInstance(w, { className: "Msvm_ComputerSystem", properties: { Bogus: 1 } }, wmi)),
    ).toThrow("Msvm_ComputerSystem has no property Bogus");
  });

  it("decoding refuses text that is not of the schema's type, naming the element and line", () => {
    const body = envelopeOf((w) =>
      w.start("p:Msvm_ComputerSystem", { "xmlns:p": "urn:x" }).leaf("p:EnabledState", {}, "12x").end(),
    );
    expect(() => decodeInstance(body, wmi)).toThrow(/<p:EnabledState> at line 2: "12x" is not a uint16/);
  });

  it("an EmbeddedObject (type object) travels as nested typed XML both ways", () => {
    const schema: ClassSchema = {
      name: "Test_Holder",
      namespace: ns,
      properties: [{ name: "Anything", type: "object", classOrigin: "Test_Holder" }],
      methods: [],
    };
    const withHolder: WsValueOptions = { ...wmi, schemas: (n) => (n === "Test_Holder" ? schema : schemas(n)) };
    const value = embedded("Msvm_VirtualSystemSettingData", { InstanceID: "Microsoft:X", ElementName: "x" });
    const body = envelopeOf((w) =>
      encodeInstance(w, { className: "Test_Holder", properties: { Anything: value } }, withHolder),
    );
    const back = decodeInstance(body, withHolder).properties.Anything;
    expect(back).toEqual(value);
    expect(embeddedClassName(back)).toBe("Msvm_VirtualSystemSettingData");
    // Its MOF text instead travels as text, as WMI's string EmbeddedInstance parameters do.
    const text = 'instance of Msvm_VirtualSystemSettingData { ElementName = "x"; };';
    const asText = envelopeOf((w) =>
      encodeInstance(w, { className: "Test_Holder", properties: { Anything: text } }, withHolder),
    );
    expect(decodeInstance(asText, withHolder).properties.Anything).toBe(text);
  });

  it("reads untyped values by xsi:type or shape", () => {
    const body = envelopeOf((w) => {
      w.start("p:Other", { "xmlns:p": "urn:x" });
      w.leaf("p:Count", { "xsi:type": "cim:cimUnsignedLong" }, "42");
      w.leaf("p:Flag", { "xsi:type": "cim:cimBoolean" }, "true");
      w.start("p:When").leaf("cim:Datetime", {}, "2024-01-31T12:00:00Z").end();
      w.leaf("p:Tag", {}, "a").leaf("p:Tag", {}, "b");
      w.end();
    });
    expect(decodeInstance(body, wmi).properties).toEqual({
      Count: 42n,
      Flag: true,
      When: expect.objectContaining({ kind: "timestamp", year: 2024, utcOffset: 0 }),
      Tag: ["a", "b"],
    });
  });
});

describe("Invoke bodies", () => {
  const uri = resourceUriFor("Msvm_ComputerSystem", ns, "wmi").resourceUri;
  it("_INPUT and _OUTPUT round trip with the method's schema", () => {
    const input = envelopeOf((w) =>
      writeMethodInput(
        w,
        {
          resourceUri: uri,
          className: "Msvm_ComputerSystem",
          method: "requeststatechange",
          params: {
            TimeoutPeriod: { kind: "interval", days: 0, hours: 0, minutes: 0, seconds: 30, microseconds: 0 },
            RequestedState: 3,
          },
        },
        wmi,
      ),
    );
    expect(input.local).toBe("RequestStateChange_INPUT");
    expect(input.children.map((c) => c.local)).toEqual(["RequestedState", "TimeoutPeriod"]);
    expect(readMethodInput(input, "Msvm_ComputerSystem", "RequestStateChange", wmi)).toEqual({
      RequestedState: 3,
      TimeoutPeriod: { kind: "interval", days: 0, hours: 0, minutes: 0, seconds: 30, microseconds: 0 },
    });
    const job = { className: "Msvm_ConcreteJob", namespace: ns, keys: { InstanceID: "J1" } };
    const output = envelopeOf((w) =>
      writeMethodOutput(
        w,
        {
          resourceUri: uri,
          className: "Msvm_ComputerSystem",
          method: "RequestStateChange",
          out: { ReturnValue: 4096, Job: job, Codes: [1, 2] },
        },
        wmi,
      ),
    );
    expect(readMethodOutput(output, "Msvm_ComputerSystem", "RequestStateChange", wmi)).toEqual({
      Job: job,
      Codes: [1, 2],
      ReturnValue: 4096,
    });
  });

  it("an unknown parameter is an error before anything is sent", () => {
    expect(() =>
      envelopeOf((w) =>
        writeMethodInput(
          w,
          { resourceUri: uri, className: "Msvm_ComputerSystem", method: "RequestStateChange", params: { Nope: 1 } },
          wmi,
        ),
      ),
    ).toThrow("Msvm_ComputerSystem.RequestStateChange has no parameter Nope");
  });
});

describe("enumeration bodies", () => {
  const object = pathToEndpoint({ className: "Msvm_ComputerSystem", keys: { Name: "A1" } }, wmi.addressing);
  it.each<EnumerateRequest>([
    {
      optimize: true,
      maxElements: 20,
      mode: "EnumerateObjectAndEPR",
      filter: { dialect: "wql", query: "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'" },
    },
    { filter: { dialect: "selector", selectors: [{ name: "Name", value: "A1" }] } },
    {
      filter: {
        dialect: "associators",
        object,
        assocClass: "Msvm_SettingsDefineState",
        resultClass: "Msvm_SummaryInformation",
        role: "ManagedElement",
        resultRole: "SettingData",
        includeResultProperty: ["Name"],
      },
    },
    { filter: { dialect: "references", object, resultClass: "Msvm_AffectedJobElement", role: "AffectedElement" } },
    { expires: "PT60S" },
    { mode: "EnumerateObjectAndEPR", polymorphism: "ExcludeSubClassProperties" },
  ])("Enumerate %#", (request) => {
    const body = envelopeOf((w) => writeEnumerate(w, request));
    expect(readEnumerate(body)).toEqual({ optimize: false, ...request });
  });

  it("writes the dialect URIs", () => {
    const text = writeEnvelope(requestHeaders({ action: actions.enumerate }), (w) =>
      writeEnumerate(w, { filter: { dialect: "references", object } }),
    );
    expect(text).toContain(`<w:Filter Dialect="${dialects.association}"><b:AssociationInstances><b:Object><a:Address>`);
  });

  it("Pull, Release and the pages", () => {
    expect(readPull(envelopeOf((w) => writePull(w, "uuid:1", 50)))).toEqual({ context: "uuid:1", maxElements: 50 });
    expect(readRelease(envelopeOf((w) => writeRelease(w, "uuid:1")))).toBe("uuid:1");
    const page = envelopeOf((w) =>
      writeEnumerationPage(w, "enumerate", { context: "uuid:2", endOfSequence: false, itemCount: 1 }, (w) =>
        encodeInstance(w, { className: "Msvm_ComputerSystem", properties: { Name: "A1" } }, wmi),
      ),
    );
    const read = readEnumerationPage(page);
    expect(read.context).toBe("uuid:2");
    expect(read.endOfSequence).toBe(false);
    expect(read.items.map((i) => decodeInstance(i.object as never, wmi).properties)).toEqual([{ Name: "A1" }]);
    const last = readEnumerationPage(
      envelopeOf((w) =>
        writeEnumerationPage(w, "pull", { context: undefined, endOfSequence: true, itemCount: 0 }, () => {}),
      ),
    );
    expect(last).toEqual({ context: undefined, items: [], endOfSequence: true });
  });

  it("refuses a MaxElements that is not a positive integer", () => {
    const body = envelopeOf((w) =>
      w.start("n:Pull").leaf("n:EnumerationContext", {}, "c").leaf("n:MaxElements", {}, "0").end(),
    );
    expect(() => readPull(body)).toThrow(/"0" is not a positive integer/);
  });
});

describe("envelopes", () => {
  it("headers round trip", () => {
    const headers = requestHeaders({
      action: actions.get,
      to: "http://h:5985/wsman",
      resourceUri: "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/Win32_Service",
      selectors: [{ name: "Name", value: "WinRM" }],
      options: { IncludeInheritance: "TRUE" },
      maxEnvelopeSize: 512000,
      operationTimeout: "PT60S",
      locale: "en-US",
      dataLocale: "en-US",
      sessionId: "uuid:S",
      messageId: "uuid:M",
    });
    const env = readEnvelope(writeEnvelope(headers));
    expect(env.headers).toEqual(headers);
    expect(env.body).toBeUndefined();
    expect(env.notUnderstood).toEqual([]);
  });

  it.each([
    ['<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body/></e:Envelope>', "a SOAP 1.1 envelope"],
    ["<Envelope/>", "not a SOAP 1.2 Envelope"],
    ['<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Header/></s:Envelope>', "no s:Body"],
    ['<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>', "no a:Action"],
    ["<q:Envelope/>", "the prefix q of q:Envelope is not declared"],
    ['<!DOCTYPE x [<!ENTITY a "b">]><x/>', "DOCTYPE is not accepted"],
  ])("refuses %s", (text, message) => {
    expect(() => readEnvelope(text)).toThrow(message);
  });

  it("lists mustUnderstand headers it does not know", () => {
    const text =
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:z="urn:z"><s:Header><a:Action>x</a:Action><z:Odd s:mustUnderstand="true"/><z:Fine/></s:Header><s:Body/></s:Envelope>';
    expect(readEnvelope(text).notUnderstood.map((h) => h.name)).toEqual(["z:Odd"]);
  });
});
