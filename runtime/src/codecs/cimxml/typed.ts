import { isPlainObject } from "../../values/cim-value.js";
import type { ObjectPath } from "../../values/reference.js";
import type { CimTypeName } from "../../values/schema.js";

/**
 * What the codec reads and writes besides plain values. An instance is its class name, its properties and, when the
 * message carried one, its path. An embedded instance inside a property value is the properties object alone (what
 * the generated `EmbeddedInstance<T>` type describes) with its class name under the `cimClassName` symbol, so it
 * type-checks as T and still says which class it is.
 */
export interface CimInstance<P = Record<string, unknown>> {
  readonly className: string;
  readonly properties: P;
  readonly path?: ObjectPath;
}

/**
 * A class as GetClass returns it and CreateClass / ModifyClass send it (DSP0201 CLASS): its qualifiers with their
 * types and flavors, properties with defaults, methods with parameters. `path` is set when the message carried one
 * (class-level Associators and References return classes with their CLASSPATH).
 */
export interface CimClass {
  readonly kind: "class";
  readonly className: string;
  readonly superclass?: string;
  readonly path?: ObjectPath;
  readonly qualifiers: readonly CimQualifier[];
  readonly properties: readonly CimClassElement[];
  readonly methods: readonly CimClassMethod[];
}

export interface CimClassElement {
  readonly name: string;
  readonly type: CimTypeName;
  readonly array?: true;
  /** A fixed-size array's size (ARRAYSIZE). */
  readonly arraySize?: number;
  readonly referenceClass?: string;
  /** A string element that carries an embedded object or instance (DSP0201 EmbeddedObject). */
  readonly embeddedObject?: "object" | "instance";
  readonly classOrigin?: string;
  readonly propagated?: boolean;
  /** A property's default value (NULL when undefined). */
  readonly value?: unknown;
  readonly qualifiers: readonly CimQualifier[];
}

export interface CimClassMethod {
  readonly name: string;
  readonly returnType?: CimTypeName;
  readonly classOrigin?: string;
  readonly propagated?: boolean;
  readonly parameters: readonly CimClassElement[];
  readonly qualifiers: readonly CimQualifier[];
}

/**
 * The flavors of a qualifier or qualifier declaration (DSP0004 §5.6.1). Undefined means the message did not say,
 * which DSP0201 reads as its defaults (overridable, toSubclass; not toInstance, not translatable).
 */
export interface CimFlavors {
  readonly overridable?: boolean;
  readonly toSubclass?: boolean;
  readonly toInstance?: boolean;
  readonly translatable?: boolean;
}

/** A qualifier on a class, property, method or parameter (DSP0201 QUALIFIER). */
export interface CimQualifier extends CimFlavors {
  readonly name: string;
  readonly type: CimTypeName;
  /** The value, or an array of values when `array`; null for NULL. */
  readonly value: unknown;
  readonly array?: true;
  readonly propagated?: boolean;
}

/** Where a qualifier may be used (DSP0201 SCOPE attributes; `any` is all of them). */
export type CimScope =
  | "class"
  | "association"
  | "reference"
  | "property"
  | "method"
  | "parameter"
  | "indication"
  | "any";

/** A qualifier type (DSP0201 QUALIFIER.DECLARATION), as GetQualifier returns and SetQualifier sends it. */
export interface CimQualifierDeclaration extends CimFlavors {
  readonly kind: "qualifierDeclaration";
  readonly name: string;
  readonly type: CimTypeName;
  readonly array?: true;
  readonly arraySize?: number;
  /** The default value (null when none). */
  readonly value: unknown;
  /** The scopes the declaration lists (empty: the message had no SCOPE). */
  readonly scopes: readonly CimScope[];
}

/** The class name of an embedded instance decoded by the codec (or made with `embedded`). */
export const cimClassName: unique symbol = Symbol("cimClassName");

/** An embedded-instance value: `properties` marked with the class it is an instance of. */
export function embedded<P extends object>(className: string, properties: P): P {
  return Object.assign(Object.create(Object.getPrototypeOf(properties)), properties, { [cimClassName]: className });
}

/** The class name an embedded-instance value carries, if any. */
export function embeddedClassName(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const named = (value as { [cimClassName]?: unknown })[cimClassName];
  if (typeof named === "string") return named;
  // The runtime's MofInstance (`instanceOf`) names its class too.
  const mof = value as { kind?: unknown; className?: unknown };
  return mof.kind === "instance" && typeof mof.className === "string" ? mof.className : undefined;
}

declare const typedBrand: unique symbol;

/**
 * A value with its CIM type said outright, for elements the codec has no schema for: a number alone could be any of
 * ten CIM types, and the codec never guesses (`typed("uint32", 5)`, `typed("string", ["a"], true)`).
 */
export interface Typed {
  readonly [typedBrand]?: never;
  readonly kind: "typed";
  readonly type: CimTypeName;
  readonly value: unknown;
  readonly array?: true;
  /** For `reference`: the class the REF names; for embedded instances: the class, or "object" for EmbeddedObject. */
  readonly embeddedClass?: string;
}

export function typed(type: CimTypeName, value: unknown, array?: boolean): Typed {
  return array === true ? { kind: "typed", type, value, array: true } : { kind: "typed", type, value };
}

export function isTyped(value: unknown): value is Typed {
  return isPlainObject(value) && (value as { kind?: unknown }).kind === "typed";
}
