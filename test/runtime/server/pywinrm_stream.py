"""pywinrm pulling a streaming provider's records, for test/runtime/server/streaming-peers.test.ts.

usage: python3 pywinrm_stream.py URL USER PASSWORD MODE

Through winrm.protocol.Protocol (as pywinrm_client.py does), sends an optimized Enumerate of Test_Record (root/stream)
with MaxElements 500, then, by MODE: `all` Pulls 500 at a time to the end; `release` Releases the context at once;
`fail` Pulls once. Prints what it read, one fact a line.
"""

import sys
import xml.etree.ElementTree as ET

import xmltodict
from winrm.exceptions import WinRMError
from winrm.protocol import Protocol

URI = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/stream/Test_Record"
ENUM = "http://schemas.xmlsoap.org/ws/2004/09/enumeration"
WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"
SOAP = "http://www.w3.org/2003/05/soap-envelope"


def send(protocol, action, body):
    message = {"env:Envelope": protocol._get_soap_header(action=action, resource_uri=URI)}
    message["env:Envelope"]["env:Body"] = body
    return ET.fromstring(protocol.send_message(xmltodict.unparse(message)))


def ids(items):
    return [int(item.find(f"{{{URI}}}Id").text) for item in items]


def main():
    url, user, password, mode = sys.argv[1:5]
    protocol = Protocol(endpoint=f"{url}/wsman", transport="basic", username=user, password=password)
    body = {"n:Enumerate": {"w:OptimizeEnumeration": None, "w:MaxElements": "500"}}
    response = send(protocol, f"{ENUM}/Enumerate", body).find(f"{{{SOAP}}}Body/{{{ENUM}}}EnumerateResponse")
    received = ids(response.find(f"{{{WSMAN}}}Items"))
    context = response.find(f"{{{ENUM}}}EnumerationContext")
    print(f"enumerate: {len(received)} records")
    if mode == "release":
        send(protocol, f"{ENUM}/Release", {"n:Release": {"n:EnumerationContext": context.text}})
        print("released")
        return
    pages = 1
    while context is not None:
        body = {"n:Pull": {"n:EnumerationContext": context.text, "n:MaxElements": "500"}}
        try:
            root = send(protocol, f"{ENUM}/Pull", body)
        except WinRMError as error:
            print(f"pull: fault {str(error).split('(extended fault data: ')[1].rstrip(')')}")
            return
        pages += 1
        response = root.find(f"{{{SOAP}}}Body/{{{ENUM}}}PullResponse")
        received.extend(ids(response.find(f"{{{ENUM}}}Items")))
        context = response.find(f"{{{ENUM}}}EnumerationContext")
    print(f"pulled: {len(received)} records in {pages} pages, in order: {received == list(range(len(received)))}")


main()
