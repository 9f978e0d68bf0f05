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
  const deletions = new Deletions();

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
        current = pragma(p, current, (name) => namespaces.get(namespaceKey(name)), deletions, diagnostics);
        // A `#pragma include` brings its file in right here, under the namespace in force.
        includesBefore(p.span.end);
      } else add(p, space(current), deletions);
    }
    includesBefore(Number.POSITIVE_INFINITY);
  };

  for (const root of program.roots) walk(root, defaultNamespace);
  // Files reached only through includes of files that were themselves not roots (cannot happen today),
  // and any file the roots did not reach, are still compiled, so that nothing parsed is silently ignored.
  for (const file of program.files) walk(file, defaultNamespace);
  deletions.apply();
  const spelled = canonicalNamespaceNames(spellings);
  for (const [key, ns] of namespaces)
    if (spelled(ns.name) !== ns.name) namespaces.set(key, { ...ns, name: spelled(ns.name) });
  return { namespaces, diagnostics };
}

function add(p: Exclude<Production, PragmaDirective>, ns: RawNamespace, deletions: Deletions): void {
  if (p.kind === "class") deletions.declared(ns, p);
  else if (p.kind === "instance") ns.instances.push(p);
  else ns.qualifierTypes.push(p);
}

/**
 * `#pragma deleteclass` removes the classes of a name declared so far. Filtering the namespace's classes per
 * pragma made n pragmas over n classes quadratic (40,000 took 84 s); instead the places of each name are
 * indexed as classes are declared, a pragma marks the places it deletes, and each namespace is compacted once.
 */
class Deletions {
  private readonly spaces = new Map<RawNamespace, { byName: Map<string, number[]>; deleted: Set<number> }>();

  declared(ns: RawNamespace, decl: ClassDeclaration): void {
    const { byName } = this.of(ns);
    const key = fold(decl.name.name);
    const places = byName.get(key);
    if (places === undefined) byName.set(key, [ns.classes.length]);
    else places.push(ns.classes.length);
    ns.classes.push(decl);
  }

  /** Delete the classes of that name declared so far in `ns`; false when there were none. */
  delete(ns: RawNamespace | undefined, name: string): boolean {
    if (ns === undefined) return false;
    const { byName, deleted } = this.of(ns);
    const key = fold(name);
    const places = byName.get(key);
    if (places === undefined) return false;
    byName.delete(key);
    for (const i of places) deleted.add(i);
    return true;
  }

  /** Remove the deleted classes from their namespaces, keeping the order of the others. */
  apply(): void {
    for (const [ns, { deleted }] of this.spaces) {
      if (deleted.size === 0) continue;
      let kept = 0;
      ns.classes.forEach((c, i) => {
        if (!deleted.has(i)) ns.classes[kept++] = c;
      });
      ns.classes.length = kept;
    }
  }

  private of(ns: RawNamespace) {
    let space = this.spaces.get(ns);
    if (space === undefined) {
      space = { byName: new Map(), deleted: new Set() };
      this.spaces.set(ns, space);
    }
    return space;
  }
}

function pragma(
  p: PragmaDirective,
  current: string,
  existing: (name: string) => RawNamespace | undefined,
  deletions: Deletions,
  diagnostics: Diagnostic[],
): string {
  const name = fold(p.name.name);
  const first = p.arguments[0];
  if (name === "namespace" && first?.kind === "string") return resolveNamespace(first.value, current);
  if (name === "deleteclass" && first?.kind === "string") {
    const found = deletions.delete(existing(current), first.value);
    const second = p.arguments[1];
    const noFail = second?.kind === "identifier" && fold(second.name) === "nofail";
    // mofgen compiles into an empty repository: a class deleted before it is declared is only worth a
    // warning (a real repository may hold it), and none at all with NOFAIL.
    if (!found && !noFail) {
      diagnostics.push(diag(Diagnostics.DeleteUnknownClass, first.span, first.value));
    }
  }
  return current;
}
