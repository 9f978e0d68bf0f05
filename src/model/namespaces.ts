import { fold } from "./types.js";
/**
 * Namespace paths as `#pragma namespace` writes them: WMI object paths with a host (`\\.\root\virtualization\v2`),
 * plain paths with either separator (`root/cimv2`, `root\cimv2`), and relative child namespaces (`ms_409`, as
 * localisation files use them) that are joined to the current namespace.
 */
export const defaultNamespace = "root/cimv2";

export function resolveNamespace(written: string, current: string): string {
  let path = written.replace(/\\/g, "/");
  if (path.startsWith("//")) {
    // `//host/root/...`: drop the host ("." is the local machine, the only one a MOF file can mean).
    const afterHost = path.indexOf("/", 2);
    path = afterHost < 0 ? "" : path.slice(afterHost + 1);
  }
  const segments = path.split("/").filter((s) => s.length > 0);
  if (segments.length === 0) return current;
  if (fold(segments[0] as string) === "root" || path.startsWith("/")) return segments.join("/");
  return [...current.split("/"), ...segments].join("/");
}

/** Namespaces compare case-insensitively, like every MOF name. */
export function namespaceKey(name: string): string {
  return fold(name);
}

/**
 * One spelling for every namespace path, and for every path that begins one: namespace names are case-insensitive
 * (DSP0004), so `Root/a` and `root/b` are two children of one namespace `root`, and their files must share one
 * folder. Each prefix keeps its first spelling (in compilation order), as a namespace written twice does.
 * `spellings` in compilation order; returns the respelling of a name.
 */
export function canonicalNamespaceNames(spellings: Iterable<string>): (name: string) => string {
  const best = new Map<string, string>();
  for (const name of spellings) {
    let key = "";
    for (const segment of name.split("/")) {
      key += `/${namespaceKey(segment)}`;
      if (!best.has(key)) best.set(key, segment);
    }
  }
  return (name) => {
    let key = "";
    return name
      .split("/")
      .map((segment) => {
        key += `/${namespaceKey(segment)}`;
        return best.get(key) ?? segment;
      })
      .join("/");
  };
}
