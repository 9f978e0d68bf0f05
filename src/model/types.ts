import { foldName } from "@mofgen/runtime/values";
import type { IntrinsicType } from "../ast/nodes.js";
import type { Span } from "../source/span.js";
import { detach } from "../util/detach.js";

/**
 * The resolved schema: what every emitter, the differ and the docs read. Read-only, tagged with `kind`,
 * ordered arrays plus lookup maps keyed by the case-folded name (MOF names are case-insensitive but
 * case-preserving; `name` keeps the spelling of the declaration). Built once by `resolve()`; nothing
 * downstream re-implements inheritance, qualifier propagation or value-map decoding.
 */

/** The CIM intrinsic types (DSP0004), lower-case: the same names the syntax tree uses. */
export type IntrinsicTypeName = IntrinsicType;

/**
 * The type of a property, parameter, method return or qualifier. `reference` names the referenced class
 * (absent for WMI `object ref`); `object` is WMI's untyped embedded object; `instance` is a class used as a
 * type (WMI `Msvm_Foo Prop;`), which the model treats like `string` + `EmbeddedInstance("Msvm_Foo")`.
 */
export type DataType =
  | { readonly kind: "intrinsic"; readonly name: IntrinsicTypeName }
  | { readonly kind: "reference"; readonly className: string | undefined }
  | { readonly kind: "object" }
  | { readonly kind: "instance"; readonly className: string }
  | { readonly kind: "void" };

/** A typed value. Integers are bigint (64-bit values must not lose precision). */
export type CimValue =
  | { readonly kind: "null" }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "integer"; readonly value: bigint; readonly text: string }
  | { readonly kind: "real"; readonly value: number; readonly text: string }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "char16"; readonly value: string }
  | { readonly kind: "datetime"; readonly value: string }
  | { readonly kind: "reference"; readonly alias: string | undefined; readonly path: string | undefined }
  | { readonly kind: "instance"; readonly instance: InstanceModel }
  | { readonly kind: "array"; readonly elements: readonly CimValue[] };

export type Scope =
  | "schema"
  | "class"
  | "association"
  | "indication"
  | "qualifier"
  | "property"
  | "reference"
  | "method"
  | "parameter"
  | "any";

/** Where a qualifier is applied; `any` never appears here (it is only a declaration scope). */
export type QualifierTarget = Exclude<Scope, "any" | "schema" | "qualifier"> | "instance";

/**
 * Qualifier flavors with their defaults applied. DMTF: EnableOverride/DisableOverride, ToSubclass/Restricted,
 * Translatable. WMI: Amended, ToInstance/NotToInstance (ToSubclass/NotToSubclass map onto `toSubclass`).
 */
export interface Flavors {
  readonly overridable: boolean;
  readonly toSubclass: boolean;
  readonly translatable: boolean;
  readonly amended: boolean;
  readonly toInstance: boolean;
}

export interface QualifierType {
  readonly kind: "qualifierType";
  readonly name: string;
  readonly type: IntrinsicTypeName;
  readonly array: boolean;
  readonly default: CimValue | undefined;
  readonly scopes: ReadonlySet<Scope>;
  readonly flavors: Flavors;
  /** `builtin` for mofgen's built-in tables, `implicit` for WMI qualifiers typed from their first use. */
  readonly origin: "declared" | "builtin" | "implicit";
  readonly span: Span | undefined;
}

export interface QualifierValue {
  readonly kind: "qualifier";
  readonly name: string;
  readonly value: CimValue;
  readonly flavors: Flavors;
  /** Inherited from the overridden element or superclass rather than written on this element. */
  readonly propagated: boolean;
  readonly span: Span | undefined;
}

/** One string of a ValueMap or Values qualifier as written, with the span of its literal (quotes included). */
export interface WrittenString {
  readonly value: string;
  readonly span: Span;
  /**
   * Set (to what it is: "a real number") for an element that is neither a string nor an integer (`1.5`, `true`,
   * `null`), whose `value` is then its text as written: it keeps its place, so that the entries around it pair
   * with the right labels, but it is no entry and no label (MOF3013 where it is written).
   */
  readonly notText?: string;
}

/** One ValueMap/Values pair entry, decoded (see MOF_GUIDE §4). */
export interface ValueMapEntry {
  readonly label: string;
  /** The ValueMap string exactly as written in the MOF: "4096", "0x8000..0xFFFF", "..". */
  readonly value: string;
  /** `single` one value; `range` lo..hi (either side may be open); `rest` the bare `..`. */
  readonly kind: "single" | "range" | "rest";
  /** Inclusive bounds for integer maps; undefined for an open side, for `rest`, and for string maps. */
  readonly lo: bigint | undefined;
  readonly hi: bigint | undefined;
  /** The ValueMap string's literal; undefined when the entry was not written (Values alone number 0, 1, ...). */
  readonly span: Span | undefined;
  /** The Values string's literal; undefined when no label was written (the entry is labelled with its value). */
  readonly labelSpan: Span | undefined;
}

