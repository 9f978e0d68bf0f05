import { createHash, type Hash } from "node:crypto";
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import type { GeneratedFile } from "../emit/ts/generated-file.js";
import { openRegular } from "./read-regular.js";
import { Utf8File } from "./utf8-file.js";

/**
 * The file a generate cache entry lives in: records, not one JSON document, so that neither storing nor reading
 * it ever holds the whole entry as one string. On CIM 2.49 with docs (5,220 files, 33 MB of UTF-8, a third of
 * them with characters above U+00FF) `JSON.stringify` of the entry made one 67 MB two-byte string and its UTF-8
 * copy (a stored run peaked at 390 MB instead of 261 MB), and reading it back held the bytes, that string and
 * the parsed copy of every content at once.
 *
 *     mofgen-generate-cache <version> <header bytes>\n
 *     <header: one line of JSON, the caller's `meta` and [path, owner, bytes] for each file>\n
 *     <each file's content as UTF-8, back to back, in the header's order>
 *     <SHA-256 of all the bytes above, hex>\n
 *
 * The writer streams the contents through one buffer. The reader checks the sizes the header declares against
 * the file's size before it reads a content, and the digest before it returns anything: a truncated or damaged
 * entry is a miss, never a wrong output. It reads the contents into one buffer and hands out views of it
 * (Utf8File), decoded only where the writer needs a file's text.
 */
const magic = "mofgen-generate-cache";
const version = 2;
/** The first line is short; a longer one is not an entry. */
const firstLineMax = 64;
/** A header this large is not one mofgen wrote (CIM 2.49's is about 0.4 MB): not read. */
const headerMax = 64 * 1024 * 1024;
/** Nor contents this large (CIM 2.49's are 33 MB): a file put at the entry's name is never read whole. */
const contentsMax = 1024 * 1024 * 1024;
const digestLength = 64 + 1;
const chunkBytes = 1024 * 1024;

/** Write an entry at `path`, a name that must not exist (opened exclusively: a FIFO or a link is never opened). */
export function writeEntry(path: string, meta: unknown, files: readonly GeneratedFile[]): void {
  const sizes = files.map((f) => Buffer.byteLength(f.content, "utf8"));
  const listed = files.map((f, i) => [f.path, f.owner, sizes[i]]);
  const header = Buffer.from(`${JSON.stringify({ meta, files: listed })}\n`, "utf8");
  const fd = openSync(path, "wx");
  try {
    const out = new ChunkWriter(fd);
    out.bytes(Buffer.from(`${magic} ${version} ${header.length}\n`, "utf8"));
    out.bytes(header);
    for (const [i, f] of files.entries()) out.text(f.content, sizes[i] ?? 0);
    out.finish();
  } finally {
    closeSync(fd);
  }
}

/**
 * The entry at `path`, when it is whole and `accept` takes its meta (checked before any content is read, so a miss
 * on a changed input costs only the header); undefined for anything else: no file, not a regular file, another
 * format, a truncated or damaged entry, or one that `accept` refuses.
 */
export function readEntry<T>(
  path: string,
  accept: (meta: unknown) => T | undefined,
): { readonly value: T; readonly files: Utf8File[] } | undefined {
  let opened: ReturnType<typeof openRegular>;
  try {
    // Non-blocking, judged on its descriptor: a FIFO put at the entry's name never blocks the run.
    opened = openRegular(path);
  } catch {
    return undefined;
  }
  const { fd, stat } = opened;
  try {
    const hash = createHash("sha256");
    const first = readLine(fd, hash);
    const header = first && readHeader(fd, first, stat.size, hash);
    if (header === undefined) return undefined;
    const value = accept(header.meta);
    if (value === undefined) return undefined;
    const files = readContents(fd, header.position, stat.size - digestLength, header.listed, hash);
    if (files === undefined) return undefined;
    const digest = Buffer.alloc(digestLength);
    if (readSync(fd, digest, 0, digestLength, stat.size - digestLength) !== digestLength) return undefined;
    if (digest.toString("latin1") !== `${hash.digest("hex")}\n`) return undefined;
    return { value, files };
  } catch {
    return undefined; // Damaged in a way the checks above do not name (a header that is not JSON): a miss.
  } finally {
    closeSync(fd);
  }
}

