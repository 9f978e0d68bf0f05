import { foldName, sameName } from "../../values/cim-name.js";
import type { CimTypeName, ClassSchema, ElementSchema, ParameterSchema, PropertySchema } from "../../values/schema.js";
import type { ValueMap } from "../../values/value-map.js";
import type { XmlWriter } from "../../xml/writer.js";
import type { ServedNamespace } from "../namespace.js";
import type { IParams } from "./iparams.js";
import type { Operation } from "./operation.js";
import { iReturnValue } from "./response.js";

/**
 * The schema operations (GetClass, EnumerateClasses, EnumerateClassNames), answered from the generated schemas:
 * a `ClassSchema` holds the effective members with their types, keys, value maps and directions, which is what
 * clients read a class for. Other qualifiers (descriptions...) are not in the run-time schema and are not sent.
 */

const classParams = ["LocalOnly", "IncludeQualifiers", "IncludeClassOrigin"];

export const GetClass: Operation = {
  params: ["ClassName", "PropertyList", ...classParams],
  async run({ ns, params }) {
    const schema = ns.requireClass(params.requiredClassName("ClassName"));
    const options = classOptions(params);
    const list = params.strings("PropertyList")?.map((n) => foldName(n));
    return iReturnValue([schema], (w, s) => writeClass(w, s, { ...options, propertyList: list }));
  },
};

export const EnumerateClasses: Operation = {
  params: ["ClassName", "DeepInheritance", ...classParams],
  async run({ ns, params }) {
    const classes = classTree(ns, params.className("ClassName"), params.boolean("DeepInheritance", false));
    const options = classOptions(params);
    return iReturnValue(classes, (w, s) => writeClass(w, s, options));
  },
};

export const EnumerateClassNames: Operation = {
  params: ["ClassName", "DeepInheritance"],
  async run({ ns, params }) {
    const classes = classTree(ns, params.className("ClassName"), params.boolean("DeepInheritance", false));
    return iReturnValue(classes, (w, s) => w.leaf("CLASSNAME", { NAME: s.name }));
  },
};

/** The subclasses of `className` (the root classes when undefined); with `deep`, all descendants, parents first. */
function classTree(ns: ServedNamespace, className: string | undefined, deep: boolean): ClassSchema[] {
  const root = className === undefined ? undefined : ns.requireClass(className).name;
  const result: ClassSchema[] = [];
  const visit = (parent: string | undefined, depth: number) => {
    for (const schema of ns.subclasses(parent)) {
      result.push(schema);
      if (deep && depth < 64) visit(schema.name, depth + 1);
    }
  };
  visit(root, 0);
  return result;
}

interface ClassOptions {
  readonly localOnly: boolean;
  readonly qualifiers: boolean;
  /** CLASSORIGIN on members (DSP0200 IncludeClassOrigin, default false). */
  readonly classOrigin?: boolean;
  readonly propertyList?: readonly string[] | undefined;
}

const classOptions = (params: IParams): ClassOptions => ({
  localOnly: params.boolean("LocalOnly", true),
  qualifiers: params.boolean("IncludeQualifiers", true),
  classOrigin: params.boolean("IncludeClassOrigin", false),
});

/** CLASS: qualifiers, properties (PROPERTY, PROPERTY.ARRAY, PROPERTY.REFERENCE), methods with their parameters. */
export function writeClass(w: XmlWriter, schema: ClassSchema, options: ClassOptions): void {
  const local = (origin: string) => !options.localOnly || sameName(origin, schema.name);
  w.start("CLASS", { NAME: schema.name, SUPERCLASS: schema.superclass });
  if (options.qualifiers) {
    if (schema.abstract === true) booleanQualifier(w, "Abstract");
    if (schema.association === true) booleanQualifier(w, "Association");
  }
  for (const property of schema.properties) {
    if (!local(property.classOrigin)) continue;
    if (options.propertyList !== undefined && !options.propertyList.includes(foldName(property.name))) continue;
    writeProperty(w, schema, property, options);
  }
  for (const method of schema.methods) {
    if (!local(method.classOrigin)) continue;
    w.start("METHOD", {
      NAME: method.name,
      TYPE: method.returnType === undefined ? undefined : xmlType(method.returnType),
      CLASSORIGIN: options.classOrigin === true ? method.classOrigin : undefined,
      PROPAGATED: propagated(schema, method.classOrigin),
    });
    if (options.qualifiers) {
      if (method.static === true) booleanQualifier(w, "Static");
      if (method.returnValueMap !== undefined) valueMapQualifiers(w, method.returnValueMap);
    }
    for (const parameter of method.parameters) writeParameter(w, parameter, options.qualifiers);
    w.end();
  }
  w.end();
}

