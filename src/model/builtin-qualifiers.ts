import type { Dialect } from "../dialect/dialect.js";
import { type CimValue, type Flavors, fold, type IntrinsicTypeName, type Scope } from "./types.js";

/**
 * Qualifier types a compiler knows without a `Qualifier` declaration in the compiled files.
 *
 * - `dmtfStandardQualifiers`: the qualifiers of DSP0004 as declared by the DMTF CIM Schema 2.49 `qualifiers.mof`
 *   (meta qualifiers Association and Indication, then the standard ones), in that file's order and spelling.
 * - `dmtfOptionalQualifiers`: the optional qualifiers of the same schema's `qualifiers_optional.mof`.
 * - `wmiQualifiers`: qualifiers that Microsoft WMI MOF uses without declaring them and that DMTF does not define:
 *   the WMI SDK's "Standard WMI Qualifiers" (also in OMI's `wmiqualifiers.mof`), the CIM 2.x qualifiers the WMI
 *   SDK still lists but CIM 2.49 dropped, the WDM (driver) class and property qualifiers, the performance-counter
 *   class qualifiers, and the Hyper-V specific ones.
 *
 * Where a name is in both DMTF and WMI, the DMTF definition wins (type, default, flavors); scopes that the WMI
 * material widens are listed in `wmiScopeExtensions` and applied by `builtinQualifier(name, "wmi")` only.
 *
 * Flavors follow DSP0004 when a source gives none: EnableOverride, ToSubclass, not Translatable; `amended` and
 * `toInstance` are false throughout (no WMI source makes a qualifier ToInstance by default).
 *
 * Defaults: exactly as the DMTF files declare them (`undefined` where a declaration has no `= value`, which is how
 * the DMTF files declare every array qualifier). For WMI names: the value the WMI documentation or OMI's table
 * states; otherwise `false` for booleans, `null` for other scalars and no default for arrays (the DMTF files'
 * conventions).
 */

export type QualifierSet = "dmtf" | "dmtf-optional" | "wmi";

export interface BuiltinQualifier {
  readonly name: string;
  readonly type: IntrinsicTypeName;
  readonly array: boolean;
  readonly default: CimValue | undefined;
  readonly scopes: readonly Scope[];
  readonly flavors: Flavors;
  readonly set: QualifierSet;
}

/** A DMTF qualifier whose scope the WMI material widens (`scopes` are the added ones only). */
export interface WmiScopeExtension {
  readonly name: string;
  readonly scopes: readonly Scope[];
  /** Where the wider scope comes from. */
  readonly source: string;
}

// --- building blocks ----------------------------------------------------------------------------

type FlavorName = "DisableOverride" | "Restricted" | "Translatable";

interface Spec {
  readonly type: IntrinsicTypeName;
  readonly array?: boolean;
  readonly default?: CimValue;
  readonly scopes: readonly Scope[];
  /** Only the flavors that differ from the DSP0004 defaults. */
  readonly flavors?: readonly FlavorName[];
}

const FALSE: CimValue = { kind: "boolean", value: false };
const TRUE: CimValue = { kind: "boolean", value: true };
const NULL: CimValue = { kind: "null" };

function str(value: string): CimValue {
  return { kind: "string", value };
}

function int(value: number): CimValue {
  return { kind: "integer", value: BigInt(value), text: String(value) };
}

function flavors(names: readonly FlavorName[] = []): Flavors {
  return {
    overridable: !names.includes("DisableOverride"),
    toSubclass: !names.includes("Restricted"),
    translatable: names.includes("Translatable"),
    amended: false,
    toInstance: false,
  };
}

function table(set: QualifierSet, specs: Readonly<Record<string, Spec>>): readonly BuiltinQualifier[] {
  return Object.freeze(
    Object.entries(specs).map(([name, s]) =>
      Object.freeze({
        name,
        type: s.type,
        array: s.array ?? false,
        default: s.default,
        scopes: Object.freeze([...s.scopes]),
        flavors: Object.freeze(flavors(s.flavors)),
        set,
      }),
    ),
  );
}

/** WMI has no separate association or indication kind: a qualifier for classes applies to all three. */
const CLASSES: readonly Scope[] = ["class", "association", "indication"];
const PMP: readonly Scope[] = ["property", "method", "parameter"];
const ANY: readonly Scope[] = ["any"];

// --- DMTF CIM Schema 2.49 qualifiers.mof ----------------------------------------------------------

