import type { CimInstance } from "../codecs/cimxml/typed.js";
import { CimError, CimStatus } from "../values/cim-error.js";
import type { ObjectPath } from "../values/reference.js";
import { EnumerationStalledError } from "./errors.js";
import type {
  AssociationOptions,
  AssociationPullOptions,
  EnumerateOptions,
  OpenOptions,
  PageState,
  PathPage,
  PullCallOptions,
  PullOptions,
  PullPage,
  ReferencePullOptions,
  WbemOperations,
  WbemPullOperations,
} from "./operations.js";

/**
 * Pull enumeration as async iteration: open, yield the page's items, pull the next page only once the consumer
 * has used the last one up, so at most one page (MaxObjectCount items) is held at a time. Leaving the loop early
 * (break, return, throw) closes the enumeration on the server, so its context does not wait there for its timeout.
 */

/** A page of any pull operation, its items under one name. */
export interface Page<T> extends PageState {
  readonly items: readonly T[];
}

export interface PageSource<T> {
  open(maxObjectCount: number): Promise<Page<T>>;
  pull(context: string, maxObjectCount: number, options: PullCallOptions): Promise<Page<T>>;
  close(context: string, options: PullCallOptions): Promise<void>;
  /**
   * The same result from the one-answer operation (Associators, ExecQuery...), for a protocol without this pull
   * operation or a server that answers its Open with CIM_ERR_NOT_SUPPORTED (pywbem's Iter* do the same).
   */
  readonly fallback?: () => Promise<readonly T[]>;
}

/** Iterator page size when the caller gives none: pywbem's default for its Iter* methods. */
export const defaultMaxObjectCount = 1000;

/** Empty pages in a row without EndOfSequence after which an enumeration counts as stalled. */
export const maxEmptyPages = 100;

export async function* pulled<T>(
  source: PageSource<T>,
  maxObjectCount: number | undefined,
  signal: AbortSignal | undefined,
): AsyncGenerator<T, void, undefined> {
  const max = maxObjectCount ?? defaultMaxObjectCount;
  // Pages of 0 would never end: an iterator asks for at least one item a page (as pywbem's Iter* do).
  if (!Number.isInteger(max) || max < 1 || max > 0xffffffff)
    throw new RangeError(`maxObjectCount ${max} is not a page size (1 to 4294967295)`);
  let page: Page<T>;
  try {
    page = await source.open(max);
  } catch (error) {
    if (source.fallback === undefined || !(error instanceof CimError) || error.code !== CimStatus.CIM_ERR_NOT_SUPPORTED)
      throw error;
    yield* await source.fallback();
    return;
  }
  const where = (p: Page<T>): PullCallOptions => (p.namespace === undefined ? {} : { namespace: p.namespace });
  let empty = 0;
  try {
    for (;;) {
      yield* page.items;
      if (page.endOfSequence || page.context === undefined) return;
      empty = page.items.length === 0 ? empty + 1 : 0;
      if (empty >= maxEmptyPages) throw new EnumerationStalledError(empty);
      page = await source.pull(page.context, max, { ...where(page), ...(signal === undefined ? {} : { signal }) });
    }
  } finally {
    // The server may have dropped the context already (an error, a timeout): closing is best effort. After the
    // caller's signal has aborted, the close is still sent (without the signal, which would stop it before it
    // leaves) but not waited for, so the abort is not delayed by a round trip.
    if (!page.endOfSequence && page.context !== undefined) {
      const closing = source.close(page.context, where(page)).catch(() => undefined);
      if (signal?.aborted !== true) await closing;
    }
  }
}

/** The pull operations of `ops` when its protocol has them all. */
export function pullOperationsOf(ops: WbemOperations): (WbemOperations & WbemPullOperations) | undefined {
  const names: (keyof WbemPullOperations)[] = [
    "openEnumerateInstancePaths",
    "openAssociatorInstances",
    "openAssociatorInstancePaths",
    "openReferenceInstances",
    "openReferenceInstancePaths",
    "openQueryInstances",
    "pullInstancePaths",
    "pullInstances",
  ];
  const candidate = ops as WbemOperations & Partial<WbemPullOperations>;
  return names.every((n) => typeof candidate[n] === "function")
    ? (candidate as WbemOperations & WbemPullOperations)
    : undefined;
}

/** A source that has no Open at all: the fallback is the whole answer. */
export function onlyFallback<T>(fallback: () => Promise<readonly T[]>): PageSource<T> {
  return {
    open: () => Promise.reject(new CimError(CimStatus.CIM_ERR_NOT_SUPPORTED, "no pull operations")),
    pull: () => Promise.reject(new Error("unreachable")),
    close: () => Promise.resolve(),
    fallback,
  };
}

export const signalOf = (o: { readonly signal?: AbortSignal }) => (o.signal === undefined ? {} : { signal: o.signal });

/** The fallback, unless a filter was asked for: the one-answer operations cannot apply it. */
export function unlessFiltered<T>(options: OpenOptions, fallback: () => Promise<readonly T[]>) {
  return options.filterQuery === undefined && options.filterQueryLanguage === undefined ? { fallback } : {};
}

export function enumerateOptions(o: PullOptions): EnumerateOptions {
  return {
    ...(o.deepInheritance === undefined ? {} : { deepInheritance: o.deepInheritance }),
    ...(o.includeClassOrigin === undefined ? {} : { includeClassOrigin: o.includeClassOrigin }),
    ...(o.propertyList === undefined ? {} : { propertyList: o.propertyList }),
    ...signalOf(o),
  };
}

export function associationOptions(o: AssociationPullOptions & ReferencePullOptions): AssociationOptions {
  const { filterQuery, filterQueryLanguage, operationTimeout, continueOnError, maxObjectCount, ...rest } = o;
  return rest;
}

export const instancePage = (p: PullPage): Page<CimInstance> => ({ ...p, items: p.instances });
export const pathPage = (p: PathPage): Page<ObjectPath> => ({ ...p, items: p.paths });

export function instanceSource(
  pull: WbemOperations & WbemPullOperations,
  open: (max: number) => Promise<PullPage>,
  extra: Pick<PageSource<CimInstance>, "fallback">,
): PageSource<CimInstance> {
  return {
    open: async (max) => instancePage(await open(max)),
    pull: async (context, max, o) => instancePage(await pull.pullInstancesWithPath(context, max, o)),
    close: (context, o) => pull.closeEnumeration(context, o),
    ...extra,
  };
}

export function pathSource(
  pull: WbemOperations & WbemPullOperations,
  open: (max: number) => Promise<PathPage>,
  extra: Pick<PageSource<ObjectPath>, "fallback">,
): PageSource<ObjectPath> {
  return {
    open: async (max) => pathPage(await open(max)),
    pull: async (context, max, o) => pathPage(await pull.pullInstancePaths(context, max, o)),
    close: (context, o) => pull.closeEnumeration(context, o),
    ...extra,
  };
}
