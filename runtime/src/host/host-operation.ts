import { CimError, CimStatus } from "../values/cim-error.js";
import { describeValue } from "../values/cim-value.js";
import { messageText } from "../values/message-text.js";
import type { CallOptions } from "./provider.js";

/**
 * How a `ProviderHost` operation fails only with a `CimError`: the operation's options are read once and checked,
 * and whatever else goes wrong (a bug of the host's own, an error that cannot even be shown) becomes a CimError
 * with the original error as its `cause`, never an exception of another kind.
 */

/**
 * Run an operation so that it fails only with a CimError: a CimError passes through, and so does the caller's own
 * abort reason once its signal is aborted (what `AbortSignal` users expect); anything else is a bug of the host's
 * own, CIM_ERR_FAILED. The options are read first, once.
 */
export async function operation<T>(
  name: string,
  options: unknown,
  run: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  const signal = readSignal(options, name);
  try {
    return await run(signal);
  } catch (error) {
    if (error instanceof CimError || (signal?.aborted === true && error === signal.reason)) throw error;
    throw new CimError(CimStatus.CIM_ERR_FAILED, `${name}: ${errorText(error)}`, { cause: error });
  }
}

/** `run` synchronously, with anything but a CimError it throws becoming a CimError of `code`. */
export function guard<T>(where: string, code: CimStatus, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof CimError) throw error;
    throw new CimError(code, `${where}: ${errorText(error)}`, { cause: error });
  }
}

/** The `signal` of an operation's options, read once: options must be an object, the signal an AbortSignal. */
function readSignal(options: unknown, operationName: string): AbortSignal | undefined {
  return guard(`${operationName}: options`, CimStatus.CIM_ERR_INVALID_PARAMETER, () => {
    if (options === undefined) return undefined;
    if (typeof options !== "object" || options === null)
      throw new CimError(
        CimStatus.CIM_ERR_INVALID_PARAMETER,
        `${operationName}: the options are ${describeValue(options)}, not an object`,
      );
    const signal: unknown = (options as CallOptions).signal;
    if (signal === undefined) return undefined;
    if (!(signal instanceof AbortSignal))
      throw new CimError(
        CimStatus.CIM_ERR_INVALID_PARAMETER,
        `${operationName}: the signal is ${describeValue(signal)}, not an AbortSignal`,
      );
    return signal;
  });
}

/** A caller's name in a message: a string shown as text (cut and escaped), anything else described. */
export function describeName(name: unknown): string {
  return typeof name === "string" ? messageText(name) : describeValue(name);
}

/** An error's message, read defensively (a provider may throw anything, even an object whose getters throw). */
export function errorText(error: unknown): string {
  try {
    return error instanceof Error ? messageText(String(error.message)) : describeValue(error);
  } catch {
    return "an error that cannot be shown";
  }
}
