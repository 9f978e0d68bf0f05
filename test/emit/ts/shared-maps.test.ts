import { describe, expect, it } from "vitest";
import { SharedMaps } from "../../../src/emit/ts/shared-maps.js";
import type { ValueMap, ValueMapEntry } from "../../../src/model/types.js";

/** A map with only what `SharedMaps` reads: value type, openness and entries. */
function valueMap(valueType: "integer" | "string", entries: readonly [string, string, bigint | undefined][]): ValueMap {
  const list: ValueMapEntry[] = entries.map(([label, value, lo]) => ({
    label,
    value,
    kind: "single",
    lo,
    hi: lo,
    span: undefined,
    labelSpan: undefined,
  }));
  return { valueType, open: false, entries: list } as unknown as ValueMap;
}

const base = valueMap("integer", [
  ["OK", "2", 2n],
  ["Degraded", "3", 3n],
]);

// Each plan after the first is a new SharedMaps over a new map object, as in each run of a watch session: members
// remembered from an earlier plan must be those of this map, whichever of its inputs changed.
const plans: readonly (readonly [string, ValueMap, boolean, readonly { name: string; literal: string }[]])[] = [
  [
    "the first plan",
    base,
    false,
    [
      { name: "OK", literal: "2" },
      { name: "Degraded", literal: "3" },
    ],
  ],
  [
    "an equal map in a later plan",
    valueMap("integer", [
      ["OK", "2", 2n],
      ["Degraded", "3", 3n],
    ]),
    false,
    [
      { name: "OK", literal: "2" },
      { name: "Degraded", literal: "3" },
    ],
  ],
  [
    "a label changed",
    valueMap("integer", [
      ["OK", "2", 2n],
      ["Stressed", "3", 3n],
    ]),
    false,
    [
      { name: "OK", literal: "2" },
      { name: "Stressed", literal: "3" },
    ],
  ],
  [
    "a value changed",
    valueMap("integer", [
      ["OK", "2", 2n],
      ["Degraded", "4", 4n],
    ]),
    false,
    [
      { name: "OK", literal: "2" },
      { name: "Degraded", literal: "4" },
    ],
  ],
  [
    "the same map typing a 64-bit element",
    base,
    true,
    [
      { name: "OK", literal: "2n" },
      { name: "Degraded", literal: "3n" },
    ],
  ],
  [
    "a string map with the same text",
    valueMap("string", [
      ["OK", "2", undefined],
      ["Degraded", "3", undefined],
    ]),
    false,
    [
      { name: "OK", literal: '"2"' },
      { name: "Degraded", literal: '"3"' },
    ],
  ],
];

describe("SharedMaps members across plans", () => {
  it.each(plans)("%s", (_what, map, int64, members) => {
    const shared = new SharedMaps().declare(map, int64, "Test_Map", "Test.Map");
    expect(shared.members).toEqual(members);
  });
});
