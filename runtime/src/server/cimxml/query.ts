import { checkedQuery, runQuery } from "../query.js";
import type { Operation } from "./operation.js";
import { iReturnValue, writeInstanceWithPath } from "./response.js";

export { checkedQuery, runQuery };

/**
 * ExecQuery with WQL, answered by the protocol-neutral `runQuery` (`../query.ts`), which WS-Management's WQL filter
 * dialect shares.
 */
export const ExecQuery: Operation = {
  params: ["QueryLanguage", "Query"],
  async run({ ns, params, signal, hostName }) {
    const language = params.requiredString("QueryLanguage");
    const items = await runQuery(ns, language, params.requiredString("Query"), signal);
    return iReturnValue(items, writeInstanceWithPath(ns.lookup, hostName, "VALUE.OBJECTWITHPATH"));
  },
};
