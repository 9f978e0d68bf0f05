import { foldName } from "@mofgen/runtime/values";
import { EmbeddedActionsParser, type IRecognitionException, type IToken, type OrMethodOpts } from "chevrotain";
import type {
  AliasName,
  ArraySpec,
  ClassDeclaration,
  Feature,
  Identifier,
  InstanceDeclaration,
  IntegerValue,
  MethodDeclaration,
  ParameterDeclaration,
  PragmaArgument,
  PragmaDirective,
  Production,
  PropertyValue,
  Qualifier,
  QualifierList,
  QualifierTypeDeclaration,
  ScalarValue,
  StringValue,
  Value,
} from "../ast/nodes.js";
import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { IntegerPayload } from "../lexer/token.js";
import * as T from "../lexer/tokens.js";
import type { SourceFile } from "../source/source-file.js";
import { type Span, span } from "../source/span.js";
import { appendAll } from "../util/arrays.js";
import { isFlavorName } from "./flavors.js";
import { describeToken, mofErrorMessages } from "./messages.js";
import {
  aliasValue,
  booleanValue,
  char16Value,
  identifier,
  integerValue,
  nullValue,
  qualifier,
  realValue,
  selfSpanned,
  stringValue,
  unsetSpan,
} from "./self-spans.js";
import { dataTypeOf } from "./types.js";

interface ScopeClause {
  readonly names: Identifier[];
  readonly span?: Span;
}

/** Syntax errors reported per file before mofgen stops checking it (as compilers' -fmax-errors). */
const maxSyntaxErrors = 100;

/** The flavors of a qualifier written without any (one array shared by nearly every qualifier). */
const noFlavors: readonly Identifier[] = [];

/**
 * What the hottest rules return while Chevrotain records the grammar (their nodes are built only when parsing).
 * They test `building` instead of wrapping the node in ACTION(() => ...), which made a closure per qualifier,
 * string value and array element (145,000 for CIM 2.49): ACTION does exactly that test, and returns nothing while
 * recording.
 */
const recording = undefined as never;

/** String values up to this length share one string per text (see `stringValue`); longer ones are nearly all unique. */
const maxSharedString = 24;

/** Embedded instances nested deeper than any real schema (WMI nests a few levels at most). */
const maxNesting = 64;

class TooDeep extends Error {
  constructor(readonly token: IToken) {
    super("nested too deeply");
  }
}

class TooManyErrors extends Error {
  constructor(readonly token: IToken) {
    super("too many syntax errors");
  }
}

interface SaveError {
  SAVE_ERROR(this: unknown, error: IRecognitionException): IRecognitionException;
}

/** Index of `token` in `tokens`, searching from `from` (tokens are unique objects). */
function indexOfToken(tokens: readonly IToken[], token: IToken, from: number): number {
  const i = tokens.indexOf(token, from);
  return i < 0 ? tokens.length : i;
}

const startsDeclaration = new Set([T.Class, T.Instance, T.Qualifier, T.Pragma]);

/**
 * Where to resume after a top-level syntax error: the first token at the start of a line that begins a
 * declaration (`class`, `instance`, `qualifier`, `#pragma`, or a qualifier list followed by one of them).
 * Stray feature lines left over from a broken class are skipped instead of producing one error each.
 */
function resumePoint(text: string, tokens: readonly IToken[], from: number): number {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as IToken;
    if (!startsLine(text, tokens, i)) continue;
    if (startsDeclaration.has(t.tokenType)) return i;
    if (t.tokenType === T.LBracket) {
      let depth = 0;
      let j = i;
      for (; j < tokens.length; j++) {
        const type = (tokens[j] as IToken).tokenType;
        if (type === T.LBracket) depth++;
        else if (type === T.RBracket && --depth === 0) break;
      }
      const after = tokens[j + 1]?.tokenType;
      if (after !== undefined && startsDeclaration.has(after)) return i;
    }
  }
  return tokens.length;
}

function startsLine(text: string, tokens: readonly IToken[], i: number): boolean {
  const prev = tokens[i - 1];
  const from = prev === undefined ? 0 : (prev.endOffset as number) + 1;
  const to = (tokens[i] as IToken).startOffset;
  for (let p = to - 1; p >= from; p--) {
    const c = text.charCodeAt(p);
    if (c === 10 || c === 13) return true;
  }
  return prev === undefined;
}

/**
 * The MOF grammar: DSP0004 v2 Annex A plus the WMI superset, as a Chevrotain parser that builds the syntax
 * tree in embedded actions (no CST, one pass). Rule names are the DSP0004 production names where one exists;
 * `grammar/mof.ebnf` is generated from these rules and `grammar/DEVIATIONS.md` explains every departure.
 *
 * Error recovery is on: a missing token is inserted, an extra one deleted, and a broken declaration is skipped
 * up to a point where parsing can resume, so one run reports every syntax error and still yields the rest of
 * the tree. Rules therefore return `undefined` when they had to give up, and callers drop such results.
 */
export class MofParser extends EmbeddedActionsParser {
  private file!: SourceFile;
  /** Diagnostics the grammar itself raises (constructs it recognises only to reject). */
  private notes: Diagnostic[] = [];
  private collected: Production[] = [];
  /** Depth of embedded `instance of` values being parsed. */
  private nesting = 0;

