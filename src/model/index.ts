/** The resolved schema: `resolveSchema` and the read-only model it returns. */
export { localized, localizedValueMap } from "./amendments.js";
export { ModelCache } from "./model-cache.js";
export { type ModelOptions, type ModelResult, resolveSchema } from "./resolve.js";
export type * from "./types.js";
export { decodeValue, resolveValueMap } from "./value-map.js";
