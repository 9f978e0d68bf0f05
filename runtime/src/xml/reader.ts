import { SaxesParser, type SaxesTagPlain } from "saxes";
import { XmlError } from "./errors.js";
import type { XmlElement } from "./tree.js";

/**
 * Reading XML with bounds, for bytes that come from the network. saxes is a strict XML 1.0 parser that never
 * expands a DTD's entities (only the five predefined ones and character references), and this reader refuses any
 * DOCTYPE outright, so neither external entities nor entity-expansion bombs can reach the codecs. Depth and size
 * are bounded too, since a codec walks the tree recursively and the whole message is held in memory.
 */
export interface XmlLimits {
  /** Most bytes (of UTF-8, or UTF-16 code units for text) one document may have. */
  readonly maxBytes: number;
  /** Most nested elements. A CIM-XML message with embedded instances nests about 20 deep. */
  readonly maxDepth: number;
}

export const defaultXmlLimits: XmlLimits = { maxBytes: 64 * 1024 * 1024, maxDepth: 100 };

interface Building {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
  readonly line: number;
  readonly column: number;
}

/**
 * A document read chunk by chunk (as an HTTP body arrives): `write` each chunk, then `close` for the root element.
 * Errors (malformed XML, a DOCTYPE, a limit passed, bytes that are not UTF-8) are `XmlError`s with line and column.
 */
export class XmlReader {
  readonly #parser = new SaxesParser({
    xmlns: false,
    position: true,
    forceXMLVersion: true,
    defaultXMLVersion: "1.0",
  });
  readonly #decoder = new TextDecoder("utf-8", { fatal: true });
  readonly #stack: Building[] = [];
  readonly #limits: XmlLimits;
  #root: XmlElement | undefined;
  #size = 0;

  constructor(limits: Partial<XmlLimits> = {}) {
    this.#limits = { ...defaultXmlLimits, ...limits };
    const p = this.#parser;
    p.on("doctype", () => this.#fail("a DOCTYPE is not accepted (no DTDs, no entity declarations)"));
    p.on("opentag", (tag) => this.#open(tag));
    p.on("closetag", () => this.#close());
    p.on("text", (text) => this.#text(text));
    p.on("cdata", (text) => this.#text(text));
    p.on("error", (error) => {
      throw new XmlError(error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, ""), p.line, p.column + 1);
    });
  }

  /** Feed the next chunk: bytes (UTF-8) or text. */
  write(chunk: Uint8Array | string): this {
    this.#size += chunk.length;
    if (this.#size > this.#limits.maxBytes) this.#fail(`the document is larger than ${this.#limits.maxBytes} bytes`);
    let text: string;
    try {
      text = typeof chunk === "string" ? chunk : this.#decoder.decode(chunk, { stream: true });
    } catch {
      this.#fail("the document is not valid UTF-8");
    }
    this.#parser.write(text);
    return this;
  }

  /** End of input: the root element. */
  close(): XmlElement {
    try {
      this.#decoder.decode();
    } catch {
      this.#fail("the document ends inside a UTF-8 character");
    }
    this.#parser.close();
    if (this.#root === undefined) throw new XmlError("the document has no root element");
    return this.#root;
  }

  #open(tag: SaxesTagPlain): void {
    if (this.#stack.length >= this.#limits.maxDepth) {
      this.#fail(`elements are nested more than ${this.#limits.maxDepth} deep`);
    }
    const attributes: Record<string, string> = Object.create(null);
    for (const [name, value] of Object.entries(tag.attributes)) attributes[name] = value;
    const p = this.#parser;
    this.#stack.push({ name: tag.name, attributes, children: [], text: "", line: p.line, column: p.column + 1 });
  }

  #close(): void {
    const done = this.#stack.pop();
    if (done === undefined) return;
    const parent = this.#stack.at(-1);
    if (parent === undefined) this.#root = done;
    else parent.children.push(done);
  }

  #text(text: string): void {
    const current = this.#stack.at(-1);
    if (current !== undefined) current.text += text;
  }

  #fail(message: string): never {
    throw new XmlError(message, this.#parser.line, this.#parser.column + 1);
  }
}

/** A whole document at once. */
export function parseXml(document: Uint8Array | string, limits: Partial<XmlLimits> = {}): XmlElement {
  return new XmlReader(limits).write(document).close();
}
