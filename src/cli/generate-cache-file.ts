import { createHash, type Hash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync, writeSync } from "node:fs";
import type { GeneratedFile } from "../emit/ts/generated-file.js";

/**
 * The file a generate cache entry lives in: a stream of records, not one JSON document, so that neither storing
 * nor reading it ever holds the whole entry as one string. On CIM 2.49 with docs (5,220 files, 33 MB of UTF-8,
 * a third of them with characters above U+00FF) `JSON.stringify` of the entry made one 67 MB two-byte string and
 * its UTF-8 copy (a stored run peaked at 390 MB instead of 261 MB), and reading it back held the bytes, that
 * string and the parsed copy at once.
 *
 *     mofgen-generate-cache <version> <header bytes>\n
 *     <header: one line of JSON, the caller's `meta` and [path, owner, bytes] for each file>\n
 *     <each file's content as UTF-8, back to back, in the header's order>
 *     <SHA-256 of all the bytes above, hex>\n
 *
 * The reader checks the sizes the header declares against the file's size before it reads a content, and the
 * digest before it returns anything: a truncated or damaged entry is a miss, never a wrong output. Contents are
 * read and decoded a chunk at a time, so reading holds the decoded files and one chunk.
 */
export interface EntryFiles {
  readonly meta: unknown;
  readonly files: readonly GeneratedFile[];
}

const magic = "mofgen-generate-cache";
const version = 2;
/** The first line is short; a longer one is not an entry. */
const firstLineMax = 64;
/** A header this large is not one mofgen wrote (CIM 2.49's is about 0.4 MB): not read. */
const headerMax = 64 * 1024 * 1024;
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
): { readonly value: T; readonly files: GeneratedFile[] } | undefined {
  let fd: number;
  try {
    // Non-blocking, judged on its descriptor: a FIFO put at the entry's name never blocks the run.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    const hash = createHash("sha256");
    const first = readLine(fd, hash);
    const header = first && readHeader(fd, first, stat.size, hash);
    if (header === undefined) return undefined;
    const value = accept(header.meta);
    if (value === undefined) return undefined;
    const files = readContents(new ChunkReader(fd, header.position, stat.size - digestLength, hash), header.listed);
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
  if (body + total + digestLength !== size) return undefined;
  return { meta: parsed.meta, listed, position: body };
}

/** Each listed file's content, decoded from the bytes that follow the header, a chunk at a time. */
function readContents(reader: ChunkReader, listed: Listed): GeneratedFile[] | undefined {
  const files: GeneratedFile[] = [];
  for (const { path, owner, bytes } of listed) {
    const content = reader.take(bytes);
    if (content === undefined) return undefined; // Shrunk since the size was checked.
    files.push({ path, owner, content: content.toString("utf8") });
  }
  return files;
}

/** Sequential reads of the bytes from `position` to `limit` through one reused chunk, each hashed as it is read. */
class ChunkReader {
  readonly #chunk = Buffer.allocUnsafe(chunkBytes);
  #start = 0;
  #end = 0;

  constructor(
    private readonly fd: number,
    private position: number,
    private readonly limit: number,
    private readonly hash: Hash,
  ) {}

  /** The next `n` bytes, valid until the next call; undefined when the file ends first. */
  take(n: number): Buffer | undefined {
    if (this.#end - this.#start < n) {
      const left = this.#chunk.subarray(this.#start, this.#end);
      // A content larger than a chunk gets a buffer of its own.
      const into = n > chunkBytes ? Buffer.allocUnsafe(n) : this.#chunk;
      left.copy(into, 0);
      const have = left.length;
      this.#start = 0;
      this.#end = have;
      if (!this.#fill(into, have, n)) return undefined;
      if (into !== this.#chunk) {
        this.#end = 0;
        return into;
      }
    }
    const taken = this.#chunk.subarray(this.#start, this.#start + n);
    this.#start += n;
    return taken;
  }

  /** Read into `into` from `at` until it holds at least `need` bytes (a whole chunk when it can). */
  #fill(into: Buffer, at: number, need: number): boolean {
    let have = at;
    while (have < need) {
      const want = Math.min(into.length - have, this.limit - this.position);
      const n = want > 0 ? readSync(this.fd, into, have, want, this.position) : 0;
      if (n === 0) return false;
      this.hash.update(into.subarray(have, have + n));
      this.position += n;
      have += n;
    }
    if (into === this.#chunk) this.#end = have;
    return true;
  }
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
