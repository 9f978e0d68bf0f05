"""pywinrm as a WS-Management client of the example host, for test/runtime/server/pywinrm.test.ts.

usage: python3 pywinrm_client.py URL USER PASSWORD

Through winrm.protocol.Protocol (its Basic transport and SOAP headers, as pywinrm's own shell messages are
made), sends a WQL Enumerate of the running VMs on the WMI `*` resource URI and Pulls to the end, invokes
Msvm_VirtualSystemSnapshotService.CreateSnapshot with the VM as a REF argument, and Gets with a selector that is
not a key; prints what it reads from each answer, one fact a line.
"""

import sys
import xml.etree.ElementTree as ET

import xmltodict
from winrm.exceptions import WinRMError
from winrm.protocol import Protocol

URI = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2"
ENUM = "http://schemas.xmlsoap.org/ws/2004/09/enumeration"
WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"
ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing"
SOAP = "http://www.w3.org/2003/05/soap-envelope"


def send(protocol, action, resource_uri, body, selectors=None):
    message = {"env:Envelope": protocol._get_soap_header(action=action, resource_uri=resource_uri)}
    if selectors:
        message["env:Envelope"]["env:Header"]["w:SelectorSet"] = {
            "w:Selector": [{"@Name": name, "#text": value} for name, value in selectors]
        }
    message["env:Envelope"]["env:Body"] = body
    return ET.fromstring(protocol.send_message(xmltodict.unparse(message)))


def properties(instance):
    return " ".join(f"{child.tag.split('}')[1]}={child.text}" for child in instance)


def enumerate_wql(protocol, query):
    body = {
        "n:Enumerate": {
            "w:OptimizeEnumeration": None,
            "w:MaxElements": "2",
            "w:Filter": {"@Dialect": "http://schemas.microsoft.com/wbem/wsman/1/WQL", "#text": query},
        }
    }
    root = send(protocol, f"{ENUM}/Enumerate", f"{URI}/*", body)
    pages = 1
    response = root.find(f"{{{SOAP}}}Body/{{{ENUM}}}EnumerateResponse")
    items = list(response.find(f"{{{WSMAN}}}Items"))
    context = response.find(f"{{{ENUM}}}EnumerationContext")
    while context is not None:
        body = {"n:Pull": {"n:EnumerationContext": context.text, "n:MaxElements": "2"}}
        root = send(protocol, f"{ENUM}/Pull", f"{URI}/*", body)
        pages += 1
        response = root.find(f"{{{SOAP}}}Body/{{{ENUM}}}PullResponse")
        items.extend(response.find(f"{{{ENUM}}}Items"))
        context = response.find(f"{{{ENUM}}}EnumerationContext")
    print(f"enumerate: {len(items)} instances in {pages} pages")
    for item in items:
        print(f"  {item.tag.split('}')[1]} {properties(item)}")


def create_snapshot(protocol):
    service = f"{URI}/Msvm_VirtualSystemSnapshotService"
    vm = {
        "a:Address": "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous",
        "a:ReferenceParameters": {
            "w:ResourceURI": f"{URI}/Msvm_ComputerSystem",
            "w:SelectorSet": {
                "w:Selector": [
                    {"@Name": "CreationClassName", "#text": "Msvm_ComputerSystem"},
                    {"@Name": "Name", "#text": "6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01"},
                ]
            },
        },
    }
    body = {"p:CreateSnapshot_INPUT": {"@xmlns:p": service, "p:AffectedSystem": vm, "p:SnapshotType": "2"}}
    selectors = [
        ("CreationClassName", "Msvm_VirtualSystemSnapshotService"),
        ("Name", "vssnapsvc"),
        ("SystemCreationClassName", "Msvm_ComputerSystem"),
        ("SystemName", "HYPERV-01"),
    ]
    root = send(protocol, f"{service}/CreateSnapshot", service, body, selectors)
    output = root.find(f"{{{SOAP}}}Body/{{{service}}}CreateSnapshot_OUTPUT")
    print(f"invoke: ReturnValue={output.find(f'{{{service}}}ReturnValue').text}")
    job = output.find(f"{{{service}}}Job/{{{ADDRESSING}}}ReferenceParameters/{{{WSMAN}}}ResourceURI")
    print(f"  Job {job.text.rsplit('/', 1)[1]}")


def bad_selector(protocol):
    try:
        send(
            protocol,
            "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get",
            f"{URI}/Msvm_ComputerSystem",
            {},
            [("Bogus", "1")],
        )
        print("get: no fault")
    except WinRMError as error:
        data = str(error).split("(extended fault data: ")[1]
        print(f"get: fault {data.rstrip(')')}")


def main():
    url, user, password = sys.argv[1:4]
    protocol = Protocol(endpoint=f"{url}/wsman", transport="basic", username=user, password=password)
    enumerate_wql(protocol, "SELECT ElementName, EnabledState FROM Msvm_ComputerSystem WHERE EnabledState = 2")
    create_snapshot(protocol)
    bad_selector(protocol)


main()
