import type { WsElement } from "./names.js";

/**
 * A message that is well-formed XML but not a valid WS-Management message (DSP0226, DSP0230): no SOAP 1.2 envelope,
 * a body that is not what the action needs, a value that is not of its type. The message names the element and its
 * line, so a capture can be checked by hand. A SOAP fault is not this error: it decodes to a `WsmanFault`.
 */
export class WsmanError extends Error {
  override readonly name = "WsmanError";
}

/** Throw a WsmanError about `el` (its name and line are added). */
export function invalid(el: WsElement | undefined, reason: string): never {
  if (el === undefined) throw new WsmanError(reason);
  throw new WsmanError(`<${el.name}> at line ${el.line}: ${reason}`);
}
