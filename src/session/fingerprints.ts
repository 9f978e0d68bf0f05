import * as crypto from "node:crypto";
import type { ClassDeclaration, MofFile } from "../ast/nodes.js";
import type { ClassModel, SchemaModel } from "../model/types.js";
import { fold } from "../model/types.js";
import type { Program } from "../program/program.js";

/**
 * What a generated file's content can depend on, as hashes of MOF text, computed once per compile:
 *
 * - `global`: everything of the program that is not a class declaration (qualifier types, pragmas, instances,
 *   the list of files), so that a change there makes every file be made again;
 * - `own(cls)`: the class's declaration as written (qualifiers, members, its file and namespace);
 * - `chain(cls)`: `own` of the class, its ancestors, and the classes that amend it (`.mfl` localisations): every
 *   declaration its effective members come from;
 * - `related(cls)`: each class named anywhere in that chain's text (references, embedded classes, classes a
 *   description or ModelCorrespondence mentions), by namespace, name and chain; a word that names no class yet
 *   changes the key once a class of that name is declared.
 *
 * Keys are conservative: a comment edited inside a declaration makes its class's files be made again, and a
 * change outside declarations makes all of them. They are text, so they cost a hash per declaration, which a
 * session keeps per text (words found in a declaration are remembered by its hash).
 */
export class SchemaFingerprints {
  readonly global: string;
  readonly #declarations = new Map<string, ClassDeclaration>();
  readonly #own = new Map<ClassModel, string>();
  readonly #chain = new Map<ClassModel, string>();
  readonly #related = new Map<ClassModel, string>();
  readonly #named = new Map<ClassModel, string>();
  readonly #byName = new Map<string, ClassModel[]>();
  /** The set of class names of this compile, hashed: which words of a text name classes depends on it. */
  readonly #namesKey: string;

  /**
   * `owns`: `own` of earlier runs by model object. A session's model cache hands back the same object for a class
   * only while its declaration is the same tree (see `ModelCache`), so the namespace, path and text are too.
   */
  constructor(
    program: Program,
    private readonly schema: SchemaModel,
    private readonly words: WordsByText,
    private readonly owns: WeakMap<ClassModel, string> = new WeakMap(),
  ) {
    const outside: string[] = [];
    for (const file of program.files) {
      outside.push(`\u0000file ${file.source.path}`);
      for (const p of file.ast.productions) {
        if (p.kind === "class") this.#declarations.set(`${file.source.path}\u0000${p.name.span.start}`, p);
      }
      outside.push(outsideOf(file.ast));
    }
    this.global = hash(outside.join("\u0000"));
    for (const ns of schema.namespaces) {
      for (const cls of ns.classes) {
        const key = fold(cls.name);
        const list = this.#byName.get(key) ?? [];
        list.push(cls);
        this.#byName.set(key, list);
      }
    }
    this.#namesKey = hash([...this.#byName.keys()].sort().join(" "));
  }

  own(cls: ClassModel): string {
    let own = this.#own.get(cls) ?? this.owns.get(cls);
    if (own === undefined) {
      own = hash(`${cls.namespace}\u0000${cls.span.file.path}\u0000${this.#text(cls)}`);
      this.owns.set(cls, own);
    }
    this.#own.set(cls, own);
    return own;
  }

  chain(cls: ClassModel): string {
    let chain = this.#chain.get(cls);
    if (chain === undefined) {
      chain = hash(
        this.#lineage(cls)
          .map((c) => this.own(c))
          .join(" "),
      );
      this.#chain.set(cls, chain);
    }
    return chain;
  }

  related(cls: ClassModel): string {
    let related = this.#related.get(cls);
    if (related === undefined) {
      related = hash(
        this.#lineage(cls)
          .map((c) => this.#namedBy(c))
          .join(" "),
      );
      this.#related.set(cls, related);
    }
    return related;
  }

  /** The classes one declaration's words name, by namespace, name and chain (once per class and run). */
  #namedBy(cls: ClassModel): string {
    let named = this.#named.get(cls);
    if (named === undefined) {
      const parts: string[] = [];
      const names = this.words.names(this.own(cls), this.#namesKey, () => this.#text(cls), this.#byName);
      for (const word of names) {
        for (const c of this.#byName.get(word) ?? []) parts.push(`${c.namespace}:${c.name}:${this.chain(c)}`);
      }
      named = hash(parts.join(" "));
      this.#named.set(cls, named);
    }
    return named;
  }

  /** The class, its ancestors (nearest first; a cycle, which the model reports, stops the walk) and amenders. */
  #lineage(cls: ClassModel): ClassModel[] {
    const out: ClassModel[] = [];
    const seen = new Set<ClassModel>();
    for (let c: ClassModel | undefined = cls; c !== undefined && !seen.has(c); c = this.#superclass(c)) {
      seen.add(c);
      out.push(c);
      for (const a of c.amendments) {
        const amender = this.schema.namespaceByName.get(fold(a.namespace))?.classByName.get(fold(c.name));
        if (amender !== undefined) out.push(amender);
      }
    }
    return out;
  }

  #superclass(cls: ClassModel): ClassModel | undefined {
    if (cls.superclass === undefined) return undefined;
    const key = fold(cls.superclass);
    return this.schema.namespaceByName.get(fold(cls.namespace))?.classByName.get(key) ?? this.#byName.get(key)?.[0];
  }

