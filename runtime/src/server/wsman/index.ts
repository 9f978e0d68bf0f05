/** WS-Management at `/wsman` (DSP0226, DSP0227, DSP0230, MS-WSMV), beside CIM-XML, over the same providers. */
export { wsmanEndpoint } from "./endpoint.js";
