import { CimError, CimStatus } from "../../values/cim-error.js";
import type { ObjectPath } from "../../values/reference.js";
import type { XmlWriter } from "../../xml/writer.js";
import { mapResults } from "../results.js";
import { associatedPaths, instancesAt, referencesTo, sourcePath } from "./associations.js";
import { writeClass } from "./classes.js";
import type { IParams } from "./iparams.js";
import { type Operation, type OperationInput, pick, propertyFilter } from "./operation.js";
import { openEnumeration, openParams, pagingParams } from "./pull.js";
import { checkedQuery } from "./query.js";
import type { Body } from "./response.js";

/**
 * The pull forms of Associators, AssociatorNames, References, ReferenceNames (DSP0200 §5.3.2.18-21) and of
 * ExecQuery (OpenQueryInstances, §5.3.2.22). They find their results as the one-answer operations do and hand them
 * out through the same bounded enumeration contexts. Their subject is an InstanceName: the pull operations are for
 * instances, so a class path is an invalid parameter here (the class-level queries are the one-answer operations').
 */

const shown = ["IncludeClassOrigin", "PropertyList"];

export const OpenAssociatorInstances: Operation = {
  params: ["InstanceName", "AssocClass", "ResultClass", "Role", "ResultRole", ...shown, ...openParams],
  run(input) {
    const { ns, params, signal } = input;
    return openEnumeration(input, "instances", async () => {
      const paths = await associatedPaths(ns, source(input, "OpenAssociatorInstances"), params, signal);
      return instancesAt(ns, paths, params, signal);
    });
  },
};

export const OpenAssociatorInstancePaths: Operation = {
  params: ["InstanceName", "AssocClass", "ResultClass", "Role", "ResultRole", ...openParams],
  run(input) {
    const { ns, params, signal } = input;
    return openEnumeration(input, "paths", () =>
      associatedPaths(ns, source(input, "OpenAssociatorInstancePaths"), params, signal),
    );
  },
};

export const OpenReferenceInstances: Operation = {
  params: ["InstanceName", "ResultClass", "Role", ...shown, ...openParams],
  run(input) {
    const { ns, params, signal } = input;
    return openEnumeration(input, "instances", async () => {
      const links = await referencesTo(ns, source(input, "OpenReferenceInstances"), params, signal);
      const filter = propertyFilter(params.strings("PropertyList"));
      return mapResults(links, (l) => ({ path: l.path, properties: pick(l.properties, filter) }));
    });
  },
};

export const OpenReferenceInstancePaths: Operation = {
  params: ["InstanceName", "ResultClass", "Role", ...openParams],
  run(input) {
    const { ns, params, signal } = input;
    return openEnumeration(input, "paths", async () =>
      mapResults(await referencesTo(ns, source(input, "OpenReferenceInstancePaths"), params, signal), (l) => l.path),
    );
  },
};

/**
 * OpenQueryInstances: the query (WQL, as ExecQuery takes it) is checked before anything runs; its rows are pulled
 * with PullInstances. With ReturnQueryResultClass the answer also holds the class that describes the rows: the
 * queried class with the selected properties (DSP0200's QueryResultClass).
 */
export const OpenQueryInstances: Operation = {
  params: ["FilterQueryLanguage", "FilterQuery", "ReturnQueryResultClass", ...pagingParams],
  async run(input) {
    const { ns, params, signal } = input;
    const query = checkedQuery(ns, params.requiredString("FilterQueryLanguage"), params.requiredString("FilterQuery"));
    const rows = await openEnumeration(input, "rows", () => query.run(signal), false);
    if (!params.boolean("ReturnQueryResultClass", false)) return rows;
    // The rows' class: the queried class's selected properties; methods are not part of a result.
    const rowClass = { ...query.schema, methods: [] };
    const propertyList = query.selected === undefined ? undefined : [...query.selected];
    return withResultClass(rows, (w) => writeClass(w, rowClass, { localOnly: false, qualifiers: false, propertyList }));
  },
};

function withResultClass(rows: Body, cls: (w: XmlWriter) => void): Body {
  return (w) => {
    rows(w);
    w.start("PARAMVALUE", { NAME: "QueryResultClass" });
    cls(w);
    w.end();
  };
}

function source(input: OperationInput, operation: string): ObjectPath {
  const { ns, params } = input;
  if (Object.keys(instanceName(params).keys).length === 0)
    throw new CimError(
      CimStatus.CIM_ERR_INVALID_PARAMETER,
      `${operation}: InstanceName names a class; the pull operations enumerate from an instance`,
    );
  return sourcePath(ns, params, operation, "InstanceName");
}

const instanceName = (params: IParams) => params.path("InstanceName");