  /**
   * `validate` runs Chevrotain's grammar validations (ambiguities, left recursion...): a third of the
   * construction time, spent on every run of the command for a grammar that does not change at run time. The
   * grammar script and its test (scripts/grammar-lib.ts) construct the parser with them.
   */
  constructor(options: { readonly validate?: boolean } = {}) {
    super(T.allTokens as never, {
      recoveryEnabled: true,
      errorMessageProvider: mofErrorMessages,
      maxLookahead: 3,
      skipValidations: options.validate !== true,
    });
    this.performSelfAnalysis();
  }

  /** Diagnostics raised by grammar actions during the last parse; clears them. */
  takeNotes(): Diagnostic[] {
    const notes = this.notes;
    this.notes = [];
    return notes;
  }

  /** Parse a token vector of `file`; read `errors` afterwards for the syntax errors. */
  parseTokens(
    file: SourceFile,
    tokens: IToken[],
    names: Map<string, string> = new Map(),
  ): { productions: Production[]; errors: IRecognitionException[] } {
    this.file = file;
    this.names = names;
    this.collected = [];
    const errors: IRecognitionException[] = [];
    let from = 0;
    for (;;) {
      this.input = from === 0 ? tokens : tokens.slice(from);
      this.nesting = 0;
      try {
        this.mofSpecification();
      } catch (e) {
        // Unwinding past the top rule makes Chevrotain add "not all input parsed": not a finding of ours.
        appendAll(
          errors,
          this.errors.filter((x) => x.name !== "NotAllInputParsedException"),
        );
        if (e instanceof TooManyErrors) {
          this.notes.push(diag(Diagnostics.TooManyErrors, this.tokenSpan(e.token), maxSyntaxErrors));
          break;
        }
        // Recursive descent has a depth limit: pathological nesting (a thousand embedded instances) ends in a
        // stack overflow, reported here as a diagnostic; parsing resumes at the next declaration.
        if (!(e instanceof RangeError || e instanceof TooDeep)) throw e;
        this.notes.push(diag(Diagnostics.TooDeep, this.tokenSpan(e instanceof TooDeep ? e.token : this.LA(1))));
        const resume = resumePoint(file.text, tokens, indexOfToken(tokens, this.LA(1), from) + 1);
        if (resume >= tokens.length) break;
        from = resume;
        continue;
      }
      appendAll(errors, this.errors);
      // Chevrotain stops at a token that cannot start a declaration; resume at the next line that can.
      const stop = this.LA(1);
      if (stop.tokenType.name === "EOF") break;
      const resume = resumePoint(file.text, tokens, indexOfToken(tokens, stop, from) + 1);
      if (resume >= tokens.length) break;
      from = resume;
    }
    // Collected as they are parsed, so that even when recovery has to abandon a declaration, every
    // declaration read before and after it is kept.
    const productions = this.collected.slice();
    this.collected = [];
    // The one shared parser would otherwise hold the last file's tokens (about 20 heap bytes per input byte)
    // until the next parse, and every file's text through their images.
    this.input = [];
    this.names = new Map();
    return { productions, errors };
  }

