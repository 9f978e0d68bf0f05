import { randomUUID } from "node:crypto";
import { CimError, CimStatus } from "../values/cim-error.js";
import { Cursor } from "./cursor.js";
import type { Results } from "./results.js";

/**
 * The open enumerations of both protocols: CIM-XML's pull operations (DSP0200 §5.3.2.16-24) and WS-Management's
 * Enumerate/Pull/Release (DSP0226 §8), one pool per server so one bound covers both. Each holds the results not yet
 * pulled (an array, or a provider's stream read a batch at a time: `cursor.ts`), in the namespace it was opened in,
 * until it is pulled to the end, closed, or its OperationTimeout passes without a pull; a stream is then stopped (its
 * `return()`). Their number is bounded (CIM_ERR_SERVER_LIMITS_EXCEEDED past it), and so is their life, so clients
 * that open and walk away cannot fill the server's memory.
 */
export interface EnumerationLimits {
  /** Most open enumerations at once. */
  readonly maxOpen: number;
  /** OperationTimeout when the client gives none, and the most it may ask for (seconds). */
  readonly defaultTimeoutSeconds: number;
  readonly maxTimeoutSeconds: number;
  /** Most objects one Open or Pull returns, whatever MaxObjectCount asks. */
  readonly maxObjectCount: number;
  /** Most objects an operation that answers at once (EnumerateInstances, ExecQuery) gathers: `results.ts` collect. */
  readonly maxResultCount: number;
}

/**
 * What an enumeration hands out, and so which Pull may continue it: instances with paths (PullInstancesWithPath),
 * paths (PullInstancePaths), or a query's rows (PullInstances). Another Pull is CIM_ERR_INVALID_ENUMERATION_CONTEXT.
 */
export type EnumerationKind = "instances" | "paths" | "rows";

interface Enumeration<T> {
  readonly kind: EnumerationKind;
  readonly namespace: string;
  readonly cursor: Cursor<T>;
  readonly timeoutMs: number;
  expiresAt: number;
  /** The pulls of this context, one after the other (a stream is read by one at a time); close waits for them. */
  turn: Promise<unknown>;
  /** A pull is reading: the context does not expire under it. */
  busy: boolean;
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

  /**
   * Open an enumeration over `results` and take the first batch; the context is kept only when items remain. A
   * streamed result is read one item past the batch, to know whether it is the last; `fit` as for `pull`.
   */
  async open<T>(
    kind: EnumerationKind,
    namespace: string,
    results: Results<T>,
    timeoutSeconds: number,
    max: number | undefined,
    /** Keep a context even when the first batch takes every item (WS-Enumeration answers an Enumerate with one). */
    keepEmpty = false,
    fit?: (items: readonly T[]) => number,
  ) {
    this.#sweep();
    const count = this.#count(max ?? 0);
    const cursor = new Cursor(results);
    // An empty first batch that keeps its context reads nothing: the provider starts at the first Pull.
    let batch: { items: T[]; end: boolean } = { items: [], end: false };
    try {
      if (!(keepEmpty && count === 0)) batch = await cursor.take(count, fit);
    } catch (error) {
      await cursor.close(); // no context will hold it
      throw error;
    }
    if (batch.end) return { context: "", items: batch.items, endOfSequence: true };
    this.#sweep();
    if (this.#open.size >= this.limits.maxOpen) {
      await cursor.close();
      throw new CimError(
        CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED,
        `${this.limits.maxOpen} enumerations are open already; pull them to the end or close them`,
      );
    }
    const timeoutMs = timeoutSeconds * 1000;
    const id = randomUUID();
    const expiresAt = this.now() + timeoutMs;
    this.#open.set(id, { kind, namespace, cursor, timeoutMs, expiresAt, turn: Promise.resolve(), busy: false });
    return { context: id, items: batch.items, endOfSequence: false };
  }

  /**
   * The next batch of an open enumeration; at the end the context is closed. `fit`, given the batch, says how many of
   * its items the answer can hold (WS-Management's MaxEnvelopeSize); the others stay for the next pull. A stream that
   * fails midway closes the context, and its error is the pull's.
   */
  pull<T>(id: string, kind: EnumerationKind, namespace: string, max: number, fit?: (items: readonly T[]) => number) {
    const enumeration = this.#find(id, kind, namespace) as Enumeration<T>;
    const count = this.#count(max);
    const step = async () => {
      // Closed, ended or failed while this pull waited for the one before it.
      if (this.#open.get(id) !== enumeration) throw notOpen(id);
      enumeration.busy = true;
      try {
        const batch = await enumeration.cursor.take(count, fit);
        if (batch.end) this.#open.delete(id);
        return { context: id, items: batch.items, endOfSequence: batch.end };
      } catch (error) {
        // A failed stream ends the enumeration; a batch that does not fit (EncodingLimit) stays for the next pull.
        if (enumeration.cursor.failed) {
          this.#open.delete(id);
          await enumeration.cursor.close();
        }
        throw error;
      } finally {
        enumeration.busy = false;
        enumeration.expiresAt = this.now() + enumeration.timeoutMs;
      }
    };
    const result = enumeration.turn.then(step);
    enumeration.turn = result.catch(() => {});
    return result;
  }

  /** How many items remain to be pulled (EnumerationCount); the context's timer is not reset by asking. */
  remaining(id: string, namespace: string): number | undefined {
    return this.#find(id, undefined, namespace).cursor.remaining;
  }

  /** Close a context: after any pull in progress, its stream is stopped (the provider's finally blocks run). */
  async close(id: string, namespace: string): Promise<void> {
    const enumeration = this.#find(id, undefined, namespace);
    this.#open.delete(id);
    await enumeration.turn;
    await enumeration.cursor.close();
  }

  /** Stop the sweeper and every enumeration (the server is closing). */
  dispose(): void {
    clearInterval(this.#sweeper);
    for (const enumeration of this.#open.values()) void enumeration.turn.then(() => enumeration.cursor.close());
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
      throw notOpen(id);
    return enumeration;
  }

  #sweep(): void {
    const now = this.now();
    for (const [id, enumeration] of this.#open)
      if (enumeration.expiresAt <= now && !enumeration.busy) {
        this.#open.delete(id);
        void enumeration.cursor.close();
      }
  }
}

function notOpen(id: string): CimError {
  return new CimError(
    CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT,
    `enumeration context ${JSON.stringify(id.slice(0, 64))} is not open (unknown, ended, closed or timed out)`,
  );
}
