import { CimError, CimStatus } from "../values/cim-error.js";
import { describeValue } from "../values/cim-value.js";
import type { ClassIndex } from "../values/class-directory.js";
import type { ObjectPath } from "../values/reference.js";

/**
 * The instance a provider's `getInstance` returned must be the one asked for: each key property the path gives
 * must hold the path's value. A provider that answers with another instance (a lookup bug, a stale cache) is
 * failing, CIM_ERR_FAILED, rather than handing the caller an instance it did not ask for. Integers compare by value
 * (a path gives a uint64 key below 2^53 as a number, an instance as a bigint); strings, booleans and reals compare
 * exactly. REF and datetime keys are compared as text only when the instance holds text: their object forms have
 * more than one spelling.
 */
export function checkReturnedKeys(cls: ClassIndex, path: ObjectPath, instance: object, where: string): void {
  const values = instance as Record<string, unknown>;
  for (const key of cls.keys) {
    const asked = path.keys[key.name];
    const got = values[key.name];
    if (asked === undefined || sameKeyValue(asked, got)) continue;
    if ((key.type === "reference" || key.type === "datetime") && typeof got !== "string") continue;
    throw new CimError(
      CimStatus.CIM_ERR_FAILED,
      `${where}: the provider returned another instance: key ${key.name} is ${describeValue(got)}, not ${describeValue(asked)} as asked`,
    );
  }
}

function sameKeyValue(asked: unknown, got: unknown): boolean {
  if (asked === got) return true;
  const integer = (v: unknown) => typeof v === "bigint" || (typeof v === "number" && Number.isSafeInteger(v));
  return integer(asked) && integer(got) && BigInt(asked as number | bigint) === BigInt(got as number | bigint);
}