  /**
   * Chevrotain calls this for every syntax error. Past a limit, a file is most likely not MOF at all (or
   * recovery is going in circles), and every further error costs time while telling the user nothing new.
   */
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    const saved = (EmbeddedActionsParser.prototype as unknown as SaveError).SAVE_ERROR.call(this, error);
    if (this.errors.length >= maxSyntaxErrors) throw new TooManyErrors(error.token);
    return saved;
  }

  // --- helpers (not grammar rules) ----------------------------------------------------------------

  /**
   * False while Chevrotain records the grammar (rules then run on placeholder tokens). The test ACTION makes,
   * for the hottest actions, which would otherwise allocate a closure per token.
   */
  private get building(): boolean {
    return !this.RECORDING_PHASE;
  }

  private spanFrom(start: number): Span {
    const from = this.fromOffset(start);
    return span(this.file, from, this.toOffset(start, from));
  }

  /**
   * `spanFrom(start)` as two offsets, for the nodes that are their own span (`self-spans.ts`), which take them
   * without a Span object: the start, or where the last token ends when the first token was inserted by error
   * recovery (it has no offset)...
   */
  private fromOffset(start: number): number {
    return Number.isNaN(start) ? this.lastEnd(start) : start;
  }

  /** ...and the end, past the last token consumed. */
  private toOffset(start: number, from: number): number {
    return Math.max(from, this.lastEnd(start));
  }

  /** `spanFrom(start).end`. */
  private endFrom(start: number): number {
    return this.toOffset(start, this.fromOffset(start));
  }

  private lastEnd(start: number): number {
    const last = this.LA(0);
    return Number.isNaN(last.endOffset) || last.endOffset === undefined ? start : (last.endOffset as number) + 1;
  }

  private tokenSpan(tok: IToken): Span {
    return span(this.file, this.tokenStart(tok), this.tokenEnd(tok));
  }

  /** A token inserted by error recovery has no offsets: it is placed right after the last real token. */
  private tokenStart(tok: IToken): number {
    return Number.isNaN(tok.startOffset) ? this.lastEnd(Number.NaN) : tok.startOffset;
  }

  private tokenEnd(tok: IToken): number {
    return Number.isNaN(tok.startOffset) ? this.lastEnd(Number.NaN) : (tok.endOffset as number) + 1;
  }

  private ident(tok: IToken): Identifier {
    return identifier(this.intern(tok.image), this.file, this.tokenStart(tok), this.tokenEnd(tok));
  }

  // The lists the tree keeps (qualifiers, flavors, features, parameters, array elements, pragma arguments, a
  // file's productions) are returned as `slice()` copies: an array that grew by push reserves room for 17
  // elements, and most of these hold one or two.

  /**
   * One string per spelling of a name: a schema repeats its qualifier, type and member names in every class,
   * and each token image is a string of its own. The table is the file's, or the compilation's when the caller
   * gives one (`ParseOptions.names`), and stops growing at a bound (class names are mostly unique; the repeated
   * names come early).
   */
  private intern(name: string): string {
    const known = this.names.get(name);
    if (known !== undefined) return known;
    if (this.names.size < 50_000) this.names.set(name, name);
    return name;
  }

  private names = new Map<string, string>();

  /**
   * The ';' that ends a declaration, feature or property value. It is consumed optionally, with our own
   * error when missing, so that the construct is still kept whole in the tree (Chevrotain cannot insert a
   * missing token at the end of a file). With `panic`, when the unexpected text is on the same line (such as
   * `= 00000000000500.000000:000;`), the rest of the statement up to its ';' is skipped, so that parsing goes
   * on at the next statement; when it is on a later line, the ';' was merely forgotten and nothing is skipped.
   * `idx` keeps the DSL occurrence indexes of different call sites within one rule apart.
   */
  private terminator(idx: number, what: string, panic: boolean): void {
    const semi = this.option(idx, () => this.consume(idx, T.Semicolon));
    this.ACTION(() => {
      if (semi !== undefined) return;
      const next = this.LA(1);
      const atEof = Number.isNaN(next.startOffset) || next.tokenType.name === "EOF";
      const at = atEof ? this.spanFrom(Number.NaN) : this.tokenSpan(next);
      const where = span(this.file, at.end === at.start ? at.end : at.start, at.end);
      this.notes.push(diag(Diagnostics.Syntax, where, `expected ';' after ${what}, found ${describeToken(next)}`));
      if (panic && !atEof && !this.lineBreakBefore(next)) this.skipStatement();
    });
  }

  private lineBreakBefore(next: IToken): boolean {
    const prev = this.LA(0);
    const from = Number.isNaN(prev.endOffset) || prev.endOffset === undefined ? 0 : prev.endOffset + 1;
    return /[\r\n]/.test(this.file.text.slice(from, next.startOffset));
  }

  /** Skip to just past the next ';' at this nesting level, or to a '}' that closes the enclosing body. */
  private skipStatement(): void {
    let depth = 0;
    for (let t = this.LA(1); t.tokenType.name !== "EOF"; t = this.LA(1)) {
      const type = t.tokenType;
      if (depth === 0 && type === T.RCurly) return;
      if (type === T.LCurly || type === T.LParen || type === T.LBracket) depth++;
      else if (type === T.RCurly || type === T.RParen || type === T.RBracket) depth--;
      this.SKIP_TOKEN();
      if (depth <= 0 && type === T.Semicolon) return;
    }
  }

  private aliasName(tok: IToken): AliasName {
    const name = (tok.payload as string | undefined) ?? "";
    return selfSpanned({
      kind: "aliasName",
      name,
      file: this.file,
      start: this.tokenStart(tok),
      end: this.tokenEnd(tok),
      span: unsetSpan,
    });
  }

  private startOf(): number {
    return this.LA(1).startOffset;
  }

  // --- DSP0004 A: mofSpecification = *mofProduction ---------------------------------------------

  public mofSpecification = this.RULE("mofSpecification", (): undefined => {
    this.MANY(() => {
      const p = this.SUBRULE(this.mofProduction);
      this.ACTION(() => p && this.collected.push(p));
    });
    return undefined;
  });

  // mofProduction = compilerDirective / classDeclaration / assocDeclaration / indicDeclaration /
  //                 qualifierDeclaration / instanceDeclaration
  // Spec deviation: associations and indications are classes with a qualifier (v2); the qualifier list is
  // parsed once here and handed to whichever declaration follows.
  private mofProduction = this.RULE("mofProduction", (): Production | undefined => {
    return this.OR([
      { ALT: () => this.SUBRULE(this.pragmaDirective) },
      {
        ALT: () => {
          const qualifiers = this.OPTION(() => this.SUBRULE(this.qualifierList));
          return this.OR2({
            DEF: [
              {
                ALT: () => this.SUBRULE(this.classDeclaration, { ARGS: [qualifiers] }),
              },
              {
                ALT: () =>
                  this.SUBRULE(this.instanceDeclaration, {
                    ARGS: [qualifiers],
                  }),
              },
              {
                ALT: () =>
                  this.SUBRULE(this.qualifierTypeDeclaration, {
                    ARGS: [qualifiers],
                  }),
              },
              { GATE: () => this.isMof3Start(), ALT: () => this.SUBRULE(this.mof3Declaration) },
            ],
            ERR_MSG: "'class', 'instance of' or 'qualifier'",
          });
        },
      },
    ]);
  });

  // compilerDirective = PRAGMA pragmaName "(" pragmaParameter ")"
  // Spec deviation (WMI): parentheses are optional (`#pragma autorecover`), and there may be several
  // arguments, bare words among them (`#pragma deleteclass("X", NOFAIL)`).
  private pragmaDirective = this.RULE("pragmaDirective", (): PragmaDirective => {
    const start = this.startOf();
    this.CONSUME(T.Pragma);
    const name = this.CONSUME(T.Name);
    const args: PragmaArgument[] = [];
    let parenthesized = false;
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      parenthesized = true;
      this.MANY_SEP({
        SEP: T.Comma,
        DEF: () => {
          const a = this.SUBRULE(this.pragmaArgument);
          this.ACTION(() => a && args.push(a));
        },
      });
      this.CONSUME(T.RParen);
    });
    return this.ACTION(() =>
      selfSpanned({
        kind: "pragma" as const,
        name: this.ident(name),
        arguments: args.slice(),
        parenthesized,
        file: this.file,
        start: this.fromOffset(start),
        end: this.endFrom(start),
        span: unsetSpan,
      }),
    ) as PragmaDirective;
  });

  private pragmaArgument = this.RULE("pragmaArgument", (): PragmaArgument => {
    return this.OR({
      DEF: [
        { ALT: () => this.SUBRULE(this.stringValue) },
        { ALT: () => this.SUBRULE(this.integerValue) },
        {
          ALT: () => {
            const word = this.CONSUME(T.Name);
            return this.ACTION(() => this.ident(word)) as Identifier;
          },
        },
      ],
      ERR_MSG: "a string, a number or a word",
    });
  });

  // qualifierDeclaration = QUALIFIER qualifierName qualifierType scope [defaultFlavor] ";"
  // Spec deviation: Scope is optional in the grammar so that its absence gets its own message.
  private qualifierTypeDeclaration = this.RULE(
    "qualifierTypeDeclaration",
    (qualifiers: QualifierList | undefined): QualifierTypeDeclaration => {
      const start = qualifiers?.span.start ?? this.startOf();
      this.CONSUME(T.Qualifier);
      const name = this.CONSUME(T.Name);
      this.CONSUME(T.Colon);
      // One word is the type; WMI also writes `qualifier Name : ToInstance ToSubclass;` (flavors only).
      const words: IToken[] = [];
      this.AT_LEAST_ONE({
        DEF: () => {
          const w = this.CONSUME2(T.Name);
          this.ACTION(() => words.push(w));
        },
        ERR_MSG: "a data type",
      });
      const array = this.OPTION(() => this.SUBRULE(this.arraySpec));
      const dflt = this.OPTION2(() => {
        this.CONSUME(T.Equals);
        return this.SUBRULE(this.value);
      });
      const scopes = this.OPTION3(() => {
        this.CONSUME(T.Comma);
        return this.SUBRULE(this.scopeSpec);
      });
      const flavors = this.OPTION4(() => {
        this.CONSUME2(T.Comma);
        return this.SUBRULE(this.flavorSpec);
      });
      this.terminator(9, "the qualifier declaration", true);
      return this.ACTION(() => {
        const first = words[0] as IToken;
        const flavorsOnly = words.length > 1 || isFlavorName(first.image);
        return selfSpanned({
          kind: "qualifierType" as const,
          qualifiers,
          name: this.ident(name),
          type: flavorsOnly ? undefined : dataTypeOf(this.ident(first)),
          array,
          default: dflt,
          scopes: scopes?.names ?? [],
          scopeSpan: scopes ? (scopes.span ?? this.spanFrom(start)) : undefined,
          flavors: [...(flavorsOnly ? words.map((w) => this.ident(w)) : []), ...(flavors ?? [])],
          file: this.file,
          start: this.fromOffset(start),
          end: this.endFrom(start),
          span: unsetSpan,
        });
      }) as QualifierTypeDeclaration;
    },
  );

  // scope = "," SCOPE "(" metaElement *( "," metaElement ) ")"
  private scopeSpec = this.RULE(
    "scopeSpec",
    (): ScopeClause => {
      const start = this.startOf();
      this.CONSUME(T.Scope);
      const names = this.nameList("a scope name");
      return this.ACTION(() => ({
        names,
        span: this.spanFrom(start),
      })) as ScopeClause;
    },
    // A broken Scope(...) clause still counts as present: its syntax error is the one worth reporting.
    { recoveryValueFunc: () => ({ names: [] }) },
  );

  // defaultFlavor = "," FLAVOR "(" flavor *( "," flavor ) ")"
  private flavorSpec = this.RULE("flavorSpec", (): Identifier[] => {
    this.CONSUME(T.Flavor);
    return this.nameList("a flavor name");
  });

  /**
   * "(" name *( "," name ) ")", inside scopeSpec or flavorSpec. Any word is accepted and checked against the
   * scope or flavor list after parsing, except the keywords Scope and Flavor themselves, so that a missing
   * ')' before ", Flavor(" is reported at 'Flavor'.
   */
  private nameList(what: string): Identifier[] {
    const names: Identifier[] = [];
    const element = () => {
      const n = this.OR({
        DEF: [
          {
            GATE: () => !this.isClauseKeyword(),
            ALT: () => this.CONSUME(T.Name),
          },
        ],
        ERR_MSG: what,
      });
      this.ACTION(() => n.image && names.push(this.ident(n)));
    };
    this.CONSUME(T.LParen);
    element();
    this.MANY(() => {
      this.CONSUME(T.Comma);
      const n = this.OR2({
        DEF: [
          {
            GATE: () => !this.isClauseKeyword(),
            ALT: () => this.CONSUME2(T.Name),
          },
        ],
        ERR_MSG: what,
      });
      this.ACTION(() => n.image && names.push(this.ident(n)));
    });
    this.CONSUME(T.RParen);
    return names;
  }

  private isMof3Start(): boolean {
    const t = this.LA(1).tokenType;
    return t === T.Structure || t === T.Enumeration || this.isMof3Keyword();
  }

  private isMof3Keyword(): boolean {
    const image = foldName(this.LA(1).image);
    return (image === "association" || image === "indication") && this.LA(2).tokenType === T.Identifier;
  }

  private isClauseKeyword(): boolean {
    const t = this.LA(1).tokenType;
    return t === T.Scope || t === T.Flavor;
  }

  // qualifierList = "[" qualifier *( "," qualifier ) "]"
  private qualifierList = this.RULE("qualifierList", (): QualifierList => {
    const start = this.startOf();
    const qualifiers: Qualifier[] = [];
    this.CONSUME(T.LBracket);
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const q = this.SUBRULE(this.qualifier);
        if (q && this.building) qualifiers.push(q);
      },
      ERR_MSG: "a qualifier name",
    });
    this.CONSUME(T.RBracket);
    if (!this.building) return recording;
    return selfSpanned({
      kind: "qualifierList",
      qualifiers: qualifiers.slice(),
      file: this.file,
      start: this.fromOffset(start),
      end: this.endFrom(start),
      span: unsetSpan,
    });
  });

  /** `qualifierParameter` (in `qualifier`), built once as `scalarValueAlternatives`. */
  private readonly qualifierParameterAlternatives = [
    {
      ALT: (): Value => {
        this.CONSUME(T.LParen);
        const v = this.SUBRULE(this.value);
        this.CONSUME(T.RParen);
        return v;
      },
    },
    { ALT: (): Value => this.SUBRULE(this.arrayValue) },
  ];
  private readonly qualifierParameter = (): Value => this.OR(this.qualifierParameterAlternatives);

  /** ":" 1*flavor after a qualifier, built once as `qualifierParameter`: most qualifiers have no flavors. */
  private readonly qualifierFlavors = (): Identifier[] => {
    const flavors: Identifier[] = [];
    this.CONSUME(T.Colon);
    this.AT_LEAST_ONE({
      DEF: () => {
        const f = this.CONSUME2(T.Name);
        this.ACTION(() => flavors.push(this.ident(f)));
      },
      ERR_MSG: "a flavor name",
    });
    return flavors.slice();
  };

  // qualifier = qualifierName [ qualifierParameter ] [ ":" 1*flavor ]
  // qualifierParameter = "(" constantValue ")" / arrayInitializer
  // Spec deviation (WMI): flavors after ':' are separated by spaces and include Amended, ToInstance, ...
  private qualifier = this.RULE("qualifier", (): Qualifier => {
    const start = this.startOf();
    const name = this.CONSUME(T.Name);
    const value = this.OPTION(this.qualifierParameter);
    const flavors = this.OPTION2(this.qualifierFlavors) ?? noFlavors;
    if (!this.building) return recording;
    const from = this.fromOffset(start);
    return qualifier(this.ident(name), value, flavors, this.file, from, this.toOffset(start, from));
  });

  // classDeclaration = [ qualifierList ] CLASS className [ alias ] [ superClass ] "{" *classFeature "}" ";"
  private classDeclaration = this.RULE(
    "classDeclaration",
    (qualifiers: QualifierList | undefined): ClassDeclaration => {
      const start = qualifiers?.span.start ?? this.startOf();
      this.CONSUME(T.Class);
      const name = this.CONSUME(T.Name);
      const alias = this.OPTION2(() => {
        this.CONSUME(T.As);
        return this.CONSUME(T.Alias);
      });
      const superclass = this.OPTION(() => {
        this.CONSUME(T.Colon);
        return this.CONSUME2(T.Name);
      });
      const features: Feature[] = [];
      this.CONSUME(T.LCurly);
      this.MANY(() => {
        const f = this.SUBRULE(this.classFeature);
        this.ACTION(() => f && features.push(f));
      });
      this.CONSUME(T.RCurly);
      this.terminator(9, "the class declaration", false);
      return this.ACTION(() =>
        selfSpanned({
          kind: "class" as const,
          qualifiers,
          name: this.ident(name),
          alias: alias ? this.aliasName(alias) : undefined,
          superclass: superclass ? this.ident(superclass) : undefined,
          features: features.slice(),
          file: this.file,
          start: this.fromOffset(start),
          end: this.endFrom(start),
          span: unsetSpan,
        }),
      ) as ClassDeclaration;
    },
  );

  // classFeature = propertyDeclaration / methodDeclaration / referenceDeclaration
  // Spec deviation: the three share a prefix `[qualifiers] type [REF] name`, so one rule parses it and
  // decides by what follows: "(" for a method, anything else for a property or reference.
  private classFeature = this.RULE("classFeature", (): Feature | undefined => {
    const start = this.startOf();
    const qualifiers = this.OPTION(() => this.SUBRULE(this.qualifierList));
    return this.OR({
      ERR_MSG: "a property, reference or method declaration",
      DEF: [
        { ALT: () => this.SUBRULE(this.mof3Member) },
        {
          ALT: () => {
            const typeTok = this.CONSUME(T.Name);
            const ref = this.OPTION2(() => this.CONSUME(T.Ref));
            const nameTok = this.CONSUME2(T.Name);
            const from = Number.isNaN(start) ? typeTok.startOffset : start;
            // One rule for the three features (not a sub-rule per kind): a feature is the most frequent
            // construct of a schema, and each rule invocation has a cost.
            return this.OR2([
              {
                // methodDeclaration = [ qualifierList ] dataType methodName "(" [ parameterList ] ")" ";"
                ALT: () => {
                  const parameters = this.SUBRULE(this.parameterList);
                  const array = this.OPTION3(() => this.SUBRULE(this.arraySpec));
                  this.terminator(7, "the method declaration", true);
                  return this.ACTION(() =>
                    selfSpanned({
                      kind: "method" as const,
                      qualifiers,
                      returnType: dataTypeOf(this.ident(typeTok)),
                      returnsRef: ref !== undefined,
                      name: this.ident(nameTok),
                      parameters: parameters ?? [],
                      array,
                      file: this.file,
                      start: this.fromOffset(from),
                      end: this.endFrom(from),
                      span: unsetSpan,
                    }),
                  ) as MethodDeclaration;
                },
              },
              {
                // propertyDeclaration = [ qualifierList ] dataType propertyName [ array ] [ defaultValue ] ";"
                // referenceDeclaration = [ qualifierList ] objectRef referenceName [ defaultValue ] ";"
                ALT: () => {
                  const array = this.OPTION4(() => this.SUBRULE2(this.arraySpec));
                  const dflt = this.OPTION5(() => {
                    this.CONSUME(T.Equals);
                    return this.SUBRULE(this.value);
                  });
                  this.terminator(6, ref ? "the reference declaration" : "the property declaration", true);
                  return this.ACTION(() => {
                    const type = dataTypeOf(this.ident(typeTok));
                    const name = this.ident(nameTok);
                    const file = this.file;
                    const start = this.fromOffset(from);
                    const end = this.endFrom(from);
                    if (!ref) {
                      const kind = "property" as const;
                      return selfSpanned({
                        kind,
                        qualifiers,
                        type,
                        name,
                        array,
                        default: dflt,
                        file,
                        start,
                        end,
                        span: unsetSpan,
                      });
                    }
                    const className = type.kind === "class" ? type.className : undefined;
                    const kind = "reference" as const;
                    return selfSpanned({
                      kind,
                      qualifiers,
                      className,
                      name,
                      array,
                      default: dflt,
                      file,
                      start,
                      end,
                      span: unsetSpan,
                    });
                  }) as Feature;
                },
              },
            ]);
          },
        },
      ],
    });
  });

  // parameterList = "(" [ parameter *( "," parameter ) ] ")"
  private parameterList = this.RULE("parameterList", (): ParameterDeclaration[] => {
    const parameters: ParameterDeclaration[] = [];
    this.CONSUME(T.LParen);
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        const p = this.SUBRULE(this.parameter);
        this.ACTION(() => p && parameters.push(p));
      },
    });
    this.CONSUME(T.RParen);
    return parameters.slice();
  });

  // parameter = [ qualifierList ] ( dataType / objectRef ) parameterName [ array ]
  // Spec deviation (WMI): a default value may follow (`= 0`).
  private parameter = this.RULE("parameter", (): ParameterDeclaration => {
    const start = this.startOf();
    const qualifiers = this.OPTION(() => this.SUBRULE(this.qualifierList));
    const typeName = this.CONSUME(T.Name);
    const ref = this.OPTION2(() => this.CONSUME(T.Ref));
    const name = this.CONSUME2(T.Name);
    const array = this.OPTION3(() => this.SUBRULE(this.arraySpec));
    const dflt = this.OPTION4(() => {
      this.CONSUME(T.Equals);
      return this.SUBRULE(this.value);
    });
    return this.ACTION(() =>
      selfSpanned({
        kind: "parameter" as const,
        qualifiers,
        type: dataTypeOf(this.ident(typeName)),
        isRef: ref !== undefined,
        name: this.ident(name),
        array,
        default: dflt,
        file: this.file,
        start: this.fromOffset(start),
        end: this.endFrom(start),
        span: unsetSpan,
      }),
    ) as ParameterDeclaration;
  });

  // array = "[" [ positiveDecimalValue ] "]"
  private arraySpec = this.RULE("arraySpec", (): ArraySpec => {
    const start = this.startOf();
    this.CONSUME(T.LBracket);
    const size = this.OPTION(() => this.CONSUME(T.IntegerLiteral));
    this.CONSUME(T.RBracket);
    return this.ACTION(() => {
      const payload = size?.payload as IntegerPayload | undefined;
      return selfSpanned({
        kind: "array" as const,
        size: payload?.value,
        file: this.file,
        start: this.fromOffset(start),
        end: this.endFrom(start),
        span: unsetSpan,
      });
    }) as ArraySpec;
  });

  // instanceDeclaration = [ qualifierList ] INSTANCE OF className [ alias ] "{" 1*valueInitializer "}" ";"
  // Spec deviation: an empty body is accepted (WMI singletons and key-less instances are written so).
  private instanceDeclaration = this.RULE(
    "instanceDeclaration",
    (qualifiers: QualifierList | undefined): InstanceDeclaration => {
      const start = qualifiers?.span.start ?? this.startOf();
      const instance = this.SUBRULE(this.instanceBody, {
        ARGS: [qualifiers, start],
      });
      this.terminator(9, "the instance declaration", false);
      return this.ACTION(() => (instance ? this.declared(instance, start) : undefined)) as InstanceDeclaration;
    },
  );

  /** An instance body as a declaration, whose span takes in its ';' (an embedded instance value's does not). */
  private declared(body: InstanceDeclaration, start: number): InstanceDeclaration {
    return selfSpanned({
      kind: "instance" as const,
      qualifiers: body.qualifiers,
      className: body.className,
      alias: body.alias,
      properties: body.properties,
      file: this.file,
      start: this.fromOffset(start),
      end: this.endFrom(start),
      span: unsetSpan,
    });
  }

  private instanceBody = this.RULE(
    "instanceBody",
    (qualifiers: QualifierList | undefined, start: number): InstanceDeclaration => {
      this.CONSUME(T.Instance);
      // Embedded instances are the grammar's only unbounded recursion: cap their depth, so that a file is
      // parsed the same way whatever stack the thread has (workers have more than the main thread).
      this.ACTION(() => {
        if (++this.nesting > maxNesting) throw new TooDeep(this.LA(0));
      });
      try {
        return this.instanceRest(qualifiers, start);
      } finally {
        this.ACTION(() => this.nesting--);
      }
    },
  );

  private instanceRest(qualifiers: QualifierList | undefined, start: number): InstanceDeclaration {
    this.CONSUME(T.Of);
    const className = this.CONSUME(T.Name);
    const alias = this.OPTION(() => {
      this.CONSUME(T.As);
      return this.CONSUME(T.Alias);
    });
    const properties: PropertyValue[] = [];
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      const p = this.SUBRULE(this.propertyValue);
      this.ACTION(() => p && properties.push(p));
    });
    this.CONSUME(T.RCurly);
    return this.ACTION(() =>
      selfSpanned({
        kind: "instance" as const,
        qualifiers,
        className: this.ident(className),
        alias: alias ? this.aliasName(alias) : undefined,
        properties: properties.slice(),
        file: this.file,
        start: this.fromOffset(start),
        end: this.endFrom(start),
        span: unsetSpan,
      }),
    ) as InstanceDeclaration;
  }

  // valueInitializer = [ qualifierList ] ( propertyName / referenceName ) "=" initializer ";"
  // Spec deviation (WMI): `"=" initializer` may be left out in a [DYNPROPS] instance, whose property provider
  // supplies the value (checks.ts reports it under --dialect dmtf).
  private propertyValue = this.RULE("propertyValue", (): PropertyValue => {
    const start = this.startOf();
    const qualifiers = this.OPTION(() => this.SUBRULE(this.qualifierList));
    const name = this.CONSUME(T.Name);
    let written = false;
    const value = this.OPTION2(() => {
      this.CONSUME(T.Equals);
      this.ACTION(() => {
        written = true;
      });
      return this.SUBRULE(this.value);
    });
    // A name followed by neither '=' nor ';' is broken text, not a property without a value: no node for it.
    let bare = false;
    this.ACTION(() => {
      bare = !written && this.LA(1).tokenType !== T.Semicolon;
    });
    this.terminator(9, "the property value", true);
    return this.ACTION(() =>
      (value !== undefined || !written) && !bare
        ? selfSpanned({
            kind: "propertyValue" as const,
            qualifiers,
            name: this.ident(name),
            value,
            file: this.file,
            start: this.fromOffset(start),
            end: this.endFrom(start),
            span: unsetSpan,
          })
        : undefined,
    ) as PropertyValue;
  });

  /** Built once, as `scalarValueAlternatives`. */
  private readonly valueAlternatives: OrMethodOpts<Value> = {
    DEF: [{ ALT: () => this.SUBRULE(this.arrayValue) }, { ALT: () => this.SUBRULE(this.scalarValue) }],
    ERR_MSG: "a value",
  };

  // initializer = constantValue / arrayInitializer / referenceInitializer
  private value = this.RULE("value", (): Value => this.OR(this.valueAlternatives));

  // arrayInitializer = "{" [ constantValue *( "," constantValue ) ] "}"
  private arrayValue = this.RULE("arrayValue", (): Value => {
    const start = this.startOf();
    const elements: Value[] = [];
    this.CONSUME(T.LCurly);
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        const v = this.SUBRULE(this.scalarValue);
        if (v && this.building) elements.push(v);
      },
    });
    this.CONSUME(T.RCurly);
    return this.ACTION(() =>
      selfSpanned({
        kind: "arrayValue" as const,
        elements: elements.slice(),
        file: this.file,
        start: this.fromOffset(start),
        end: this.endFrom(start),
        span: unsetSpan,
      }),
    ) as Value;
  });

  /**
   * The alternatives of `scalarValue`, built once: Chevrotain calls each ALT with the parser as `this`, and an
   * array written inside the rule cost ten closures per value, the largest share of the parser's garbage.
   */
  private readonly scalarValueAlternatives: OrMethodOpts<ScalarValue> = {
    DEF: [
      { ALT: () => this.SUBRULE(this.integerValue) },
      {
        ALT: () => {
          const t = this.CONSUME(T.RealLiteral);
          return this.ACTION(() =>
            realValue(t.payload as number, t.image, this.file, this.tokenStart(t), this.tokenEnd(t)),
          ) as ScalarValue;
        },
      },
      { ALT: () => this.SUBRULE(this.stringValue) },
      {
        ALT: () => {
          const t = this.CONSUME(T.Char16Literal);
          return this.ACTION(() =>
            char16Value(t.payload as string, this.file, this.tokenStart(t), this.tokenEnd(t)),
          ) as ScalarValue;
        },
      },
      { ALT: () => this.literal(this.CONSUME(T.True), true) },
      { ALT: () => this.literal(this.CONSUME(T.False), false) },
      { ALT: () => this.literal(this.CONSUME(T.Null), null) },
      {
        ALT: () => {
          const t = this.CONSUME(T.Alias);
          return this.ACTION(() =>
            aliasValue(t.payload as string, this.file, this.tokenStart(t), this.tokenEnd(t)),
          ) as ScalarValue;
        },
      },
      {
        // A bare word: see scalarValue.
        ALT: () => {
          const t = this.CONSUME(T.Identifier);
          return this.ACTION(() => {
            const where = nullValue(this.file, this.tokenStart(t), this.tokenEnd(t));
            this.notes.push(diag(Diagnostics.NameAsValue, where, t.image));
            return where;
          }) as ScalarValue;
        },
      },
      {
        ALT: () => {
          const start = this.startOf();
          const instance = this.SUBRULE(this.instanceBody, {
            ARGS: [undefined, start],
          });
          return this.ACTION(() =>
            instance
              ? selfSpanned({
                  kind: "instanceValue" as const,
                  instance,
                  file: this.file,
                  start: this.fromOffset(start),
                  end: this.endFrom(start),
                  span: unsetSpan,
                })
              : undefined,
          ) as ScalarValue;
        },
      },
    ],
    ERR_MSG: "a value",
  };

  // constantValue = integerValue / realValue / charValue / stringValue / booleanValue / nullValue
  // referenceInitializer = objectHandle / aliasIdentifier
  // Spec deviation (WMI): `instance of X { ... }` as a value (an embedded object).
  // Super grammar: a bare word where a value belongs (an undefined macro, an unquoted string, a MOF 3.0
  // enumeration value) gets its own message instead of a cascade of syntax errors.
  private scalarValue = this.RULE("scalarValue", (): ScalarValue => this.OR(this.scalarValueAlternatives));

  private literal(t: IToken, v: boolean | null): ScalarValue {
    return this.ACTION(() =>
      v === null
        ? nullValue(this.file, this.tokenStart(t), this.tokenEnd(t))
        : booleanValue(v, this.file, this.tokenStart(t), this.tokenEnd(t)),
    ) as ScalarValue;
  }

  private integerValue = this.RULE("integerValue", (): IntegerValue => {
    const t = this.CONSUME(T.IntegerLiteral);
    return this.ACTION(() => {
      const p = (t.payload as IntegerPayload | undefined) ?? {
        value: 0n,
        radix: 10 as const,
      };
      return integerValue(p.value, p.radix, t.image, this.file, this.tokenStart(t), this.tokenEnd(t));
    }) as IntegerValue;
  });

  // stringValue = 1*( """ *stringChar """ ): adjacent literals concatenate across whitespace and comments.
  private stringValue = this.RULE("stringValue", (): StringValue => {
    const start = this.startOf();
    this.stringText = "";
    this.AT_LEAST_ONE(this.stringLiteral);
    if (!this.building) return recording;
    const from = this.fromOffset(start);
    return stringValue(this.sharedText(this.stringText), this.file, from, this.toOffset(start, from));
  });

  /** Short texts repeat (ValueMap entries "0".."9", "..", "DMTF Reserved"): one string per spelling, as names. */
  private sharedText(text: string): string {
    return text.length <= maxSharedString ? this.intern(text) : text;
  }

  /** The text of the string value being parsed (a string value holds no other value). */
  private stringText = "";

  /** One literal of a string value; built once, so a string value costs no closure per literal. */
  private readonly stringLiteral = (): void => {
    const t = this.CONSUME(T.StringLiteral);
    if (this.building) this.stringText += (t.payload as string | undefined) ?? "";
  };

  /**
   * MOF 3.0 (DSP0221) `structure` and `enumeration` declarations are not read, but they are skipped as a
   * whole (balanced braces) so that the rest of the file still parses; a check reports them.
   */
  private mof3Declaration = this.RULE("mof3Declaration", (): undefined => {
    const keyword = this.OR([
      { ALT: () => this.CONSUME(T.Structure) },
      { ALT: () => this.CONSUME(T.Enumeration) },
      // MOF 3.0 `association Name : Super { ... };` (in MOF 2, Association is a qualifier, never a keyword).
      { GATE: () => this.isMof3Keyword(), ALT: () => this.CONSUME(T.Identifier) },
    ]);
    this.mof3Rest(keyword);
    return undefined;
  });

  /** MOF 3.0 local structures and enumerations inside a class (no association keyword there). */
  private mof3Member = this.RULE("mof3Member", (): undefined => {
    const keyword = this.OR([{ ALT: () => this.CONSUME(T.Structure) }, { ALT: () => this.CONSUME(T.Enumeration) }]);
    this.mof3Rest(keyword);
    return undefined;
  });

  /**
   * The header and balanced body of a MOF 3.0 declaration, reported once at its keyword. The body is skipped
   * token by token in an action rather than described in the grammar: a grammar rule that accepts any token
   * would make every token a place where error recovery could resume, and recovery elsewhere would suffer.
   */
  private mof3Rest(keyword: IToken): void {
    this.ACTION(() => {
      const what = `a '${keyword.image}' declaration`;
      this.notes.push(diag(Diagnostics.Mof3Construct, this.tokenSpan(keyword), what));
    });
    this.MANY(() => this.OR9([{ ALT: () => this.CONSUME9(T.Name) }, { ALT: () => this.CONSUME9(T.Colon) }]));
    this.CONSUME9(T.LCurly);
    this.ACTION(() => {
      let depth = 0;
      for (let next = this.LA(1); next.tokenType.name !== "EOF"; next = this.LA(1)) {
        if (next.tokenType === T.RCurly && depth === 0) break;
        if (next.tokenType === T.LCurly) depth++;
        else if (next.tokenType === T.RCurly) depth--;
        this.SKIP_TOKEN();
      }
    });
    this.CONSUME8(T.RCurly);
    this.CONSUME8(T.Semicolon);
  }
}
