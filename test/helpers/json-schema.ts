/**
 * A small JSON Schema (draft 2020-12) validator for exactly the keywords mofgen's schemas use (type,
 * properties, required, items, enum, additionalProperties (false or a schema), propertyNames, pattern, anyOf,
 * minItems, minLength, $ref into $defs).
 * It throws on any other keyword, so that a schema cannot silently rely on one it does not check.
 */

export type SchemaNode = { readonly [keyword: string]: unknown };

export const annotations = new Set(["$schema", "$id", "title", "description", "$defs"]);
export const assertions = new Set([
  "$ref",
  "type",
  "properties",
  "required",
  "items",
  "enum",
  "additionalProperties",
  "anyOf",
  "minItems",
  "minLength",
  "propertyNames",
  "pattern",
]);

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "null":
    case "boolean":
    case "string":
    case "array":
      return typeOf(value) === type;
    case "object":
      return typeOf(value) === "object";
    case "number":
      return typeof value === "number";
    case "integer":
      return Number.isInteger(value);
    default:
      throw new Error(`type "${type}" is not supported by this validator`);
  }
}

/** Every subschema of `node` (properties, items, anyOf, $defs), for the keyword check. */
export function* subschemas(node: SchemaNode): Generator<SchemaNode> {
  yield node;
  const children: unknown[] = [];
  for (const key of ["properties", "$defs"]) {
    const map = node[key];
    if (map !== undefined) children.push(...Object.values(map as Record<string, unknown>));
  }
  if (node.items !== undefined) children.push(node.items);
  for (const key of ["additionalProperties", "propertyNames"]) {
    if (typeof node[key] === "object" && node[key] !== null) children.push(node[key]);
  }
  if (Array.isArray(node.anyOf)) children.push(...node.anyOf);
  for (const child of children) yield* subschemas(child as SchemaNode);
}

/** Errors of `value` against `schema` (`root` holds the $defs), as `path: message`; empty when valid. */
export function validate(root: SchemaNode, value: unknown): string[] {
  const errors: string[] = [];
  check(root, root, value, "$", errors);
  return errors;
}

function check(root: SchemaNode, schema: SchemaNode, value: unknown, path: string, errors: string[]): void {
  for (const keyword of Object.keys(schema)) {
    if (!annotations.has(keyword) && !assertions.has(keyword)) {
      throw new Error(`keyword "${keyword}" at ${path} is not supported by this validator`);
    }
  }
  if (typeof schema.$ref === "string") check(root, resolveRef(root, schema.$ref), value, path, errors);
  if (typeof schema.type === "string" && !hasType(value, schema.type)) {
    errors.push(`${path}: expected ${schema.type}, got ${typeOf(value)}`);
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    errors.push(
      `${path}: ${JSON.stringify(value)} is not one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`,
    );
  }
  if (Array.isArray(schema.anyOf)) {
    const matches = schema.anyOf.some((branch) => {
      const branchErrors: string[] = [];
      check(root, branch as SchemaNode, value, path, branchErrors);
      return branchErrors.length === 0;
    });
    if (!matches) errors.push(`${path}: ${JSON.stringify(value)?.slice(0, 60)} matches none of the alternatives`);
  }
  if (typeOf(value) === "object") checkObject(root, schema, value as Record<string, unknown>, path, errors);
  if (typeof schema.minLength === "number" && typeof value === "string" && value.length < schema.minLength) {
    errors.push(`${path}: shorter than ${schema.minLength} characters`);
  }
  if (typeof schema.pattern === "string" && typeof value === "string" && !new RegExp(schema.pattern, "u").test(value)) {
    errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  }
  if (typeof schema.minItems === "number" && Array.isArray(value) && value.length < schema.minItems) {
    errors.push(`${path}: fewer than ${schema.minItems} items`);
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) => {
      check(root, schema.items as SchemaNode, item, `${path}[${i}]`, errors);
    });
  }
}

function checkObject(
  root: SchemaNode,
  schema: SchemaNode,
  value: Record<string, unknown>,
  path: string,
  errors: string[],
): void {
  const properties = (schema.properties ?? {}) as Record<string, SchemaNode>;
  for (const name of (schema.required ?? []) as string[]) {
    if (!Object.hasOwn(value, name)) errors.push(`${path}: missing required "${name}"`);
  }
  const extra = schema.additionalProperties;
  for (const [name, item] of Object.entries(value)) {
    if (schema.propertyNames !== undefined)
      check(root, schema.propertyNames as SchemaNode, name, `${path}{${name}}`, errors);
    const sub = properties[name];
    if (sub !== undefined) check(root, sub, item, `${path}.${name}`, errors);
    else if (extra === false) errors.push(`${path}: unexpected property "${name}"`);
    else if (typeof extra === "object" && extra !== null)
      check(root, extra as SchemaNode, item, `${path}.${name}`, errors);
  }
}

function resolveRef(root: SchemaNode, ref: string): SchemaNode {
  const m = /^#\/\$defs\/([A-Za-z]+)$/.exec(ref);
  const target = m?.[1] !== undefined ? (root.$defs as Record<string, SchemaNode>)[m[1]] : undefined;
  if (target === undefined) throw new Error(`cannot resolve $ref ${ref}`);
  return target;
}
