import { type CimInstance, embeddedClassName } from "../codecs/cimxml/typed.js";
import { decodeInstance as decodeCimXmlInstance, noSchemas } from "../codecs/cimxml/value.js";
import { CimError, CimStatus } from "../values/cim-error.js";
import { sameName } from "../values/cim-name.js";
import { isPlainObject } from "../values/cim-value.js";
import type { JobFailedError } from "../values/job.js";
import type { ObjectPath } from "../values/reference.js";
import { parseXml } from "../xml/reader.js";
import type { WbemOperations } from "./operations.js";

/**
 * A job that failed, with the errors its job object reports (`Msvm_ConcreteJob.GetErrorEx` / `GetError`:
 * `Msvm_Error` instances, a CIM_Error subclass) as a CimError: the status is the first error's `CIMStatusCode`,
 * the detail its `Message`, and `errors` all of them, typed. The `JobFailedError` is the cause.
 */
export class JobCimError extends CimError {
  constructor(
    code: CimStatus,
    detail: string,
    readonly job: ObjectPath,
    readonly errors: readonly CimInstance[],
    cause: JobFailedError,
  ) {
    super(code, detail, { cause });
  }
}

const knownStatus = new Set<number>(Object.values(CimStatus));

/**
 * Ask a failed job for its errors: GetErrorEx (`Errors[]`, Hyper-V v2), else GetError (`Error`). Embedded instances
 * arrive as typed XML over WS-Man (decoded by the codec) or as CIM-XML `INSTANCE` text over CIM-XML (decoded here);
 * anything else is left out. Undefined when the job class has neither method or the call fails: the caller keeps
 * the JobFailedError.
 */
export async function fetchJobErrors(
  ops: WbemOperations,
  job: ObjectPath,
  signal?: AbortSignal,
): Promise<CimInstance[] | undefined> {
  const call = signal === undefined ? {} : { signal };
  for (const [method, name] of [
    ["GetErrorEx", "Errors"],
    ["GetError", "Error"],
  ] as const) {
    try {
      const out = await ops.invokeMethod(job, method, {}, call);
      const value = Object.entries(out).find(([k]) => sameName(k, name))?.[1];
      const items = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
      return items.map(toInstance).filter((i): i is CimInstance => i !== undefined);
    } catch (error) {
      if (signal?.aborted) throw error;
    }
  }
  return undefined;
}

function toInstance(value: unknown): CimInstance | undefined {
  if (typeof value === "string") {
    if (!value.trimStart().startsWith("<")) return undefined;
    try {
      return decodeCimXmlInstance(parseXml(value, { maxDepth: 50, maxBytes: 1024 * 1024 }), noSchemas);
    } catch {
      return undefined;
    }
  }
  const className = embeddedClassName(value);
  if (className === undefined || !isPlainObject(value)) return undefined;
  return { className, properties: { ...(value as Record<string, unknown>) } };
}

/** The JobCimError of a failed job and its errors; the JobFailedError itself when there are none. */
export function jobError(failed: JobFailedError, job: ObjectPath, errors: readonly CimInstance[]): Error {
  const first = errors[0];
  if (first === undefined) return failed;
  // Without the error class's schema the codec reads untyped values as text: "4" is status 4 all the same.
  const raw = first.properties.CIMStatusCode;
  const status = typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  const code =
    typeof status === "number" && status !== 0 && knownStatus.has(status)
      ? (status as CimStatus)
      : CimStatus.CIM_ERR_FAILED;
  const messages = errors
    .map((e) => {
      const m = e.properties.Message;
      const id = e.properties.MessageID;
      return typeof m === "string"
        ? typeof id === "string" && id !== ""
          ? `${m.trim()} [${id}]`
          : m.trim()
        : undefined;
    })
    .filter((m): m is string => m !== undefined && m !== "");
  return new JobCimError(
    code,
    `${failed.message}${messages.length > 0 ? `: ${messages.join("; ")}` : ""}`,
    job,
    errors,
    failed,
  );
}
