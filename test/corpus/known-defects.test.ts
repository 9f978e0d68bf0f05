import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import { buildProgram } from "../../src/program/program.js";
import { resolveSpan } from "../../src/source/span.js";
import { corporaDir, corpus } from "../helpers/corpora.js";

/**
 * Issue 3: every Microsoft-dialect corpus file compiles in WMI mode without errors, except real defects of the
 * file itself. This is the whole list of files that still have errors, each with its error codes and why the
 * errors are right; the exact places are in expected/*.txt. A file that starts or stops failing, or fails
 * with other codes, must be explained here.
 *
 * Classes a file takes from the namespace it is compiled into (CIM_*, Win32_*, SMS_*, Msvm_*, the standard
 * event consumers) are warnings, not errors; WMI system classes and DSC's base classes are known.
 */
const folders = [
  "ms-windows-classic-samples",
  "ms-windows-driver-samples",
  "msdocs-wmisdk-snippets",
  "sccm-pwsh",
  "dsc-computermanagementdsc",
  "dsc-failoverclusterdsc",
  "dsc-hypervdsc",
  "hyperv",
];

const missingWdkHeaders =
  "includes iscsidsc.h and iscsierr.h, WDK headers the corpus does not hold (MOF1004); the words they #define " +
  "(MAX_ISCSI_NAME_LEN, ISCSI_*_CPPQUOTE) are then bare words (MOF1212, naming the missing includes)";

const docTemplate = "a syntax template from the docs, with placeholders, not MOF";
const docLineBreaks = "the docs wrap a long string literal across lines; a MOF string cannot hold a line break";
const otherSnippetAliases = "uses aliases ($Name) that another snippet of the same page defines";

