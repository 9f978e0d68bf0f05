import { CimError, CimStatus } from "../values/cim-error.js";

/**
 * The results of an enumeration as the servers handle them: an array when every provider asked returned one (as
 * before streaming, so the count stays known), or an async iterable when one streamed (`ProviderHost.instanceStream`).
 * The transformations keep arrays arrays and streams streams, one item at a time, so a streamed enumeration is never
 * held whole: a pull takes a batch from it (`cursor.ts`), and a one-answer operation collects it under a bound.
 */
export type Results<T> = readonly T[] | AsyncIterable<T>;

export function isStream<T>(results: Results<T>): results is AsyncIterable<T> {
  return !Array.isArray(results);
}

export function mapResults<T, U>(results: Results<T>, f: (item: T) => U): Results<U> {
  if (!isStream(results)) return results.map(f);
  return (async function* () {
    for await (const item of results) yield f(item);
  })();
}

export function filterResults<T>(results: Results<T>, keep: (item: T) => boolean): Results<T> {
  if (!isStream(results)) return results.filter(keep);
  return (async function* () {
    for await (const item of results) if (keep(item)) yield item;
  })();
}

/** Each item's results, in order (zero or more per item). */
export function flatMapResults<T, U>(results: Results<T>, f: (item: T) => readonly U[]): Results<U> {
  if (!isStream(results)) return results.flatMap(f);
  return (async function* () {
    for await (const item of results) yield* f(item);
  })();
}

/** Each item mapped by an async step (a GetInstance per path), one at a time; an array stays an array. */
export async function mapResultsAsync<T, U>(results: Results<T>, f: (item: T) => Promise<U>): Promise<Results<U>> {
  if (!isStream(results)) {
    const mapped: U[] = [];
    for (const item of results) mapped.push(await f(item));
    return mapped;
  }
  return (async function* () {
    for await (const item of results) yield await f(item);
  })();
}

/** One after the other; an array when all are arrays. */
export function concatResults<T>(parts: readonly Results<T>[]): Results<T> {
  if (!parts.some(isStream)) return (parts as (readonly T[])[]).flat() as T[];
  return (async function* () {
    for (const part of parts) yield* part;
  })();
}

/**
 * The whole of `results`, for an operation that answers in one message (CIM-XML's EnumerateInstances, ExecQuery):
 * past `max` items it stops reading (the stream is closed, so the provider's finally blocks run) and answers
 * CIM_ERR_SERVER_LIMITS_EXCEEDED, pointing at the pull operations, rather than hold an unbounded result.
 */
export async function collect<T>(results: Results<T>, max: number, operation: string): Promise<readonly T[]> {
  const tooMany = () =>
    new CimError(
      CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED,
      `${operation}: the result has more than ${max} items, the most this server answers at once; use the pull operations (OpenEnumerateInstances, PullInstancesWithPath)`,
    );
  if (!isStream(results)) {
    if (results.length > max) throw tooMany();
    return results;
  }
  const all: T[] = [];
  for await (const item of results) {
    if (all.length === max) throw tooMany(); // leaving the loop returns the stream
    all.push(item);
  }
  return all;
}
