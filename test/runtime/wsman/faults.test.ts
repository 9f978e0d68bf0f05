import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  decodeFault,
  faultAction,
  faultForStatus,
  readEnvelope,
  responseHeaders,
  type WsmanFault,
  type WsValueOptions,
  writeEnvelope,
  writeFault,
} from "../../../runtime/src/codecs/wsman/index.js";
import { CimError, CimStatus } from "../../../runtime/src/values/cim-error.js";
import { corpus } from "../../helpers/corpora.js";

const o: WsValueOptions = { schemas: () => undefined, addressing: { convention: "wmi", namespace: "root/cimv2" } };

function faultOf(text: string | Buffer): WsmanFault {
  const env = readEnvelope(text);
  if (env.body === undefined) throw new Error("no body");
  return decodeFault(env.body, o);
}

const other = corpus("wsman-other-exchanges");
const windows = corpus("wsman-windows-responses");

describe.skipIf(other === undefined || windows === undefined)("Windows faults from the corpora", () => {
  const read = (dir: string | undefined, file: string) => readFileSync(join(dir as string, file));

  it("CannotProcessFilter with a ProviderFault and __ExtendedStatus", () => {
    const f = faultOf(read(other, "WinRM/tests/spec/stubs/responses/soap_fault_v2.xml"));
    expect(f).toBeInstanceOf(CimError);
    expect(f.code).toBe(CimStatus.CIM_ERR_INVALID_QUERY);
    expect(f.subcode).toBe("CannotProcessFilter");
    expect(f.fault.windowsCode).toBe(2150858778);
    expect(f.fault.machine).toBe("vagrant-2008R2");
    expect(f.fault.provider).toBe("WMI Provider");
    expect(f.fault.windowsMessage).toBe("The specified class does not exist in the given namespace.");
    expect(f.fault.wmiError?.className).toBe("__ExtendedStatus");
    expect(f.fault.wmiError?.properties).toMatchObject({
      Description: null,
      Operation: "ExecQuery",
      ParameterInfo: 'Select * from Win32_Processa where name="sshd.exe"',
      ProviderName: "WinMgmt",
    });
    expect(f.message).toMatch(/^CIM_ERR_INVALID_QUERY: wsen:CannotProcessFilter: The data source could not process/);
  });

  it("QuotaLimit with an MSFT_WmiError: CIMStatusCode decides the status", () => {
    const f = faultOf(read(other, "WinRM/tests/spec/stubs/responses/wmi_error_v2.xml"));
    expect(f.code).toBe(CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED);
    expect(f.subcode).toBe("QuotaLimit");
    expect(f.fault.wmiError?.className).toBe("MSFT_WmiError");
    expect(f.fault.wmiError?.properties).toMatchObject({
      CIMStatusCode: 27,
      error_Code: 2150859173,
      MessageID: "HRESULT 0x803381a5",
      ErrorSource: null,
    });
  });

  it("InternalError, pretty-printed, from the concurrent-operations quota", () => {
    const f = faultOf(read(windows, "data_error/max_concurrent.xml"));
    expect(f.code).toBe(CimStatus.CIM_ERR_FAILED);
    expect(f.fault.code).toBe("Receiver");
    expect(f.subcode).toBe("InternalError");
    expect(f.fault.windowsCode).toBe(2150859174);
    expect(f.fault.windowsMessage).toMatch(/maximum number of 15 concurrent operations/);
  });
});

describe("faults written for a CimError read back as the same status", () => {
  it.each(Object.entries(CimStatus))("%s", (_, status) => {
    const f = faultForStatus(status, `because ${status}`);
    const text = writeEnvelope(responseHeaders({ action: "x", messageId: "uuid:1" }, faultAction(f.subcode)), (w) =>
      writeFault(w, f),
    );
    const env = readEnvelope(text);
    expect(env.headers.relatesTo).toBe("uuid:1");
    const back = faultOf(text);
    expect(back.code).toBe(status);
    expect(back.subcode).toBe(f.subcode.local);
    expect(back.fault.reason).toBe(`because ${status}`);
  });

  it.each([
    ["2147749890", "CIM_ERR_NOT_FOUND"], // 0x80041002 WBEM_E_NOT_FOUND
    ["2147749904", "CIM_ERR_INVALID_CLASS"], // 0x80041010 WBEM_E_INVALID_CLASS
    ["2147749902", "CIM_ERR_INVALID_NAMESPACE"], // 0x8004100E WBEM_E_INVALID_NAMESPACE
    ["2150858778", "CIM_ERR_NOT_FOUND"], // a WinRM code, not WMI's: the subcode decides
  ])("a WMI HRESULT %s in f:WSManFault says more than DestinationUnreachable: %s", (code, status) => {
    const text = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"><s:Header><a:Action>${faultAction({ ns: "http://schemas.xmlsoap.org/ws/2004/08/addressing", local: "x" })}</a:Action></s:Header><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>a:DestinationUnreachable</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en-US">no</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="${code}" Machine="hv"><f:Message>The WS-Management service cannot process the request.</f:Message></f:WSManFault></s:Detail></s:Fault></s:Body></s:Envelope>`;
    expect(faultOf(text).statusName).toBe(status);
  });

  it("a subcode alone maps per DSP0227 when the detail has no CIM status", () => {
    const text = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:n="http://schemas.xmlsoap.org/ws/2004/09/enumeration"><s:Header><a:Action>${faultAction({ ns: "http://schemas.xmlsoap.org/ws/2004/09/enumeration", local: "x" })}</a:Action></s:Header><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>n:InvalidEnumerationContext</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en-US">gone</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>`;
    const f = faultOf(text);
    expect(f.code).toBe(CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT);
    expect(f.message).toBe("CIM_ERR_INVALID_ENUMERATION_CONTEXT: wsen:InvalidEnumerationContext: gone");
  });
});
