import { type Dialect, defaultDialect } from "../../dialect/dialect.js";
import { stringLiteral } from "../../model/literals.js";
import type { ClassModel, NamespaceModel, SchemaModel } from "../../model/types.js";
import { fold } from "../../model/types.js";
import { classText } from "./classes.js";
import { PrintContext } from "./context.js";
import { instanceDeclarationText, instanceText } from "./instances.js";
import { qualifierTypeText } from "./qualifiers.js";

export interface MofPrintOptions {
  /**
   * The dialect the printed MOF will be compiled in (default `wmi`, as for compiling). It decides which of
   * mofgen's built-in qualifier types a qualifier falls back to, and so which flavors need writing out.
   */
  readonly dialect?: Dialect;
}

/**
 * The schema as canonical MOF: compiling the result (same dialect and options) gives the same model. Per
 * namespace, in model order: `#pragma namespace`, the declared qualifier types, the classes (a superclass
 * before its subclasses, otherwise in model order), the instances. Each element carries only what it
 * declares: inherited members and propagated qualifiers come back through inheritance. Pure and
 * deterministic; 4-space indentation; lines kept near 100 columns by splitting long strings into adjacent
 * literals and wrapping value lists.
 */
export function printMof(schema: SchemaModel, options: MofPrintOptions = {}): string {
  const dialect = options.dialect ?? defaultDialect;
  return schema.namespaces.map((ns) => namespaceText(schema, ns, dialect)).join("\n");
}

function namespaceText(schema: SchemaModel, ns: NamespaceModel, dialect: Dialect): string {
  const context: PrintContext = new PrintContext(schema, ns, dialect, (i, at) => instanceText(i, at, context));
  const blocks: string[] = [`#pragma namespace(${stringLiteral(namespacePath(ns.name))})`];
  if (ns.qualifierTypes.length > 0) blocks.push(ns.qualifierTypes.map((q) => qualifierTypeText(q, context)).join("\n"));
  for (const c of superclassesFirst(ns.classes)) blocks.push(classText(c, context));
  for (const i of ns.instances) blocks.push(instanceDeclarationText(i, context));
  return `${blocks.join("\n\n")}\n`;
}

/**
 * The namespace as an absolute path: a path that does not start with `root` would be read as a child of the
 * namespace in force, so it gets a leading `/` (`/interop`).
 */
function namespacePath(name: string): string {
  return /^root(\/|$)/i.test(name) ? name : `/${name}`;
}

/**
 * The classes with each superclass of this namespace moved before its subclasses (a stable order: a class
 * already after its superclass keeps its place). Compilers such as mofcomp need this order; mofgen does not.
 */
export function superclassesFirst(classes: readonly ClassModel[]): ClassModel[] {
  const byName = new Map(classes.map((c) => [fold(c.name), c]));
  const placed = new Set<ClassModel>();
  const ordered: ClassModel[] = [];
  for (const c of classes) {
    // Walk up to the first unplaced ancestor chain, then place it root first (no recursion: chains are
    // short, but a cycle in a broken model must not loop).
    const chain: ClassModel[] = [];
    const onChain = new Set<ClassModel>();
    for (let k: ClassModel | undefined = c; k !== undefined && !placed.has(k) && !onChain.has(k); ) {
      chain.push(k);
      onChain.add(k);
      k = k.superclass !== undefined ? byName.get(fold(k.superclass)) : undefined;
    }
    for (const k of chain.reverse()) {
      placed.add(k);
      ordered.push(k);
    }
  }
  return ordered;
}
