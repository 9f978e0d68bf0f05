import type { SourceFile } from "../source/source-file.js";
import type { Span } from "../source/span.js";

/**
 * The MOF syntax tree: immutable, every node tagged with `kind` and carrying the exact span of its text.
 * Names keep the case they were written in; the model compares them case-folded. Optional parts are
 * properties that hold `undefined` rather than absent keys, so that every node of a kind has one shape
 * (V8 keeps such objects on one hidden class; building them needs no object spreads).
 *
 * Every node but the file and a class used as a type is its own span: it carries `file`, `start` and `end` itself,
 * and its `span` is the node (`node.span === node`). A separate Span object per node was half of all the objects
 * a parse kept alive (CIM 2.49: 185,000). A class used as a type has its name as its span.
 * Mind the cycle: a node is not JSON text as it is, and a copy made by spreading a node has the original's span.
 */

/** A node that is its own span (see above): `node.span === node`. */
export interface SelfSpan<N> extends Span {
  readonly span: N;
}

export interface Identifier extends SelfSpan<Identifier> {
  readonly kind: "identifier";
  readonly name: string;
}

export interface MofFile {
  readonly kind: "file";
  readonly source: SourceFile;
  readonly productions: readonly Production[];
}

export type Production = PragmaDirective | QualifierTypeDeclaration | ClassDeclaration | InstanceDeclaration;

/** `#pragma name(args)` or `#pragma name` (WMI `autorecover`). */
export interface PragmaDirective extends SelfSpan<PragmaDirective> {
  readonly kind: "pragma";
  readonly name: Identifier;
  readonly arguments: readonly PragmaArgument[];
  readonly parenthesized: boolean;
}

/** Pragma arguments: strings, integers (`classflags(64)`) and bare words (`NOFAIL`). */
export type PragmaArgument = StringValue | IntegerValue | Identifier;

// --- qualifiers ---------------------------------------------------------------------------------

export interface QualifierList extends SelfSpan<QualifierList> {
  readonly kind: "qualifierList";
  readonly qualifiers: readonly Qualifier[];
}

/** `Name`, `Name(value)`, `Name{values}` (WMI), each optionally followed by `: flavor flavor...`. */
export interface Qualifier extends SelfSpan<Qualifier> {
  readonly kind: "qualifier";
  readonly name: Identifier;
  /** Absent when written without a value (a boolean qualifier meaning true). */
  readonly value: Value | undefined;
  /** Flavor names as written after ':'; checked against the known flavors by the parser. */
  readonly flavors: readonly Identifier[];
}

/** `Qualifier Name : type[array] = default, Scope(...), Flavor(...);` */
export interface QualifierTypeDeclaration extends SelfSpan<QualifierTypeDeclaration> {
  readonly kind: "qualifierType";
  readonly qualifiers: QualifierList | undefined;
  readonly name: Identifier;
  /** Absent for WMI's flavor-only form `qualifier Name : ToInstance ToSubclass;`. */
  readonly type: DataTypeRef | undefined;
  readonly array: ArraySpec | undefined;
  readonly default: Value | undefined;
  readonly scopes: readonly Identifier[];
  /** Span of the `Scope(...)` clause; absent when the declaration has none (an error). */
  readonly scopeSpan: Span | undefined;
  readonly flavors: readonly Identifier[];
}

// --- types --------------------------------------------------------------------------------------

/** The CIM intrinsic types of DSP0004, lower-cased. */
export type IntrinsicType =
  | "boolean"
  | "string"
  | "char16"
  | "datetime"
  | "uint8"
  | "sint8"
  | "uint16"
  | "sint16"
  | "uint32"
  | "sint32"
  | "uint64"
  | "sint64"
  | "real32"
  | "real64";

/**
 * A type as written. `intrinsic` for the CIM types; `object` for WMI's `object`; `class` for a class name
 * used as a type (WMI embedded object, `Msvm_Foo Prop;`); `void` for WMI methods that return nothing.
 */
export type DataTypeRef = IntrinsicTypeRef | ObjectTypeRef | VoidTypeRef | ClassTypeRef;

export interface IntrinsicTypeRef extends SelfSpan<IntrinsicTypeRef> {
  readonly kind: "intrinsic";
  readonly name: IntrinsicType;
}

export interface ObjectTypeRef extends SelfSpan<ObjectTypeRef> {
  readonly kind: "object";
}

export interface VoidTypeRef extends SelfSpan<VoidTypeRef> {
  readonly kind: "void";
}

/** A class name used as a type; its span is the name (`className`). */
export interface ClassTypeRef {
  readonly kind: "class";
  readonly className: Identifier;
  readonly span: Span;
}

/** `[]` (unbounded) or `[n]` (fixed size, kept for round trips; MaxLen is the modern way). */
export interface ArraySpec extends SelfSpan<ArraySpec> {
  readonly kind: "array";
  readonly size: bigint | undefined;
}

// --- classes ------------------------------------------------------------------------------------