/** A ValueMap/Values pair decoded on its own (`resolveValueMap`): the entries and what kind of map they make. */
export interface DecodedValueMap {
  readonly kind: "valueMap";
  /** Integer maps decode numbers; string maps (ValueMap on a string element) list allowed strings. */
  readonly valueType: "integer" | "string";
  readonly entries: readonly ValueMapEntry[];
  /** Open maps (with `..` or any range) can hold values that have no name: clients must accept them. */
  readonly open: boolean;
}

/**
 * The element a value map was decoded for: the nearest one, up the overrides, that writes ValueMap or Values
 * itself. DSP0004 propagates both qualifiers (ToSubclass, EnableOverride): an element that overrides neither
 * shares the map of the element it overrides; one that writes either gets a map of its own, paired with the
 * other qualifier as it propagates.
 */
export interface ValueMapDeclarer {
  readonly namespace: string;
  readonly className: string;
  /** `method` for a method's return value. */
  readonly element: "property" | "method" | "parameter";
  /** The property, or the method of a return value or parameter. */
  readonly member: string;
  /** The parameter, for a parameter's map. */
  readonly parameter: string | undefined;
  /** The element's type (a method's return type): an override that keeps the map may change it (WMI). */
  readonly type: DataType;
}

/**
 * A value map that an element of a class uses but no element of the class's namespace declares for that element:
 * the declarer is a class of another namespace (WMI resolves superclasses across namespaces), or it declares the
 * map for another type (a WMI override may change the type, uint32 to uint64, and keep the map). The namespace
 * re-homes such a map: the using element stands as its declarer there, for the map as re-typed to its type.
 */
export interface RehomedValueMap {
  readonly map: ValueMap;
  /** The using element, in this class and namespace, with its own type. */
  readonly declarer: ValueMapDeclarer;
  /** Why the map's own declarer does not serve: it is in another namespace, or declares it for another type. */
  readonly because: "namespace" | "type";
}

/** The value map of an element: the decoded pair, who declared it, and the strings it was decoded from. */
export interface ValueMap extends DecodedValueMap {
  readonly declarer: ValueMapDeclarer;
  /**
   * Both qualifiers' strings as written (before pairing, checks, or reading a swapped pair the way it was meant):
   * an overriding element that writes only one of the two pairs it with these.
   */
  readonly written: {
    readonly valueMap: readonly WrittenString[] | undefined;
    readonly values: readonly WrittenString[] | undefined;
  };
}

export interface ArrayInfo {
  /** DSP0004 fixed-size `[n]`; undefined for a variable-length `[]`. */
  readonly size: bigint | undefined;
}

interface ElementCommon {
  readonly name: string;
  readonly type: DataType;
  readonly array: ArrayInfo | undefined;
  /** Effective qualifiers (own plus propagated), in source order of first appearance. */
  readonly qualifiers: readonly QualifierValue[];
  /** The class named by `EmbeddedInstance("X")`, or by a class-typed (WMI) declaration. */
  readonly embeddedClass: string | undefined;
  readonly valueMap: ValueMap | undefined;
  readonly span: Span;
}

export interface PropertyModel extends ElementCommon {
  readonly kind: "property" | "reference";
  readonly default: CimValue | undefined;
  readonly key: boolean;
  /**
   * The class that declared this property last (CIM-XML CLASSORIGIN): this class when it declares or overrides
   * it, else the nearest superclass that does. Not the class that first introduced it.
   */
  readonly classOrigin: string;
  /** True when this class inherits the property without re-declaring it. */
  readonly propagated: boolean;
}

export interface ParameterModel extends ElementCommon {
  readonly kind: "parameter";
  readonly in: boolean;
  readonly out: boolean;
  readonly default: CimValue | undefined;
}

export interface MethodModel {
  readonly kind: "method";
  readonly name: string;
  readonly returnType: DataType;
  readonly parameters: readonly ParameterModel[];
  readonly qualifiers: readonly QualifierValue[];
  readonly embeddedClass: string | undefined;
  /** Decoded ValueMap/Values of the method, i.e. of its return value. */
  readonly valueMap: ValueMap | undefined;
  readonly static: boolean;
  /** As a property's: the class that declared the method last (itself when it declares or overrides it). */
  readonly classOrigin: string;
  readonly propagated: boolean;
  readonly span: Span;
}

/**
 * Localised qualifiers for a class, from a `.mfl` file: the same class declared in a child namespace such as
 * `ms_409` with `[Amendment, Locale(0x409)]`, holding the Amended qualifiers (Description, Values, DisplayName).
 */
