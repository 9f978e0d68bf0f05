/** Transports: bytes and headers over HTTP(S); the codecs give them meaning. */
export * from "./http.js";
