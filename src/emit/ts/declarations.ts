import { stringLiteral } from "./names.js";

/**
 * The declarations generated modules hold, as data, and their text. Every declaration is exported; `docs` holds the
 * lines of its JSDoc comment (already made safe by `jsDocLines`), types and statements are TypeScript text made by
 * the emitters. The layout is the one ts-morph's `printStructure` gave these shapes, kept byte for
 * byte: two-space indentation, one member a line, a blank line around blocks. ts-morph only laid out text mofgen
 * had already made, and that cost about 40% of the generator's CPU time on CIM 2.49, plus 0.7 s to load it.
 */
export type Declaration = InterfaceDeclaration | FunctionDeclaration | TypeAlias | ClassDeclaration | ExportAll;

/** The common part: the name and the JSDoc comment. */
interface Documented {
  readonly name: string;
  /** The JSDoc comment's lines, without ` * ` (`jsdoc.ts`); none for no comment. */
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

/** The lines of a declaration at the top level of a module, added to `out` (which is returned). */
export function declarationLines(d: Declaration, out: string[] = []): string[] {
  switch (d.kind) {
    case "interface":
      interfaceLines(d, out);
      break;
    case "function":
      commentText(d.docs, "", out);
      blockLines(`export function ${d.name}(${parameterList(d.parameters)}): ${d.returnType}`, d.statements, "", out);
      break;
    case "typeAlias":
      commentText(d.docs, "", out);
      out.push(`export type ${d.name} = ${d.type};`);
      break;
    case "class":
      classLines(d, out);
      break;
    case "exportAll": {
      const as = d.namespaceExport === undefined ? "" : ` as ${d.namespaceExport}`;
      out.push(`export *${as} from ${stringLiteral(d.moduleSpecifier)};`);
      break;
    }
  }
  return out;
}

// The printers below add each line to one array at its final indentation: a file is about 100 lines, and
// making them as arrays that a block then copies and indents again allocated several times the file's text.

function interfaceLines(d: InterfaceDeclaration, out: string[]): void {
  const heritage = d.extends === undefined || d.extends.length === 0 ? "" : ` extends ${d.extends.join(", ")}`;
  commentText(d.docs, "", out);
  out.push(`export interface ${d.name}${heritage} {`);
  for (const p of d.properties) {
    commentText(p.docs, "  ", out);
    out.push(`  ${p.isReadonly ? "readonly " : ""}${p.name}${p.hasQuestionToken ? "?" : ""}: ${p.type};`);
  }
  out.push("}");
}

/** Properties one a line, then each method after a blank line. */
function classLines(d: ClassDeclaration, out: string[]): void {
  const heritage = `${d.extends === undefined ? "" : ` extends ${d.extends}`}${
    d.implements === undefined || d.implements.length === 0 ? "" : ` implements ${d.implements.join(", ")}`
  }`;
  commentText(d.docs, "", out);
  out.push(`export ${d.isAbstract ? "abstract " : ""}class ${d.name}${heritage} {`);
  let members = false;
  for (const p of d.properties ?? []) {
    commentText(p.docs, "  ", out);
    const modifiers = `${p.hasOverrideKeyword ? "override " : ""}${p.isReadonly ? "readonly " : ""}`;
    out.push(`  ${modifiers}${p.name}: ${p.type} = ${p.initializer};`);
    members = true;
  }
  for (const m of d.methods ?? []) {
    if (members) out.push("");
    commentText(m.docs, "  ", out);
    const modifiers = `${m.hasOverrideKeyword ? "override " : ""}${m.isAsync ? "async " : ""}`;
    blockLines(`${modifiers}${m.name}(${parameterList(m.parameters)}): ${m.returnType}`, m.statements, "  ", out);
    members = true;
  }
  out.push("}");
}

function parameterList(parameters: readonly Parameter[]): string {
  return parameters.map((p) => `${p.name}: ${p.type}`).join(", ");
}

/** `head {`, the body indented by two spaces more (blank lines stay empty), `}`; all at `indent`. */
function blockLines(head: string, body: readonly string[], indent: string, out: string[]): void {
  out.push(`${indent}${head} {`);
  const inner = `${indent}  `;
  for (const line of body) out.push(line === "" ? "" : `${inner}${line}`);
  out.push(`${indent}}`);
}

/** A JSDoc comment of `docs` lines at `indent`: one line when the text is one line, else ` * ` lines. */
function commentText(docs: readonly string[] | undefined, indent: string, out: string[]): void {
  if (docs === undefined || docs.length === 0) return;
  if (docs.length === 1) {
    out.push(`${indent}/** ${docs[0]} */`);
    return;
  }
  out.push(`${indent}/**`);
  for (const line of docs) out.push(line === "" ? `${indent} *` : `${indent} * ${line}`);
  out.push(`${indent} */`);
}