type Listed = readonly { readonly path: string; readonly owner: "mofgen" | "user"; readonly bytes: number }[];

/** The first line, `magic version headerBytes`, and where the header starts. */
function readLine(fd: number, hash: Hash): { headerBytes: number; position: number } | undefined {
  const head = Buffer.alloc(firstLineMax);
  const n = readSync(fd, head, 0, firstLineMax, 0);
  const end = head.subarray(0, n).indexOf(10);
  if (end < 0) return undefined;
  const match = /^(\S+) (\d+) (\d+)$/.exec(head.toString("latin1", 0, end));
  if (match === null || match[1] !== magic || Number(match[2]) !== version) return undefined;
  hash.update(head.subarray(0, end + 1));
  return { headerBytes: Number(match[3]), position: end + 1 };
}

/** The header, when it is well formed and the sizes it declares add up to the file's size. */
function readHeader(
  fd: number,
  first: { headerBytes: number; position: number },
  size: number,
  hash: Hash,
): { meta: unknown; listed: Listed; position: number } | undefined {
  const { headerBytes, position } = first;
  if (headerBytes > headerMax || position + headerBytes + digestLength > size) return undefined;
  const bytes = Buffer.alloc(headerBytes);
  if (readSync(fd, bytes, 0, headerBytes, position) !== headerBytes || bytes[headerBytes - 1] !== 10) return undefined;
  hash.update(bytes);
  const parsed = JSON.parse(bytes.toString("utf8")) as { meta?: unknown; files?: unknown };
  if (!Array.isArray(parsed.files)) return undefined;
  const listed: { path: string; owner: "mofgen" | "user"; bytes: number }[] = [];
  let total = 0;
  for (const f of parsed.files as unknown[]) {
    if (!Array.isArray(f)) return undefined;
    const [path, owner, bytes] = f as unknown[];
    if (typeof path !== "string" || (owner !== "mofgen" && owner !== "user")) return undefined;
    if (typeof bytes !== "number" || !Number.isSafeInteger(bytes) || bytes < 0) return undefined;
    listed.push({ path, owner, bytes });
    total += bytes;
  }
  const body = position + headerBytes;
  if (total > contentsMax || body + total + digestLength !== size) return undefined;
  return { meta: parsed.meta, listed, position: body };
}

/**
 * The listed files, each a view of one buffer that holds every content as read: nothing is decoded here (the
 * planner compares bytes, the writer decodes what it writes). Undefined when the file ends early.
 */
function readContents(fd: number, position: number, limit: number, listed: Listed, hash: Hash): Utf8File[] | undefined {
  const body = Buffer.allocUnsafe(limit - position);
  for (let at = 0; at < body.length; ) {
    const n = readSync(fd, body, at, body.length - at, position + at);
    if (n === 0) return undefined; // Shrunk since the size was checked.
    at += n;
  }
  hash.update(body);
  const files: Utf8File[] = [];
  let at = 0;
  for (const { path, owner, bytes } of listed) {
    files.push(new Utf8File(path, owner, body.subarray(at, at + bytes)));
    at += bytes;
  }
  return files;
}

/** Writes through one reused chunk, hashing what it writes; `finish` writes the rest and the digest. */
class ChunkWriter {
  readonly #chunk = Buffer.allocUnsafe(chunkBytes);
  readonly #hash = createHash("sha256");
  #used = 0;

  constructor(private readonly fd: number) {}

  bytes(data: Buffer): void {
    this.#flush();
    this.#write(data);
  }

  text(content: string, size: number): void {
    if (this.#used + size > chunkBytes) this.#flush();
    if (size > chunkBytes) this.#write(Buffer.from(content, "utf8"));
    else this.#used += this.#chunk.write(content, this.#used, "utf8");
  }

  finish(): void {
    this.#flush();
    writeAll(this.fd, Buffer.from(`${this.#hash.digest("hex")}\n`, "latin1"));
  }

  #flush(): void {
    if (this.#used > 0) this.#write(this.#chunk.subarray(0, this.#used));
    this.#used = 0;
  }

  #write(data: Buffer): void {
    this.#hash.update(data);
    writeAll(this.fd, data);
  }
}

function writeAll(fd: number, data: Buffer): void {
  for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
}
