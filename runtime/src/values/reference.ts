import { foldName, isMofName, mofNameLength } from "./cim-name.js";
import { quotedText } from "./message-text.js";

/**
 * CIM object paths, the values of REF properties and parameters, in WMI's text form:
 * `\\host\root\cimv2:Class.Key1="v",Key2=3` (written in JavaScript as `"\\\\host\\root\\cimv2:Class.Key1=..."`).
 *
 * - The host and namespace are optional; a host needs a namespace. `/` separators (`//host/root/cimv2:...`, the
 *   DMTF spelling) are read too; a parsed namespace always uses `/` (`root/cimv2`, as the compiler's model does).
 * - A quoted key value escapes `"` and `\` with a backslash (`Name="C:\\Temp \"x\""`); nothing else is an escape.
 * - Unquoted key values are integers, reals, `true` and `false`. Integers that fit in 2^53 parse as numbers, larger
 *   ones as bigints (the value-map rule), so `parseObjectPath(formatObjectPath(p))` equals `p` whenever `p` follows it.
 * - No keys (`{}`) prints as WMI's singleton form `Class=@`; a bare class path `Class` parses to no keys as well.
 *
 * The type parameter names the classes a reference may point to. A REF to `CIM_ComputerSystem` may hold a path of
 * any subclass (`Msvm_ComputerSystem`), so generated code should use the union of the known subclasses, or `string`.
 */
export interface ObjectPath<C extends string = string> {
  readonly className: C;
  readonly namespace?: string;
  readonly host?: string;
  readonly keys: Readonly<Record<string, KeyValue>>;
}

export type KeyValue = string | number | bigint | boolean;

/**
 * Malformed path text (`position` is the offset in `text` where reading stopped), or a path object that cannot be
 * written (`text` and `position` undefined).
 */
export class ObjectPathError extends Error {
  override readonly name = "ObjectPathError";
  constructor(
    readonly reason: string,
    readonly text?: string,
    readonly position?: number,
  ) {
    super(
      text === undefined
        ? `cannot format object path: ${reason}`
        : `${reason} at position ${position} in ${quotedText(text)}`,
    );
  }
}

const namespaceSegment = /^[A-Za-z0-9_]+$/;
const integerText = /^[+-]?[0-9]+$/;
const realText = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** WMI path text of `path`; throws `ObjectPathError` for names or values that no path can carry. */
export function formatObjectPath(path: ObjectPath): string {
  const bad = (reason: string): never => {
    throw new ObjectPathError(reason);
  };
  let text = "";
  if (path.host !== undefined) {
    if (path.host === "" || /[\\/]/.test(path.host)) bad(`host ${quotedText(path.host)} is empty or has a slash`);
    if (path.namespace === undefined) bad("a path with a host needs a namespace");
    text += `\\\\${path.host}\\`;
  }
  if (path.namespace !== undefined) {
    const segments = path.namespace.split(/[\\/]/);
    if (!segments.every((s) => namespaceSegment.test(s))) bad(`namespace ${quotedText(path.namespace)} is invalid`);
    text += `${segments.join("\\")}:`;
  }
  if (!isMofName(path.className)) bad(`class name ${quotedText(path.className)} is not a MOF name`);
  text += path.className;
  const keys = Object.entries(path.keys);
  // A class path (`classPath(...)`, kind "classPath") is the class alone; a keyless instance path, WMI's singleton.
  if (keys.length === 0) return (path as { kind?: unknown }).kind === "classPath" ? text : `${text}=@`;
  const seen = new Set<string>();
  const written = keys.map(([name, value]) => {
    if (!isMofName(name)) bad(`key name ${quotedText(name)} is not a MOF name`);
    if (seen.has(foldName(name))) bad(`key ${name} appears twice (names are case-insensitive)`);
    seen.add(foldName(name));
    return `${name}=${formatKeyValue(value, bad)}`;
  });
  return `${text}.${written.join(",")}`;
}

