/** The pack bytes themselves: objects small and large, compressible or not, read back whole by native git. */
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
  dir = mkdtempSync(join(tmpdir(), "dan-y-pack-bytes-"));
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("packBytes", () => {
  it("packs objects larger than a deflate output chunk, and incompressible ones, so git reads every byte back", () => {
    const contents = [
      Buffer.alloc(0),
      Buffer.from("---\ntitle: Ý kiến về đất đai\n---\n"),
      // Random bytes do not compress: deflate stores them with its block headers, a few bytes more than went in.
      randomBytes(70_000),
      Buffer.from("Người dân phản ánh. ".repeat(5_000)),
    ];
    const entries = contents.map((content) => ({ oid: hashObject("blob", content).oid, type: "blob" as const, content }));
    const { name, pack, idx, count } = packBytes(entries);
    expect(count).toBe(4);
    const folder = join(dir, ".git", "objects", "pack");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `pack-${name}.pack`), pack);
    writeFileSync(join(folder, `pack-${name}.idx`), idx);
    expect(execFileSync("git", ["verify-pack", "-v", join(folder, `pack-${name}.idx`)], { cwd: dir, encoding: "utf8" }).trim()).toMatch(/: ok$/);
    for (const { oid, content } of entries) expect(Buffer.compare(execFileSync("git", ["cat-file", "blob", oid], { cwd: dir }), content)).toBe(0);
  });

  it("compresses on the thread pool to the same bytes (packBytesAsync)", async () => {
    const contents = [Buffer.from("Người dân phản ánh. ".repeat(2_000)), randomBytes(20_000), Buffer.from("b"), Buffer.from("a")];
    const entries = contents.map((content) => ({ oid: hashObject("blob", content).oid, type: "blob" as const, content }));
    const sync = packBytes(entries);
    const threaded = await packBytesAsync([...entries, entries[0] as (typeof entries)[number]]);
    expect(threaded.count).toBe(4);
    expect(threaded.name).toBe(sync.name);
    expect(Buffer.compare(threaded.pack, sync.pack)).toBe(0);
    expect(Buffer.compare(threaded.idx, sync.idx)).toBe(0);
  });
});
