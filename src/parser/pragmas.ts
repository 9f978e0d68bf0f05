import { foldName } from "@mofgen/runtime/values";
import type { PragmaArgument, PragmaDirective } from "../ast/nodes.js";
import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DialectRules } from "../dialect/rules.js";

/**
 * The pragmas mofgen knows and the arguments each takes. DSP0004 v2 defines include, instancelocale, locale,
 * namespace, nonlocal, nonlocaltype, source and sourcetype; the rest are Microsoft's (mofcomp).
 */
interface PragmaRule {
  readonly wmi: boolean;
  /** Describes the arguments for messages. */
  readonly takes: string;
  readonly accepts: (args: readonly PragmaArgument[]) => boolean;
}

const oneString = (args: readonly PragmaArgument[]) => args.length === 1 && args[0]?.kind === "string";
const none = (args: readonly PragmaArgument[]) => args.length === 0;
const stringThenFlag = (args: readonly PragmaArgument[]) =>
  (args.length === 1 || args.length === 2) &&
  args[0]?.kind === "string" &&
  (args[1] === undefined || (args[1].kind === "identifier" && /^(no)?fail$/i.test(args[1].name)));
const flags = (args: readonly PragmaArgument[]) =>
  args.length >= 1 && args.every((a) => a.kind === "string" || a.kind === "integer");

const rules: Record<string, PragmaRule> = {
  include: {
    wmi: false,
    takes: 'one file name: #pragma include("file.mof")',
    accepts: oneString,
  },
  locale: {
    wmi: false,
    takes: 'one locale: #pragma locale("en_US")',
    accepts: oneString,
  },
  instancelocale: {
    wmi: false,
    takes: "one locale string",
    accepts: oneString,
  },
  namespace: {
    wmi: false,
    takes: 'one namespace path: #pragma namespace("root/cimv2")',
    accepts: oneString,
  },
  nonlocal: {
    wmi: false,
    takes: "one namespace path string",
    accepts: oneString,
  },
  nonlocaltype: { wmi: false, takes: "one string", accepts: oneString },
  source: {
    wmi: false,
    takes: "one namespace path string",
    accepts: oneString,
  },
  sourcetype: { wmi: false, takes: "one string", accepts: oneString },
  autorecover: {
    wmi: true,
    takes: "no arguments: #pragma autorecover",
    accepts: none,
  },
  amendment: {
    wmi: true,
    takes: 'one amendment name: #pragma amendment("MS_409")',
    accepts: oneString,
  },
  classflags: {
    wmi: true,
    takes: 'flag strings or a number: #pragma classflags("forceupdate")',
    accepts: flags,
  },
  instanceflags: {
    wmi: true,
    takes: 'flag strings or a number: #pragma instanceflags("updateonly")',
    accepts: flags,
  },
  deleteclass: {
    wmi: true,
    takes: 'a class name and FAIL or NOFAIL: #pragma deleteclass("Class", NOFAIL)',
    accepts: stringThenFlag,
  },
  deleteinstance: {
    wmi: true,
    takes: 'an instance path and FAIL or NOFAIL: #pragma deleteinstance("Class.Key=1", NOFAIL)',
    accepts: stringThenFlag,
  },
};

const classFlags = new Set(["forceupdate", "safeupdate", "updateonly", "createonly"]);
const instanceFlags = new Set(["updateonly", "createonly"]);

/** Locale names as mofcomp and DMTF write them: `en_US`, `en-US`, `ms_409`, `0x409`. */
const localeShape = /^([a-z]{2,3}([_-][A-Za-z0-9]{2,8})*|ms_[0-9a-f]{3,4}|0x[0-9a-f]{3,4})$/i;

export function checkPragma(p: PragmaDirective, dialect: DialectRules): Diagnostic[] {
  const out: Diagnostic[] = [];
  const name = foldName(p.name.name);
  const rule = rules[name];
  if (rule === undefined) {
    out.push(diag(Diagnostics.UnknownPragma, p.name.span, p.name.name));
    return out;
  }
  if (!dialect.wmiExtensions) {
    if (rule.wmi) out.push(diag(Diagnostics.WmiExtension, p.name.span, `#pragma ${name}`));
    else if (!p.parenthesized) out.push(diag(Diagnostics.WmiExtension, p.name.span, "a #pragma without parentheses"));
  }
  if (!rule.accepts(p.arguments)) {
    out.push(diag(Diagnostics.PragmaArguments, p.span, name, rule.takes));
    return out;
  }
  if (name === "classflags" || name === "instanceflags") {
    // mofcomp's update modes: how a declaration is written into a repository that already holds it.
    const known = name === "classflags" ? classFlags : instanceFlags;
    for (const a of p.arguments) {
      if (a.kind === "string" && !known.has(a.value.toLowerCase()))
        out.push(diag(Diagnostics.PragmaValue, a.span, name, a.value));
    }
  }
  if (name === "locale" || name === "instancelocale") {
    const value = p.arguments[0];
    if (value?.kind === "string" && !localeShape.test(value.value)) {
      out.push(diag(Diagnostics.PragmaValue, value.span, name, value.value));
    }
  }
  return out;
}
