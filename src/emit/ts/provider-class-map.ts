import type { ClassModel, NamespaceModel } from "../../model/types.js";
import type { GeneratedFile, TypeScriptOptions } from "./generated-file.js";
import { docComment } from "./jsdoc.js";
import { headerComment } from "./print.js";
import { providerMethods, providerModule } from "./provider-members.js";
import { classModulePath, classSymbol, namespaceDir, providersFolder } from "./symbols.js";
import { memberKey } from "./type-text.js";

/** The name of the class map type; its module is `<nsdir>/providers/class-map.ts`, which no class module can be. */
export const classMapSymbol = "ClassMap";

export function classMapPath(ns: NamespaceModel): string {
  const dir = namespaceDir(ns.name);
  return dir === "" ? `${providersFolder}/class-map.ts` : `${dir}/${providersFolder}/class-map.ts`;
}

/**
 * The types of a namespace's provider classes, keyed by MOF name: `{ Msvm_Foo: { instance: Msvm_Foo; methods: {
 * Bar: { in: Msvm_Foo_Bar_In; out: Msvm_Foo_Bar_Out } } } }`. `new ProviderHost<ClassMap>()` reads it to type
 * `invokeMethod`, `enumerateInstances` and `getInstance` end to end. A type alias, not an interface, so that it
 * meets the index signature of the runtime's `ProviderClassMap`.
 */
export function emitClassMap(
  ns: NamespaceModel,
  classes: readonly ClassModel[],
  options: TypeScriptOptions,
  classSymbols: ReadonlySet<string>,
): GeneratedFile {
  const header = headerComment(`the provider classes of namespace ${ns.name} (their class map).`);
  const module = providerModule(classMapPath(ns), header, classMapSymbol, options, classSymbols);
  // Imports are resolved here, before printing, so that the import declarations are complete when printed.
  const entries = classes.map((cls) => ({
    key: memberKey(cls.name),
    instance: module.import(classModulePath(cls), classSymbol(cls)),
    methods: providerMethods(cls, ns).map((m) => ({
      key: memberKey(m.method.name),
      input: module.import(classModulePath(m.declaringClass), m.inputSymbol),
      output: module.import(classModulePath(m.declaringClass), m.outputSymbol),
    })),
  }));
  // Text, as the other data literals (`RawStatement`): a type of nested object literals, one member a line.
  const lines = docComment({
    notes: [
      `The classes of namespace ${ns.name} that have providers, keyed by MOF name, with the types of their`,
      "instances and of each method's input and output: `new ProviderHost<ClassMap>()` is typed end to end.",
    ],
  });
  lines.push(`export type ${classMapSymbol} = {`);
  for (const entry of entries) {
    lines.push(`  ${entry.key}: {`, `    instance: ${entry.instance};`);
    if (entry.methods.length === 0) lines.push("    methods: {};");
    else {
      lines.push("    methods: {");
      for (const m of entry.methods) lines.push(`      ${m.key}: { in: ${m.input}; out: ${m.output} };`);
      lines.push("    };");
    }
    lines.push("  };");
  }
  lines.push("};");
  module.add({ kind: "raw", lines });
  return module.file();
}