export const dmtfStandardQualifiers: readonly BuiltinQualifier[] = table("dmtf", {
  // meta qualifiers
  Association: { type: "boolean", default: FALSE, scopes: ["association"], flavors: ["DisableOverride"] },
  Indication: { type: "boolean", default: FALSE, scopes: ["class", "indication"], flavors: ["DisableOverride"] },
  // standard qualifiers
  Abstract: { type: "boolean", default: FALSE, scopes: CLASSES, flavors: ["Restricted"] },
  Aggregate: { type: "boolean", default: FALSE, scopes: ["reference"], flavors: ["DisableOverride"] },
  Aggregation: { type: "boolean", default: FALSE, scopes: ["association"], flavors: ["DisableOverride"] },
  ArrayType: { type: "string", default: str("Bag"), scopes: ["property", "parameter"], flavors: ["DisableOverride"] },
  BitMap: { type: "string", array: true, scopes: PMP },
  BitValues: { type: "string", array: true, scopes: PMP, flavors: ["Translatable"] },
  ClassConstraint: { type: "string", array: true, scopes: CLASSES },
  Composition: { type: "boolean", default: FALSE, scopes: ["association"], flavors: ["DisableOverride"] },
  Correlatable: { type: "string", array: true, scopes: ["property"] },
  Counter: { type: "boolean", default: FALSE, scopes: PMP },
  Deprecated: { type: "string", array: true, scopes: ANY, flavors: ["Restricted"] },
  Description: { type: "string", default: NULL, scopes: ANY, flavors: ["Translatable"] },
  DisplayName: { type: "string", default: NULL, scopes: ANY, flavors: ["Translatable"] },
  DN: { type: "boolean", default: FALSE, scopes: PMP, flavors: ["DisableOverride"] },
  EmbeddedInstance: { type: "string", default: NULL, scopes: PMP },
  EmbeddedObject: { type: "boolean", default: FALSE, scopes: PMP, flavors: ["DisableOverride"] },
  Exception: { type: "boolean", default: FALSE, scopes: ["class", "indication"], flavors: ["DisableOverride"] },
  Experimental: { type: "boolean", default: FALSE, scopes: ANY, flavors: ["Restricted"] },
  Gauge: { type: "boolean", default: FALSE, scopes: PMP },
  In: { type: "boolean", default: TRUE, scopes: ["parameter"], flavors: ["DisableOverride"] },
  IsPUnit: { type: "boolean", default: FALSE, scopes: PMP },
  Key: { type: "boolean", default: FALSE, scopes: ["property", "reference"], flavors: ["DisableOverride"] },
  MappingStrings: { type: "string", array: true, scopes: ANY },
  Max: { type: "uint32", default: NULL, scopes: ["reference"] },
  MaxLen: { type: "uint32", default: NULL, scopes: PMP },
  MaxValue: { type: "sint64", default: NULL, scopes: PMP },
  MethodConstraint: { type: "string", array: true, scopes: ["method"] },
  Min: { type: "uint32", default: int(0), scopes: ["reference"] },
  MinLen: { type: "uint32", default: int(0), scopes: PMP },
  MinValue: { type: "sint64", default: NULL, scopes: PMP },
  ModelCorrespondence: { type: "string", array: true, scopes: ANY },
  NullValue: { type: "string", default: NULL, scopes: ["property"], flavors: ["DisableOverride"] },
  Octetstring: { type: "boolean", default: FALSE, scopes: PMP, flavors: ["DisableOverride"] },
  Out: { type: "boolean", default: FALSE, scopes: ["parameter"], flavors: ["DisableOverride"] },
  Override: { type: "string", default: NULL, scopes: ["property", "reference", "method"], flavors: ["Restricted"] },
  Propagated: { type: "string", default: NULL, scopes: ["property"], flavors: ["DisableOverride"] },
  PropertyConstraint: { type: "string", array: true, scopes: ["property", "reference"] },
  PUnit: { type: "string", default: NULL, scopes: PMP },
  Read: { type: "boolean", default: TRUE, scopes: ["property"] },
  Reference: { type: "string", default: NULL, scopes: ["property"] },
  Required: {
    type: "boolean",
    default: FALSE,
    scopes: ["property", "reference", "method", "parameter"],
    flavors: ["DisableOverride"],
  },
  // deprecated by DMTF in favour of Version
  Revision: { type: "string", default: NULL, scopes: CLASSES, flavors: ["Translatable"] },
  Schema: {
    type: "string",
    default: NULL,
    scopes: ["property", "method"],
    flavors: ["DisableOverride", "Translatable"],
  },
  Static: { type: "boolean", default: FALSE, scopes: ["property", "method"], flavors: ["DisableOverride"] },
  Structure: { type: "boolean", default: FALSE, scopes: ["class", "indication"], flavors: ["DisableOverride"] },
  Terminal: { type: "boolean", default: FALSE, scopes: CLASSES },
  UMLPackagePath: { type: "string", default: NULL, scopes: CLASSES },
  Units: { type: "string", default: NULL, scopes: PMP, flavors: ["Translatable"] },
  ValueMap: { type: "string", array: true, scopes: PMP },
  Values: { type: "string", array: true, scopes: PMP, flavors: ["Translatable"] },
  Version: { type: "string", default: NULL, scopes: CLASSES, flavors: ["Restricted", "Translatable"] },
  Weak: { type: "boolean", default: FALSE, scopes: ["reference"], flavors: ["DisableOverride"] },
  Write: { type: "boolean", default: FALSE, scopes: ["property"] },
  XMLNamespaceName: { type: "string", default: NULL, scopes: PMP },
});

