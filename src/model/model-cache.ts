import type { ClassDeclaration } from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { appendAll } from "../util/arrays.js";
import { sameQualifierShape } from "./qualifiers.js";
import { identicalValue } from "./same-value.js";
import type { ClassModel, QualifierType } from "./types.js";

/**
 * One lookup that resolving a class made beyond its own declaration, with what it gave. A class is resolved from
 * its declaration and these alone (the dialect, the options and its namespace's name are the cache's key), so
 * while each gives the same again its model and diagnostics are the ones a fresh resolve would make.
 */
export type ClassRead =
  /** Another class resolved (the superclass, a class on another namespace's side): its model's token. */
  | { readonly kind: "class"; readonly name: string; readonly token: object | undefined }
  /** Whether a class name is known (referenced, embedded or named classes). */
  | { readonly kind: "has"; readonly name: string; readonly result: boolean }
  /** A subclass test (an overriding reference's class against the overridden one's). */
  | { readonly kind: "isA"; readonly name: string; readonly ancestor: string; readonly result: boolean | undefined }
  /** The qualifier type a written qualifier was typed by. */
  | { readonly kind: "qualifier"; readonly name: string; readonly type: QualifierType | undefined };

/** A resolved class as the cache keeps it. */
interface ClassEntry {
  readonly model: ClassModel;
  /** The class has an ancestor that is not defined in the compilation (see `ClassResolver.inheritsUnknown`). */
  readonly open: boolean;
  readonly reads: readonly ClassRead[];
  /** What resolving the class itself reported (not what resolving the classes it read reported). */
  readonly diagnostics: readonly Diagnostic[];
  /** Stands for the model in the reads of other classes: kept while the entry is reused, new when rebuilt. */
  readonly token: object;
}

/**
 * Resolved classes of the last `resolveSchema` that was given this cache, for a resident session (watch mode, an
 * editor): the next resolve reuses the model of each class whose declaration is the same tree object (the parse
 * cache and splice parsing keep unchanged declarations' trees) and whose reads (`ClassRead`) give the same again,
 * and resolves the rest, which are the edited declarations, their subclasses and the classes that read them.
 *
 * It never changes a result: the schema and diagnostics are those of a resolve without it (an inheritance cycle
 * anywhere makes the resolve start again without it, since a cycle is reported where resolution first meets it).
 * Only the last resolve's classes are kept, so memory stays that of one schema. Safe to drop at any time.
 */
export class ModelCache {
  #key: string | undefined;
  #previous = new Map<string, Map<ClassDeclaration, ClassEntry>>();
  #counts = { reused: 0, resolved: 0 };

  /** Start a resolve under `key` (dialect and options): a different key than last time reuses nothing. */
  begin(key: string): ModelCacheRun {
    if (key !== this.#key) this.#previous.clear();
    this.#key = key;
    return new ModelCacheRun(this.#previous, (next, counts) => {
      this.#previous = next;
      this.#counts.reused += counts.reused;
      this.#counts.resolved += counts.resolved;
    });
  }

  /** Forget everything (the next resolve resolves every class). */
  clear(): void {
    this.#previous.clear();
    this.#key = undefined;
  }

  /** Classes reused and resolved since the last call (a session's statistics). */
  takeCounts(): { reused: number; resolved: number } {
    const counts = this.#counts;
    this.#counts = { reused: 0, resolved: 0 };
    return counts;
  }
}

interface Frame {
  /** The resolver whose class this is: reads are noted by the resolver that makes them, for its own class. */
  readonly owner: object;
  /** Where the class's diagnostics start in the shared list; `children` are the ranges of classes it resolved. */
  readonly start: number;
  readonly children: number[];
  readonly reads: Map<string, ClassRead>;
  /** Qualifier reads, by folded name: the most frequent by far (several per element), so keyed without a prefix. */
  readonly qualifierReads: Map<string, ClassRead>;
  recording: boolean;
  /** Read something the reads cannot describe (an inline instance value): resolved again every time. */
  volatile: boolean;
}

/** One resolve's use of the cache: the stack of classes being resolved, and the entries for the next resolve. */
export class ModelCacheRun {
  readonly #frames: Frame[] = [];
  readonly #next = new Map<string, Map<ClassDeclaration, ClassEntry>>();
  readonly #tokens = new Map<ClassModel, object>();
  #cycle = false;
  #counts = { reused: 0, resolved: 0 };

  constructor(
    private readonly previous: ReadonlyMap<string, ReadonlyMap<ClassDeclaration, ClassEntry>>,
    private readonly commit: (
      next: Map<string, Map<ClassDeclaration, ClassEntry>>,
      counts: { reused: number; resolved: number },
    ) => void,
  ) {}

  /** The resolve's list of diagnostics, which every class reports into (a class's own lie between its frame's ends). */
  private diagnostics: Diagnostic[] = [];

  useDiagnostics(list: Diagnostic[]): void {
    this.diagnostics = list;
  }