/** File (relative to the corpora) -> error codes, sorted and unique -> why they are right. */
const knownDefects: Record<string, { codes: string[]; why: string }> = {
  "ms-windows-classic-samples/Samples/ManagementInfrastructure/cpp/Sample.mof": {
    codes: ["MOF1004"],
    why: "includes cim_schema_2.26.0.mof, a DMTF release the sample does not ship",
  },
  "ms-windows-driver-samples/storage/iscsi/src/common.mof": {
    codes: ["MOF1004", "MOF1201", "MOF1212"],
    why: `${missingWdkHeaders}; ISCSI_SECURITY_FLAGS_CPPQUOTE inside a qualifier's parameter is a syntax error (MOF1201)`,
  },
  "ms-windows-driver-samples/storage/iscsi/src/config.mof": { codes: ["MOF1212"], why: missingWdkHeaders },
  "ms-windows-driver-samples/storage/iscsi/src/mgmt.mof": { codes: ["MOF1212"], why: missingWdkHeaders },
  "msdocs-wmisdk-snippets/-include.mof": { codes: ["MOF1004"], why: "includes mymof2.mof, an example name" },
  "msdocs-wmisdk-snippets/-pragma.mof": { codes: ["MOF1201"], why: `#pragma [command]: ${docTemplate}` },
  "msdocs-wmisdk-snippets/__ace.mof": {
    codes: ["MOF1201"],
    why: "the docs list AceFlags, AccessMask... without a data type",
  },
  "msdocs-wmisdk-snippets/__namespacemodificationevent.mof": {
    codes: ["MOF2006"],
    why: "the docs list SECURITY_DESCRIPTOR twice",
  },
  "msdocs-wmisdk-snippets/applying-a-qualifier.mof": { codes: ["MOF1101", "MOF1201"], why: `'...': ${docTemplate}` },
  "msdocs-wmisdk-snippets/binding-an-event-filter-with-a-logical-consumer.mof": {
    codes: ["MOF2012"],
    why: otherSnippetAliases,
  },
  "msdocs-wmisdk-snippets/creating-a-child-namespace-with-mof-code.2.mof": {
    codes: ["MOF1201"],
    why: "an 'instance of' written inside another instance's body",
  },
  "msdocs-wmisdk-snippets/creating-a-method.mof": { codes: ["MOF1101"], why: `<ReturnType>: ${docTemplate}` },
  "msdocs-wmisdk-snippets/creating-a-new-instance-from-old-properties.mof": { codes: ["MOF1108"], why: docLineBreaks },
  "msdocs-wmisdk-snippets/defining-a-registry-class-with-qualifiers.mof": { codes: ["MOF1108"], why: docLineBreaks },
  "msdocs-wmisdk-snippets/describing-a-qualifier-with-a-qualifier-flavor.mof": {
    codes: ["MOF1101", "MOF1203"],
    why: `flavor1 <, flavor2 ...>: ${docTemplate}`,
  },
  "msdocs-wmisdk-snippets/describing-a-resource-for-the-registry.mof": { codes: ["MOF1108"], why: docLineBreaks },
  "msdocs-wmisdk-snippets/determining-the-type-of-event-to-receive.mof": {
    codes: ["MOF1201"],
    why: "the class declaration lacks its final ';'",
  },
  "msdocs-wmisdk-snippets/mof-arrays.4.mof": { codes: ["MOF3008"], why: "gives the string key s the integer 23" },
  "msdocs-wmisdk-snippets/monitoring-and-responding-to-events-with-standard-consumers.4.mof": {
    codes: ["MOF1201"],
    why: "two instance headers without bodies, quoted from the page's prose",
  },
  "msdocs-wmisdk-snippets/monitoring-and-responding-to-events-with-standard-consumers.5.mof": {
    codes: ["MOF1201"],
    why: "two instance headers without bodies, quoted from the page's prose",
  },
  "msdocs-wmisdk-snippets/monitoring-and-responding-to-events-with-standard-consumers.6.mof": {
    codes: ["MOF2012"],
    why: otherSnippetAliases,
  },
  "msdocs-wmisdk-snippets/pragma-amendment.mof": {
    codes: ["MOF1108", "MOF1201"],
    why: 'a stray \'"\' in the Description: "...MyClass" for American English"',
  },
  "msdocs-wmisdk-snippets/pragma-deleteclass.mof": { codes: ["MOF1201"], why: `[, NOFAIL]: ${docTemplate}` },
  "msdocs-wmisdk-snippets/pragma-deleteinstance.mof": { codes: ["MOF1201"], why: `[, NOFAIL]: ${docTemplate}` },
  "msdocs-wmisdk-snippets/pragma-instanceflags.mof": { codes: ["MOF1201", "MOF1207"], why: `[flag]: ${docTemplate}` },
  "msdocs-wmisdk-snippets/provider-hosting-and-security.mof": {
    codes: ["MOF1201"],
    why: "the instance lacks its final ';'",
  },
  "msdocs-wmisdk-snippets/provider-hosting-and-security.2.mof": {
    codes: ["MOF1201"],
    why: "the instance lacks its final ';'",
  },
  "msdocs-wmisdk-snippets/provider-hosting-and-security.3.mof": {
    codes: ["MOF1201"],
    why: "the instance lacks its final ';'",
  },
  "msdocs-wmisdk-snippets/receiving-events-securely.mof": {
    codes: ["MOF1201", "MOF2016"],
    why: "instances without their final ';', and an __EventFilter without its key Name ('Add filter code here')",
  },
  "msdocs-wmisdk-snippets/registering-a-provider.mof": {
    codes: ["MOF1201"],
    why: "'{IN]' for '[IN]' in GetBinaryValue's parameters",
  },
  "msdocs-wmisdk-snippets/registering-the-system-registry-provider.2.mof": {
    codes: ["MOF2012"],
    why: otherSnippetAliases,
  },
  "msdocs-wmisdk-snippets/registering-the-view-provider.2.mof": { codes: ["MOF2012"], why: otherSnippetAliases },
  "msdocs-wmisdk-snippets/registering-the-view-provider.3.mof": { codes: ["MOF2012"], why: otherSnippetAliases },
  "msdocs-wmisdk-snippets/requesting-wmi-data-on-a-64-bit-platform.mof": {
    codes: ["MOF1201"],
    why: "a program's output (an __PARAMETERS instance followed by prose), not MOF",
  },
  "msdocs-wmisdk-snippets/retrieving-part-of-an-instance.mof": {
    codes: ["MOF1201"],
    why: "a program's output ('Successfully connected to namespace'), not MOF",
  },
  "msdocs-wmisdk-snippets/supplying-data-to-wmi-by-writing-a-provider.2.mof": {
    codes: ["MOF2012"],
    why: otherSnippetAliases,
  },
  "msdocs-wmisdk-snippets/using-the-system-registry-provider-as-a-property-provider.mof": {
    codes: ["MOF1108"],
    why: docLineBreaks,
  },
};

function errorCodesByFile(folder: string): Map<string, Set<string>> {
  const byFile = new Map<string, Set<string>>();
  for (const root of buildProgram([folder], { dialect: "wmi" }).roots) {
    for (const d of compile([root.source.path], { dialect: "wmi" }).diagnostics) {
      if (d.severity !== "error") continue;
      const file = d.span === undefined ? (d.path ?? "?") : resolveSpan(d.span).file;
      const key = relative(corporaDir, file);
      byFile.set(key, (byFile.get(key) ?? new Set()).add(d.code));
    }
  }
  return byFile;
}

describe("Microsoft-dialect corpus files that still have errors (WMI mode)", () => {
  for (const name of folders) {
    it(`${name}: only the known defects`, (ctx) => {
      const dir = corpus(name);
      if (dir === undefined) return ctx.skip();
      const found = Object.fromEntries(
        [...errorCodesByFile(dir)].map(([file, codes]) => [file, [...codes].sort()] as const).sort(),
      );
      const expected = Object.fromEntries(
        Object.entries(knownDefects)
          .filter(([file]) => file.startsWith(`${name}/`))
          .map(([file, { codes }]) => [file, codes] as const)
          .sort(),
      );
      expect(found).toEqual(expected);
    });
  }

  it("gives every known defect a reason", () => {
    for (const { codes, why } of Object.values(knownDefects)) {
      expect(codes.length).toBeGreaterThan(0);
      expect(why.length).toBeGreaterThan(10);
    }
  });
});