// --- DMTF CIM Schema 2.49 qualifiers_optional.mof --------------------------------------------------

export const dmtfOptionalQualifiers: readonly BuiltinQualifier[] = table("dmtf-optional", {
  Alias: { type: "string", default: NULL, scopes: ["property", "reference", "method"], flavors: ["Translatable"] },
  Delete: { type: "boolean", default: FALSE, scopes: ["association", "reference"] },
  DisplayDescription: { type: "string", default: NULL, scopes: ANY, flavors: ["Translatable"] },
  Expensive: { type: "boolean", default: FALSE, scopes: ANY },
  Ifdeleted: { type: "boolean", default: FALSE, scopes: ["association", "reference"] },
  Invisible: {
    type: "boolean",
    default: FALSE,
    scopes: ["class", "association", "property", "reference", "method"],
  },
  Large: { type: "boolean", default: FALSE, scopes: ["class", "property"] },
  PropertyUsage: { type: "string", default: str("CurrentContext"), scopes: ["property"] },
  Provider: { type: "string", default: NULL, scopes: ANY },
  SyntaxType: { type: "string", default: NULL, scopes: ["property", "reference", "method", "parameter"] },
  Syntax: { type: "string", default: NULL, scopes: ["property", "reference", "method", "parameter"] },
  TriggerType: {
    type: "string",
    default: NULL,
    scopes: ["class", "association", "indication", "property", "reference", "method"],
  },
  UnknownValues: { type: "string", array: true, scopes: ["property"], flavors: ["DisableOverride"] },
  UnsupportedValues: { type: "string", array: true, scopes: ["property"], flavors: ["DisableOverride"] },
});

// --- Microsoft WMI ----------------------------------------------------------------------------------