export interface ClassAmendment {
  /** The child namespace's last segment, which names the locale: `ms_409`. */
  readonly locale: string;
  readonly namespace: string;
  readonly qualifiers: readonly QualifierValue[];
  /** Amended qualifiers of properties, references and methods, by case-folded member name. */
  readonly members: ReadonlyMap<string, readonly QualifierValue[]>;
  /** Amended qualifiers of parameters, by `method.parameter`, case-folded. */
  readonly parameters: ReadonlyMap<string, readonly QualifierValue[]>;
  /**
   * Value maps labelled in this locale, where the amendment writes Values: by case-folded property or method name
   * (a method's return value) and by `method.parameter`, case-folded.
   */
  readonly valueMaps: ReadonlyMap<string, ValueMap>;
}

export interface ClassModel {
  readonly kind: "class";
  readonly name: string;
  readonly namespace: string;
  readonly superclass: string | undefined;
  readonly association: boolean;
  readonly indication: boolean;
  readonly abstract: boolean;
  readonly alias: string | undefined;
  readonly qualifiers: readonly QualifierValue[];
  /** Declared in this class (new members and overrides). */
  readonly ownProperties: readonly PropertyModel[];
  readonly ownMethods: readonly MethodModel[];
  /** Effective: inherited members first (root class first), then this class's own, overrides in place. */
  readonly properties: readonly PropertyModel[];
  readonly methods: readonly MethodModel[];
  readonly propertyByName: ReadonlyMap<string, PropertyModel>;
  readonly methodByName: ReadonlyMap<string, MethodModel>;
  /** Localised amendments merged from `.mfl` files, one per locale. */
  readonly amendments: readonly ClassAmendment[];
  /**
   * The value maps of the effective elements that this namespace re-homes, in member order (properties, then each
   * method's return value and its parameters as declared); empty when every map's declarer is in the namespace.
   */
  readonly rehomedValueMaps: readonly RehomedValueMap[];
  readonly span: Span;
}

export interface PropertyValueModel {
  readonly name: string;
  readonly value: CimValue;
  readonly qualifiers: readonly QualifierValue[];
  readonly span: Span;
}

export interface InstanceModel {
  readonly kind: "instance";
  readonly className: string;
  readonly namespace: string;
  readonly alias: string | undefined;
  readonly properties: readonly PropertyValueModel[];
  readonly qualifiers: readonly QualifierValue[];
  readonly span: Span;
}

export interface NamespaceModel {
  readonly kind: "namespace";
  /** Normalised: `root/virtualization/v2` (no host, forward slashes, case kept as first written). */
  readonly name: string;
  readonly classes: readonly ClassModel[];
  readonly classByName: ReadonlyMap<string, ClassModel>;
  readonly qualifierTypes: readonly QualifierType[];
  readonly qualifierTypeByName: ReadonlyMap<string, QualifierType>;
  readonly instances: readonly InstanceModel[];
}

export interface SchemaModel {
  readonly kind: "schema";
  readonly namespaces: readonly NamespaceModel[];
  readonly namespaceByName: ReadonlyMap<string, NamespaceModel>;
}

const intrinsicTypes = new Map<IntrinsicTypeName, DataType>();

/**
 * The one immutable type object of an intrinsic type, shared by every element, qualifier and qualifier value of
 * that type: the model holds a few objects, not one per element, and equal types are the same object.
 */
export function intrinsicType(name: IntrinsicTypeName): DataType {
  let type = intrinsicTypes.get(name);
  if (type === undefined) {
    type = { kind: "intrinsic", name };
    intrinsicTypes.set(name, type);
  }
  return type;
}

const folded = new Map<string, string>();

/**
 * Case-folded key for MOF names, by the one rule compiler and runtime share (`foldName`, runtime `cim-name.ts`).
 * Memoised: a schema repeats the same few thousand names (qualifier names, inherited members) hundreds of
 * thousands of times, and folding each occurrence anew is measurable.
 */
export function fold(name: string): string {
  let key = folded.get(name);
  if (key === undefined) {
    key = foldName(name);
    if (folded.size < 200_000) {
      // The table outlives the compile: its strings must not keep the source texts they were cut from.
      // A name that folding changed has a key of its own already; an unchanged one is the name itself.
      const own = detach(name);
      if (key === name) key = own;
      folded.set(own, key);
    }
  }
  return key;
}

/**
 * Whether `name` folds to `key` (already folded): `fold(name) === key`, compared character by character without a
 * table lookup (only `A`-`Z` fold, so the two have the same length). Finding a qualifier by name asks this tens of
 * thousands of times per schema.
 */
export function foldsTo(name: string, key: string): boolean {
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    // Only ASCII letters fold (foldName): a non-ASCII code point must be itself in the key.
    if (i >= key.length) return false;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== key.charCodeAt(i)) return false;
  }
  return name.length === key.length;
}