export interface ClassDeclaration extends SelfSpan<ClassDeclaration> {
  readonly kind: "class";
  readonly qualifiers: QualifierList | undefined;
  readonly name: Identifier;
  /** DSP0004 v2 `class Name as $Alias`. */
  readonly alias: AliasName | undefined;
  readonly superclass: Identifier | undefined;
  readonly features: readonly Feature[];
}

export type Feature = PropertyDeclaration | ReferenceDeclaration | MethodDeclaration;

export interface PropertyDeclaration extends SelfSpan<PropertyDeclaration> {
  readonly kind: "property";
  readonly qualifiers: QualifierList | undefined;
  readonly type: DataTypeRef;
  readonly name: Identifier;
  readonly array: ArraySpec | undefined;
  readonly default: Value | undefined;
}

/** `ClassName REF name` (or WMI `object REF name`, and ref arrays). */
export interface ReferenceDeclaration extends SelfSpan<ReferenceDeclaration> {
  readonly kind: "reference";
  readonly qualifiers: QualifierList | undefined;
  /** Absent for WMI `object ref`, a reference to any class. */
  readonly className: Identifier | undefined;
  readonly name: Identifier;
  readonly array: ArraySpec | undefined;
  readonly default: Value | undefined;
}

export interface MethodDeclaration extends SelfSpan<MethodDeclaration> {
  readonly kind: "method";
  readonly qualifiers: QualifierList | undefined;
  readonly returnType: DataTypeRef;
  /** Set when the return type was written as a reference (`Foo REF Method()`), which the model rejects. */
  readonly returnsRef: boolean;
  readonly name: Identifier;
  readonly parameters: readonly ParameterDeclaration[];
  /** Set for the invalid `Method()[]` form so the model can say arrays cannot be returned. */
  readonly array: ArraySpec | undefined;
}

export interface ParameterDeclaration extends SelfSpan<ParameterDeclaration> {
  readonly kind: "parameter";
  readonly qualifiers: QualifierList | undefined;
  readonly type: DataTypeRef;
  /** True for `ClassName REF param`; `type` is then the referenced class (or `object`). */
  readonly isRef: boolean;
  readonly name: Identifier;
  readonly array: ArraySpec | undefined;
  /** WMI parameter default value. */
  readonly default: Value | undefined;
}

// --- instances ----------------------------------------------------------------------------------

export interface InstanceDeclaration extends SelfSpan<InstanceDeclaration> {
  readonly kind: "instance";
  readonly qualifiers: QualifierList | undefined;
  readonly className: Identifier;
  readonly alias: AliasName | undefined;
  readonly properties: readonly PropertyValue[];
}

export interface AliasName extends SelfSpan<AliasName> {
  readonly kind: "aliasName";
  /** Without the leading `$`. */
  readonly name: string;
}

/** `Name = value;` inside an instance, optionally with qualifiers (WMI). */
export interface PropertyValue extends SelfSpan<PropertyValue> {
  readonly kind: "propertyValue";
  readonly qualifiers: QualifierList | undefined;
  readonly name: Identifier;
  /** Absent for a WMI `[Dynamic, Provider(...)] Name;` of a [DYNPROPS] instance: a provider supplies it. */
  readonly value: Value | undefined;
}

// --- values -------------------------------------------------------------------------------------

export interface IntegerValue extends SelfSpan<IntegerValue> {
  readonly kind: "integer";
  readonly value: bigint;
  readonly radix: 2 | 8 | 10 | 16;
  /** As written, for messages and round trips. */
  readonly text: string;
}

export interface RealValue extends SelfSpan<RealValue> {
  readonly kind: "real";
  readonly value: number;
  readonly text: string;
}

/** One or more adjacent string literals, already concatenated and unescaped. */
export interface StringValue extends SelfSpan<StringValue> {
  readonly kind: "string";
  readonly value: string;
}

export interface Char16Value extends SelfSpan<Char16Value> {
  readonly kind: "char16";
  readonly value: string;
}

export interface BooleanValue extends SelfSpan<BooleanValue> {
  readonly kind: "boolean";
  readonly value: boolean;
}

export interface NullValue extends SelfSpan<NullValue> {
  readonly kind: "null";
}

/** `$Alias` used as a reference value. */
export interface AliasValue extends SelfSpan<AliasValue> {
  readonly kind: "alias";
  readonly name: string;
}

export interface ArrayValue extends SelfSpan<ArrayValue> {
  readonly kind: "arrayValue";
  readonly elements: readonly Value[];
}

/** WMI inline `instance of Class { ... }` used as a value (embedded object). */
export interface InstanceValue extends SelfSpan<InstanceValue> {
  readonly kind: "instanceValue";
  readonly instance: InstanceDeclaration;
}

export type ScalarValue =
  | IntegerValue
  | RealValue
  | StringValue
  | Char16Value
  | BooleanValue
  | NullValue
  | AliasValue
  | InstanceValue;

export type Value = ScalarValue | ArrayValue;

export type Node =
  | MofFile
  | Production
  | QualifierList
  | Qualifier
  | Feature
  | ParameterDeclaration
  | PropertyValue
  | Value
  | Identifier
  | AliasName
  | ArraySpec;
