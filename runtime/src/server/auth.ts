import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/**
 * HTTP Basic authentication (RFC 7617). A user name and password, or a function that checks them (an account
 * store). The fixed credentials are compared as SHA-256 digests with `timingSafeEqual`, so the time taken says
 * nothing about how much of a guess was right, whatever their lengths.
 */
export type BasicAuth =
  | { readonly user: string; readonly password: string }
  | ((user: string, password: string) => boolean | Promise<boolean>);

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** A checker of the `Authorization` header for `auth`. */
export function basicAuthChecker(auth: BasicAuth): (headers: IncomingHttpHeaders) => Promise<boolean> {
  const check =
    typeof auth === "function"
      ? auth
      : (() => {
          const user = digest(auth.user);
          const password = digest(auth.password);
          return (u: string, p: string) => {
            // Both comparisons always run: `&&` would tell a wrong user from a wrong password by time.
            const userOk = timingSafeEqual(digest(u), user);
            const passwordOk = timingSafeEqual(digest(p), password);
            return userOk && passwordOk;
          };
        })();
  return async (headers) => {
    const credentials = readBasic(headers.authorization);
    return credentials !== undefined && (await check(credentials.user, credentials.password));
  };
}

function readBasic(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (match?.[1] === undefined || match[1].length > 4096) return undefined;
  const text = Buffer.from(match[1], "base64").toString("utf8");
  const colon = text.indexOf(":");
  return colon < 0 ? undefined : { user: text.slice(0, colon), password: text.slice(colon + 1) };
}