  /** The declaration's text (with its qualifiers), or the name alone for a class no file declares (prelude). */
  #text(cls: ClassModel): string {
    const d = this.#declarations.get(`${cls.span.file.path}\u0000${cls.span.start}`);
    return d === undefined ? `<${cls.name}>` : d.span.file.text.slice(d.span.start, d.span.end);
  }
}

/**
 * The case-folded words of declaration texts, by the text's hash: kept by a session across compiles, so only
 * changed declarations are split again.
 */
export class WordsByText {
  #words = new Map<string, readonly string[]>();
  #used = new Map<string, readonly string[]>();

  of(textHash: string, text: () => string): readonly string[] {
    let words = this.#used.get(textHash) ?? this.#words.get(textHash);
    if (words === undefined) words = [...new Set((text().match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).map(fold))].sort();
    this.#used.set(textHash, words);
    return words;
  }

  /**
   * The words of the text that name classes, kept by text hash and the hashed set of class names: a run then
   * looks up only these (a few per class) instead of every word of every description. On CIM 2.49 the lookups
   * of all words were the biggest self time of the emit memo after the plan facts.
   */
  names(
    textHash: string,
    namesKey: string,
    text: () => string,
    classes: ReadonlyMap<string, unknown>,
  ): readonly string[] {
    const key = `${textHash}\u0000${namesKey}`;
    let names = this.#namesUsed.get(key) ?? this.#names.get(key);
    if (names === undefined) names = this.of(textHash, text).filter((w) => classes.has(w));
    else this.of(textHash, text);
    this.#namesUsed.set(key, names);
    return names;
  }

  #names = new Map<string, readonly string[]>();
  #namesUsed = new Map<string, readonly string[]>();

  /** Forget the texts the last compile did not have. */
  endRun(): void {
    this.#words = this.#used;
    this.#used = new Map();
    this.#names = this.#namesUsed;
    this.#namesUsed = new Map();
  }
}

/** A file's text outside its class declarations, as content: a pure function of the tree, kept per tree. */
const outsideByTree = new WeakMap<MofFile, string>();

function outsideOf(ast: MofFile): string {
  let known = outsideByTree.get(ast);
  if (known === undefined) {
    const parts: string[] = [];
    const text = ast.source.text;
    let at = 0;
    for (const p of ast.productions) {
      if (p.kind !== "class") continue;
      pushOutside(parts, text.slice(at, p.span.start));
      at = p.span.end;
    }
    pushOutside(parts, text.slice(at));
    known = parts.join("\u0000");
    outsideByTree.set(ast, known);
  }
  return known;
}

/**
 * Text between class declarations as content: comments and runs of blanks outside string and character literals
 * are left out (no output says where a declaration stands or what a comment says), and so is a `;` that may follow
 * a declaration; a licence header or a comment edited between classes then remakes nothing. Qualifier types,
 * instances and pragmas are kept as written. A text with a line starting with `#` other than `#pragma` (the C
 * preprocessor may read it, even in a comment: see `ParseCache`) is kept whole.
 */
function pushOutside(outside: string[], text: string): void {
  const content = /^[ \t]*#(?![ \t]*pragma\b)/m.test(text) ? text.trim() : withoutLayout(text);
  if (content !== "" && content !== ";") outside.push(content);
}

/** The text without comments, each run of blanks outside literals one space, trimmed. */
function withoutLayout(text: string): string {
  let out = "";
  let i = 0;
  let blank = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"' || c === "'") {
      // A literal, escapes included, up to its closing quote (or the end of an unclosed one), as written.
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      out += `${blank && out !== "" ? " " : ""}${text.slice(i, j + 1)}`;
      blank = false;
      i = j + 1;
    } else if (text.startsWith("//", i)) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return text.trim();
      i = end + 2;
      blank = true;
    } else if (/\s/.test(c)) {
      blank = true;
      i++;
    } else {
      out += `${blank && out !== "" ? " " : ""}${c}`;
      blank = false;
      i++;
    }
  }
  return out;
}

/**
 * SHA-1 of the text, base64. A warm run hashes some ten thousand keys and texts (several per class); Node's
 * one-shot `crypto.hash` (20.12 on) makes no Hash object per call and is about 3x faster on such short inputs,
 * with the same digest. Older Node 20 releases, which `engines` still admits, take `createHash`.
 */
export const hash: (text: string) => string =
  typeof crypto.hash === "function"
    ? (text) => crypto.hash("sha1", text, "base64")
    : (text) => crypto.createHash("sha1").update(text).digest("base64");
