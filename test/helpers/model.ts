import { type CompileSettings, compileText as compileMofText } from "../../src/compile.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { ClassModel, NamespaceModel, SchemaModel } from "../../src/model/types.js";
import { fold } from "../../src/model/types.js";
import { where } from "./parse.js";

export { where };

export interface Compiled {
  readonly schema: SchemaModel;
  /** Diagnostics of the parser and of the model, in source order. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Parse and resolve one in-memory file ("test.mof"); `dialect` defaults to WMI, as in the compiler. */
export function compileText(text: string, settings: CompileSettings = {}): Compiled {
  return compileMofText(text, { ...settings, path: "test.mof" });
}

/** `line:column CODE severity` of every diagnostic except infos, in source order. */
export function findings(compiled: Compiled): string[] {
  return compiled.diagnostics.filter((d) => d.severity !== "info").map((d) => `${where(d)} ${d.severity}`);
}

/** The namespace of that name (default `root/cimv2`); fails the test when it is missing. */
export function namespaceOf(compiled: Compiled, name = "root/cimv2"): NamespaceModel {
  const ns = compiled.schema.namespaceByName.get(name.toLowerCase());
  if (ns === undefined) {
    const known = compiled.schema.namespaces.map((n) => n.name).join(", ");
    throw new Error(`namespace ${name} not in the model (has: ${known})`);
  }
  return ns;
}

/** The class of that name in a namespace (default `root/cimv2`); fails the test when it is missing. */
export function classOf(compiled: Compiled, name: string, namespace = "root/cimv2"): ClassModel {
  const cls = namespaceOf(compiled, namespace).classByName.get(fold(name));
  if (cls === undefined) throw new Error(`class ${name} not in namespace ${namespace}`);
  return cls;
}
