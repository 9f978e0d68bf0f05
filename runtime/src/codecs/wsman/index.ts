/**
 * The WS-Management codec (DMTF DSP0226, DSP0227, DSP0230; Microsoft MS-WSMV): pure functions shared by the client
 * and the server. Every reader has a writer, so each side uses the half it needs:
 *
 * | message | client writes / reads | server reads / writes |
 * |---|---|---|
 * | envelope | `writeEnvelope(requestHeaders(..))` / `readEnvelope` | `readEnvelope` (`notUnderstood`) / `writeEnvelope(responseHeaders(..))` |
 * | Get, Put, Create, Delete | selectors from `pathSelectors`, `encodeInstance` / `decodeInstance`, `readEndpointReference` | `decodeInstance` / `encodeInstance({ typed: true })`, `writeResourceCreated` |
 * | Enumerate, Pull, Release | `writeEnumerate`, `writePull`, `writeRelease` / `readEnumerationPage` | `readEnumerate`, `readPull`, `readRelease` / `writeEnumerationPage` |
 * | Invoke | `writeMethodInput` / `readMethodOutput` | `readMethodInput` / `writeMethodOutput` (action `invokeAction(uri, method)` + `Response`) |
 * | faults | `decodeFault` → `WsmanFault` (a CimError) | `faultForStatus(code, reason)`, `faultAction`, `writeFault` |
 * | Identify | `writeIdentify` / `readIdentifyResponse` | `isIdentify` / `writeIdentifyResponse` |
 *
 * Names are resolved by namespace (`names.ts`), never by prefix; every URI is in `namespaces.ts`; resource URIs of
 * both conventions are in `resource-uri.ts`.
 */

export * from "./enumeration.js";
export * from "./envelope.js";
export * from "./epr.js";
export * from "./errors.js";
export * from "./fault.js";
export * from "./identify.js";
export * from "./invoke.js";
export * from "./names.js";
export * from "./namespaces.js";
export * from "./resource-uri.js";
export * from "./value.js";
