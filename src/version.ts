import { readFileSync } from "node:fs";

/** Set by the CLI bundle (scripts/bundle.mjs) from package.json: a CommonJS bundle has no `import.meta.url`. */
declare const MOFGEN_BUNDLED_VERSION: string | undefined;

/**
 * mofgen's version, from package.json, so that a release changes it in one place. The compiled library
 * (dist/version.js) and the sources (src/version.ts) both sit one folder below the package root; the CLI bundle
 * has it written in at build time instead.
 */
export const VERSION: string =
  typeof MOFGEN_BUNDLED_VERSION === "string"
    ? MOFGEN_BUNDLED_VERSION
    : packageVersion(new URL("../package.json", import.meta.url));

function packageVersion(url: URL): string {
  const { version } = JSON.parse(readFileSync(url, "utf8")) as { version?: unknown };
  if (typeof version !== "string") throw new Error(`${url.pathname} has no version`);
  return version;
}
