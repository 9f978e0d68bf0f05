import type { ValueTextStyle } from "../../model/mof-text.js";
import { findQualifier, isTrue } from "../../model/qualifiers.js";
import { type ClassModel, fold, type MethodModel, type PropertyModel } from "../../model/types.js";
import type { DocsContext } from "./context.js";
import { type CodeBlock, codeBlock, escapeCell, escapeInline } from "./markdown.js";
import { relativeLink } from "./paths.js";
import { classSyntax } from "./syntax.js";
import {
  firstSentenceOf,
  microsoftValueStyle,
  qualifierText,
  sortedByName,
  typeName,
  type ValueItem,
  valueItems,
} from "./values.js";
import {
  type ExampleView,
  examplesOf,
  generatedNote,
  inheritedSentence,
  isDmtfClass,
  mofFileOf,
  notesOf,
  type RequirementRow,
  requirementRows,
  windowsNamespace,
} from "./view-common.js";
import { hierarchyDiagram, type OriginRow, originRows, type QualifierRow, qualifierRows } from "./view-dmtf.js";

/** One row of the Methods table. */
export interface MethodRow {
  /** `[**Name**](link)` (Microsoft style) or `[Name](link)`. */
  readonly link: string;
  readonly description: string;
}

export interface PropertyView {
  readonly name: string;
  /** `**uint16** array`, `[**CIM\_Foo**](...)` (Microsoft) / `[**CIM\_Foo**](...) reference` (DMTF)... */
  readonly dataType: string;
  /** `Read-only`, `Read/write` or `Write-only`. */
  readonly access: string;
  /** `Key, MaxLen (256)`, or "". */
  readonly qualifiers: string;
  readonly description: string;
  /** "This property is inherited from ...", or "". */
  readonly inherited: string;
  readonly values: readonly ValueItem[];
  readonly notes: readonly string[];
}

export interface ClassPageView {
  readonly generatedNote: string;
  readonly name: string;
  /** `class`, `association` or `indication` (what the page's title says in the DMTF style). */
  readonly kind: string;
  /** `Msvm\_Foo class` (Microsoft: every page is a "class" page) or `CIM\_Foo association` (DMTF). */
  readonly title: string;
  /** True in the DMTF style: the hierarchy, class origins and qualifier tables are shown, not folded away. */
  readonly dmtf: boolean;
  readonly namespace: string;
  readonly description: string;
  /** The sentence before the Syntax block, or "" (Microsoft's pages of DMTF classes have none). */
  readonly syntaxNote: string;
  readonly syntax: CodeBlock;
  /** `[Methods](#methods)`, `[Properties](#properties)`: the Members list of the Microsoft layout. */
  readonly memberKinds: readonly string[];
  readonly methods: readonly MethodRow[];
  readonly properties: readonly PropertyView[];
  readonly notes: readonly string[];
  readonly examples: readonly ExampleView[];
  readonly requirements: readonly RequirementRow[];
  readonly seeAlso: readonly string[];
  readonly hierarchy: CodeBlock;
  readonly origins: readonly OriginRow[];
  readonly qualifiers: readonly QualifierRow[];
  /** Link to the namespace index. */
  readonly indexLink: string;
}

/**
 * Qualifiers the "Qualifiers:" line of a property leaves out: shown elsewhere on the page (the description, the
 * value list, the access type). Microsoft's pages print MappingStrings and ModelCorrespondence there; the DMTF
 * style leaves them to the qualifier table, where their long lists fit.
 */
const shownElsewhere = new Set(["description", "displayname", "valuemap", "values", "read", "write"]);
const dmtfShownElsewhere = new Set([...shownElsewhere, "mappingstrings", "modelcorrespondence"]);

/**
 * The Qualifiers line. The Microsoft style prints the qualifiers written on the declaration that documents the
 * property, as Microsoft's pages do: the class's own declaration (Msvm_SystemBIOS.GroupComponent: `Aggregate,
 * Override ("GroupComponent"), Max (1)`, not the Key it inherits from CIM_Component; CIM_ConcreteJob.Name:
 * `Required, Override ("Name")`, not CIM_ManagedSystemElement's MaxLen), else, for an inherited property, the
 * declaration of the class it comes from. The DMTF style prints the effective qualifiers, inherited ones included.
 */
function qualifierSummary(context: DocsContext, cls: ClassModel, p: PropertyModel): string {
  const microsoft = context.options.style === "microsoft";
  const hidden = microsoft ? shownElsewhere : dmtfShownElsewhere;
  let shown = p.qualifiers;
  if (microsoft) {
    const origin = p.propagated ? context.findClass(p.classOrigin, cls.namespace) : cls;
    const declared = origin?.properties.find((d) => fold(d.name) === fold(p.name)) ?? p;
    shown = declared.qualifiers.filter((q) => !q.propagated);
  }
  return shown
    .filter((q) => !hidden.has(fold(q.name)))
    .map((q) => escapeInline(qualifierText(q)))
    .join(", ");
}

