import { encodePath } from "../../codecs/cimxml/path.js";
import { CimError, CimStatus } from "../../values/cim-error.js";
import type { ObjectPath } from "../../values/reference.js";
import type { IParams } from "./iparams.js";
import { enumerate, type Operation, type OperationInput, pick, propertyFilter } from "./operation.js";
import { type Body, iReturnValue, type PathedInstance, pullParams, writeInstanceWithPath } from "./response.js";

/**
 * The pull operations for instances and their paths: OpenEnumerateInstances, OpenEnumerateInstancePaths,
 * PullInstancesWithPath, PullInstancePaths, CloseEnumeration. The results are gathered at Open (a provider returns
 * its instances at once) and handed out MaxObjectCount at a time, so a client never holds more than a batch.
 */

const openParams = [
  "ClassName",
  "FilterQueryLanguage",
  "FilterQuery",
  "OperationTimeout",
  "ContinueOnError",
  "MaxObjectCount",
];

function refuseFilters(params: IParams): void {
  if (params.string("FilterQueryLanguage") !== undefined || params.string("FilterQuery") !== undefined)
    throw new CimError(
      CimStatus.CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED,
      "filtered pull enumerations are not supported; use ExecQuery with WQL",
    );
  if (params.boolean("ContinueOnError", false))
    throw new CimError(CimStatus.CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED, "ContinueOnError is not supported");
}

export const OpenEnumerateInstances: Operation = {
  params: [...openParams, "DeepInheritance", "IncludeClassOrigin", "PropertyList"],
  async run(input) {
    const { ns, params, signal, enumerations } = input;
    refuseFilters(params);
    const timeout = enumerations.timeout(params.uint32("OperationTimeout"));
    const all = await enumerate(
      ns,
      params.requiredClassName("ClassName"),
      signal,
      params.boolean("DeepInheritance", true),
    );
    const filter = propertyFilter(params.strings("PropertyList"));
    const items =
      filter === undefined ? all : all.map((i) => ({ path: i.path, properties: pick(i.properties, filter) }));
    const batch = enumerations.open("instances", ns.name, items, timeout, params.uint32("MaxObjectCount"));
    return withParams(instancesBody(input, batch.items), pullParams(batch.context, batch.endOfSequence));
  },
};

export const OpenEnumerateInstancePaths: Operation = {
  params: openParams,
  async run(input) {
    const { ns, params, signal, enumerations } = input;
    refuseFilters(params);
    const timeout = enumerations.timeout(params.uint32("OperationTimeout"));
    const paths = (await enumerate(ns, params.requiredClassName("ClassName"), signal)).map((i) => i.path);
    const batch = enumerations.open("paths", ns.name, paths, timeout, params.uint32("MaxObjectCount"));
    return withParams(pathsBody(input, batch.items), pullParams(batch.context, batch.endOfSequence));
  },
};

export const PullInstancesWithPath: Operation = {
  params: ["EnumerationContext", "MaxObjectCount"],
  async run(input) {
    const { ns, params, enumerations } = input;
    const max = params.uint32("MaxObjectCount") ?? params.missing("MaxObjectCount");
    const batch = enumerations.pull<PathedInstance>(
      params.requiredString("EnumerationContext"),
      "instances",
      ns.name,
      max,
    );
    return withParams(instancesBody(input, batch.items), pullParams(batch.context, batch.endOfSequence));
  },
};

export const PullInstancePaths: Operation = {
  params: ["EnumerationContext", "MaxObjectCount"],
  async run(input) {
    const { ns, params, enumerations } = input;
    const max = params.uint32("MaxObjectCount") ?? params.missing("MaxObjectCount");
    const batch = enumerations.pull<ObjectPath>(params.requiredString("EnumerationContext"), "paths", ns.name, max);
    return withParams(pathsBody(input, batch.items), pullParams(batch.context, batch.endOfSequence));
  },
};

export const CloseEnumeration: Operation = {
  params: ["EnumerationContext"],
  async run({ ns, params, enumerations }) {
    enumerations.close(params.requiredString("EnumerationContext"), ns.name);
    return () => {};
  },
};

function instancesBody({ ns, hostName }: OperationInput, items: readonly PathedInstance[]): Body {
  return iReturnValue(items, writeInstanceWithPath(ns.lookup, hostName, "VALUE.INSTANCEWITHPATH"));
}

function pathsBody({ ns, hostName }: OperationInput, paths: readonly ObjectPath[]): Body {
  return iReturnValue(paths, (w, path) => encodePath(w, { ...path, host: hostName, namespace: ns.name }));
}

function withParams(result: Body, params: Body): Body {
  return (w) => {
    result(w);
    params(w);
  };
}
