import type {
  ClassDeclaration,
  InstanceDeclaration,
  PragmaDirective,
  Production,
  QualifierTypeDeclaration,
} from "../ast/nodes.js";
import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ParsedFile, Program } from "../program/program.js";
import { canonicalNamespaceNames, namespaceKey, resolveNamespace } from "./namespaces.js";
import { fold } from "./types.js";

/** The declarations of one namespace, in compilation order, before any resolution. */
export interface RawNamespace {
  readonly name: string;
  readonly classes: ClassDeclaration[];
  readonly qualifierTypes: QualifierTypeDeclaration[];
  readonly instances: InstanceDeclaration[];
}

export interface Collected {
  readonly namespaces: Map<string, RawNamespace>;
  readonly diagnostics: Diagnostic[];
}

/**
 * Walk the program in compilation order (each root, its includes expanded where they stand, each file once)
 * and sort the declarations into namespaces, applying the pragmas that change what is compiled:
 * `namespace` (absolute or relative, scoped to the file and what it includes) and `deleteclass`.
 */
export function collect(program: Program, defaultNamespace: string): Collected {
  const namespaces = new Map<string, RawNamespace>();
  const diagnostics: Diagnostic[] = [];
  const visited = new Set<ParsedFile>();

  const spellings = new Set<string>();
  const space = (name: string): RawNamespace => {
    spellings.add(name);
    const key = namespaceKey(name);
    let ns = namespaces.get(key);
    if (ns === undefined) {
      ns = { name, classes: [], qualifierTypes: [], instances: [] };
      namespaces.set(key, ns);
    }
    return ns;
  };

  const walk = (file: ParsedFile, inherited: string): void => {
    if (visited.has(file)) return;
    visited.add(file);
    let current = inherited;
    const edges = [...file.includes];
    const includesBefore = (offset: number) => {
      while (edges.length > 0 && (edges[0] as (typeof edges)[0]).at.start < offset) {
        walk((edges.shift() as (typeof edges)[0]).file, current);
      }
    };
    for (const p of file.ast.productions) {
      includesBefore(p.span.start);
      if (p.kind === "pragma") {
        current = pragma(p, current, (name) => namespaces.get(namespaceKey(name)), diagnostics);
        // A `#pragma include` brings its file in right here, under the namespace in force.
        includesBefore(p.span.end);
      } else add(p, space(current));
    }
    includesBefore(Number.POSITIVE_INFINITY);
  };

  for (const root of program.roots) walk(root, defaultNamespace);
  // Files reached only through includes of files that were themselves not roots (cannot happen today),
  // and any file the roots did not reach, are still compiled, so that nothing parsed is silently ignored.
  for (const file of program.files) walk(file, defaultNamespace);
  const spelled = canonicalNamespaceNames(spellings);
  for (const [key, ns] of namespaces)
    if (spelled(ns.name) !== ns.name) namespaces.set(key, { ...ns, name: spelled(ns.name) });
  return { namespaces, diagnostics };
}

function add(p: Exclude<Production, PragmaDirective>, ns: RawNamespace): void {
  if (p.kind === "class") ns.classes.push(p);
  else if (p.kind === "instance") ns.instances.push(p);
  else ns.qualifierTypes.push(p);
}

function pragma(
  p: PragmaDirective,
  current: string,
  existing: (name: string) => RawNamespace | undefined,
  diagnostics: Diagnostic[],
): string {
  const name = p.name.name.toLowerCase();
  const first = p.arguments[0];
  if (name === "namespace" && first?.kind === "string") return resolveNamespace(first.value, current);
  if (name === "deleteclass" && first?.kind === "string") {
    const ns = existing(current) ?? { name: current, classes: [], qualifierTypes: [], instances: [] };
    const before = ns.classes.length;
    const target = fold(first.value);
    const kept = ns.classes.filter((c) => fold(c.name.name) !== target);
    ns.classes.splice(0, ns.classes.length, ...kept);
    const second = p.arguments[1];
    const noFail = second?.kind === "identifier" && second.name.toLowerCase() === "nofail";
    // mofgen compiles into an empty repository: a class deleted before it is declared is only worth a
    // warning (a real repository may hold it), and none at all with NOFAIL.
    if (kept.length === before && !noFail) {
      diagnostics.push(diag(Diagnostics.DeleteUnknownClass, first.span, first.value));
    }
  }
  return current;
}
