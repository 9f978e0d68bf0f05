/** The syntax tree: immutable nodes, each with a `kind` and a `span`. */
export type * from "./nodes.js";
