import { appendAll } from "../../util/arrays.js";
import { stringLiteral } from "./names.js";

/**
 * The declarations generated modules hold, as data, and their text. Every declaration is exported; `docs` is the
 * text of its JSDoc comment (at most one, already made safe by `jsDocLines`), types and statements are TypeScript
 * text made by the emitters. The layout is the one ts-morph's `printStructure` gave these shapes, kept byte for
 * byte: two-space indentation, one member a line, a blank line around blocks. ts-morph only laid out text mofgen
 * had already made, and that cost about 40% of the generator's CPU time on CIM 2.49, plus 0.7 s to load it.
 */
export type Declaration = InterfaceDeclaration | FunctionDeclaration | TypeAlias | ClassDeclaration | ExportAll;

/** The common part: the name and the JSDoc comment. */
interface Documented {
  readonly name: string;
  readonly docs?: readonly string[];
}

export interface InterfaceDeclaration extends Documented {
  readonly kind: "interface";
  readonly extends?: readonly string[];
  readonly properties: readonly PropertySignature[];
}

export interface PropertySignature extends Documented {
  readonly isReadonly?: boolean;
  readonly hasQuestionToken?: boolean;
  readonly type: string;
}

export interface Parameter {
  readonly name: string;
  readonly type: string;
}

/** Statements are lines of the body, without its indentation (a nested block indents its own lines). */
export interface FunctionDeclaration extends Documented {
  readonly kind: "function";
  readonly parameters: readonly Parameter[];
  readonly returnType: string;
  readonly statements: readonly string[];
}

export interface TypeAlias extends Documented {
  readonly kind: "typeAlias";
  readonly type: string;
}

export interface ClassDeclaration extends Documented {
  readonly kind: "class";
  readonly isAbstract?: boolean;
  readonly extends?: string;
  readonly implements?: readonly string[];
  readonly properties?: readonly ClassProperty[];
  readonly methods?: readonly Method[];
}

export interface ClassProperty extends Documented {
  readonly hasOverrideKeyword?: boolean;
  readonly isReadonly?: boolean;
  readonly type: string;
  readonly initializer: string;
}

export interface Method extends Documented {
  readonly hasOverrideKeyword?: boolean;
  readonly isAsync?: boolean;
  readonly parameters: readonly Parameter[];
  readonly returnType: string;
  readonly statements: readonly string[];
}

/** `export * from "./m.js"`, or `export * as name from "./m.js"` when `namespaceExport` is given. */
export interface ExportAll {
  readonly kind: "exportAll";
  readonly namespaceExport?: string;
  readonly moduleSpecifier: string;
}

/**
 * Whether a declaration is a block: it gets a blank line before it. Type aliases and re-exports follow what comes
 * before on the next line, unless that ends in `}` (`printStatements`).
 */
export function isBlock(d: Declaration): boolean {
  return d.kind !== "typeAlias" && d.kind !== "exportAll";
}

/** The lines of a declaration at the top level of a module. */
export function declarationLines(d: Declaration): string[] {
  switch (d.kind) {
    case "interface":
      return interfaceLines(d);
    case "function": {
      const head = `export function ${d.name}(${parameterList(d.parameters)}): ${d.returnType}`;
      return [...commentText(d.docs), ...block(head, d.statements)];
    }
    case "typeAlias":
      return [...commentText(d.docs), `export type ${d.name} = ${d.type};`];
    case "class":
      return classLines(d);
    case "exportAll": {
      const as = d.namespaceExport === undefined ? "" : ` as ${d.namespaceExport}`;
      return [`export *${as} from ${stringLiteral(d.moduleSpecifier)};`];
    }
  }
}

function interfaceLines(d: InterfaceDeclaration): string[] {
  const heritage = d.extends === undefined || d.extends.length === 0 ? "" : ` extends ${d.extends.join(", ")}`;
  const members: string[] = [];
  for (const p of d.properties) {
    appendAll(members, commentText(p.docs));
    members.push(`${p.isReadonly ? "readonly " : ""}${p.name}${p.hasQuestionToken ? "?" : ""}: ${p.type};`);
  }
  return [...commentText(d.docs), ...block(`export interface ${d.name}${heritage}`, members)];
}

/** Properties one a line, then each method after a blank line. */
function classLines(d: ClassDeclaration): string[] {
  const heritage = `${d.extends === undefined ? "" : ` extends ${d.extends}`}${
    d.implements === undefined || d.implements.length === 0 ? "" : ` implements ${d.implements.join(", ")}`
  }`;
  const members: string[] = [];
  for (const p of d.properties ?? []) {
    appendAll(members, commentText(p.docs));
    const modifiers = `${p.hasOverrideKeyword ? "override " : ""}${p.isReadonly ? "readonly " : ""}`;
    members.push(`${modifiers}${p.name}: ${p.type} = ${p.initializer};`);
  }
  for (const m of d.methods ?? []) {
    if (members.length > 0) members.push("");
    appendAll(members, commentText(m.docs));
    const modifiers = `${m.hasOverrideKeyword ? "override " : ""}${m.isAsync ? "async " : ""}`;
    appendAll(members, block(`${modifiers}${m.name}(${parameterList(m.parameters)}): ${m.returnType}`, m.statements));
  }
  const head = `export ${d.isAbstract ? "abstract " : ""}class ${d.name}${heritage}`;
  return [...commentText(d.docs), ...block(head, members)];
}

function parameterList(parameters: readonly Parameter[]): string {
  return parameters.map((p) => `${p.name}: ${p.type}`).join(", ");
}

/** `head {`, the body indented by two spaces (blank lines stay empty), `}`. */
function block(head: string, body: readonly string[]): string[] {
  return [`${head} {`, ...body.map((l) => (l === "" ? "" : `  ${l}`)), "}"];
}

/** A JSDoc comment: one line when the text is one line, else ` * ` lines. */
export function commentText(docs: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const text of docs ?? []) {
    const lines = text.split("\n");
    if (lines.length === 1) out.push(`/** ${text} */`);
    else {
      out.push("/**");
      appendAll(
        out,
        lines.map((l) => (l === "" ? " *" : ` * ${l}`)),
      );
      out.push(" */");
    }
  }
  return out;
}
