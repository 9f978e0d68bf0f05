import type {
  AliasValue,
  BooleanValue,
  Char16Value,
  Identifier,
  IntegerValue,
  NullValue,
  Qualifier,
  RealValue,
  StringValue,
  Value,
} from "../ast/nodes.js";
import type { SourceFile } from "../source/source-file.js";

/**
 * Building the nodes that are their own span (see `ast/nodes.ts`). Every object a tree keeps is copied through
 * the young generation and then touches fresh pages: CIM 2.49 kept 185,000 Span objects beside 190,000 nodes.
 *
 * Each node is an object literal whose `span` is then set to the node itself. V8 tracks an allocation site per
 * literal and, seeing that nearly all of them survive, allocates them straight in the old generation. Instances
 * of a class (with a `span` getter, 8 bytes smaller) get no such site: they were measured to be promoted 6 MB
 * more than the literals they replaced, which undid the gain. The literal holds `unsetSpan` until the store, so
 * that the node has its final shape from the start. The most numerous nodes (identifiers, qualifiers, scalar
 * values: 150,000 of CIM 2.49's) have a function each below, whose store sees one shape; the parser builds the
 * others in place and hands them to `selfSpanned`.
 */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What a self-spanning node's `span` holds until `selfSpanned` sets it: the node has its final shape from the start. */
export const unsetSpan = undefined as never;

/** The less numerous nodes (declarations, qualifier lists, array values: CIM 2.49 has 33,000) share this store. */
export function selfSpanned<N extends { span: unknown }>(node: N): N {
  node.span = node;
  return node;
}

export function identifier(name: string, file: SourceFile, start: number, end: number): Identifier {
  const node: Mutable<Identifier> = { kind: "identifier", name, file, start, end, span: unsetSpan };
  node.span = node;
  return node;
}

export function qualifier(
  name: Identifier,
  value: Value | undefined,
  flavors: readonly Identifier[],
  file: SourceFile,
  start: number,
  end: number,
): Qualifier {
  const node: Mutable<Qualifier> = {
    kind: "qualifier",
    name,
    value,
    flavors,
    file,
    start,
    end,
    span: unsetSpan,
  };
  node.span = node;
  return node;
}

export function stringValue(value: string, file: SourceFile, start: number, end: number): StringValue {
  const node: Mutable<StringValue> = { kind: "string", value, file, start, end, span: unsetSpan };
  node.span = node;
  return node;
}

export function char16Value(value: string, file: SourceFile, start: number, end: number): Char16Value {
  const node: Mutable<Char16Value> = { kind: "char16", value, file, start, end, span: unsetSpan };
  node.span = node;
  return node;
}

export function booleanValue(value: boolean, file: SourceFile, start: number, end: number): BooleanValue {
  const node: Mutable<BooleanValue> = { kind: "boolean", value, file, start, end, span: unsetSpan };
  node.span = node;
  return node;
}

export function integerValue(
  value: bigint,
  radix: 2 | 8 | 10 | 16,
  text: string,
  file: SourceFile,
  start: number,
  end: number,
): IntegerValue {
  const node: Mutable<IntegerValue> = {
    kind: "integer",
    value,
    radix,
    text,
    file,
    start,
    end,
    span: unsetSpan,
  };
  node.span = node;
  return node;
}

export function realValue(value: number, text: string, file: SourceFile, start: number, end: number): RealValue {
  const node: Mutable<RealValue> = { kind: "real", value, text, file, start, end, span: unsetSpan };
  node.span = node;
  return node;
}

export function nullValue(file: SourceFile, start: number, end: number): NullValue {
  const node: Mutable<NullValue> = { kind: "null", file, start, end, span: unsetSpan };
  node.span = node;
  return node;
}

export function aliasValue(name: string, file: SourceFile, start: number, end: number): AliasValue {
  const node: Mutable<AliasValue> = { kind: "alias", name, file, start, end, span: unsetSpan };
  node.span = node;
  return node;
}
