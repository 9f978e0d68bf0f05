import { relaxed } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type Dialect, defaultDialect, dialectChoices } from "./dialect.js";

/**
 * What a dialect allows and how severe its findings are: the questions the lexer, the parser's checks and the
 * model ask, instead of comparing dialect names. Each answer is named for the MOF behaviour it stands for, so a
 * check reads as the rule it applies ("does this dialect type qualifiers by their use?"), and a third dialect
 * would be one more table row, not a search for string comparisons.
 */
export interface DialectRules {
  readonly dialect: Dialect;
  /**
   * WMI's extensions of the grammar pass silently: its flavours and pragmas, `void` and `object` types, class
   * names as data types, line-continuation backslashes. Otherwise each is reported (WmiExtension).
   */
  readonly wmiExtensions: boolean;
  /**
   * A finding that mofcomp does not check (Override targets, undefined classes, ValueMap conventions, a
   * class declared again alike): a warning here, or the error the catalog gives it.
   */
  unchecked(d: Diagnostic): Diagnostic;
  /** A class declared again with the same members is an update of the first (mofcomp), not a duplicate. */
  readonly redeclarationUpdates: boolean;
  /**
   * Names a namespace does not declare may come from elsewhere: the WMI system and DSC classes every WMI
   * namespace holds, and classes declared in exactly one other namespace of the compilation.
   */
  readonly classesBeyondNamespace: boolean;
  /** A subclass member with an inherited name needs the Override qualifier (DSP0004 5.1.2.13). */
  readonly overrideRequired: boolean;
  /** References belong to associations only (DSP0004 7.5.5); WMI allows them in any class. */
  readonly referencesOnlyInAssociations: boolean;
  /** A method parameter without a written In qualifier: input (DSP0004's default), or input unless Out (WMI). */
  inByDefault(outDirection: boolean): boolean;
  /**
   * Qualifiers are typed by their use (mofcomp): undeclared ones are accepted, the built-in table's scopes are
   * not enforced, and a value of another type than the table's is a warning. Otherwise (DSP0004) every
   * qualifier must be declared (or supplied by `builtinQualifiers`) and is checked against its declaration.
   */
  readonly qualifiersTypedByUse: boolean;
  /**
   * mofcomp's documented conversions: a real given to an integer is rounded, the string "True" given to a
   * boolean is the boolean. Each is a warning and the model holds what WMI stores.
   */
  readonly mofcompConversions: boolean;
}

const wmi: DialectRules = {
  dialect: "wmi",
  wmiExtensions: true,
  unchecked: relaxed,
  redeclarationUpdates: true,
  classesBeyondNamespace: true,
  overrideRequired: false,
  referencesOnlyInAssociations: false,
  inByDefault: (outDirection) => !outDirection,
  qualifiersTypedByUse: true,
  mofcompConversions: true,
};

const dmtf: DialectRules = {
  dialect: "dmtf",
  wmiExtensions: false,
  unchecked: (d) => d,
  redeclarationUpdates: false,
  classesBeyondNamespace: false,
  overrideRequired: true,
  referencesOnlyInAssociations: true,
  inByDefault: () => true,
  qualifiersTypedByUse: false,
  mofcompConversions: false,
};

const byDialect: Readonly<Record<Dialect, DialectRules>> = { wmi, dmtf };

/**
 * The rules of a dialect; of the default one when none is given. A JavaScript caller (or a cast) can pass any
 * string: that is a mistake in the calling code, not in the MOF, so it throws, but saying what was expected rather
 * than failing later on an undefined rules object (user text goes through `parseDialect` first).
 */
export function dialectRules(dialect: Dialect = defaultDialect): DialectRules {
  if (!Object.hasOwn(byDialect, dialect))
    throw new TypeError(`unknown MOF dialect ${JSON.stringify(dialect)}: expected ${dialectChoices}`);
  return byDialect[dialect];
}
