/**
 * The MOF dialect a compilation reads: its names, its default, and how user input (a `--dialect` flag, a
 * configuration's `dialect` key) becomes one. Every phase takes the type from here and every default is
 * `defaultDialect`, so the choice is written once; what a dialect allows is asked of its rules (`rules.ts`).
 */
export type Dialect = "wmi" | "dmtf";

/** The names a user may give, in the order messages list them. */
export const dialectNames: readonly Dialect[] = ["wmi", "dmtf"];

/**
 * WMI: Microsoft's superset, which the Windows and Hyper-V schemas are written in, and which also reads the
 * DMTF schemas (their WMI-specific findings are then warnings, not errors).
 */
export const defaultDialect: Dialect = "wmi";

/** `"wmi"` or `"dmtf"` as the user wrote it (case matters, as for every other option value); else undefined. */
export function parseDialect(text: string): Dialect | undefined {
  return (dialectNames as readonly string[]).includes(text) ? (text as Dialect) : undefined;
}

/** The names as a message lists what was expected: `"wmi" or "dmtf"`. */
export const dialectChoices: string = dialectNames.map((d) => JSON.stringify(d)).join(" or ");
