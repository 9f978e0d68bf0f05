import { parseArgs } from "node:util";
import { createExampleServer } from "./host.js";

/**
 * `npm run example:host -- --port 5988 [--host 127.0.0.1] [--user NAME --password PW]`: serve the example's
 * providers over CIM-XML and WS-Management until SIGINT or SIGTERM, then close the connections and exit 0.
 */
const usage = "usage: npm run example:host -- --port PORT [--host ADDRESS] [--user NAME --password PW]";
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "5988" },
    host: { type: "string", default: "127.0.0.1" },
    user: { type: "string" },
    password: { type: "string" },
  },
});
const port = Number(values.port);
if (
  !Number.isInteger(port) ||
  port < 0 ||
  port > 65535 ||
  (values.user === undefined) !== (values.password === undefined)
) {
  console.error(usage);
  process.exit(2);
}
const auth = values.user === undefined ? {} : { auth: { user: values.user, password: values.password ?? "" } };
const server = createExampleServer(auth);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  console.log("stopped");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
// The handlers are in place before the URL is printed: whoever reads it may signal at once.
const url = await server.listen(port, values.host);
console.log(
  `Hyper-V example host: CIM-XML at ${url}/cimom, WS-Management at ${url}/wsman (namespace root/virtualization/v2)`,
);
