import { describe, expect, it } from "vitest";
import { renderDocs } from "../../../src/emit/docs/generate.js";
import { compileText } from "../../helpers/model.js";

/** `--locale`: descriptions from a localisation (.mfl) namespace, which itself gets no pages. */

const mof = String.raw`
#pragma namespace("\\\\.\\root\\example")
[Description("Neutral class text.")]
class EX_Thing
{
  [Key, Description("Neutral key text.")] string Id;
  [Description("Neutral method text.")] uint32 Go([In, Description("Neutral parameter text.")] string Arg);
};

#pragma namespace("ms_409")
[Amendment, Locale(0x409), Description("English class text.") : Amended]
class EX_Thing
{
  [Description("English key text.") : Amended] string Id;
  [Description("English method text.") : Amended] uint32 Go([Description("English parameter text.") : Amended] string Arg);
};
`;

describe("localised descriptions", () => {
  const { schema } = compileText(mof);
  const page = (locale: string | undefined, path: string) => {
    const { files } = renderDocs(schema, { locale });
    return files.find((f) => f.path === path)?.content ?? "";
  };

  it("gives the locale namespace no pages of its own", () => {
    expect(renderDocs(schema).files.map((f) => f.path)).toEqual([
      "README.md",
      "root.example/README.md",
      "root.example/ex-thing.md",
      "root.example/ex-thing/go.md",
    ]);
  });

  it("takes the MOF's own descriptions by default", () => {
    const cls = page(undefined, "root.example/ex-thing.md");
    expect(cls).toContain("Neutral class text.");
    expect(cls).toContain("Neutral key text.");
  });

  for (const locale of ["ms_409", "409", "0x409"]) {
    it(`takes the amendment's descriptions for --locale ${locale}`, () => {
      const cls = page(locale, "root.example/ex-thing.md");
      expect(cls).toContain("English class text.");
      expect(cls).toContain("English key text.");
      expect(cls).toContain("| [**Go**](ex-thing/go.md) | English method text. |");
      const method = page(locale, "root.example/ex-thing/go.md");
      expect(method).toContain("English method text.");
      expect(method).toContain("English parameter text.");
    });
  }

  it("falls back to the MOF's text for a locale it does not have", () => {
    expect(page("ms_407", "root.example/ex-thing.md")).toContain("Neutral class text.");
  });
});