export const wmiQualifiers: readonly BuiltinQualifier[] = table("wmi", {
  // WMI SDK "Standard WMI Qualifiers" (OMI's wmiqualifiers.mof declares the same set). Deprecated, Provider and
  // Static are DMTF names and keep their DMTF definitions.
  // OMI declares Amendment DisableOverride (the Hyper-V table writes EnableOverride): the explicit one is kept.
  Amendment: { type: "boolean", default: TRUE, scopes: CLASSES, flavors: ["DisableOverride"] },
  Bypass_GetObject: { type: "boolean", default: FALSE, scopes: ["method"], flavors: ["Restricted"] },
  CIM_Key: { type: "boolean", default: FALSE, scopes: ["property"] },
  // WMI sets CIMTYPE on references too ("ref:ClassName").
  CIMTYPE: { type: "string", default: NULL, scopes: ["property", "reference", "method", "parameter"] },
  ClassContext: { type: "string", default: NULL, scopes: CLASSES },
  ClassVersion: { type: "string", default: NULL, scopes: CLASSES },
  // The SDK page gives no type; OMI declares boolean.
  Display: { type: "boolean", default: FALSE, scopes: [...CLASSES, "property"] },
  Dynamic: { type: "boolean", default: TRUE, scopes: [...CLASSES, "property"] },
  DynProps: { type: "boolean", default: TRUE, scopes: CLASSES },
  // The SDK stores it as VT_I4; OMI and the Hyper-V table declare uint32 (parameter positions are never negative).
  ID: { type: "uint32", default: NULL, scopes: ["property", "parameter"] },
  Implemented: { type: "boolean", default: FALSE, scopes: ["method"] },
  // String in the SDK, OMI and MS-WMI ("MS\\0x409"); .mfl files and performance classes also write an integer
  // LCID (Locale(0x409), Locale(1033)), which the Hyper-V table declares as sint32.
  Locale: { type: "string", default: NULL, scopes: CLASSES },
  Optional: { type: "boolean", default: FALSE, scopes: ["parameter"] },
  Privileges: { type: "string", array: true, scopes: ["property", "method"] },
  PropertyContext: { type: "string", default: NULL, scopes: ["property"] },
  Singleton: { type: "boolean", default: TRUE, scopes: CLASSES },
  // The SDK and OMI say properties; the Hyper-V table adds methods and parameters (datetime return values).
  SubType: { type: "string", default: NULL, scopes: PMP },
  UUID: { type: "string", default: NULL, scopes: CLASSES },
  WritePrivileges: { type: "string", array: true, scopes: ["property"] },

  // WMI SDK "Standard Qualifiers" that the CIM 2.49 schema no longer declares.
  Constructor: { type: "boolean", default: FALSE, scopes: ["method"] },
  CreateBy: { type: "string", default: NULL, scopes: CLASSES },
  DeleteBy: { type: "string", default: NULL, scopes: CLASSES },
  Destructor: { type: "boolean", default: FALSE, scopes: ["method"] },
  Lazy: { type: "boolean", default: FALSE, scopes: ["property"] },
  Nonlocal: { type: "string", default: NULL, scopes: ["reference"] },
  NonlocalType: { type: "string", default: NULL, scopes: ["reference"] },
  Source: { type: "string", default: NULL, scopes: [...CLASSES, "reference"] },
  SourceType: { type: "string", default: NULL, scopes: [...CLASSES, "reference"] },
  SupportsCreate: { type: "boolean", default: FALSE, scopes: CLASSES },
  SupportsDelete: { type: "boolean", default: FALSE, scopes: CLASSES },
  SupportsUpdate: { type: "boolean", default: FALSE, scopes: CLASSES },
  WriteAtCreate: { type: "boolean", default: FALSE, scopes: ["property"] },
  WriteAtUpdate: { type: "boolean", default: FALSE, scopes: ["property"] },

  // WDM (kernel-mode driver) data and event blocks: class, property and method qualifiers.
  WMI: { type: "boolean", default: FALSE, scopes: CLASSES },
  Guid: { type: "string", default: NULL, scopes: CLASSES },
  WmiExpense: { type: "uint32", default: NULL, scopes: CLASSES },
  WmiDataId: { type: "uint32", default: NULL, scopes: ["property"] },
  WmiMethodId: { type: "uint32", default: NULL, scopes: ["method"] },
  WmiSizeIs: { type: "string", default: NULL, scopes: ["property"] },
  WmiScale: { type: "sint32", default: NULL, scopes: ["property"] },
  WmiTimeStamp: { type: "boolean", default: FALSE, scopes: ["property"] },
  WmiComplexity: { type: "uint32", default: NULL, scopes: ["property"] },
  WmiVolatility: { type: "uint32", default: NULL, scopes: ["property"] },
  WmiEventTrigger: { type: "string", default: NULL, scopes: ["property"] },
  WmiEventRate: { type: "string", default: NULL, scopes: ["property"] },
  DefineValues: { type: "string", array: true, scopes: ["property"] },
  DisplayInHex: { type: "boolean", default: FALSE, scopes: ["property"] },

  // Performance counter classes (Win32_PerfRawData / Win32_PerfFormattedData and hi-perf providers). The SDK's
  // formatted-class `Counter` (a string naming the raw property) collides with DMTF's boolean Counter, which wins.
  Cooked: { type: "boolean", default: FALSE, scopes: CLASSES },
  Costly: { type: "boolean", default: FALSE, scopes: CLASSES },
  GenericPerfCtr: { type: "boolean", default: FALSE, scopes: CLASSES },
  HiPerf: { type: "boolean", default: FALSE, scopes: CLASSES },
  DetailLevel: { type: "sint32", default: NULL, scopes: CLASSES },
  RegistryKey: { type: "string", default: NULL, scopes: CLASSES },
  AutoCook: { type: "sint32", default: NULL, scopes: CLASSES },
  AutoCook_RawClass: { type: "string", default: NULL, scopes: CLASSES },
  HelpIndex: { type: "sint32", default: NULL, scopes: [...CLASSES, "property"] },
  PerfIndex: { type: "sint32", default: NULL, scopes: [...CLASSES, "property"] },
  CounterType: { type: "sint32", default: NULL, scopes: ["property"] },
  DefaultScale: { type: "sint32", default: NULL, scopes: ["property"] },
  // Documented on properties; hi-perf provider MOF also writes it on the class (the class-level name is DetailLevel).
  PerfDetail: { type: "sint32", default: NULL, scopes: [...CLASSES, "property"] },
  PerfDefault: { type: "boolean", default: FALSE, scopes: ["property"] },
  CookingType: { type: "string", default: NULL, scopes: ["property"] },
  Base: { type: "string", default: NULL, scopes: ["property"] },
  PerfTimeStamp: { type: "string", default: NULL, scopes: ["property"] },
  PerfTimeFreq: { type: "string", default: NULL, scopes: ["property"] },

  // Hyper-V (root\virtualization\v2 switch-extension classes and the Hyper-V reference pages).
  HyperVEmbeddedInstance: { type: "string", default: NULL, scopes: ["property", "parameter"] },
  ExtensionId: { type: "string", default: NULL, scopes: CLASSES },
  // Strings on classes; the reference pages show numbers on properties, which the Hyper-V files write as strings.
  InterfaceVersion: { type: "string", default: NULL, scopes: ["class", "association", "property"] },
  InterfaceRevision: { type: "string", default: NULL, scopes: ["class", "association", "property"] },
});

