import type { ClassSchema } from "./schema.js";

/**
 * CIM status codes (DMTF DSP0200, "CIM operation status codes"), by their DSP0200 names. A provider throws a
 * `CimError` with one of these; the `ProviderHost` throws them for input it rejects before the provider runs.
 */
export const CimStatus = {
  CIM_ERR_FAILED: 1,
  CIM_ERR_ACCESS_DENIED: 2,
  CIM_ERR_INVALID_NAMESPACE: 3,
  CIM_ERR_INVALID_PARAMETER: 4,
  CIM_ERR_INVALID_CLASS: 5,
  CIM_ERR_NOT_FOUND: 6,
  CIM_ERR_NOT_SUPPORTED: 7,
  CIM_ERR_CLASS_HAS_CHILDREN: 8,
  CIM_ERR_CLASS_HAS_INSTANCES: 9,
  CIM_ERR_INVALID_SUPERCLASS: 10,
  CIM_ERR_ALREADY_EXISTS: 11,
  CIM_ERR_NO_SUCH_PROPERTY: 12,
  CIM_ERR_TYPE_MISMATCH: 13,
  CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED: 14,
  CIM_ERR_INVALID_QUERY: 15,
  CIM_ERR_METHOD_NOT_AVAILABLE: 16,
  CIM_ERR_METHOD_NOT_FOUND: 17,
  // DSP0200 1.3 adds these for the pull operations and for servers that bound their resources.
  CIM_ERR_NAMESPACE_NOT_EMPTY: 20,
  CIM_ERR_INVALID_ENUMERATION_CONTEXT: 21,
  CIM_ERR_INVALID_OPERATION_TIMEOUT: 22,
  CIM_ERR_PULL_HAS_BEEN_ABANDONED: 23,
  CIM_ERR_PULL_CANNOT_BE_ABANDONED: 24,
  CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED: 25,
  CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED: 26,
  CIM_ERR_SERVER_LIMITS_EXCEEDED: 27,
  CIM_ERR_SERVER_IS_SHUTTING_DOWN: 28,
} as const;
export type CimStatus = (typeof CimStatus)[keyof typeof CimStatus];
export type CimStatusName = keyof typeof CimStatus;

const statusNames = new Map<number, CimStatusName>(
  Object.entries(CimStatus).map(([name, code]) => [code, name as CimStatusName]),
);

/** The DSP0200 name of a status code, or `CIM status <n>` for a code this table does not know. */
export function cimStatusName(code: number): string {
  return statusNames.get(code) ?? `CIM status ${code}`;
}

/**
 * An operation failed with a CIM status. `message` starts with the status name so that a log line says both what
 * kind of failure it was and why (`CIM_ERR_INVALID_PARAMETER: Msvm_Foo.Bar: parameter X: ...`); `detail` is the
 * reason alone.
 */
export class CimError extends Error {
  override readonly name = "CimError";
  readonly statusName: string;
  constructor(
    readonly code: CimStatus,
    readonly detail: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`${cimStatusName(code)}: ${detail}`, options);
    this.statusName = cimStatusName(code);
  }
}

/**
 * The error a provider base's default answers with: the operation (an intrinsic operation such as
 * `enumerateInstances`, or a method that has no "Not Supported" return value) is not implemented for the class.
 */
export function notSupported(schema: ClassSchema, operation: string): CimError {
  return new CimError(CimStatus.CIM_ERR_NOT_SUPPORTED, `${schema.name}.${operation} is not supported`);
}

/** The error a provider base's method dispatch answers with for a name that is none of the class's methods. */
export function methodNotFound(schema: ClassSchema, method: string): CimError {
  return new CimError(CimStatus.CIM_ERR_METHOD_NOT_FOUND, `${schema.name} has no method ${method}`);
}
