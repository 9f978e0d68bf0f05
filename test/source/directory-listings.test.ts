import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DirectoryListings } from "../../src/source/include-resolver.js";
import { tempTree } from "../helpers/tmp.js";

const names = (listings: DirectoryListings, dir: string) => [...(listings.listing(dir)?.kinds.keys() ?? [])].sort();

describe("DirectoryListings (a session's include listings)", () => {
  it("reuses a settled directory's listing until an entry is created, renamed or deleted", async () => {
    const dir = tempTree({ "a.mof": "" });
    // A listing read within a second of the directory's last change is not kept (a change in the same clock
    // tick would not move the stamp): wait until the directory has settled.
    await new Promise((done) => setTimeout(done, 1100));
    const listings = new DirectoryListings();
    const first = listings.listing(dir);
    listings.endCompile();
    expect(listings.listing(dir)).toBe(first);
    listings.endCompile();
    writeFileSync(join(dir, "b.mof"), "");
    expect(names(listings, dir)).toEqual(["a.mof", "b.mof"]);
    listings.endCompile();
    renameSync(join(dir, "b.mof"), join(dir, "B.MOF"));
    expect(names(listings, dir)).toEqual(["B.MOF", "a.mof"]);
    listings.endCompile();
    rmSync(join(dir, "a.mof"));
    mkdirSync(join(dir, "sub"));
    expect(names(listings, dir)).toEqual(["B.MOF", "sub"]);
    // Just changed: read again every time until it settles.
    listings.endCompile();
    expect(listings.listing(dir)).not.toBe(listings.listing(dir));
  });

  it("follows a kept listing's symbolic links again (their targets change alone)", async () => {
    const root = tempTree({ "a/x.mof": "", "b/target.mof": "" });
    const dir = join(root, "a");
    symlinkSync(join(root, "b/target.mof"), join(dir, "link"));
    await new Promise((done) => setTimeout(done, 1100));
    const listings = new DirectoryListings();
    const first = listings.listing(dir);
    expect(first?.kinds.get("link")).toBe("file");
    listings.endCompile();
    expect(listings.listing(dir)).toBe(first);
    listings.endCompile();
    // The link's target becomes a folder: the directory holding the link keeps its times.
    rmSync(join(root, "b/target.mof"));
    mkdirSync(join(root, "b/target.mof"));
    expect(listings.listing(dir)?.kinds.get("link")).toBe("dir");
  });
});
