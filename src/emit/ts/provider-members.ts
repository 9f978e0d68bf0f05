import { isTrue } from "../../model/qualifiers.js";
import type { ClassModel, MethodModel, NamespaceModel } from "../../model/types.js";
import { fold } from "../../model/types.js";
import type { TypeScriptOptions } from "./generated-file.js";
import { GeneratedModule } from "./generated-module.js";
import { safeIdentifier, uniqueNames } from "./names.js";
import { classSymbol, methodInputSymbol, methodOutputSymbol } from "./symbols.js";

/**
 * The members of a provider base: the fixed entry points of the runtime's `Provider` contract, then one member per
 * effective method of the class. The provider base and the user's provider both read this one list, so a method
 * renamed to stay clear of an entry point (or of `Object.prototype`) has the same member name in both, and the
 * base's `invokeMethod` dispatches the MOF name to it.
 */

/**
 * Names a method member must not take: the `Provider` entry points (also on classes that are not associations, so
 * that a class becoming one renames nothing), and `Object.prototype` members, which a method would shadow.
 */
const reservedMembers = [
  "schema",
  "enumerateInstances",
  "getInstance",
  "createInstance",
  "modifyInstance",
  "deleteInstance",
  "associators",
  "references",
  "invokeMethod",
  "constructor",
  "toString",
  "toLocaleString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
];

export interface ProviderMethod {
  readonly method: MethodModel;
  /** The member of the provider classes that implements the method. */
  readonly member: string;
  /** The class that declares (or last overrides) the method: its module exports the In and Out types. */
  readonly declaringClass: ClassModel;
  readonly inputSymbol: string;
  readonly outputSymbol: string;
}

const methodsByClass = new WeakMap<ClassModel, readonly ProviderMethod[]>();

/**
 * The class's effective methods (inherited first, as the model orders them) with their member names. Computed once
 * per class: the base, the user file and the class map all read it.
 */
export function providerMethods(cls: ClassModel, ns: NamespaceModel): readonly ProviderMethod[] {
  let known = methodsByClass.get(cls);
  if (known === undefined) {
    known = computeProviderMethods(cls, ns);
    methodsByClass.set(cls, known);
  }
  return known;
}

function computeProviderMethods(cls: ClassModel, ns: NamespaceModel): ProviderMethod[] {
  const members = uniqueNames([...reservedMembers, ...cls.methods.map((m) => safeIdentifier(m.name))]).slice(
    reservedMembers.length,
  );
  return cls.methods.map((method, i) => {
    const declaringClass = ns.classByName.get(fold(method.classOrigin)) ?? cls;
    return {
      method,
      member: members[i] as string,
      declaringClass,
      inputSymbol: methodInputSymbol(declaringClass, method),
      outputSymbol: methodOutputSymbol(declaringClass, method),
    };
  });
}

/**
 * The ReturnValue a default method answers with: the value its return value map labels "Not Supported" (DSP0004
 * methods commonly use 1), as a TypeScript literal (`1`, or `1n` for a 64-bit return), or undefined when the method
 * has no such value or has a Required Out parameter, and the default throws CIM_ERR_NOT_SUPPORTED instead.
 */
export function notSupportedReturnValue(method: MethodModel): string | undefined {
  const type = method.returnType;
  if (type.kind !== "intrinsic" || !/int/.test(type.name)) return undefined;
  // A Required Out parameter must come with every answer (its Out type and the host say so), and a method that
  // does nothing has no value for it: such a method's default throws.
  if (method.parameters.some((p) => p.out && isTrue(p.qualifiers, "required"))) return undefined;
  const entry = method.valueMap?.entries.find(
    (e) => e.kind === "single" && e.lo !== undefined && e.label.trim().toLowerCase() === "not supported",
  );
  if (entry?.lo === undefined) return undefined;
  return /int64$/.test(type.name) ? `${entry.lo}n` : String(entry.lo);
}

/** The user's provider class: `<Class>Provider`, extending `<Class>ProviderBase`. */
export function userProviderSymbol(cls: ClassModel): string {
  return `${classSymbol(cls)}Provider`;
}

/** The classes that get a provider: every class that can have instances (not abstract), in the namespace's order. */
export function providerClasses(ns: NamespaceModel): ClassModel[] {
  return ns.classes.filter((c) => !c.abstract);
}

/** A one-line summary of a method's parameters for comments: `In: A, B. Out: B, Job.` */
export function parameterSummary(method: MethodModel): string {
  const list = (names: string[]) => (names.length === 0 ? "none" : names.join(", "));
  const ins = method.parameters.filter((p) => p.in).map((p) => p.name);
  const returnValue = method.returnType.kind === "void" ? [] : ["ReturnValue"];
  const outs = [...returnValue, ...method.parameters.filter((p) => p.out).map((p) => p.name)];
  return `In: ${list(ins)}. Out: ${list(outs)}.`;
}

/**
 * A provider module (a base, the class map, or a user's provider when `generatedImport` is given: the way from the
 * providers directory to the output directory). The module's own declaration is bound; a runtime import gets an
 * alias when a class of the namespace (`classSymbols`), any of which the module may import, has its name.
 */
export function providerModule(
  path: string,
  header: string,
  declared: string,
  options: TypeScriptOptions,
  classSymbols: ReadonlySet<string>,
  generatedImport?: string,
): GeneratedModule {
  return new GeneratedModule({
    path,
    owner: generatedImport === undefined ? "mofgen" : "user",
    // A blank line between the header and the imports: provider files have always been printed so.
    header: [...header.split("\n"), ""],
    runtimeImport: options.runtimeImport,
    extension: options.extension,
    declared: [declared],
    runtimeClashes: (name) => classSymbols.has(name),
    ...(generatedImport !== undefined && { generatedImport }),
  });
}
