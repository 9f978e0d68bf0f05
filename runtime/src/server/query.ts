import { matchesWql, parseWql, type WqlCondition } from "../query/wql.js";
import { CimError, CimStatus } from "../values/cim-error.js";
import { foldName } from "../values/cim-name.js";
import { enumerate, type PathedInstance, pick } from "./instances.js";
import type { ServedNamespace } from "./namespace.js";
import { filterResults, mapResults, type Results } from "./results.js";

/**
 * WQL over the providers, for every protocol (CIM-XML ExecQuery, WS-Management's WQL filter dialect): providers have
 * no query entry point, so the server enumerates the class (subclasses included, as WMI does), keeps the instances
 * the WHERE clause matches, and the selected properties. A property the class does not have is CIM_ERR_INVALID_QUERY.
 */
export async function runQuery(
  ns: ServedNamespace,
  language: string,
  text: string,
  signal: AbortSignal,
): Promise<Results<PathedInstance>> {
  return checkedQuery(ns, language, text).run(signal);
}

/**
 * A query parsed and checked against the schema before any provider is asked: the class it reads, the properties
 * it selects (undefined: all), and how to run it. CIM-XML's OpenQueryInstances needs the first two before it runs
 * (its QueryResultClass).
 */
export function checkedQuery(ns: ServedNamespace, language: string, text: string) {
  if (language.trim().toUpperCase() !== "WQL")
    throw new CimError(
      CimStatus.CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED,
      `query language ${language}: only WQL is supported`,
    );
  const query = parseWql(text);
  const schema = ns.requireClass(query.className);
  const known = new Set(schema.properties.map((p) => foldName(p.name)));
  const named = [...(query.properties ?? []), ...conditionProperties(query.where)];
  for (const name of named)
    if (!known.has(foldName(name)))
      throw new CimError(CimStatus.CIM_ERR_INVALID_QUERY, `WQL: ${schema.name} has no property ${name}`);
  const selected = query.properties === undefined ? undefined : new Set(query.properties.map((p) => foldName(p)));
  // Applied to each instance as it comes, so a streamed class is queried without being held whole.
  const run = async (signal: AbortSignal): Promise<Results<PathedInstance>> =>
    mapResults(
      filterResults(await enumerate(ns, schema.name, signal), (i) => matchesWql(query.where, i.properties)),
      (i) => ({ path: i.path, properties: pick(i.properties, selected) }),
    );
  return { schema, selected, run };
}

function conditionProperties(condition: WqlCondition | undefined): string[] {
  if (condition === undefined) return [];
  switch (condition.kind) {
    case "and":
    case "or":
      return [...conditionProperties(condition.left), ...conditionProperties(condition.right)];
    case "not":
      return conditionProperties(condition.operand);
    case "compare":
      return [condition.property];
  }
}
