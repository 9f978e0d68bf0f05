import type { ClassModel, MethodModel, PropertyModel } from "../../model/types.js";
import type { DocsContext } from "./context.js";
import { type CodeBlock, codeBlock, escapeCell, escapeInline } from "./markdown.js";
import { relativeLink } from "./paths.js";
import { classSyntax } from "./syntax.js";
import {
  findQualifier,
  firstSentenceOf,
  isSet,
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
  mofFileOf,
  notesOf,
  type RequirementRow,
  requirementRows,
  windowsNamespace,
} from "./view-common.js";
import { hierarchyDiagram, type OriginRow, originRows, type QualifierRow, qualifierRows } from "./view-dmtf.js";

/** One row of the Methods table. */
export interface MethodRow {
  /** `[Name](link)`. */
  readonly link: string;
  readonly description: string;
}

export interface PropertyView {
  readonly name: string;
  /** `uint16 array`, `[**CIM\_Foo**](...) reference`, `string (embedded CIM\_Bar)`. */
  readonly dataType: string;
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
  readonly kind: string;
  readonly namespace: string;
  readonly description: string;
  readonly syntax: CodeBlock;
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

/** Qualifiers the "Qualifiers:" line of a property leaves out: shown elsewhere on the page, or prose. */
const shownElsewhere = new Set([
  "description",
  "displayname",
  "valuemap",
  "values",
  "read",
  "write",
  "mappingstrings",
  "modelcorrespondence",
]);

function qualifierSummary(p: PropertyModel): string {
  return p.qualifiers
    .filter((q) => !shownElsewhere.has(q.name.toLowerCase()))
    .map((q) => escapeInline(qualifierText(q)))
    .join(", ");
}

function dataTypeOf(context: DocsContext, page: string, cls: ClassModel, p: PropertyModel): string {
  const array = p.array === undefined ? "" : " array";
  if (p.type.kind === "reference") {
    const target =
      p.type.className === undefined ? "**object**" : context.classLink(page, p.type.className, cls.namespace);
    return `${target} reference${array}`;
  }
  const embedded =
    p.embeddedClass === undefined ? "" : ` (embedded ${context.classLink(page, p.embeddedClass, cls.namespace)})`;
  return `${escapeInline(typeName(p.type))}${array}${embedded}`;
}

/**
 * A property's description. One inherited unchanged shows its first sentence (and "…" when there is more):
 * the whole text is on the page of the class it comes from, which the next line links to. DMTF descriptions
 * run to kilobytes, and a CIM subclass inherits dozens of properties: in full they would make up most of the
 * 24 MB a CIM 2.49 run writes, for text that is one click away.
 */
function propertyDescription(context: DocsContext, cls: ClassModel, p: PropertyModel): string {
  const text = context.description(cls, p.qualifiers, p.name);
  if (!p.propagated) return context.paragraphs(text);
  const first = firstSentenceOf(text);
  return context.paragraphs(first.length < text.trim().length ? `${first} \u2026` : first);
}

function propertyView(context: DocsContext, page: string, cls: ClassModel, p: PropertyModel): PropertyView {
  return {
    name: escapeInline(p.name),
    dataType: dataTypeOf(context, page, cls, p),
    access: isSet(p.qualifiers, "write") ? "Read/write" : "Read-only",
    qualifiers: qualifierSummary(p),
    description: propertyDescription(context, cls, p),
    inherited: inheritedSentence(context, page, cls, p, p.kind),
    values: valueItems(p.valueMap),
    notes: notesOf(context.memberOverlay(cls, [p.name])),
  };
}

function methodRow(context: DocsContext, page: string, cls: ClassModel, m: MethodModel): MethodRow {
  const declarer = context.methodDeclarer(cls, m.name) ?? cls;
  const href = relativeLink(page, context.methodPage(declarer, m.name));
  const description = context.description(declarer, m.qualifiers, m.name);
  return { link: `[${escapeInline(m.name)}](${href})`, description: escapeCell(firstSentenceOf(description)) };
}

export function classPageView(context: DocsContext, cls: ClassModel): ClassPageView {
  const page = context.classPage(cls);
  const overlay = context.overlay(cls.namespace, [cls.name]);
  const superclass = context.superclassOf(cls);
  const kind = cls.association ? "association" : cls.indication ? "indication" : "class";
  const deprecated = findQualifier(cls.qualifiers, "deprecated");
  const description = context.paragraphs(context.description(cls, cls.qualifiers));
  return {
    generatedNote: generatedNote(mofFileOf(cls)),
    name: escapeInline(cls.name),
    kind,
    namespace: escapeInline(windowsNamespace(cls.namespace)),
    description: deprecated === undefined ? description : `${description}\n\n**Deprecated.**`.trim(),
    syntax: codeBlock(classSyntax(cls), "mof"),
    methods: sortedByName(cls.methods).map((m) => methodRow(context, page, cls, m)),
    properties: sortedByName(cls.properties).map((p) => propertyView(context, page, cls, p)),
    notes: notesOf(overlay),
    examples: examplesOf(overlay),
    requirements: requirementRows(cls, context.requirements(overlay)),
    seeAlso: superclass === undefined ? [] : [context.classLink(page, superclass.name, cls.namespace)],
    hierarchy: hierarchyDiagram(context, cls),
    origins: originRows(context, page, cls),
    qualifiers: qualifierRows(cls, context.valueCells),
    indexLink: relativeLink(page, `${page.slice(0, page.indexOf("/"))}/README.md`),
  };
}
