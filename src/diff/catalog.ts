/**
 * The one catalog of schema change types (like the diagnostics catalog): each type has one criticality and
 * the reason for it, after MOF_GUIDE.md §7. The differ only says which type a change is; what it breaks is
 * decided here, in one place, so the README table, the JSON and every formatter agree.
 *
 * Where a change's effect depends on the direction of the element (a value map of an In parameter is read by
 * the provider, one of a property or an Out parameter by the client), or on whether the old element was
 * Deprecated, that distinction is a separate type: one type, one criticality.
 */

export type Criticality = "breaking" | "dangerous" | "non-breaking";

/** Lowest first: `--fail-on dangerous` fails on dangerous and breaking changes. */
export const criticalityOrder: readonly Criticality[] = ["non-breaking", "dangerous", "breaking"];

export function atLeast(c: Criticality, threshold: Criticality): boolean {
  return criticalityOrder.indexOf(c) >= criticalityOrder.indexOf(threshold);
}

/** What a change is about: decides the Markdown section and, for the README, the catalog's grouping. */
export type ChangeSubject =
  | "namespace"
  | "class"
  | "property"
  | "method"
  | "parameter"
  | "value-map"
  | "qualifier"
  | "instance"
  | "element";

export interface ChangeTypeEntry {
  readonly criticality: Criticality;
  readonly subject: ChangeSubject;
  /** Short phrase for messages: "property removed". */
  readonly title: string;
  /** Why it has its criticality, from the client's side. */
  readonly reason: string;
}

function entry(criticality: Criticality, subject: ChangeSubject, title: string, reason: string): ChangeTypeEntry {
  return { criticality, subject, title, reason };
}