function writeProperty(w: XmlWriter, schema: ClassSchema, property: PropertySchema, options: ClassOptions): void {
  const qualifiers = options.qualifiers;
  const origin = {
    CLASSORIGIN: options.classOrigin === true ? property.classOrigin : undefined,
    PROPAGATED: propagated(schema, property.classOrigin),
  };
  if (property.type === "reference")
    w.start("PROPERTY.REFERENCE", { NAME: property.name, REFERENCECLASS: property.referenceClass, ...origin });
  else
    w.start(property.array === true ? "PROPERTY.ARRAY" : "PROPERTY", {
      NAME: property.name,
      TYPE: xmlType(property.type),
      ...origin,
      EmbeddedObject: embeddedKind(property),
    });
  if (qualifiers) {
    if (property.key === true) booleanQualifier(w, "Key");
    elementQualifiers(w, property);
  }
  w.end();
}

function writeParameter(w: XmlWriter, parameter: ParameterSchema, qualifiers: boolean): void {
  const array = parameter.array === true;
  if (parameter.type === "reference")
    w.start(array ? "PARAMETER.REFARRAY" : "PARAMETER.REFERENCE", {
      NAME: parameter.name,
      REFERENCECLASS: parameter.referenceClass,
    });
  else w.start(array ? "PARAMETER.ARRAY" : "PARAMETER", { NAME: parameter.name, TYPE: xmlType(parameter.type) });
  if (qualifiers) {
    if (parameter.in) booleanQualifier(w, "In");
    if (parameter.out) booleanQualifier(w, "Out");
    elementQualifiers(w, parameter);
  }
  w.end();
}

function elementQualifiers(w: XmlWriter, element: ElementSchema): void {
  if (element.required === true) booleanQualifier(w, "Required");
  if (element.embeddedClass !== undefined) stringQualifier(w, "EmbeddedInstance", element.embeddedClass);
  else if (element.type === "object") booleanQualifier(w, "EmbeddedObject");
  if (element.valueMap !== undefined) valueMapQualifiers(w, element.valueMap);
}

function valueMapQualifiers(w: XmlWriter, map: ValueMap): void {
  for (const [name, pick] of [
    ["ValueMap", (e: ValueMap[number]) => e.value],
    ["Values", (e: ValueMap[number]) => e.label],
  ] as const) {
    w.start("QUALIFIER", { NAME: name, TYPE: "string" }).start("VALUE.ARRAY");
    for (const entry of map) w.leaf("VALUE", {}, pick(entry));
    w.end().end();
  }
}

function booleanQualifier(w: XmlWriter, name: string): void {
  w.start("QUALIFIER", { NAME: name, TYPE: "boolean" }).leaf("VALUE", {}, "true").end();
}

function stringQualifier(w: XmlWriter, name: string, value: string): void {
  w.start("QUALIFIER", { NAME: name, TYPE: "string" }).leaf("VALUE", {}, value).end();
}

/** Embedded instances and WMI's class-typed and `object` elements travel as strings (DSP0201 EmbeddedObject). */
function xmlType(type: CimTypeName): string {
  return type === "instance" || type === "object" ? "string" : type;
}

function embeddedKind(element: ElementSchema): string | undefined {
  if (element.type === "object") return "object";
  return element.embeddedClass !== undefined || element.type === "instance" ? "instance" : undefined;
}

function propagated(schema: ClassSchema, origin: string): string {
  return sameName(origin, schema.name) ? "false" : "true";
}
