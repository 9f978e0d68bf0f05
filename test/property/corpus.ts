/**
 * Mutated corpus files, shared by the property tests (frontend.property.test.ts) and `npm run fuzz`: which files
 * of ../shared/corpora each reads, and slices of them with a few random mutations.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { decodeMof } from "../../src/source/encoding.js";
import { type Mutation, mutate, mutation, pos, type Sizes } from "./generators.js";

export interface CorpusText {
  /** The file's path from the corpora folder on. */
  readonly name: string;
  readonly text: string;
}

/** Corpus folders (below ../shared/corpora) and how many `.mof` files to read from each. */
export type CorpusSelection = readonly (readonly [folder: string, limit: number])[];

export const testCorpora: CorpusSelection = [
  ["dmtf-cim-2.49/Core", 60],
  ["hyperv/v2", 5],
  ["msdocs-wmisdk-snippets", 80],
  ["pywbem-tests", 20],
  ["openpegasus-compiler-tests", 40],
  ["kingsland-mofparser-tests", 20],
  ["ms-windows-driver-samples", 20],
];

/** Several dialects and encodings, more of each than the tests read. */
export const fuzzCorpora: CorpusSelection = [
  ["dmtf-cim-2.49/Core", 200],
  ["dmtf-cim-2.22", 40],
  ["hyperv/v2", 5],
  ["msdocs-wmisdk-snippets", 300],
  ["msdocs-hyperv-v2-simplified", 5],
  ["pywbem-tests", 50],
  ["pywbemtools-tests", 50],
  ["openpegasus-compiler-tests", 100],
  ["kingsland-mofparser-tests", 50],
  ["ms-windows-driver-samples", 50],
  ["ms-windows-classic-samples", 50],
  ["sccm-pwsh", 5],
];

/** The first `limit` `.mof` files below `dir` (sorted, depth first); none when `dir` cannot be read. */
export function mofFiles(dir: string, limit: number): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      if (out.length >= limit) return;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.mof$/i.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * The decoded text of the selected corpus files (empty ones left out). `locate` gives a folder's path, or
 * undefined to pass it over.
 */
export function loadCorpora(selection: CorpusSelection, locate: (folder: string) => string | undefined): CorpusText[] {
  const texts: CorpusText[] = [];
  for (const [folder, limit] of selection) {
    const dir = locate(folder);
    if (dir === undefined) continue;
    for (const path of mofFiles(dir, limit)) {
      const text = decodeMof(readFileSync(path)).text;
      if (text.length > 0) texts.push({ name: path.slice(dir.length - folder.length), text });
    }
  }
  return texts;
}

/** Largest slice of one corpus file handed to a single run (keeps big files such as Hyper-V's fast). */
export const maxSlice = 24_000;

export interface CorpusSample {
  readonly file: number;
  readonly sliceAt: number;
  readonly mutations: Mutation[];
}

/** A file of `corpora`, where to slice it, and the mutations to apply to the slice (see `corpusText`). */
export function corpusSample(corpora: readonly CorpusText[], sizes: Sizes): fc.Arbitrary<CorpusSample> {
  return fc.record({
    file: fc.nat({ max: Math.max(0, corpora.length - 1) }),
    sliceAt: pos,
    mutations: fc.array(mutation, { minLength: 1, maxLength: sizes.corpusMutations }),
  });
}

export function corpusText(corpora: readonly CorpusText[], s: CorpusSample): string {
  const { text } = corpora[s.file] as CorpusText;
  const start = text.length > maxSlice ? s.sliceAt % (text.length - maxSlice) : 0;
  return s.mutations.reduce(mutate, text.slice(start, start + maxSlice));
}
