import type { ObjectPath } from "./reference.js";
import type { ValueMap } from "./value-map.js";

/**
 * The schema as generated code carries it at run time: one `ClassSchema` constant per class (`<Class>_Schema`),
 * so that a `ProviderHost` can validate inputs and outputs without the compiler. Plain data built by the generator,
 * except for the links to other classes' schemas, which are functions so that modules that import each other
 * (a class and the class its REF names) load in any order.
 *
 * A generated schema lists only the members its class declares (new ones and overrides) and links to its
 * superclass's schema: listing every inherited member in every class made a 2,000-deep inheritance chain write
 * gigabytes. `effectiveMembers` (in `class-members.ts`) resolves the effective list once per class, on first use.
 *
 * Values at run time follow the generated types: boolean → boolean; sint8..uint32, real32, real64 → number;
 * sint64 and uint64 → bigint (no precision lost); string → string; char16 → a one-unit string; datetime →
 * `CimDateTimeValue`; reference → `ObjectPath`; embedded instances and WMI objects → an object of properties or
 * the instance's MOF text; arrays → arrays of those; null where CIM allows NULL.
 */

/** A CIM type as the schema names it. `instance` is a class used as a type (WMI), `object` WMI's untyped object. */
export type CimTypeName =
  | "boolean"
  | "char16"
  | "datetime"
  | "real32"
  | "real64"
  | "sint8"
  | "sint16"
  | "sint32"
  | "sint64"
  | "string"
  | "uint8"
  | "uint16"
  | "uint32"
  | "uint64"
  | "reference"
  | "object"
  | "instance";

/**
 * DSP0004's intrinsic data types, by name: what a MOF or CIM-XML TYPE may name besides a reference or an embedded
 * object. The compiler's parser and the CIM-XML class codec both read this list, so they cannot disagree.
 */
export const intrinsicTypeNames = [
  "boolean",
  "string",
  "char16",
  "datetime",
  "uint8",
  "sint8",
  "uint16",
  "sint16",
  "uint32",
  "sint32",
  "uint64",
  "sint64",
  "real32",
  "real64",
] as const satisfies readonly CimTypeName[];

/** What properties, parameters and method returns have in common. Absent optional fields mean false / none. */
export interface ElementSchema {
  /** The name as the MOF spells it; lookups by name are case-insensitive, as in CIM. */
  readonly name: string;
  readonly type: CimTypeName;
  readonly array?: true;
  /** The class a `reference` names; absent for WMI's `object ref`. */
  readonly referenceClass?: string;
  /** The schema of `referenceClass`, when the generator knows the class: its keys are what a REF value carries. */
  readonly referenceSchema?: () => ClassSchema;
  /** `EmbeddedInstance("X")` or a WMI class-typed element. */
  readonly embeddedClass?: string;
  /** The schema of `embeddedClass`, when the generator knows the class: an embedded instance's properties. */
  readonly embeddedSchema?: () => ClassSchema;
  /** The decoded ValueMap/Values; a closed map (no range, no `..`) admits only its listed values. */
  readonly valueMap?: ValueMap;
  /** The `Required` qualifier: the value must be present and not null. */
  readonly required?: true;
  /** The `MinValue` / `MaxValue` qualifiers: inclusive bounds of an integer or real value (bigint for 64-bit types). */
  readonly minValue?: number | bigint;
  readonly maxValue?: number | bigint;
  /** The `MinLen` / `MaxLen` qualifiers: bounds of a string's length in characters (code points). */
  readonly minLen?: number;
  readonly maxLen?: number;
  /** A fixed-size array's declared size (`uint8 Data[16]`): the most elements the array holds. */
  readonly arraySize?: number;
}

export interface PropertySchema extends ElementSchema {
  readonly key?: true;
  /** The class that first declared the property. */
  readonly classOrigin: string;
}

export interface ParameterSchema extends ElementSchema {
  readonly in: boolean;
  readonly out: boolean;
}

export interface MethodSchema {
  readonly name: string;
  readonly static?: true;
  /** The return type; absent for `void`. */
  readonly returnType?: CimTypeName;
  /** The decoded ValueMap/Values of the method, i.e. of its ReturnValue. */
  readonly returnValueMap?: ValueMap;
  /** In `ID` order when the parameters have ID qualifiers, else as declared. */
  readonly parameters: readonly ParameterSchema[];
  readonly classOrigin: string;
}

export interface ClassSchema {
  readonly name: string;
  /** Normalised namespace, `/`-separated: `root/virtualization/v2`. */
  readonly namespace: string;
  readonly superclass?: string;
  /**
   * The superclass's schema. With it, `properties` and `methods` are the members this class declares (new ones and
   * overrides, which replace the inherited member of the same name in place); without it they are all the class's
   * members. `effectiveMembers` gives the effective lists either way.
   */
  readonly superclassSchema?: () => ClassSchema;
  readonly abstract?: true;
  readonly association?: true;
  /** Properties in declaration order (see `superclassSchema` for which). */
  readonly properties: readonly PropertySchema[];
  readonly methods: readonly MethodSchema[];
}

declare const referenceBrand: unique symbol;

/**
 * A REF value that names the class it points to. Any object path is accepted, because a REF to `CIM_Job` may hold
 * a path of any subclass (`Msvm_ConcreteJob`); the type parameter documents the class and shows in editors. The
 * brand admits any string besides `C`, so `Reference<"Sub">` is assignable to `Reference<"Super">` (the schema's
 * inheritance is not known to the type system), and a subclass that narrows a REF still extends its superclass.
 */
export type Reference<C extends string = string> = ObjectPath & {
  // `string & {}` keeps `C` visible in editors instead of collapsing the union to `string`.
  readonly [referenceBrand]?: C | (string & {});
};
