import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tempTree } from "./tmp.js";

/**
 * A self-signed certificate for 127.0.0.1, made by the system's openssl, valid for a day: the HTTPS tests of the
 * CIM-XML and WS-Man clients serve with it and check that the client refuses it until it is given as the CA.
 */
export function selfSignedCertificate(): { readonly key: string; readonly cert: string } {
  const dir = tempTree({});
  const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
  const subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"];
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", ...subject, "-keyout", key, "-out", cert],
    {
      stdio: "ignore",
    },
  );
  return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
}
