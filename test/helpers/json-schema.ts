/**
 * The committed JSON Schemas (`docs/*.schema.json`, draft 2020-12) checked by Ajv, a complete validator, so that a
 * schema cannot rely on a keyword nobody checks and the readers' tests cannot drift from what the schema says.
 * Ajv runs strict: an unknown keyword or a schema that breaks the 2020-12 meta-schema throws when compiled.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";

export type SchemaNode = { readonly [keyword: string]: unknown };

/** One Ajv per schema root: a schema's `$id` may be added to an instance only once. */
const compiled = new WeakMap<SchemaNode, ValidateFunction>();

/** The validator of `root`; throws if the schema itself is not valid strict draft 2020-12. */
export function compileSchema(root: SchemaNode): ValidateFunction {
  let check = compiled.get(root);
  if (check === undefined) {
    check = new Ajv2020({ strict: true, verbose: true }).compile(root);
    compiled.set(root, check);
  }
  return check;
}

/**
 * The error of `value` against `schema` (`root` holds the $defs), as `path: message`; empty when valid.
 * Ajv stops at the first failing keyword, after the errors of every branch an `anyOf` tried: the last error is
 * the one that failed the document ("matches none of the alternatives" for an `anyOf`), and it alone is given.
 */
export function validate(root: SchemaNode, value: unknown): string[] {
  const check = compileSchema(root);
  if (check(value)) return [];
  const last = check.errors?.at(-1);
  return last === undefined ? ["$: invalid"] : [describe(last)];
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** `/classes/0/name` (JSON Pointer) as `$.classes[0].name`. */
function jsonPath(pointer: string): string {
  let path = "$";
  for (const step of pointer.split("/").slice(1)) {
    const name = step.replaceAll("~1", "/").replaceAll("~0", "~");
    path += /^\d+$/.test(name) ? `[${name}]` : `.${name}`;
  }
  return path;
}

function describe(e: ErrorObject): string {
  const path = jsonPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return `${path}: missing required "${String(params.missingProperty)}"`;
    case "additionalProperties":
      return `${path}: unexpected property "${String(params.additionalProperty)}"`;
    case "type":
      return `${path}: expected ${String(params.type)}, got ${typeOf(e.data)}`;
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ");
      return `${path}: ${JSON.stringify(e.data)} is not one of ${allowed}`;
    }
    case "anyOf":
      return `${path}: ${JSON.stringify(e.data)?.slice(0, 60)} matches none of the alternatives`;
    default:
      return `${path}: ${e.message ?? e.keyword}`;
  }
}
