import type { ClassModel, NamespaceModel } from "../../model/types.js";
import { fold } from "../../model/types.js";
import type { ClassDeclaration, Method } from "./declarations.js";
import type { GeneratedFile, TypeScriptOptions } from "./generated-file.js";
import type { GeneratedModule } from "./generated-module.js";
import { docs } from "./jsdoc.js";
import { stringLiteral } from "./names.js";
import { headerComment } from "./print.js";
import {
  notSupportedReturnValue,
  type ProviderMethod,
  parameterSummary,
  providerMethods,
  providerModule,
  userProviderSymbol,
} from "./provider-members.js";
import { classModulePath, classSymbol, providerBasePath, providerBaseSymbol, schemaSymbol } from "./symbols.js";

/**
 * The always-regenerated provider base of a class (`<nsdir>/providers/<Class>.ts`): an abstract class implementing
 * the runtime's `Provider`. It extends the runtime's `ProviderBase<C, "C">` (`AssociationProviderBase` for an
 * association), whose intrinsic operations are typed by the class's interface and answer "Not Supported", and adds
 * the class's schema, one typed member per effective method (defaults: the "Not Supported" return value, or
 * CIM_ERR_NOT_SUPPORTED) and `invokeMethod`, which dispatches a method's MOF name to its member.
 */
export function emitProviderBase(
  cls: ClassModel,
  ns: NamespaceModel,
  options: TypeScriptOptions,
  classSymbols: ReadonlySet<string>,
): GeneratedFile {
  const header = headerComment(`MOF class ${cls.name} of namespace ${cls.namespace} (its provider base).`);
  const module = providerModule(providerBasePath(cls), header, providerBaseSymbol(cls), options, classSymbols);
  const instance = module.import(classModulePath(cls), classSymbol(cls));
  const typeArguments = [instance, stringLiteral(cls.name)];
  if (cls.association)
    typeArguments.push(farEndType(cls, ns, (target) => module.import(classModulePath(target), classSymbol(target))));
  const base = module.runtime(cls.association ? "AssociationProviderBase" : "ProviderBase", false);
  const methods = providerMethods(cls, ns);
  const notSupported = () => module.runtime("notSupported", false);
  const methodContext = module.runtime("MethodContext");
  const members: Method[] = [];
  for (const m of methods) members.push(methodMember(cls, m, module, methodContext, notSupported));
  members.push(dispatch(methods, module, methodContext));

  const declaration: ClassDeclaration = {
    kind: "class",
    name: providerBaseSymbol(cls),
    isAbstract: true,
    extends: `${base}<${typeArguments.join(", ")}>`,
    implements: [module.runtime("Provider")],
    docs: docs({ notes: classNotes(cls) }),
    properties: [
      {
        name: "schema",
        hasOverrideKeyword: true,
        isReadonly: true,
        type: module.runtime("ClassSchema"),
        initializer: module.import(classModulePath(cls), schemaSymbol(cls), false),
      },
    ],
    methods: members,
  };
  module.add(declaration);
  return module.file();
}

function methodMember(
  cls: ClassModel,
  m: ProviderMethod,
  module: GeneratedModule,
  methodContext: string,
  notSupported: () => string,
): Method {
  const value = notSupportedReturnValue(m.method);
  const statement =
    value === undefined
      ? `throw ${notSupported()}(this.schema, ${stringLiteral(m.method.name)});`
      : `return { ReturnValue: ${value} };`;
  const origin = m.declaringClass === cls ? "" : ` (declared by ${m.declaringClass.name})`;
  return {
    name: m.member,
    isAsync: true,
    // The Description is left to the In/Out types and the user's stub: in the base it would only repeat them, and
    // for CIM 2.49 it was a third of the provider output.
    docs: docs({
      qualifiers: m.method.qualifiers.filter((q) => fold(q.name) === "deprecated"),
      notes: [
        `MOF: ${m.method.static ? "static " : ""}${cls.name}.${m.method.name}${origin}. ${parameterSummary(m.method)}`,
        value === undefined
          ? "Default: CIM_ERR_NOT_SUPPORTED."
          : `Default: ReturnValue ${value.replace(/n$/, "")} (Not Supported).`,
      ],
    }),
    parameters: [
      { name: "_input", type: module.import(classModulePath(m.declaringClass), m.inputSymbol) },
      { name: "_context", type: methodContext },
    ],
    returnType: `Promise<${module.import(classModulePath(m.declaringClass), m.outputSymbol)}>`,
    statements: [statement],
  };
}

/** `invokeMethod`: the MOF method name (any case, as CIM names go) to the typed member. */
function dispatch(methods: readonly ProviderMethod[], module: GeneratedModule, methodContext: string): Method {
  const notFound = module.runtime("methodNotFound", false);
  const fallback = `return Promise.reject(${notFound}(this.schema, context.methodName));`;
  // The host hands the schema's spelling of the method (`ProviderHost` finds it by `foldName`); the switch folds it
  // by the same rule as the labels, so two methods that are two MOF names (`Rän`, `RÄn`: lower-casing would join
  // them) each reach their own member.
  const cases = methods.map((m) => ({
    label: stringLiteral(fold(m.method.name)),
    call: `return this.${m.member}(input as ${module.import(classModulePath(m.declaringClass), m.inputSymbol)}, context);`,
  }));
  // Built only when there are methods: asking for `foldName` adds its import.
  const body = () => [
    `switch (${module.runtime("foldName", false)}(context.methodName)) {`,
    ...cases.flatMap((c) => [`  case ${c.label}:`, `    ${c.call}`]),
    "  default:",
    `    ${fallback}`,
    "}",
  ];
  return {
    name: "invokeMethod",
    hasOverrideKeyword: true,
    docs: docs({ notes: ["Dispatches the `ProviderHost`'s method calls to the typed members above."] }),
    parameters: [
      { name: methods.length === 0 ? "_input" : "input", type: "object" },
      { name: "context", type: methodContext },
    ],
    returnType: "Promise<object>",
    statements: methods.length === 0 ? [fallback] : body(),
  };
}

/**
 * What `associators` returns: the classes the association's references name (a far end may be a subclass, whose
 * interface extends its superclass's), or `object` when a reference names no class the namespace has.
 */
function farEndType(cls: ClassModel, ns: NamespaceModel, importClass: (target: ClassModel) => string): string {
  const targets = new Set<ClassModel>();
  for (const property of cls.properties) {
    if (property.type.kind !== "reference") continue;
    const name = property.type.className;
    const target = name === undefined ? undefined : ns.classByName.get(fold(name));
    if (target === undefined) return "object";
    targets.add(target);
  }
  // Imported only once every far end is known, so that a module never imports what it does not use.
  return targets.size === 0 ? "object" : [...targets].map(importClass).join(" | ");
}

function classNotes(cls: ClassModel): string[] {
  const superclass = cls.superclass === undefined ? "" : ` : ${cls.superclass}`;
  return [
    `The provider of ${cls.name} (namespace ${cls.namespace}), as a \`ProviderHost\` calls it.`,
    "Its typed entry points (the intrinsic operations it inherits, and one member per method) answer Not Supported",
    "until overridden.",
    `mofgen rewrites this class on every run: extend it (as \`${userProviderSymbol(cls)}\`) and override what the provider implements.`,
    "",
    `MOF: class ${cls.name}${superclass}`,
  ];
}
