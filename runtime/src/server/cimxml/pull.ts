import { encodePath } from "../../codecs/cimxml/path.js";
import { encodeInstance } from "../../codecs/cimxml/value.js";
import { CimError, CimStatus } from "../../values/cim-error.js";
import type { ObjectPath } from "../../values/reference.js";
import type { EnumerationKind } from "../enumeration-contexts.js";
import { mapResults, type Results } from "../results.js";
import { enumerate, type Operation, type OperationInput, pick, propertyFilter } from "./operation.js";
import { type Body, iReturnValue, type PathedInstance, pullParams, writeInstanceWithPath } from "./response.js";

/**
 * The pull operations (DSP0200 §5.3.2.16-27) that enumerate a class, and those that work on an open context:
 * PullInstancesWithPath, PullInstancePaths, PullInstances, CloseEnumeration, EnumerationCount. An Open asks the
 * providers; an array is handed out MaxObjectCount at a time, and a provider's stream is read a batch at a time as
 * clients pull (one item ahead, for an exact EndOfSequence), so neither side holds more than a batch of it; the association and query Opens are in pull-associations.ts.
 */

/** What every Open takes besides its subject and filter: the context's life and the first batch's size. */
export const pagingParams = ["OperationTimeout", "ContinueOnError", "MaxObjectCount"];
/** What every Open but OpenQueryInstances takes besides its subject. */
export const openParams = ["FilterQueryLanguage", "FilterQuery", ...pagingParams];

/**
 * Open an enumeration of `kind` over what `gather` finds and answer its first batch. Filters (DMTF:FQL) and
 * ContinueOnError are refused with the status DSP0200 gives a server without them; OperationTimeout is checked
 * before any provider is asked. `filters` is false for OpenQueryInstances, whose query is in those parameters.
 */
export async function openEnumeration<T>(
  input: OperationInput,
  kind: EnumerationKind,
  gather: () => Promise<Results<T>>,
  filters = true,
): Promise<Body> {
  const { ns, params, enumerations } = input;
  if (filters && (params.string("FilterQueryLanguage") !== undefined || params.string("FilterQuery") !== undefined))
    throw new CimError(
      CimStatus.CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED,
      "filtered pull enumerations are not supported; use OpenQueryInstances or ExecQuery with WQL",
    );
  if (params.boolean("ContinueOnError", false))
    throw new CimError(CimStatus.CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED, "ContinueOnError is not supported");
  const timeout = enumerations.timeout(params.uint32("OperationTimeout"));
  const items = await gather();
  const batch = await enumerations.open(kind, ns.name, items, timeout, params.uint32("MaxObjectCount"));
  return withParams(batchBody(input, kind, batch.items), pullParams(batch.context, batch.endOfSequence));
}

export const OpenEnumerateInstances: Operation = {
  params: ["ClassName", ...openParams, "DeepInheritance", "IncludeClassOrigin", "PropertyList"],
  run(input) {
    const { ns, params, signal } = input;
    return openEnumeration(input, "instances", async () => {
      const className = params.requiredClassName("ClassName");
      const all = await enumerate(ns, className, signal, params.boolean("DeepInheritance", true));
      const filter = propertyFilter(params.strings("PropertyList"));
      return filter === undefined
        ? all
        : mapResults(all, (i) => ({ path: i.path, properties: pick(i.properties, filter) }));
    });
  },
};

export const OpenEnumerateInstancePaths: Operation = {
  params: ["ClassName", ...openParams],
  run(input) {
    const { ns, params, signal } = input;
    return openEnumeration(input, "paths", async () =>
      mapResults(await enumerate(ns, params.requiredClassName("ClassName"), signal), (i) => i.path),
    );
  },
};

const pullOf = (kind: EnumerationKind): Operation => ({
  params: ["EnumerationContext", "MaxObjectCount"],
  async run(input) {
    const { ns, params, enumerations } = input;
    const max = params.uint32("MaxObjectCount") ?? params.missing("MaxObjectCount");
    const batch = await enumerations.pull(params.requiredString("EnumerationContext"), kind, ns.name, max);
    return withParams(batchBody(input, kind, batch.items), pullParams(batch.context, batch.endOfSequence));
  },
});

/** The next instances of OpenEnumerateInstances, OpenAssociatorInstances, OpenReferenceInstances. */
export const PullInstancesWithPath = pullOf("instances");
/** The next paths of the Open...Paths operations. */
export const PullInstancePaths = pullOf("paths");
/** The next rows of OpenQueryInstances. */
export const PullInstances = pullOf("rows");

export const CloseEnumeration: Operation = {
  params: ["EnumerationContext"],
  async run({ ns, params, enumerations }) {
    await enumerations.close(params.requiredString("EnumerationContext"), ns.name);
    return () => {};
  },
};

/**
 * How many items the context still holds: exact when every provider returned an array (or a stream has been read to
 * its end); a stream's rest is not counted (that would read it whole), so the answer is NULL, an IRETURNVALUE
 * without a VALUE, which DSP0200 gives a server that cannot determine the count.
 */
export const EnumerationCount: Operation = {
  params: ["EnumerationContext"],
  async run({ ns, params, enumerations }) {
    const count = enumerations.remaining(params.requiredString("EnumerationContext"), ns.name);
    return iReturnValue(count === undefined ? [] : [count], (w, n) => w.leaf("VALUE", {}, String(n)));
  },
};

/** A batch as its kind is written: VALUE.INSTANCEWITHPATH, INSTANCEPATH, or a query's INSTANCE without a path. */
function batchBody({ ns, hostName }: OperationInput, kind: EnumerationKind, items: readonly unknown[]): Body {
  switch (kind) {
    case "instances":
      return iReturnValue(
        items as readonly PathedInstance[],
        writeInstanceWithPath(ns.lookup, hostName, "VALUE.INSTANCEWITHPATH"),
      );
    case "paths":
      return iReturnValue(items as readonly ObjectPath[], (w, path) =>
        encodePath(w, { ...path, host: hostName, namespace: ns.name }),
      );
    case "rows":
      return iReturnValue(items as readonly PathedInstance[], (w, row) =>
        encodeInstance(w, { className: row.path.className, properties: row.properties }, ns.lookup),
      );
  }
}

function withParams(result: Body, params: Body): Body {
  return (w) => {
    result(w);
    params(w);
  };
}
