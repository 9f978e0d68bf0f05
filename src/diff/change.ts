import type { Span } from "../source/span.js";
import { resolveSpan } from "../source/span.js";
import { type ChangeType, type Criticality, changeType } from "./catalog.js";

/** A place in a MOF file; `file` as the model holds it (absolute for files read from disk). */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * One difference between two schemas: what a JSON reader needs to rebuild it (GraphQL Inspector's shape).
 * `before`/`after` are MOF-like texts of what changed (a type, a label, a chain of superclasses), null on the
 * side where the element does not exist; description changes carry the whole texts.
 */
export interface Change {
  readonly type: ChangeType;
  readonly criticality: Criticality;
  readonly reason: string;
  /** The namespace of the class on the new side (the old side for removals). */
  readonly namespace: string;
  /** The class the change belongs to (as spelled on the new side when it exists); null for namespaces. */
  readonly className: string | null;
  /** `CIM_Foo`, `CIM_Foo.Bar`, `CIM_Foo.Run()`, `CIM_Foo.Run(Param)`, `CIM_Foo.Bar[ValueMap 4096]`. */
  readonly path: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly oldLocation: Location | null;
  readonly newLocation: Location | null;
}

export function location(span: Span | undefined): Location | null {
  if (span === undefined) return null;
  const r = resolveSpan(span);
  return { file: r.file, line: r.line, column: r.column };
}

/** The owner of a comparison: where its changes go. */
export interface Scope {
  readonly namespace: string;
  readonly className: string | null;
}

export interface ChangeInput {
  readonly path: string;
  readonly before?: string | null | undefined;
  readonly after?: string | null | undefined;
  readonly oldSpan?: Span | undefined;
  readonly newSpan?: Span | undefined;
}

/** Builds a change with its catalog criticality and reason. */
export function makeChange(type: ChangeType, scope: Scope, input: ChangeInput): Change {
  const entry = changeType(type);
  return {
    type,
    criticality: entry.criticality,
    reason: entry.reason,
    namespace: scope.namespace,
    className: scope.className,
    path: input.path,
    before: input.before ?? null,
    after: input.after ?? null,
    oldLocation: location(input.oldSpan),
    newLocation: location(input.newSpan),
  };
}
