/** A pack of many small objects (compressed on the calling thread up to a budget) and large ones (on the thread pool) is one pack git reads. */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashObject } from "./git-store.ts";
import { packBytes, packBytesAsync } from "./pack-file.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "dan-y-pack-inline-"));
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("packBytesAsync past the inline budget", () => {
  it("gives the bytes packBytes gives, and git reads every object", async () => {
    // 40 small files of 10 kB (400 kB: past the 256 kB compressed inline), one of 100 kB, one empty.
    const contents = [
      ...Array.from({ length: 40 }, (_, index) => Buffer.from(`Thông tin số ${index}: người dân phản ánh về đường liên thôn. `.repeat(160))),
      randomBytes(100_000),
      Buffer.alloc(0),
    ];
    const entries = contents.map((content) => ({ oid: hashObject("blob", content).oid, type: "blob" as const, content }));
    const threaded = await packBytesAsync(entries);
    const sync = packBytes(entries);
    expect(threaded.count).toBe(42);
    expect(Buffer.compare(threaded.pack, sync.pack)).toBe(0);
    expect(Buffer.compare(threaded.idx, sync.idx)).toBe(0);
    const folder = join(dir, ".git", "objects", "pack");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `pack-${threaded.name}.pack`), threaded.pack);
    writeFileSync(join(folder, `pack-${threaded.name}.idx`), threaded.idx);
    expect(execFileSync("git", ["verify-pack", "-v", join(folder, `pack-${threaded.name}.idx`)], { cwd: dir, encoding: "utf8" }).trim()).toMatch(/: ok$/);
    for (const { oid, content } of entries)
      expect(Buffer.compare(execFileSync("git", ["cat-file", "blob", oid], { cwd: dir, maxBuffer: 1 << 24 }), content)).toBe(0);
  });
});
