import { CimXmlError } from "../../codecs/cimxml/errors.js";
import { decodePath, isPath } from "../../codecs/cimxml/path.js";
import type { CimInstance } from "../../codecs/cimxml/typed.js";
import { decodeInstance, type SchemaLookup } from "../../codecs/cimxml/value.js";
import { CimError, CimStatus } from "../../values/cim-error.js";
import { foldName } from "../../values/cim-name.js";
import type { ObjectPath } from "../../values/reference.js";
import type { XmlElement } from "../../xml/tree.js";

/**
 * The IPARAMVALUEs of an intrinsic call, read by name (case-insensitively) and type. DSP0200 says a parameter the
 * operation does not define, or one given twice or with the wrong content, is CIM_ERR_INVALID_PARAMETER.
 */
export class IParams {
  readonly #byName = new Map<string, XmlElement>();

  constructor(
    readonly operation: string,
    call: XmlElement,
    allowed: readonly string[],
  ) {
    const known = new Set(allowed.map((a) => foldName(a)));
    for (const param of call.children) {
      if (param.name !== "IPARAMVALUE") continue;
      const name = param.attributes.NAME ?? "";
      const folded = foldName(name);
      if (!known.has(folded))
        throw this.invalid(`${JSON.stringify(name)} is not a parameter of ${operation} (${allowed.join(", ")})`);
      if (this.#byName.has(folded)) throw this.invalid(`parameter ${name} is given twice`);
      this.#byName.set(folded, param);
    }
  }

  invalid(reason: string): CimError {
    return new CimError(CimStatus.CIM_ERR_INVALID_PARAMETER, `${this.operation}: ${reason}`);
  }

  #get(name: string): XmlElement | undefined {
    const param = this.#byName.get(foldName(name));
    // An IPARAMVALUE without content is NULL, the same as leaving the parameter out.
    return param === undefined || param.children.length === 0 ? undefined : param;
  }

  #value(name: string): string | undefined {
    const param = this.#get(name);
    if (param === undefined) return undefined;
    const value = param.children[0];
    if (value?.name !== "VALUE") throw this.invalid(`parameter ${name} needs a VALUE`);
    return value.text;
  }

  boolean(name: string, fallback: boolean): boolean {
    const text = this.#value(name)?.trim().toLowerCase();
    if (text === undefined) return fallback;
    if (text !== "true" && text !== "false")
      throw this.invalid(`parameter ${name}: ${JSON.stringify(text)} is not a boolean`);
    return text === "true";
  }

  string(name: string): string | undefined {
    return this.#value(name);
  }

  requiredString(name: string): string {
    return this.string(name) ?? this.missing(name);
  }

  /** A uint32 parameter (MaxObjectCount, OperationTimeout); undefined when absent or NULL. */
  uint32(name: string): number | undefined {
    const text = this.#value(name)?.trim();
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!/^\+?\d+$/.test(text) || n > 0xffffffff)
      throw this.invalid(`parameter ${name}: ${JSON.stringify(text)} is not a uint32`);
    return n;
  }

  /** A property list: VALUE.ARRAY of property names; undefined (all properties) when absent or NULL. */
  strings(name: string): string[] | undefined {
    const param = this.#get(name);
    if (param === undefined) return undefined;
    const array = param.children[0];
    if (array?.name !== "VALUE.ARRAY") throw this.invalid(`parameter ${name} needs a VALUE.ARRAY`);
    return array.children.map((v) => v.text);
  }

  className(name: string): string | undefined {
    const param = this.#get(name);
    if (param === undefined) return undefined;
    const element = param.children[0];
    const className = element?.name === "CLASSNAME" ? element.attributes.NAME : undefined;
    if (className === undefined) throw this.invalid(`parameter ${name} needs a CLASSNAME with a NAME`);
    return className;
  }

  requiredClassName(name: string): string {
    return this.className(name) ?? this.missing(name);
  }

  /** An instance or class name (INSTANCENAME, CLASSNAME or a longer path form). */
  path(name: string): ObjectPath {
    const element = this.#get(name)?.children[0] ?? this.missing(name);
    if (!isPath(element)) throw this.invalid(`parameter ${name} needs an INSTANCENAME or a CLASSNAME`);
    return this.#decode(() => decodePath(element));
  }

  /** Whether the path parameter names a class (CLASSNAME, LOCALCLASSPATH, CLASSPATH), not an instance. */
  namesClass(name: string): boolean {
    const element = this.#get(name)?.children[0];
    return element !== undefined && /^(?:CLASSNAME|LOCALCLASSPATH|CLASSPATH)$/.test(element.name);
  }

  /** An INSTANCE, or with `named` a VALUE.NAMEDINSTANCE (INSTANCENAME and INSTANCE). */
  instance(name: string, schemas: SchemaLookup, named = false): CimInstance {
    const element = this.#get(name)?.children[0] ?? this.missing(name);
    if (!named) {
      if (element.name !== "INSTANCE") throw this.invalid(`parameter ${name} needs an INSTANCE`);
      return this.#decode(() => decodeInstance(element, schemas));
    }
    const [instanceName, instance] = element.children;
    if (element.name !== "VALUE.NAMEDINSTANCE" || instanceName === undefined || instance === undefined)
      throw this.invalid(`parameter ${name} needs a VALUE.NAMEDINSTANCE`);
    return this.#decode(() => decodeInstance(instance, schemas, decodePath(instanceName)));
  }

  missing(name: string): never {
    throw this.invalid(`parameter ${name} is required`);
  }

  /** A value the codec cannot read is a bad parameter of this operation, not a malformed request. */
  #decode<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof CimXmlError) throw this.invalid(error.message);
      throw error;
    }
  }
}
