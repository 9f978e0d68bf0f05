import { isStream, type Results } from "./results.js";

/**
 * Where an open enumeration stands in its results. An array is sliced as before; a stream is read only as far as
 * the batch asked for plus one item, the one that tells whether the batch is the last (EndOfSequence must be
 * exact), so a context holds at most one batch of a streamed enumeration, never the whole result.
 */
export class Cursor<T> {
  readonly #array: readonly T[] | undefined;
  #position = 0;
  readonly #iterator: AsyncIterator<T> | undefined;
  /** Items read from the stream and not handed out yet (the read-ahead, and what `fit` left for the next batch). */
  #ahead: T[] = [];
  #finished = false;
  #failed = false;

  constructor(results: Results<T>) {
    if (isStream(results)) this.#iterator = results[Symbol.asyncIterator]();
    else this.#array = results;
  }

  /**
   * The next `count` items (or as many as remain), of which `fit` may keep fewer (the others stay for the next
   * batch), and whether none remain after them. An error of the stream passes on; the cursor is then finished.
   */
  async take(count: number, fit?: (items: readonly T[]) => number): Promise<{ items: T[]; end: boolean }> {
    if (this.#array !== undefined) {
      let items = this.#array.slice(this.#position, this.#position + count);
      if (fit !== undefined) items = items.slice(0, fit(items));
      this.#position += items.length;
      return { items, end: this.#position >= this.#array.length };
    }
    await this.#readAhead(count + 1);
    let items = this.#ahead.slice(0, count);
    if (fit !== undefined) items = items.slice(0, fit(items));
    this.#ahead.splice(0, items.length);
    return { items, end: this.#finished && this.#ahead.length === 0 };
  }

  /** The stream threw: the enumeration cannot go on. (A `fit` that throws leaves the cursor where it was.) */
  get failed(): boolean {
    return this.#failed;
  }

  /** How many items remain, when that is known: always for an array, for a stream only once it has ended. */
  get remaining(): number | undefined {
    if (this.#array !== undefined) return this.#array.length - this.#position;
    return this.#finished ? this.#ahead.length : undefined;
  }

  /** Stop reading: a stream's `return()` runs, so its provider's finally blocks do. Errors it throws are dropped. */
  async close(): Promise<void> {
    this.#ahead = [];
    if (this.#iterator === undefined || this.#finished) return;
    this.#finished = true;
    try {
      await this.#iterator.return?.();
    } catch {
      // The enumeration is over either way; a provider failing to clean up cannot change the answer.
    }
  }

  async #readAhead(wanted: number): Promise<void> {
    const iterator = this.#iterator as AsyncIterator<T>;
    while (!this.#finished && this.#ahead.length < wanted) {
      let step: IteratorResult<T>;
      try {
        step = await iterator.next();
      } catch (error) {
        this.#finished = true;
        this.#failed = true;
        throw error;
      }
      if (step.done === true) this.#finished = true;
      else this.#ahead.push(step.value);
    }
  }
}
