/**
 * Objects gathered in an `ObjectBatch` (a submission's blobs, its new trees,
 * its commit) are hashed once, when added: writing them, loose or as a pack,
 * hashes none again (only the pack's own checksums), and native git finds
 * every object sound under its id.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test, vi } from "vitest";
import { editTree, ObjectBatch, writeBatch, writeCommit } from "./git.ts";

const sha1 = vi.hoisted(() => ({ calls: 0 }));
vi.mock("node:crypto", async (importOriginal) => {
  const crypto = await importOriginal<typeof import("node:crypto")>();
  const createHash: typeof crypto.createHash = (algorithm, options) => {
    if (algorithm === "sha1") sha1.calls++;
    return crypto.createHash(algorithm, options);
  };
  return { ...crypto, default: { ...crypto, createHash }, createHash };
});

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function batchOf(files: number): Promise<{ dir: string; batch: ObjectBatch; commit: string }> {
  const dir = mkdtempSync(join(tmpdir(), "dan-y-bam-mot-lan-"));
  folders.push(dir);
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
  const batch = new ObjectBatch();
  const changes = Array.from({ length: files }, (_, index) => ({
    path: `content/observations/2026/11/xa-ky-hoa/tep-${index}.md`,
    oid: batch.add("blob", Buffer.from(`Nội dung ${index}\n`)),
  }));
  const tree = await editTree(dir, undefined, changes, batch);
  const commit = await writeCommit(dir, { tree, parents: [], author: { name: "Kiểm thử", email: "kiem-thu@example.vn" }, message: "Một lô" }, batch);
  return { dir, batch, commit };
}

test.each([
  ["loose objects", 3, 0],
  ["a pack", 100, 2],
])("writing a batch as %s hashes no object again", async (_, files, checksums) => {
  const { dir, batch, commit } = await batchOf(files);
  sha1.calls = 0;
  await writeBatch(dir, batch);
  // A pack has two checksums of its own (the pack's trailer, the index's); no object is hashed again.
  expect(sha1.calls).toBe(checksums);
  execFileSync("git", ["update-ref", "refs/heads/main", commit], { cwd: dir });
  execFileSync("git", ["fsck", "--strict", "--no-progress"], { cwd: dir, stdio: "pipe" });
  const listed = execFileSync("git", ["ls-tree", "-r", "--name-only", "main"], { cwd: dir, encoding: "utf8" }).trim().split("\n");
  expect(listed).toHaveLength(files);
  expect(execFileSync("git", ["show", `main:${listed[0]}`], { cwd: dir, encoding: "utf8" })).toMatch(/^Nội dung \d+\n$/);
});