/**
 * DMTF qualifiers whose scope WMI MOF widens. The DMTF type, default and flavors stay; in particular Revision keeps
 * its string type although the Hyper-V pages show integer values on properties.
 */
export const wmiScopeExtensions: readonly WmiScopeExtension[] = Object.freeze([
  { name: "In", scopes: ["property"], source: "Hyper-V reference pages ([In] on a property)" },
  { name: "Max", scopes: ["property"], source: "Hyper-V: Max bounds array properties" },
  { name: "Min", scopes: ["property"], source: "Hyper-V: Min bounds array properties" },
  { name: "Version", scopes: ["property"], source: "Hyper-V: Version(n) on feature-data properties" },
  { name: "Revision", scopes: ["property"], source: "Hyper-V: Revision on switch-extension properties" },
  { name: "Static", scopes: ["class"], source: "WDM: Static marks classes whose instances live in the MOF" },
] satisfies WmiScopeExtension[]);

// --- lookup -------------------------------------------------------------------------------------------

function indexByName(entries: readonly BuiltinQualifier[]): Map<string, BuiltinQualifier> {
  const map = new Map<string, BuiltinQualifier>();
  for (const e of entries) {
    const key = fold(e.name);
    if (!map.has(key)) map.set(key, e);
  }
  return map;
}

function widen(entry: BuiltinQualifier): BuiltinQualifier {
  const extensions = wmiScopeExtensions.filter((x) => fold(x.name) === fold(entry.name));
  if (extensions.length === 0 || entry.scopes.includes("any")) return entry;
  const scopes = [...entry.scopes];
  for (const x of extensions) for (const s of x.scopes) if (!scopes.includes(s)) scopes.push(s);
  return Object.freeze({ ...entry, scopes: Object.freeze(scopes) });
}

const dmtfEntries = [...dmtfStandardQualifiers, ...dmtfOptionalQualifiers];
const dmtfByName = indexByName(dmtfEntries);
const wmiByName = indexByName([...dmtfEntries.map(widen), ...wmiQualifiers]);
const byDialect: Readonly<Record<Dialect, ReadonlyMap<string, BuiltinQualifier>>> = {
  wmi: wmiByName,
  dmtf: dmtfByName,
};

/**
 * The built-in qualifier type named `name` (case-insensitive). `dmtf`: the standard and optional DMTF
 * qualifiers. `wmi`: those first (with WMI's wider scopes, see `wmiScopeExtensions`), then the WMI ones.
 */
export function builtinQualifier(name: string, dialect: Dialect): BuiltinQualifier | undefined {
  return byDialect[dialect].get(fold(name));
}
