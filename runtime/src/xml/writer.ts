import { charName, findNonXmlChar } from "./chars.js";
import { XmlError } from "./errors.js";

/** Attribute values; undefined ones are left out, so optional attributes need no `if`. */
export type XmlAttributes = Readonly<Record<string, string | undefined>>;

/**
 * The one XML writer of the runtime: every codec writes through it, so escaping is done in one place. Text escapes
 * `&`, `<` and `>` (`>` always, so `]]>` can never appear), and `\r` as `&#13;` (a parser turns a raw one into
 * `\n`); attribute values also escape `"` and tab, newline and carriage return as character references, which
 * survive attribute-value normalization. Characters XML 1.0 cannot carry are refused (see `chars.ts`).
 */
export class XmlWriter {
  readonly #parts: string[] = [];
  readonly #open: string[] = [];

  /** `<?xml version="1.0" encoding="utf-8" ?>`: CIM-XML messages are UTF-8 (DSP0200). */
  declaration(): this {
    this.#parts.push('<?xml version="1.0" encoding="utf-8" ?>\n');
    return this;
  }

  /** An open tag; `end()` closes it. */
  start(name: string, attributes: XmlAttributes = {}): this {
    this.#parts.push(`<${name}${attributeText(attributes)}>`);
    this.#open.push(name);
    return this;
  }

  /** A whole element: `<name a="1">text</name>`, or `<name a="1"/>` when text is undefined. */
  leaf(name: string, attributes: XmlAttributes = {}, text?: string): this {
    const attrs = attributeText(attributes);
    this.#parts.push(text === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${escapeText(text)}</${name}>`);
    return this;
  }

  text(text: string): this {
    this.#parts.push(escapeText(text));
    return this;
  }

  /**
   * Text as CDATA sections. A `]]>` inside is split across two sections, the only way to carry it; a `\r` is
   * written between sections as `&#13;`, since a parser turns a raw one into `\n` even inside CDATA.
   */
  cdata(text: string): this {
    checkChars(text);
    const sections = text.split("\r").map((part) => `<![CDATA[${part.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`);
    this.#parts.push(sections.join("&#13;"));
    return this;
  }

  /** Close the innermost open tag. */
  end(): this {
    const name = this.#open.pop();
    if (name === undefined) throw new Error("XmlWriter.end() with no open element");
    this.#parts.push(`</${name}>`);
    return this;
  }

  /** The document; every started element must have been ended. */
  toString(): string {
    if (this.#open.length > 0) throw new Error(`XmlWriter: <${this.#open.join("><")}> not ended`);
    return this.#parts.join("");
  }
}

function checkChars(text: string): void {
  const bad = findNonXmlChar(text);
  if (bad !== undefined) {
    throw new XmlError(`${charName(bad.code)} at index ${bad.index} cannot be carried by XML 1.0`);
  }
}

const textEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };
const attributeEscapes: Record<string, string> = { ...textEscapes, '"': "&quot;", "\t": "&#9;", "\n": "&#10;" };

export function escapeText(text: string): string {
  checkChars(text);
  return text.replace(/[&<>\r]/g, (c) => textEscapes[c] ?? c);
}

export function escapeAttribute(text: string): string {
  checkChars(text);
  return text.replace(/[&<>"\t\n\r]/g, (c) => attributeEscapes[c] ?? c);
}

function attributeText(attributes: XmlAttributes): string {
  let text = "";
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) text += ` ${name}="${escapeAttribute(value)}"`;
  }
  return text;
}