/**
 * Read-only, Read/write or Write-only: `Write` makes a property writable, `Read(false)` (DSP0004's Read
 * defaults to true) takes reading away.
 */
export function accessType(p: PropertyModel): string {
  const read = findQualifier(p.qualifiers, "read");
  const readable = read === undefined || !(read.value.kind === "boolean" && !read.value.value);
  const writable = isTrue(p.qualifiers, "write");
  if (!writable) return "Read-only";
  return readable ? "Read/write" : "Write-only";
}

/**
 * The Data type line. Microsoft writes the type in bold and a reference as its class alone
 * (`**CIM\_ResourcePool**`); the DMTF style adds the word `reference`.
 */
function dataTypeOf(context: DocsContext, page: string, cls: ClassModel, p: PropertyModel): string {
  const microsoft = context.options.style === "microsoft";
  const array = p.array === undefined ? "" : " array";
  if (p.type.kind === "reference") {
    const target =
      p.type.className === undefined ? "**object**" : context.classLink(page, p.type.className, cls.namespace);
    return microsoft ? `${target}${array}` : `${target} reference${array}`;
  }
  const embedded =
    p.embeddedClass === undefined ? "" : ` (embedded ${context.classLink(page, p.embeddedClass, cls.namespace)})`;
  const type = escapeInline(typeName(p.type));
  return `${microsoft ? `**${type}**` : type}${array}${embedded}`;
}

/**
 * A property's description. Microsoft's pages print an inherited property's whole description. The DMTF style
 * shows its first sentence (and "…" when there is more): the whole text is on the page of the class it comes
 * from, which the next line links to. DMTF descriptions run to kilobytes, and a CIM subclass inherits dozens of
 * properties: in full they would make up most of the 24 MB a CIM 2.49 run writes.
 */
function propertyDescription(context: DocsContext, cls: ClassModel, p: PropertyModel): string {
  const text = context.description(cls, p.qualifiers, p.name);
  if (!p.propagated || context.options.style === "microsoft") return context.paragraphs(text);
  const first = firstSentenceOf(text);
  return context.paragraphs(first.length < text.trim().length ? `${first} \u2026` : first);
}

function propertyView(context: DocsContext, page: string, cls: ClassModel, p: PropertyModel): PropertyView {
  return {
    name: escapeInline(p.name),
    dataType: dataTypeOf(context, page, cls, p),
    access: accessType(p),
    qualifiers: qualifierSummary(context, cls, p),
    description: propertyDescription(context, cls, p),
    inherited: inheritedSentence(context, page, cls, p, p.kind),
    values: valueItems(context.valueMap(cls, p.valueMap, p.name)),
    notes: notesOf(context.memberOverlay(cls, [p.name])),
  };
}

function methodRow(context: DocsContext, page: string, cls: ClassModel, m: MethodModel): MethodRow {
  const declarer = context.methodDeclarer(cls, m.name) ?? cls;
  const href = relativeLink(page, context.methodPage(declarer, m.name));
  const description = context.description(declarer, m.qualifiers, m.name);
  if (context.options.style === "microsoft")
    return { link: `[**${escapeInline(m.name)}**](${href})`, description: escapeCell(description) };
  return { link: `[${escapeInline(m.name)}](${href})`, description: escapeCell(firstSentenceOf(description)) };
}

/**
 * What a class page lists. The DMTF style: every property and method, inherited ones included. The Microsoft
 * style, as Microsoft's Hyper-V pages do: a DMTF class (`CIM_`) shows the properties and methods it declares (new
 * or overriding), as DMTF's own documentation (CIM_ConcreteJob's table: GetError and RequestStateChange, not
 * CIM_Job's KillJob); any other class shows every property (the Syntax block "includes all of the inherited
 * properties") and every method (Msvm_GuestFileService's table: CopyFilesToGuest and the inherited StartService
 * and StopService). The overlay's `syntax.properties` chooses another property list for a page (53 newer Msvm
 * pages list only what the class declares). `declared` holds for the methods too: those pages' Methods tables
 * list only what the class declares as well (Msvm_AssignableDeviceService: its two methods, not CIM_Service's
 * StartService or CIM_EnabledLogicalElement's RequestStateChange; Msvm_SecurityService: StartService and
 * StopService, which it re-declares, and still no RequestStateChange). A named list says nothing about
 * methods: they follow the rule above.
 */
export function pageMembers(
  context: DocsContext,
  cls: ClassModel,
): { properties: readonly PropertyModel[]; methods: readonly MethodModel[]; allProperties: boolean } {
  if (context.options.style === "dmtf")
    return { properties: cls.properties, methods: cls.methods, allProperties: true };
  const dmtfClass = isDmtfClass(cls);
  const declaredMethods = () => cls.methods.filter((m) => !m.propagated);
  const methods = dmtfClass ? declaredMethods() : cls.methods;
  const chosen = context.syntaxSettings(cls).properties ?? (dmtfClass ? "declared" : "all");
  if (chosen === "all") return { properties: cls.properties, methods, allProperties: true };
  if (chosen === "declared") {
    // In the order the class declares them, as the MOF writes the class (an override where it is written).
    const effective = new Map(cls.properties.map((p) => [fold(p.name), p]));
    const declared = cls.ownProperties.flatMap((p) => effective.get(fold(p.name)) ?? []);
    return { properties: declared, methods: dmtfClass ? methods : declaredMethods(), allProperties: false };
  }
  const named = new Set(chosen.map(fold));
  return { properties: cls.properties.filter((p) => named.has(fold(p.name))), methods, allProperties: false };
}

