import { decodeExportResponse, encodeExportIndication } from "../codecs/cimxml/export.js";
import type { CimInstance } from "../codecs/cimxml/typed.js";
import type { SchemaLookup } from "../codecs/cimxml/value.js";
import { type HttpOptions, HttpTransport } from "../transport/http.js";
import { foldName } from "../values/cim-name.js";
import type { ClassSchema } from "../values/schema.js";
import { XmlReader } from "../xml/reader.js";
import { checkMethodResponse } from "./cimxml-connection.js";
import type { WbemCallOptions } from "./operations.js";

export interface CimXmlExporterOptions extends HttpOptions {
  /** The generated `ClassSchema`s indications are checked against (any other class is written by its values' types). */
  readonly schemas?: readonly ClassSchema[];
}

/**
 * The sending side of CIM export (DSP0200 §6.3): what a WBEM server does when it delivers an indication to a
 * subscriber's listener. One POST per indication to the listener's URL (its path is the listener's, as the
 * subscription's Destination names it), headers `CIMExport: MethodRequest` and `CIMExportMethod`, and the answer
 * checked like an operation's: `CIMExport: MethodResponse`, an XML body, an ERROR as a CimError.
 */
export class CimXmlExporter {
  readonly #transport: HttpTransport;
  readonly #schemas: SchemaLookup;
  #nextId = 1001;

  constructor(options: CimXmlExporterOptions) {
    this.#transport = new HttpTransport(options);
    const byName = new Map((options.schemas ?? []).map((s) => [foldName(s.name), s]));
    this.#schemas = (name) => byName.get(foldName(name));
  }

  close(): void {
    this.#transport.close();
  }

  async exportIndication(indication: CimInstance<object>, o: WbemCallOptions = {}): Promise<void> {
    const url = this.#transport.url;
    const body = encodeExportIndication(String(this.#nextId++), indication, this.#schemas);
    const response = await this.#transport.post({
      path: url.pathname + url.search,
      headers: {
        "Content-Type": 'application/xml; charset="utf-8"',
        CIMExport: "MethodRequest",
        CIMExportMethod: "ExportIndication",
      },
      body,
      ...(o.signal === undefined ? {} : { signal: o.signal }),
    });
    checkMethodResponse(response, url, "CIMExport");
    decodeExportResponse(new XmlReader().write(response.body).close(), "ExportIndication");
  }
}