function formatKeyValue(value: KeyValue, bad: (reason: string) => never): string {
  switch (typeof value) {
    case "string":
      return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    case "boolean":
    case "bigint":
      return String(value);
    case "number":
      if (!Number.isFinite(value)) return bad(`key value ${value} is not a finite number`);
      if (Number.isInteger(value) && !Number.isSafeInteger(value))
        return bad(`key value ${value} is past 2^53 and has lost precision; pass a bigint`);
      return String(value);
    default:
      return bad(`key value of type ${typeof value} is not a string, number, bigint or boolean`);
  }
}

/** Read WMI (or `/`-separated) path text; throws `ObjectPathError` with the position of the first problem. */
export function parseObjectPath(text: string): ObjectPath {
  let i = 0;
  const fail = (reason: string, at = i): never => {
    throw new ObjectPathError(reason, text, at);
  };
  const isSeparator = (c: string | undefined) => c === "\\" || c === "/";
  let host: string | undefined;
  if (isSeparator(text[0]) && isSeparator(text[1])) {
    i = 2;
    while (i < text.length && !isSeparator(text[i])) i++;
    host = text.slice(2, i);
    if (host === "") fail("expected a host name after the leading slashes");
    if (i < text.length) i++;
  }
  let namespace: string | undefined;
  const colon = text.indexOf(":", i);
  const classEnd = text.slice(i).search(/[.="]/);
  if (colon >= 0 && (classEnd < 0 || colon < i + classEnd)) {
    const segments: string[] = [];
    let start = i;
    for (const segment of text.slice(i, colon).split(/[\\/]/)) {
      if (!namespaceSegment.test(segment)) fail(`expected a namespace name, found ${quotedText(segment)}`, start);
      segments.push(segment);
      start += segment.length + 1;
    }
    namespace = segments.join("/");
    i = colon + 1;
  } else if (host !== undefined) {
    fail("expected a namespace and ':' after the host");
  }
  const className = readName("a class name");
  const keys: [string, KeyValue][] = [];
  if (text.startsWith("=@", i) && i + 2 === text.length) i += 2;
  else if (text[i] === ".") {
    const seen = new Set<string>();
    do {
      i++;
      const at = i;
      const name = readName("a key name");
      if (seen.has(foldName(name))) fail(`key ${name} appears twice (names are case-insensitive)`, at);
      seen.add(foldName(name));
      if (text[i] !== "=") fail(`expected '=' after the key name ${name}`);
      i++;
      keys.push([name, text[i] === '"' ? readQuoted() : readUnquoted()]);
    } while (text[i] === ",");
  }
  if (i < text.length) fail(`unexpected ${quotedText(text.charAt(i))}`);
  return {
    className,
    ...(namespace !== undefined && { namespace }),
    ...(host !== undefined && { host }),
    keys: Object.fromEntries(keys), // not `keys[name] = v`: a key named __proto__ stays a key
  };

  function readName(what: string): string {
    const length = mofNameLength(text, i);
    if (length === 0) return fail(`expected ${what}`);
    i += length;
    return text.slice(i - length, i);
  }

  function readQuoted(): string {
    const open = i++;
    let value = "";
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") {
        const next = text[i + 1];
        if (next !== '"' && next !== "\\") fail("a backslash in a quoted key value must be followed by '\"' or '\\'");
        value += next;
        i += 2;
      } else {
        value += text[i];
        i++;
      }
    }
    if (i >= text.length) fail("the quoted key value is not closed", open);
    i++;
    return value;
  }

  function readUnquoted(): KeyValue {
    const start = i;
    while (i < text.length && text[i] !== ",") i++;
    const raw = text.slice(start, i);
    if (integerText.test(raw)) {
      const n = BigInt(raw);
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
    }
    if (realText.test(raw)) return Number(raw);
    const lower = raw.toLowerCase();
    if (lower === "true" || lower === "false") return lower === "true";
    return fail(`expected a quoted string, a number, true or false, found ${quotedText(raw)}`, start);
  }
}

/** A key's value, found case-insensitively (MOF names are case-insensitive but case-preserving). */
export function getKey(path: ObjectPath, name: string): KeyValue | undefined {
  const folded = foldName(name);
  for (const [key, value] of Object.entries(path.keys)) if (foldName(key) === folded) return value;
  return undefined;
}
