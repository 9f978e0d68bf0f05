import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../../src/compile.js";
import { renderDocs } from "../../../src/emit/docs/generate.js";

/**
 * `--locale` (and the configuration's `docs.locale`) labels the value lists of the pages from the localisation
 * file's amended Values, as it takes descriptions from it. Fixture: test/fixtures/localized-values (a neutral
 * .mof and a French .mfl, shaped like Microsoft's localised WMI classes).
 */
const fixture = join(import.meta.dirname, "../../fixtures/localized-values");

describe("localised value labels on the pages", () => {
  const { schema, diagnostics } = compile([fixture]);
  const page = (locale: string | undefined, path: string) =>
    renderDocs(schema, { locale }).files.find((f) => f.path === path)?.content ?? "";

  it("compiles the fixture cleanly", () => {
    expect(diagnostics).toEqual([]);
  });

  it("keeps the MOF's own labels by default", () => {
    const cls = page(undefined, "root.example/ex-disk.md");
    expect(cls).toContain("- **Unknown** (2)\n");
    expect(cls).toContain("- **Removable** (1)\n");
    expect(cls).not.toContain("Inconnu");
  });

  for (const locale of ["ms_40c", "40C", "0x40c"]) {
    it(`labels a property's values in French for --locale ${locale}, with the description`, () => {
      const cls = page(locale, "root.example/ex-disk.md");
      expect(cls).toContain("Un disque.");
      expect(cls).toContain("- **Autre** (1)\n- **Inconnu** (2)\n- **En marche/pleine puissance** (3)\n");
      expect(cls).toContain("- **Fixe** (0)\n- **Amovible** (1)\n");
      expect(cls).not.toContain("**Unknown**");
    });
  }

  it("labels a method's return values and its parameter's values", () => {
    const method = page("ms_40c", "root.example/ex-disk/format.md");
    expect(method).toContain("- **Rapide** (1)\n- **Complet** (2)\n");
    expect(method).toContain("- **Tâche démarrée** (4096)\n");
    expect(method).not.toContain("**Job Started**");
  });

  it("labels an inherited map from the amendment of the class that declares it", () => {
    // EX_RemovableDisk has no amendment of its own; its Availability map is EX_Disk's.
    const cls = page("ms_40c", "root.example/ex-removabledisk.md");
    expect(cls).toContain("- **Inconnu** (2)\n");
    expect(cls).toContain("A disk that can be taken out");
  });

  it("falls back to the MOF's labels for a locale it does not have", () => {
    expect(page("ms_407", "root.example/ex-disk.md")).toContain("- **Unknown** (2)\n");
  });
});
