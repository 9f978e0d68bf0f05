/**
 * Reading the parts of a reference page that the docs generator must reproduce: the Syntax block, the
 * parameters with their directions and value lists, the Return value list, and (class pages) each property's
 * value list. The same readers take Microsoft's pages (`../shared/seeds`, Markdown or plain text) and mofgen's,
 * so that a test compares like with like.
 */

export interface ListItem {
  readonly label: string;
  readonly code: string;
}

export interface ParameterPart {
  readonly name: string;
  readonly direction: string;
  readonly values: readonly ListItem[];
}

/** `\_`, `\[`, `\*` and the like back to their characters. */
export function unescapeMarkdown(text: string): string {
  return text
    .replace(/\\([\\`*_[\]|~#+=.-])/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The text from a heading (a `## X` line, or a plain `X` line on plain-text pages) to the next heading. */
export function section(text: string, heading: string, plain = false): string {
  const start = new RegExp(plain ? `^${heading}\\s*$` : `^##\\s+${heading}\\s*$`, "m");
  const m = start.exec(text);
  if (m === null) return "";
  const rest = text.slice(m.index + m[0].length);
  const end = plain ? /^(Members|Requirements|See also|Remarks)\s*$/m : /^##\s/m;
  const to = rest.search(end);
  return to < 0 ? rest : rest.slice(0, to);
}

/**
 * The content of the first ```mof block. One seed page aligns its columns with no-break spaces (U+00A0) where
 * the others use spaces: the same layout, so they read as spaces.
 */
export function syntaxBlock(text: string): string | undefined {
  return /^(`{3,})mof\n([\s\S]*?)\n\1\s*$/m.exec(text)?.[2]?.replace(/\u00a0/g, " ");
}

/**
 * A value code as the pages write it, for comparison: Microsoft renders MOF's `..` of a closed range as an en
 * dash on some pages (`7–4095`), and lists some values after the label (`</dt> <dd>3–32767</dd>`) instead of
 * in parentheses; both are the same ValueMap entry.
 */
function normaliseCode(code: string): string {
  return code.replace(/\u2013/g, "..").trim();
}

/** Every `**Label** (code)` item of a Markdown list (and Microsoft's `**Label** </dt> <dd>code</dd>` form). */
export function boldItems(text: string): ListItem[] {
  const items: ListItem[] = [];
  const pattern = /\*\*((?:[^*\\]|\\.)+)\*\*(?:[ \t]*\(([^)\n]*)\)|\s*<\/dt>\s*<dd>([^<]+)<\/dd>)/g;
  for (const m of text.matchAll(pattern)) {
    items.push({ label: unescapeMarkdown(m[1] ?? ""), code: normaliseCode(unescapeMarkdown(m[2] ?? m[3] ?? "")) });
  }
  return items;
}

/** The Parameters section: `*Name* \[in\]` markers, each with the value list that follows it. */
export function parameterParts(text: string): ParameterPart[] {
  const params = section(text, "Parameters");
  const markers = [...params.matchAll(/^\*((?:[^*\\]|\\.)+)\* \\\[((?:in|out|in, out)(?:, optional)?)\\\]\s*$/gm)];
  return markers.map((m, i) => {
    const body = params.slice((m.index ?? 0) + m[0].length, markers[i + 1]?.index ?? params.length);
    return { name: unescapeMarkdown(m[1] ?? ""), direction: m[2] ?? "", values: boldItems(body) };
  });
}

export function returnValues(text: string): ListItem[] {
  return boldItems(section(text, "Return value"));
}

/** `# X method of the Y class` (Markdown escapes removed), or undefined for another kind of page. */
export function methodTitle(text: string): { method: string; className: string } | undefined {
  const m = /^#\s+(\w+) method of the (\w+) class\s*$/m.exec(unescapeMarkdown(text));
  return m === null ? undefined : { method: m[1] ?? "", className: m[2] ?? "" };
}

/** The namespace of the Requirements table, as the model names it (`root/hypervcluster/v2`). */
export function requirementsNamespace(text: string): string | undefined {
  const m =
    /Namespace[^|\n]*\|?\s*(?:<br\/>)?\s*\|?\s*(root(?:\\+\w+)+)/i.exec(text) ??
    /^Namespace\s*\n(root(?:\\+\w+)+)/im.exec(text);
  return m?.[1]?.split(/\\+/).join("/").toLowerCase();
}
