import type { XmlElement } from "../../xml/tree.js";

/**
 * A message that is well-formed XML but not valid CIM-XML (DSP0201), or a value that cannot be written as CIM-XML:
 * an element where another was expected, a VALUE that is not of its TYPE, a value typed wrong for the schema. The
 * message names the element and where it is, so a capture can be checked by hand.
 */
export class CimXmlError extends Error {
  override readonly name = "CimXmlError";
}

/** Throw a CimXmlError about `element` (its name and line are added). */
export function invalid(element: XmlElement | undefined, reason: string): never {
  if (element === undefined) throw new CimXmlError(reason);
  throw new CimXmlError(`<${element.name}> at line ${element.line}: ${reason}`);
}

/** The attribute, or a CimXmlError naming the element that lacks it. */
export function required(element: XmlElement, attribute: string): string {
  const value = element.attributes[attribute];
  if (value === undefined) invalid(element, `the ${attribute} attribute is missing`);
  return value;
}
