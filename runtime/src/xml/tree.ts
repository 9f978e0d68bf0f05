/**
 * An XML element as the codecs read it: name, attributes, child elements and its own text (CDATA included).
 * CIM-XML has no mixed content, so text between child elements (indentation) is kept but never read; the `text`
 * of a `VALUE` is exactly its character data. Attributes are in an object without a prototype, so an attribute
 * named `__proto__` is an attribute like any other.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
  /** Where the start tag ends (1-based line and column), for messages about the element. */
  readonly line: number;
  readonly column: number;
}

/** The child elements named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** The one child named `name`, or undefined. */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}
