import { isMofName } from "./cim-name.js";
import { type CimDateTimeValue, formatDateTime, fromDate } from "./datetime.js";
import { quotedText } from "./message-text.js";
import { formatObjectPath, type ObjectPath } from "./reference.js";

/**
 * Embedded instances: string parameters and properties marked `EmbeddedInstance("X")` carry an instance of X as MOF
 * text, `instance of X { Prop = value; };`, which is what Hyper-V methods parse (e.g. CreateSnapshot's
 * SnapshotSettings, ModifyResourceSettings' ResourceSettings). This module writes that text.
 *
 * Values are written as MOF literals: strings with DSP0004 escapes (`\"`, `\\`, `\n`..., other control characters as
 * `\xHHHH`); safe integers and bigints in decimal; other numbers as reals (always with a `.`); `TRUE`, `FALSE`,
 * `NULL`; arrays as `{a, b}`; datetimes (typed values or Dates, taken as UTC) and object paths as the strings CIM
 * gives them; nested instances made with `instanceOf` inline, as `instance of Y { ... }`. Properties whose value is
 * undefined are left out; the others are written in the object's key order.
 */

declare const embeddedBrand: unique symbol;

/** The MOF text of an embedded instance whose properties are `T`. Only `serializeEmbeddedInstance` makes one. */
export type EmbeddedInstanceText<T> = string & { readonly [embeddedBrand]: T };

/** What an element marked `EmbeddedInstance("X")` accepts: X's properties, or their MOF text. */
export type EmbeddedInstance<T> = T | EmbeddedInstanceText<T>;

/**
 * An instance of `T` being built to send: every property optional, keys included. A new embedded setting
 * (`CreateSnapshot`'s `SnapshotSettings`, `ModifyResourceSettings`' `ResourceSettings`) or a `createInstance` has no
 * key values yet (the server assigns them), so method inputs type embedded instances as
 * `EmbeddedInstance<NewInstance<X>>` and `WbemClient.createInstance` takes a `NewInstance`, where `X` itself would
 * force made-up keys. Instances read back keep `X`, keys required.
 */
export type NewInstance<T> = { readonly [K in keyof T]?: T[K] };

/** A nested instance, written inline; make one with `instanceOf`. */
export interface MofInstance {
  readonly kind: "instance";
  readonly className: string;
  readonly properties: MofProperties;
}

export type MofScalar = string | number | bigint | boolean | Date | CimDateTimeValue | ObjectPath | MofInstance;
export type MofValue = MofScalar | null | readonly MofScalar[];
export type MofProperties = { readonly [name: string]: MofValue | undefined };
/** Constrains a properties type (interfaces included, which have no index signature) to MOF-writable values. */
export type MofPropertiesOf<T> = { readonly [K in keyof T]: MofValue | undefined };

/** A value that cannot be written as MOF, or a name that is not a MOF name; `path` says where (`A[2].B`). */
export class EmbeddedInstanceError extends Error {
  override readonly name = "EmbeddedInstanceError";
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(path === "" ? reason : `${path}: ${reason}`);
  }
}

/** A nested instance value for a property of an embedded instance. */
export function instanceOf<T extends MofPropertiesOf<T>>(className: string, properties: T): MofInstance {
  return { kind: "instance", className, properties: properties as MofProperties };
}

/** `instance of className { ... };` for the given properties. */
export function serializeEmbeddedInstance<T extends MofPropertiesOf<T>>(
  className: string,
  properties: T,
): EmbeddedInstanceText<T> {
  const text = `${writeInstance(className, properties as MofProperties, "", new Set())};`;
  return text as EmbeddedInstanceText<T>;
}

/** The MOF text of an embedded-instance value: text is passed through, properties are serialized. */
export function toEmbeddedInstanceText<T extends MofPropertiesOf<T>>(
  className: string,
  value: EmbeddedInstance<T>,
): EmbeddedInstanceText<T> {
  return typeof value === "string" ? value : serializeEmbeddedInstance(className, value);
}

function writeInstance(className: string, properties: MofProperties, path: string, open: Set<object>): string {
  if (!isMofName(className)) throw new EmbeddedInstanceError(`${quotedText(className)} is not a class name`, path);
  if (open.has(properties)) throw new EmbeddedInstanceError("the instance contains itself", path);
  open.add(properties);
  let body = "";
  for (const [name, value] of Object.entries(properties)) {
    const at = path === "" ? name : `${path}.${name}`;
    if (!isMofName(name)) throw new EmbeddedInstanceError(`${quotedText(name)} is not a property name`, path);
    if (value !== undefined) body += ` ${name} = ${writeValue(value, at, open)};`;
  }
  open.delete(properties);
  return `instance of ${className} {${body} }`;
}

function writeValue(value: MofValue, path: string, open: Set<object>): string {
  if (value === null) return "NULL";
  if (!Array.isArray(value)) return writeScalar(value as MofScalar, path, open);
  const items = (value as readonly unknown[]).map((item, i) => {
    const at = `${path}[${i}]`;
    if (item === null || item === undefined || Array.isArray(item))
      throw new EmbeddedInstanceError("an array element must be a value (not null, undefined or an array)", at);
    return writeScalar(item as MofScalar, at, open);
  });
  return `{${items.join(", ")}}`;
}

function writeScalar(value: MofScalar, path: string, open: Set<object>): string {
  switch (typeof value) {
    case "string":
      return mofString(value);
    case "bigint":
      return String(value);
    case "boolean":
      return value ? "TRUE" : "FALSE";
    case "number":
      return mofNumber(value, path);
    case "object":
      if (value instanceof Date) return mofString(formatDateTime(fromDate(value)));
      if ("kind" in value && value.kind === "instance")
        return writeInstance(value.className, value.properties, path, open);
      if ("kind" in value && (value.kind === "timestamp" || value.kind === "interval"))
        return mofString(formatDateTime(value));
      if ("className" in value && "keys" in value) return mofString(formatObjectPath(value));
      break;
  }
  throw new EmbeddedInstanceError(`a ${typeof value} value cannot be written as MOF`, path);
}

function mofNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) throw new EmbeddedInstanceError(`${value} is not a finite number`, path);
  if (Number.isSafeInteger(value)) return String(value);
  // A MOF real has a '.' (DSP0004 realValue); JavaScript writes 1e+21 and 2**60 without one.
  const text = String(value);
  if (text.includes(".")) return text;
  const e = text.search(/e/i);
  return e < 0 ? `${text}.0` : `${text.slice(0, e)}.0${text.slice(e)}`;
}

const namedEscapes: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  '"': '\\"',
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\f": "\\f",
  "\r": "\\r",
};

/** Backslash, quote, C0 and C1 controls, DEL, and surrogates without their other half. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const needsEscape = /[\\"\x00-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * A MOF string literal. Control characters and lone surrogates are escaped as `\xHHHH` (always four digits, so a
 * hex digit that follows is not read into the escape); other characters, `'` and comment markers included, stand as
 * themselves: MOF reads no comments inside a string.
 */
export function mofString(value: string): string {
  const escaped = value.replace(needsEscape, (c) => namedEscapes[c] ?? `\\x${hex4(c.charCodeAt(0))}`);
  return `"${escaped}"`;
}