  /** What stands for a resolved class in reads: its entry's token, or the model itself when it has no entry. */
  tokenOf(model: ClassModel | undefined): object | undefined {
    return model === undefined ? undefined : (this.#tokens.get(model) ?? model);
  }

  /** The last resolve's entry for this declaration in this namespace. */
  previousEntry(namespace: string, decl: ClassDeclaration): ClassEntry | undefined {
    return this.previous.get(namespace)?.get(decl);
  }

  /** A class starts resolving (reads are not noted until `record`: first its entry's reads are checked). */
  enter(owner: object): void {
    this.#frames.push({
      owner,
      start: this.diagnostics.length,
      children: [],
      reads: new Map(),
      qualifierReads: new Map(),
      recording: false,
      volatile: false,
    });
  }

  /** The class is resolved afresh: note its reads from here on. */
  record(): void {
    const top = this.#frames[this.#frames.length - 1];
    if (top !== undefined) top.recording = true;
  }

  /** Whether reads by `owner` are noted now (asked first, so that checking an entry's reads makes no garbage). */
  recording(owner: object): boolean {
    const top = this.#frames[this.#frames.length - 1];
    return top !== undefined && top.owner === owner && top.recording;
  }

  /** A read made by `owner` while resolving its class (ignored for lookups on another resolver's behalf). */
  note(owner: object, key: string, read: ClassRead): void {
    const top = this.#frames[this.#frames.length - 1];
    if (top !== undefined && top.owner === owner && top.recording && !top.reads.has(key)) top.reads.set(key, read);
  }

  /** A qualifier lookup by `owner`'s scope while resolving its class (`key`: the folded name). */
  noteQualifier(owner: object, key: string, name: string, type: QualifierType | undefined): void {
    const top = this.#frames[this.#frames.length - 1];
    if (top === undefined || top.owner !== owner || !top.recording || top.qualifierReads.has(key)) return;
    top.qualifierReads.set(key, { kind: "qualifier", name, type });
  }

  /** The class being resolved read something that is not a `ClassRead`: it is not kept. */
  volatile(): void {
    const top = this.#frames[this.#frames.length - 1];
    if (top !== undefined) top.volatile = true;
  }

  /** An inheritance cycle was met: nothing of this resolve is kept, and a resolve that reused must start again. */
  cycle(): void {
    this.#cycle = true;
  }

  get sawCycle(): boolean {
    return this.#cycle;
  }

  get reusedAny(): boolean {
    return this.#counts.reused > 0;
  }

  /** Reuse an entry: its diagnostics are reported again, and a model a localisation amended is copied bare. */
  reuse(entry: ClassEntry): ClassModel {
    appendAll(this.diagnostics, entry.diagnostics);
    return entry.model.amendments.length === 0 ? entry.model : { ...entry.model, amendments: [] };
  }

  /**
   * A class is resolved (`model`, undefined in a cycle), afresh or from `reused`: keep its entry for the next
   * resolve, and tell the class that resolved it (if any) where its diagnostics lie.
   */
  exit(namespace: string, decl: ClassDeclaration, model: ClassModel | undefined, open: boolean, reused?: ClassEntry) {
    const frame = this.#frames.pop() as Frame;
    const end = this.diagnostics.length;
    const parent = this.#frames[this.#frames.length - 1];
    if (parent !== undefined) parent.children.push(frame.start, end);
    if (model === undefined || frame.volatile) return;
    if (reused !== undefined) this.#counts.reused++;
    else this.#counts.resolved++;
    const entry: ClassEntry =
      reused !== undefined
        ? reused.model === model
          ? reused
          : { ...reused, model }
        : { model, open, reads: readsOf(frame), diagnostics: this.ownDiagnostics(frame, end), token: {} };
    this.#tokens.set(model, entry.token);
    let table = this.#next.get(namespace);
    if (table === undefined) {
      table = new Map();
      this.#next.set(namespace, table);
    }
    table.set(decl, entry);
  }

  /** The diagnostics reported between the frame's start and `end`, less those of the classes it resolved. */
  private ownDiagnostics(frame: Frame, end: number): Diagnostic[] {
    const own: Diagnostic[] = [];
    let at = frame.start;
    const ranges = frame.children;
    for (let i = 0; i < ranges.length; i += 2) {
      const from = ranges[i] as number;
      for (; at < from; at++) own.push(this.diagnostics[at] as Diagnostic);
      at = ranges[i + 1] as number;
    }
    for (; at < end; at++) own.push(this.diagnostics[at] as Diagnostic);
    return own;
  }

  /** The resolve is done: keep its entries for the next (none after a cycle). */
  finish(): void {
    this.commit(this.#cycle ? new Map() : this.#next, this.#counts);
  }
}

function readsOf(frame: Frame): ClassRead[] {
  const reads: ClassRead[] = [];
  for (const read of frame.reads.values()) reads.push(read);
  for (const read of frame.qualifierReads.values()) reads.push(read);
  return reads;
}

/**
 * Whether a qualifier gets the same from two qualifier types: equal in everything a qualifier value is made of
 * (the declaration's place is not). Declared types are made again by each resolve, and built-in ones by each
 * namespace, so they are compared by content; a default value is compared exactly (0x10 is not 16 here).
 */
export function sameQualifierTypeForUse(a: QualifierType | undefined, b: QualifierType | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (a.name !== b.name || a.origin !== b.origin || !sameQualifierShape(a, b)) return false;
  if (a.default === undefined || b.default === undefined) return a.default === b.default;
  return identicalValue(a.default, b.default);
}
