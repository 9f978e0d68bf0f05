/**
 * What the documentation generator takes besides the schema. All plain data: the CLI reads files (templates,
 * the overlay) and hands their contents here, so the generator stays pure.
 */

/** Rows of the Requirements table that a MOF does not hold. Plain text (escaped when printed). */
export interface OverlayRequirements {
  readonly minimumClient?: string;
  readonly minimumServer?: string;
  readonly header?: string;
  readonly dll?: string;
  /** The namespace as the pages should write it (`Root\\Virtualization\\V2`); default: from the schema. */
  readonly namespace?: string;
}

export interface OverlayExample {
  /** Plain text heading of the example; empty for none. */
  readonly title: string;
  /** Code block language (`csharp`, `powershell`). */
  readonly language: string;
  readonly code: string;
}

/**
 * How a page's Syntax block writes what the MOF leaves open: Microsoft's reference pages write the same fact in
 * more than one way (README.md, "Reference pages", lists how often each), and no schema fact says which way a
 * page uses. Settings on a class apply to its page; on `Class.Property`, to that property's line on the class's
 * page (an inherited property's line on a subclass page follows that subclass's settings); on `*`, to every
 * page. Unset: the Microsoft style's rules.
 */
export interface OverlaySyntax {
  /**
   * Which properties the page lists (Syntax block and Properties section): `all`, inherited ones included;
   * `declared`, only those the class declares (new or overriding), as the pages of DMTF classes do, and then
   * only the methods it declares in the Methods table too; or the names of exactly the properties to list, in
   * the class's order. Classes and `*` only.
   */
  readonly properties?: "all" | "declared" | readonly string[];
  /**
   * The qualifier line's order: `grammar` puts Association and Indication first, where DSP0004's grammar
   * (and most pages) put them; `written` keeps the MOF's order. Classes and `*` only.
   */
  readonly qualifierOrder?: "grammar" | "written";
  /** Boolean defaults as `True`/`False` or `TRUE`/`FALSE`. */
  readonly booleans?: "title" | "upper";
  /** Array defaults as `{ a, b }`, as `{a, b}`, or (`bare`) a one-element array as its element alone. */
  readonly arrays?: "spaced" | "tight" | "bare";
}

/**
 * What an overlay adds to one page or one member. `notes` are Markdown written by the documentation's author
 * (not MOF text), printed as given: support notes, remarks, links.
 */
export interface OverlayEntry {
  readonly notes: readonly string[];
  readonly examples: readonly OverlayExample[];
  readonly requirements: OverlayRequirements;
  readonly syntax?: OverlaySyntax;
}

/**
 * Overlay entries by key: `Class`, `Class.Member` (property or method), `Class.Method.Param`, each optionally
 * prefixed by a namespace and a colon (`root/virtualization/v2:Msvm_Foo`) to pick one namespace's class, and
 * `*` for defaults of every page (typically the DLL and minimum OS rows). Keys are case-folded.
 */
export interface Overlay {
  readonly entries: ReadonlyMap<string, OverlayEntry>;
}

export const emptyOverlay: Overlay = { entries: new Map() };

/**
 * The layout of the pages. `microsoft`: Microsoft's WMI reference pages (docs.microsoft.com), so that a writer
 * can publish them as they are; `dmtf`: DMTF's fuller schema view (every inherited member, the class hierarchy,
 * class origins and qualifier tables shown). README.md, "Reference pages", lists the rules of each.
 */
export type DocsStyle = "microsoft" | "dmtf";

export const docsStyles: readonly DocsStyle[] = ["microsoft", "dmtf"];

export interface DocsOptions {
  /** Replacement templates by template name (`class`, `method`...), as read from `--templates DIR`. */
  readonly templates: Readonly<Record<string, string>>;
  readonly overlay: Overlay;
  /**
   * A locale whose `.mfl` amendments supply descriptions (`ms_409`, or the LCID `409` / `0x409`); undefined for
   * the descriptions of the MOF itself.
   */
  readonly locale: string | undefined;
  readonly style: DocsStyle;
}

export const defaultDocsOptions: DocsOptions = {
  templates: {},
  overlay: emptyOverlay,
  locale: undefined,
  style: "microsoft",
};
