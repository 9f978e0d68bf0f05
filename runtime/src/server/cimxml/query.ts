import { checkedQuery, runQuery } from "../query.js";
import { collect } from "../results.js";
import type { Operation } from "./operation.js";
import { iReturnValue, writeInstanceWithPath } from "./response.js";

export { checkedQuery, runQuery };

/**
 * ExecQuery with WQL, answered by the protocol-neutral `runQuery` (`../query.ts`), which WS-Management's WQL filter
 * dialect shares.
 */
export const ExecQuery: Operation = {
  params: ["QueryLanguage", "Query"],
  async run({ ns, params, signal, hostName, enumerations }) {
    const language = params.requiredString("QueryLanguage");
    const rows = await runQuery(ns, language, params.requiredString("Query"), signal);
    const items = await collect(rows, enumerations.limits.maxResultCount, "ExecQuery");
    return iReturnValue(items, writeInstanceWithPath(ns.lookup, hostName, "VALUE.OBJECTWITHPATH"));
  },
};
