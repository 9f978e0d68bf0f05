import type { DocsLink, LinkedMember } from "../diff/format/common.js";
import { classPagePath, methodPagePath } from "../emit/docs/paths.js";
import { isDmtfClass } from "../emit/docs/view-common.js";
import { type ClassModel, fold, type SchemaModel } from "../model/types.js";

/**
 * Links from `mofgen diff --format markdown --docs-base URL` to the pages `mofgen docs` writes for the new side:
 * the same file names (emit/docs/paths.ts), and the page that documents each member in either style:
 * - a method: the page of the nearest class (itself or a superclass) that declares it, since pages exist for
 *   declared methods only;
 * - a property: its heading (`#name`, GitHub's anchor of `#### Name`) on the class's own page, except that a
 *   `CIM_` class's page (Microsoft style) lists only what the class declares: then on the nearest class
 *   declaring it.
 */
export function docsLinks(base: string, schema: SchemaModel): DocsLink {
  const prefix = linkSafe(base === "" || base.endsWith("/") ? base : `${base}/`);
  const find = (namespace: string, name: string) =>
    schema.namespaceByName.get(fold(namespace))?.classByName.get(fold(name));
  const declarer = (cls: ClassModel, member: LinkedMember): ClassModel => {
    const key = fold(member.name);
    const seen = new Set<ClassModel>();
    for (let c: ClassModel | undefined = cls; c !== undefined && !seen.has(c); ) {
      seen.add(c);
      const own = member.kind === "method" ? c.ownMethods : c.ownProperties;
      if (own.some((m) => fold(m.name) === key)) return c;
      c = c.superclass === undefined ? undefined : find(c.namespace, c.superclass);
    }
    return cls;
  };
  return (namespace, className, member) => {
    const cls = find(namespace, className);
    if (cls === undefined) return undefined;
    if (member === undefined) return prefix + classPagePath(cls.namespace, cls.name);
    if (member.kind === "method") {
      const at = declarer(cls, member);
      return prefix + methodPagePath(at.namespace, at.name, member.name);
    }
    const at = isDmtfClass(cls) ? declarer(cls, member) : cls;
    return `${prefix}${classPagePath(at.namespace, at.name)}#${member.name.toLowerCase()}`;
  };
}

/**
 * The base as a Markdown link destination: white space, parentheses and angle brackets, which would end or break
 * `[text](destination)`, percent-encoded (`../My Reference` -> `../My%20Reference`); the rest is the user's URL as
 * given. The page paths after it are mofgen's own file names, which hold none of these.
 */
function linkSafe(base: string): string {
  // encodeURIComponent gives UTF-8 escapes for any white space, but leaves '(' and ')' as they are.
  return base.replace(/[\s()<>]/g, (ch) => (ch === "(" ? "%28" : ch === ")" ? "%29" : encodeURIComponent(ch)));
}