export const changeTypes = {
  // --- namespaces -----------------------------------------------------------------------------------
  "namespace-added": entry("non-breaking", "namespace", "namespace added", "nothing existing changes"),
  "namespace-removed": entry(
    "breaking",
    "namespace",
    "namespace removed",
    "clients that connect to the namespace fail; its classes are listed as removed",
  ),
  "namespace-renamed": entry(
    "breaking",
    "namespace",
    "namespace renamed",
    "clients connect to a namespace by its name; the classes are compared across the two names",
  ),

  // --- classes --------------------------------------------------------------------------------------
  "class-added": entry("non-breaking", "class", "class added", "nothing existing changes"),
  "class-removed": entry("breaking", "class", "class removed", "queries, enumerations and calls on the class fail"),
  "deprecated-class-removed": entry(
    "dangerous",
    "class",
    "deprecated class removed",
    "the class was deprecated, so clients were warned, but those still using it fail",
  ),
  "superclass-ancestor-removed": entry(
    "breaking",
    "class",
    "superclass chain lost an ancestor",
    "instances are no longer returned when enumerating the lost ancestor, and code treating them as it breaks",
  ),
  "superclass-ancestor-added": entry(
    "non-breaking",
    "class",
    "superclass chain gained an ancestor",
    "every former ancestor is kept; the class only gains a parent",
  ),
  "class-kind-changed": entry(
    "breaking",
    "class",
    "class kind changed",
    "association and indication classes are queried differently (ASSOCIATORS OF, event subscriptions)",
  ),
  "abstract-added": entry("breaking", "class", "class made abstract", "instances of it can no longer be created"),
  "abstract-removed": entry("non-breaking", "class", "class no longer abstract", "it may now have instances"),

  // --- properties and references --------------------------------------------------------------------
  "property-added": entry("non-breaking", "property", "property added", "clients ignore properties they do not know"),
  "property-removed": entry("breaking", "property", "property removed", "clients that read or write it fail"),
  "deprecated-property-removed": entry(
    "dangerous",
    "property",
    "deprecated property removed",
    "the property was deprecated, so clients were warned, but those still using it fail",
  ),
  "property-type-changed": entry(
    "breaking",
    "property",
    "property type changed",
    "values no longer have the type (or array-ness) clients read and write",
  ),
  "key-added": entry(
    "breaking",
    "property",
    "Key added",
    "object paths of the instances change; stored paths no longer resolve",
  ),
  "key-removed": entry(
    "breaking",
    "property",
    "Key removed",
    "object paths of the instances change; stored paths no longer resolve",
  ),
  "write-added": entry("non-breaking", "property", "Write added", "the property can now also be written"),
  "write-removed": entry("breaking", "property", "Write removed", "clients that modify the property fail"),

  // --- methods and parameters -----------------------------------------------------------------------
  "method-added": entry("non-breaking", "method", "method added", "nothing existing changes"),
  "method-removed": entry("breaking", "method", "method removed", "calls to it fail"),
  "deprecated-method-removed": entry(
    "dangerous",
    "method",
    "deprecated method removed",
    "the method was deprecated, so clients were warned, but those still calling it fail",
  ),
  "method-return-type-changed": entry(
    "breaking",
    "method",
    "return type changed",
    "callers read the return value with the old type",
  ),
  "method-static-changed": entry(
    "breaking",
    "method",
    "Static changed",
    "a static method is called on the class, an instance method on an instance",
  ),
  "required-in-parameter-added": entry(
    "breaking",
    "parameter",
    "required In parameter added",
    "existing calls do not pass it and are rejected",
  ),
  "in-parameter-added": entry(
    "dangerous",
    "parameter",
    "optional In parameter added",
    "existing calls still work, but bindings that pass parameters by position shift",
  ),
  "out-parameter-added": entry(
    "non-breaking",
    "parameter",
    "Out parameter added",
    "callers ignore outputs they do not know",
  ),
  "parameter-removed": entry(
    "breaking",
    "parameter",
    "parameter removed",
    "calls that pass it are rejected; callers reading it get nothing",
  ),
  "parameter-type-changed": entry(
    "breaking",
    "parameter",
    "parameter type changed",
    "calls pass, and callers read, values of the old type",
  ),
  "parameter-direction-changed": entry(
    "breaking",
    "parameter",
    "parameter direction changed",
    "an In parameter is passed by the caller, an Out parameter is returned: existing calls no longer match",
  ),

  // --- qualifiers shared by properties, parameters and methods ----------------------------------------
  "reference-class-changed": entry(
    "breaking",
    "element",
    "REF class changed",
    "references now point at instances of another class",
  ),
  "embedded-class-changed": entry(
    "breaking",
    "element",
    "EmbeddedInstance class changed",
    "the embedded instance is now of another class",
  ),
  "required-added": entry("breaking", "element", "Required added", "clients that leave it null are rejected"),
  "required-removed": entry("dangerous", "element", "Required removed", "clients may now read null where they did not"),
  "deprecated-added": entry(
    "non-breaking",
    "element",
    "Deprecated added",
    "a warning for clients; nothing changes yet",
  ),
  "deprecated-removed": entry("non-breaking", "element", "Deprecated removed", "nothing changes for clients"),
  "default-changed": entry(
    "dangerous",
    "element",
    "default changed",
    "clients that rely on the default get another value",
  ),
  "units-changed": entry(
    "dangerous",
    "element",
    "units changed",
    "the same number now means another quantity (PUnit or Units, compared without case or plural)",
  ),
  "bounds-changed": entry(
    "dangerous",
    "element",
    "bounds changed",
    "values accepted or returned before may now be out of range (MinValue, MaxValue, MinLen, MaxLen)",
  ),
  "description-changed": entry(
    "non-breaking",
    "element",
    "description changed",
    "documentation only (left out with --ignore-descriptions)",
  ),
  "version-changed": entry(
    "non-breaking",
    "element",
    "Version changed (same major version)",
    "DSP0004: a minor or update version adds to the element compatibly; clients that check the number see a new one",
  ),
  "version-major-changed": entry(
    "dangerous",
    "element",
    "major Version changed",
    "DSP0004: a new major version may change the element incompatibly; clients written for the old one should be checked",
  ),
  "mapping-strings-changed": entry(
    "dangerous",
    "element",
    "MappingStrings changed",
    "the value now comes from (or maps to) another source item: tools that correlate by the mapping read something else",
  ),
  "model-correspondence-changed": entry(
    "dangerous",
    "element",
    "ModelCorrespondence changed",
    "the element is now read together with other elements (its Other... text, units or list): clients pairing them by the old correspondence misread it",
  ),
  "flavor-changed": entry(
    "dangerous",
    "qualifier",
    "qualifier flavors changed",
    "ToSubclass/Restricted decides whether subclasses (and their instances) still carry the qualifier, EnableOverride/DisableOverride whether they may change it",
  ),
  "parameter-order-changed": entry(
    "dangerous",
    "method",
    "parameter order changed",
    "calls by name still work, but bindings that pass parameters by position (generated wrappers, positional scripts) now pass them to other parameters",
  ),

  // --- instances (by class and key values, or alias) --------------------------------------------------------
  "instance-added": entry("non-breaking", "instance", "instance added", "nothing existing changes"),
  "instance-removed": entry(
    "dangerous",
    "instance",
    "instance removed",
    "clients and providers that look the instance up (registrations, profiles, settings) no longer find it",
  ),
  "instance-value-changed": entry(
    "dangerous",
    "instance",
    "instance value changed",
    "clients that read the instance get another value",
  ),

  // --- value maps (ValueMap/Values, decoded) ---------------------------------------------------------------
  "value-map-added": entry(
    "dangerous",
    "value-map",
    "value map added",
    "the element now names its values, and may restrict the values an In parameter accepts",
  ),
  "value-map-removed": entry(
    "dangerous",
    "value-map",
    "value map removed",
    "code that uses the value names loses them",
  ),
  "value-added": entry(
    "non-breaking",
    "value-map",
    "value added",
    "an In parameter accepts one more value, or the map was open so clients already accept unnamed values",
  ),
  "value-added-to-closed-output": entry(
    "dangerous",
    "value-map",
    "value added to a closed output map",
    "clients may now read a value they do not know (the map has no '..' or range)",
  ),
  "value-removed-from-input": entry(
    "breaking",
    "value-map",
    "value removed from an input map",
    "calls that pass the value are rejected",
  ),
  "value-removed-from-output": entry(
    "dangerous",
    "value-map",
    "value removed from an output map",
    "clients no longer receive it; code that names it loses the name",
  ),
  "value-renumbered": entry(
    "breaking",
    "value-map",
    "value renumbered (same label, new value)",
    "clients that compare against the old number now misread it",
  ),
  "value-renamed": entry(
    "dangerous",
    "value-map",
    "value renamed (same value, new label)",
    "the number is unchanged, but code that uses the label (generated names, scripts) breaks",
  ),
  "value-range-changed": entry(
    "dangerous",
    "value-map",
    "value range bounds changed",
    "numbers move in or out of a named range",
  ),
} as const satisfies Record<string, ChangeTypeEntry>;

export type ChangeType = keyof typeof changeTypes;

export const allChangeTypes = Object.keys(changeTypes) as ChangeType[];

export function changeType(type: ChangeType): ChangeTypeEntry {
  return changeTypes[type];
}
