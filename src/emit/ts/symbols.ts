import type { ClassModel, MethodModel } from "../../model/types.js";
import { docsFolder, portableStem } from "../file-names.js";
import { safeIdentifier } from "./names.js";

/**
 * The names and paths that generated modules use to find each other. The class-module emitter and the provider
 * emitter both call these, so an import in one always names what the other exports. Value-map and label names are
 * the class-module emitter's own business; it must keep them clear of the names here.
 */

/**
 * A MOF name as identifier characters, one-to-one: a character that cannot appear in an identifier becomes `$` and
 * its UTF-16 code in hex (`Ä` → `$00C4`). MOF names never contain `$`, so two names never give the same text, and
 * the class modules of two classes can never share a file. Real schemas are ASCII: their names come out unchanged.
 */
function encodedName(name: string): string {
  if (/^[A-Za-z0-9_]*$/.test(name)) return name;
  let out = "";
  for (let i = 0; i < name.length; i++) {
    const ch = name[i] as string;
    out += /[A-Za-z0-9_]/.test(ch) ? ch : `$${name.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return out;
}

/** The folder of a namespace's provider bases (and of its class map). */
export const providersFolder = "providers";

/** The interface of a class, also the prefix of every symbol its module exports. */
export function classSymbol(cls: ClassModel): string {
  let symbol = classSymbols.get(cls);
  if (symbol === undefined) {
    const encoded = encodedName(cls.name);
    // A reserved word (a class named `delete`) gets a `$` that no other class name can produce either.
    symbol = safeIdentifier(encoded) === encoded ? encoded : `${encoded}$`;
    classSymbols.set(cls, symbol);
  }
  return symbol;
}

/** Every module asks for the symbols of the classes it imports: worked out once per class. */
const classSymbols = new WeakMap<ClassModel, string>();

/** The method part of the method type names: `C_<method>_In`. */
function methodPart(method: MethodModel): string {
  return encodedName(method.name);
}

/** The `ClassSchema` constant of a class (declared members and a link to the superclass's, for run-time validation). */
export function schemaSymbol(cls: ClassModel): string {
  return `${classSymbol(cls)}_Schema`;
}

/** The input type of a method, declared in the module of the class that declares or overrides it. */
export function methodInputSymbol(cls: ClassModel, method: MethodModel): string {
  return `${classSymbol(cls)}_${methodPart(method)}_In`;
}

/** The output type of a method (ReturnValue plus every Out parameter). */
export function methodOutputSymbol(cls: ClassModel, method: MethodModel): string {
  return `${classSymbol(cls)}_${methodPart(method)}_Out`;
}

/** The always-regenerated abstract provider class of a class. */
export function providerBaseSymbol(cls: ClassModel): string {
  return `${classSymbol(cls)}ProviderBase`;
}

/**
 * Directory of a namespace's modules: `root/virtualization/v2`; segments encoded one-to-one like class names, then
 * made portable (`file-names.ts`). A segment named like a folder the layout reserves (`providers`, the provider
 * bases of the parent namespace; `docs`, the reference pages) gets a `$`, which no encoded name ends in, so a
 * namespace `root/a/providers` can never share a folder with the provider bases of `root/a`.
 */
export function namespaceDir(namespace: string): string {
  let dir = namespaceDirs.get(namespace);
  if (dir === undefined) {
    dir = namespace
      .split("/")
      .filter((s) => s !== "")
      .map((s) => {
        const encoded = encodedName(s);
        return reservedFolders.has(encoded.toLowerCase()) ? `${encoded}$` : portableStem(encoded);
      })
      .join("/");
    if (namespaceDirs.size < 10_000) namespaceDirs.set(namespace, dir);
  }
  return dir;
}

const reservedFolders = new Set([providersFolder, docsFolder]);
const namespaceDirs = new Map<string, string>();

/** A module's file name: the class symbol made portable (`CON` -> `CON$.ts`, a very long name shortened). */
function moduleFile(cls: ClassModel): string {
  return `${portableStem(classSymbol(cls))}.ts`;
}

/**
 * The module of a class under the output directory. Worked out once per class: every module that imports the
 * class (its subclasses, the classes that embed or reference it, its provider base) asks again.
 */
export function classModulePath(cls: ClassModel): string {
  let path = classModulePaths.get(cls);
  if (path === undefined) {
    path = `${namespaceDir(cls.namespace)}/${moduleFile(cls)}`;
    classModulePaths.set(cls, path);
  }
  return path;
}

const classModulePaths = new WeakMap<ClassModel, string>();

/** The abstract provider base of a class under the output directory. */
export function providerBasePath(cls: ClassModel): string {
  return `${namespaceDir(cls.namespace)}/${providersFolder}/${moduleFile(cls)}`;
}

/** The user's provider implementation of a class under the providers directory. */
export function userProviderPath(cls: ClassModel): string {
  return `${namespaceDir(cls.namespace)}/${moduleFile(cls)}`;
}
