import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { it } from "vitest";

/** `../shared/corpora` beside the repository (never copied into it). */
export const corporaDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/corpora");

export const onCi = process.env.CI === "true" || process.env.CI === "1";

/**
 * The path of a corpus folder, or undefined when the corpora are absent. Under CI a missing corpus is a
 * failure (throws); elsewhere the caller skips with a visible message.
 */
export function corpus(name: string): string | undefined {
  const dir = join(corporaDir, name);
  if (existsSync(dir)) return dir;
  if (onCi) throw new Error(`corpus ${name} is missing at ${dir}: CI must run with ../shared beside the repository`);
  console.warn(`[skip] corpus ${name} not found at ${dir}`);
  return undefined;
}

/** `../shared/seeds` beside the repository: the reference pages the docs and the bundled schemas are checked against. */
export const seedsDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/seeds");

/**
 * Inside a describe: whether the shared folder `dir` is there. When it is not, the describe gets one test in its
 * place, which fails under CI and is skipped visibly elsewhere, as for a corpus.
 */
export function sharedFolderPresent(what: string, dir: string): boolean {
  if (existsSync(dir)) return true;
  it(`finds the ${what}`, (ctx) => {
    if (onCi) throw new Error(`${what} missing at ${dir}: CI must run with ../shared beside the repository`);
    console.warn(`[skip] ${what} not found at ${dir}`);
    ctx.skip();
  });
  return false;
}

/**
 * How each corpus folder is compiled by the corpus tests: its dialect; `whole` for a schema release (one
 * compilation whose roll-ups share a qualifiers file), otherwise each top-level file on its own; and
 * `builtinQualifiers` for the test suites of DMTF compilers, which compile into a repository that already
 * holds the standard qualifiers.
 */
export interface CorpusFolder {
  readonly name: string;
  readonly dialect: "wmi" | "dmtf";
  readonly whole?: boolean;
  readonly builtinQualifiers?: boolean;
}

export const corpusFolders: readonly CorpusFolder[] = [
  { name: "dmtf-cim-2.22", dialect: "dmtf", whole: true },
  { name: "dmtf-cim-2.28", dialect: "dmtf", whole: true },
  { name: "dmtf-cim-2.49", dialect: "dmtf", whole: true },
  { name: "openpegasus-compiler-tests", dialect: "dmtf", builtinQualifiers: true },
  { name: "pywbem-tests", dialect: "dmtf", builtinQualifiers: true },
  { name: "pywbemtools-tests", dialect: "dmtf", builtinQualifiers: true },
  { name: "kingsland-mofparser-tests", dialect: "dmtf", builtinQualifiers: true },
  { name: "hyperv", dialect: "wmi" },
  { name: "msdocs-hyperv-v1-simplified", dialect: "wmi" },
  { name: "msdocs-hyperv-v2-simplified", dialect: "wmi" },
  { name: "msdocs-hypervcluster-v2-simplified", dialect: "wmi" },
  { name: "msdocs-wmisdk-snippets", dialect: "wmi" },
  { name: "ms-windows-classic-samples", dialect: "wmi" },
  { name: "ms-windows-driver-samples", dialect: "wmi" },
  { name: "omi-codec", dialect: "wmi" },
  { name: "sccm-pwsh", dialect: "wmi" },
  { name: "dsc-computermanagementdsc", dialect: "wmi" },
  { name: "dsc-failoverclusterdsc", dialect: "wmi" },
  { name: "dsc-hypervdsc", dialect: "wmi" },
];

/**
 * The corpus folders of the wire layer: recorded protocol exchanges and the CIM-XML DTD, not MOF. The protocol
 * tests read them; the MOF corpus tests leave them alone.
 */
export const protocolCorpusFolders: readonly string[] = [
  "cimxml-dtd",
  "cimxml-pywbem-exchanges",
  "wsman-other-exchanges",
  "wsman-windows-responses",
];
