import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import { localizedValueMap } from "../../src/model/amendments.js";
import type { ClassModel, ValueMap } from "../../src/model/types.js";
import { resolveSpan, type Span } from "../../src/source/span.js";
import { compileText, findings } from "../helpers/model.js";

/**
 * Value labels in a locale: a localisation file's `Values{...} : Amended` paired with the neutral ValueMap, or with
 * its own when it repeats it. The fixture is shaped like Microsoft's localised WMI classes; the one real localised
 * MOF with Values in the corpora (msdocs-wmisdk-snippets, "Localizing Static Properties") writes its ValueMap as
 * integers, which mofgen reads as no strings (MOF3008), so it has no labels to pair.
 */
const fixture = join(import.meta.dirname, "../fixtures/localized-values");

function place(s: Span | undefined): string {
  if (s === undefined) return "-";
  const r = resolveSpan(s);
  return `${r.file.slice(r.file.lastIndexOf("/") + 1)}:${r.line}:${r.column}`;
}

/** `value=label valueMapAt labelAt` per entry. */
function rows(map: ValueMap | undefined): string[] | undefined {
  return map?.entries.map((e) => `${e.value}=${e.label} ${place(e.span)} ${place(e.labelSpan)}`);
}

describe("localised value labels from a .mfl", () => {
  const { schema, diagnostics } = compile([fixture]);
  const disk = schema.namespaceByName.get("root/example")?.classByName.get("ex_disk") as ClassModel;
  const french = (member: string, parameter?: string) => localizedValueMap(disk, "ms_40C", member, parameter);

  it("compiles cleanly", () => {
    expect(diagnostics).toEqual([]);
    expect(disk.amendments.map((a) => [a.locale, [...a.valueMaps.keys()]])).toEqual([
      ["ms_40c", ["availability", "mediatype", "format", "format.mode"]],
    ]);
  });

  it("pairs amended Values with the neutral ValueMap strings, where the neutral file wrote them", () => {
    expect(rows(french("Availability"))).toEqual([
      "1=Autre disk.mof:9:13 disk_40c.mfl:10:11",
      "2=Inconnu disk.mof:9:18 disk_40c.mfl:10:20",
      "3=En marche/pleine puissance disk.mof:9:23 disk_40c.mfl:10:31",
      "4=Avertissement disk.mof:9:28 disk_40c.mfl:10:61",
    ]);
  });

  it("localises a method's return value and its parameter's map", () => {
    expect(french("Format")?.entries.map((e) => `${e.value}=${e.label}`)).toEqual([
      "0=Réussite",
      "1=Non pris en charge",
      "4096=Tâche démarrée",
      "..=Réservé",
    ]);
    expect(french("format")?.open).toBe(true);
    expect(french("Format", "Mode")?.entries.map((e) => e.label)).toEqual(["Rapide", "Complet"]);
  });

  it("pairs with the amendment's own ValueMap when it repeats it", () => {
    expect(rows(french("MediaType"))).toEqual([
      "0=Fixe disk_40c.mfl:14:13 disk_40c.mfl:14:41",
      "1=Amovible disk_40c.mfl:14:18 disk_40c.mfl:14:49",
    ]);
  });

  it("keeps the neutral map's declarer: the localised map is the same map in other words", () => {
    const neutral = disk.propertyByName.get("availability")?.valueMap;
    expect(french("Availability")?.declarer).toEqual(neutral?.declarer);
    expect(neutral?.declarer).toMatchObject({ className: "EX_Disk", member: "Availability" });
  });

  it("has nothing for another locale, or for an element the amendment does not label", () => {
    expect(localizedValueMap(disk, "ms_407", "Availability")).toBeUndefined();
    expect(french("DeviceID")).toBeUndefined();
  });
});

describe("a translation that does not fit", () => {
  const mof = String.raw`
#pragma namespace("\\\\.\\root\\example")
class EX_Thing { [ValueMap{"1", "2", "3"}, Values{"One", "Two", "Three"}] uint8 P; };
#pragma namespace("ms_40c")
[Amendment, Locale(0x40c)]
class EX_Thing { [Values{"Un", "Deux"} : Amended] uint8 P; };
`;

  it("is reported at the amendment's Values (a warning: WMI's ValueMap and Values are conventions)", () => {
    expect(findings(compileText(mof))).toEqual(["6:26 MOF3010 warning"]);
  });

  it("still labels the entries it has words for; the others keep their neutral value text", () => {
    const { schema } = compileText(mof);
    const cls = schema.namespaceByName.get("root/example")?.classByName.get("ex_thing") as ClassModel;
    expect(localizedValueMap(cls, "ms_40c", "P")?.entries.map((e) => e.label)).toEqual(["Un", "Deux", "3"]);
  });
});
