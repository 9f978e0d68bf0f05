import { randomUUID } from "node:crypto";
import { CimError, CimStatus } from "../values/cim-error.js";

/**
 * The open enumerations of both protocols: CIM-XML's pull operations (DSP0200 §5.3.2.16-24) and WS-Management's
 * Enumerate/Pull/Release (DSP0226 §8), one pool per server so one bound covers both. Each holds the results not yet pulled, in
 * the namespace it was opened in, until it is pulled to the end, closed, or its OperationTimeout passes without a
 * pull. Their number is bounded (CIM_ERR_SERVER_LIMITS_EXCEEDED past it), and so is their life, so clients that
 * open and walk away cannot fill the server's memory.
 */
export interface EnumerationLimits {
  /** Most open enumerations at once. */
  readonly maxOpen: number;
  /** OperationTimeout when the client gives none, and the most it may ask for (seconds). */
  readonly defaultTimeoutSeconds: number;
  readonly maxTimeoutSeconds: number;
  /** Most objects one Open or Pull returns, whatever MaxObjectCount asks. */
  readonly maxObjectCount: number;
}

/**
 * What an enumeration hands out, and so which Pull may continue it: instances with paths (PullInstancesWithPath),
 * paths (PullInstancePaths), or a query's rows (PullInstances). Another Pull is CIM_ERR_INVALID_ENUMERATION_CONTEXT.
 */
export type EnumerationKind = "instances" | "paths" | "rows";

interface Enumeration<T> {
  readonly kind: EnumerationKind;
  readonly namespace: string;
  readonly items: readonly T[];
  position: number;
  readonly timeoutMs: number;
  expiresAt: number;
}

export class EnumerationContexts {
  // biome-ignore lint/suspicious/noExplicitAny: the items are instances or paths, by kind
  readonly #open = new Map<string, Enumeration<any>>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(
    readonly limits: EnumerationLimits,
    readonly now: () => number = Date.now,
  ) {
    // Expired contexts are dropped on every use too; the sweep frees those nobody touches again.
    this.#sweeper = setInterval(() => this.#sweep(), 1000).unref();
  }

  get size(): number {
    this.#sweep();
    return this.#open.size;
  }

  /** The OperationTimeout a request asks for, checked (seconds). */
  timeout(requested: number | undefined): number {
    if (requested === undefined) return this.limits.defaultTimeoutSeconds;
    if (requested === 0 || requested > this.limits.maxTimeoutSeconds)
      throw new CimError(
        CimStatus.CIM_ERR_INVALID_OPERATION_TIMEOUT,
        `OperationTimeout ${requested}: this server keeps an enumeration open from 1 to ${this.limits.maxTimeoutSeconds} seconds`,
      );
    return requested;
  }

  /** Open an enumeration over `items` and take the first batch; the context is kept only when items remain. */
  open<T>(
    kind: EnumerationKind,
    namespace: string,
    items: readonly T[],
    timeoutSeconds: number,
    max: number | undefined,
    /** Keep a context even when the first batch takes every item (WS-Enumeration answers an Enumerate with one). */
    keepEmpty = false,
  ) {
    this.#sweep();
    const count = this.#count(max ?? 0);
    if (count >= items.length && !(keepEmpty && count === 0)) return { context: "", items, endOfSequence: true };
    if (this.#open.size >= this.limits.maxOpen)
      throw new CimError(
        CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED,
        `${this.limits.maxOpen} enumerations are open already; pull them to the end or close them`,
      );
    const timeoutMs = timeoutSeconds * 1000;
    const id = randomUUID();
    this.#open.set(id, { kind, namespace, items, position: count, timeoutMs, expiresAt: this.now() + timeoutMs });
    return { context: id, items: items.slice(0, count), endOfSequence: false };
  }

  /**
   * The next batch of an open enumeration; at the end the context is closed. `fit`, given the batch, says how many of
   * its items the answer can hold (WS-Management's MaxEnvelopeSize); the others stay for the next pull.
   */
  pull<T>(id: string, kind: EnumerationKind, namespace: string, max: number, fit?: (items: readonly T[]) => number) {
    const enumeration = this.#find(id, kind, namespace) as Enumeration<T>;
    const count = this.#count(max);
    let items = enumeration.items.slice(enumeration.position, enumeration.position + count);
    if (fit !== undefined) items = items.slice(0, fit(items));
    enumeration.position += items.length;
    const endOfSequence = enumeration.position >= enumeration.items.length;
    if (endOfSequence) this.#open.delete(id);
    else enumeration.expiresAt = this.now() + enumeration.timeoutMs;
    return { context: id, items, endOfSequence };
  }

  /** How many items remain to be pulled (EnumerationCount); the context's timer is not reset by asking. */
  remaining(id: string, namespace: string): number {
    const enumeration = this.#find(id, undefined, namespace);
    return enumeration.items.length - enumeration.position;
  }

  close(id: string, namespace: string): void {
    this.#find(id, undefined, namespace);
    this.#open.delete(id);
  }

  /** Stop the sweeper and forget every enumeration (the server is closing). */
  dispose(): void {
    clearInterval(this.#sweeper);
    this.#open.clear();
  }

  #count(max: number): number {
    return Math.min(max, this.limits.maxObjectCount);
  }

  #find(id: string, kind: EnumerationKind | undefined, namespace: string) {
    this.#sweep();
    const enumeration = this.#open.get(id);
    if (
      enumeration === undefined ||
      enumeration.namespace !== namespace ||
      (kind !== undefined && enumeration.kind !== kind)
    )
      throw new CimError(
        CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT,
        `enumeration context ${JSON.stringify(id.slice(0, 64))} is not open (unknown, ended, closed or timed out)`,
      );
    return enumeration;
  }

  #sweep(): void {
    const now = this.now();
    for (const [id, enumeration] of this.#open) if (enumeration.expiresAt <= now) this.#open.delete(id);
  }
}