/** The value styles of the Microsoft style's defaults, one object per choice (syntaxValue memoises by style). */
const microsoftDefaultStyles = new Map<string, ValueTextStyle>(
  (["title", "upper"] as const).flatMap((booleans) =>
    (["spaced", "tight", "bare"] as const).map((arrays): [string, ValueTextStyle] => [
      `${booleans} ${arrays}`,
      {
        ...microsoftValueStyle,
        keywords: booleans,
        arrays: arrays === "tight" ? "tight" : "spaced",
        singleElement: arrays === "bare" ? "bare" : "braces",
      },
    ]),
  ),
);

/**
 * How the Microsoft style writes a property's default on a class page. Booleans: a default the class introduces
 * (no superclass has the property) as `TRUE`/`FALSE`, an inherited property's default (overridden or not) as
 * `True`/`False`: so do 100 of the 114 boolean defaults on the HyperV_v2 pages (all 56 inherited ones, 44 of
 * 58 introduced ones). Arrays `{ a, b }`. The overlay's `syntax.booleans` and `syntax.arrays` (on the property,
 * else the class) decide otherwise.
 */
function microsoftDefaultStyle(context: DocsContext, cls: ClassModel): (p: PropertyModel) => ValueTextStyle {
  const superclass = context.superclassOf(cls);
  return (p) => {
    const settings = context.syntaxSettings(cls, p.name);
    const introduced = !p.propagated && superclass?.propertyByName.has(fold(p.name)) !== true;
    const booleans = settings.booleans ?? (introduced ? "upper" : "title");
    return microsoftDefaultStyles.get(`${booleans} ${settings.arrays ?? "spaced"}`) ?? microsoftValueStyle;
  };
}

/** The Syntax block of a class page in its style, with the page's overlay settings. */
function pageSyntax(context: DocsContext, cls: ClassModel, properties: readonly PropertyModel[]): CodeBlock {
  const style = context.options.style;
  if (style === "dmtf") return codeBlock(classSyntax(cls, properties, style), "mof");
  const layout = {
    defaultStyle: microsoftDefaultStyle(context, cls),
    qualifierOrder: context.syntaxSettings(cls).qualifierOrder ?? "grammar",
  };
  return codeBlock(classSyntax(cls, properties, style, layout), "mof");
}

const microsoftSyntaxNote =
  "The following syntax is simplified Managed Object Format (MOF) code, and it includes all of the inherited properties.";

export function classPageView(context: DocsContext, cls: ClassModel): ClassPageView {
  const page = context.classPage(cls);
  const dmtf = context.options.style === "dmtf";
  const overlay = context.overlay(cls.namespace, [cls.name]);
  const superclass = context.superclassOf(cls);
  const kind = cls.association ? "association" : cls.indication ? "indication" : "class";
  const deprecated = findQualifier(cls.qualifiers, "deprecated");
  const description = context.paragraphs(context.description(cls, cls.qualifiers));
  const members = pageMembers(context, cls);
  const name = escapeInline(cls.name);
  const syntaxNote = dmtf
    ? `The syntax below is simplified MOF: it lists every property of the ${kind}, inherited ones included (root class first), with its default value.`
    : members.allProperties
      ? microsoftSyntaxNote
      : "";
  const methods = sortedByName(members.methods).map((m) => methodRow(context, page, cls, m));
  const properties = sortedByName(members.properties).map((p) => propertyView(context, page, cls, p));
  const memberKinds = [
    ...(methods.length > 0 ? ["[Methods](#methods)"] : []),
    ...(properties.length > 0 ? ["[Properties](#properties)"] : []),
  ];
  return {
    generatedNote: generatedNote(mofFileOf(cls)),
    name,
    kind,
    title: `${name} ${dmtf ? kind : "class"}`,
    dmtf,
    namespace: escapeInline(windowsNamespace(cls.namespace)),
    description: deprecated === undefined ? description : `${description}\n\n**Deprecated.**`.trim(),
    syntaxNote,
    syntax: pageSyntax(context, cls, members.properties),
    memberKinds,
    methods,
    properties,
    notes: notesOf(overlay),
    examples: examplesOf(overlay),
    requirements: requirementRows(cls, context.requirements(overlay), context.options.style),
    seeAlso: superclass === undefined ? [] : [context.classLink(page, superclass.name, cls.namespace)],
    hierarchy: hierarchyDiagram(context, cls),
    origins: originRows(context, page, cls),
    qualifiers: qualifierRows(cls, context.valueCells),
    indexLink: relativeLink(page, `${page.slice(0, page.indexOf("/"))}/README.md`),
  };
}
