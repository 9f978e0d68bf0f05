import type { ClassModel, MethodModel } from "../../model/types.js";
import { safeIdentifier } from "./names.js";

/**
 * The names and paths that generated modules use to find each other. The class-module emitter and the provider
 * emitter both call these, so an import in one always names what the other exports. Value-map and label names are
 * the class-module emitter's own business; it must keep them clear of the names here.
 */

/** The interface of a class, also the prefix of every symbol its module exports. */
export function classSymbol(cls: ClassModel): string {
  return safeIdentifier(cls.name);
}

/** The `ClassSchema` constant of a class (effective members, for run-time validation). */
export function schemaSymbol(cls: ClassModel): string {
  return `${classSymbol(cls)}_Schema`;
}

/** The input type of a method, declared in the module of the class that declares or overrides it. */
export function methodInputSymbol(cls: ClassModel, method: MethodModel): string {
  return `${classSymbol(cls)}_${safeIdentifier(method.name).replace(/_$/, "")}_In`;
}

/** The output type of a method (ReturnValue plus every Out parameter). */
export function methodOutputSymbol(cls: ClassModel, method: MethodModel): string {
  return `${classSymbol(cls)}_${safeIdentifier(method.name).replace(/_$/, "")}_Out`;
}

/** The always-regenerated abstract provider class of a class. */
export function providerBaseSymbol(cls: ClassModel): string {
  return `${classSymbol(cls)}ProviderBase`;
}

/** Directory of a namespace's modules: `root/virtualization/v2`; segments reduced to file-name-safe characters. */
export function namespaceDir(namespace: string): string {
  return namespace
    .split("/")
    .filter((s) => s !== "")
    .map((s) => s.replace(/[^A-Za-z0-9_.-]/g, "_").replace(/^\.+/, "_"))
    .join("/");
}

/** The module of a class under the output directory. */
export function classModulePath(cls: ClassModel): string {
  return `${namespaceDir(cls.namespace)}/${classSymbol(cls)}.ts`;
}

/** The abstract provider base of a class under the output directory. */
export function providerBasePath(cls: ClassModel): string {
  return `${namespaceDir(cls.namespace)}/providers/${classSymbol(cls)}.ts`;
}

/** The user's provider implementation of a class under the providers directory. */
export function userProviderPath(cls: ClassModel): string {
  return `${namespaceDir(cls.namespace)}/${classSymbol(cls)}.ts`;
}
