/**
 * Fan out to many hosts with at most `limit` calls in flight: WinRM allows a user few concurrent operations
 * (15 by default on Server 2008/2012, a `w:InternalError` quota fault past it) and every call holds a socket, so
 * `Promise.all` over a thousand hosts is the wrong tool. Results come back in the order of `items`, settled (a host
 * that fails does not lose the others' answers). An aborted signal stops starting new calls; those not started
 * are rejected with its reason.
 */
export async function mapWithConcurrency<T, R>(
  items: Iterable<T>,
  limit: number,
  call: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<PromiseSettledResult<R>[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit ${limit} is not a positive integer`);
  const list = [...items];
  const results: PromiseSettledResult<R>[] = new Array(list.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= list.length) return;
      if (signal?.aborted) {
        results[index] = { status: "rejected", reason: signal.reason };
        continue;
      }
      try {
        results[index] = { status: "fulfilled", value: await call(list[index] as T, index) };
      } catch (reason) {
        results[index] = { status: "rejected", reason };
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.min(limit, list.length); i++) workers.push(worker());
  await Promise.all(workers);
  return results;
}
