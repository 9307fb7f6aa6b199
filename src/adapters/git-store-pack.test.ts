/** Objects written in bulk as one pack: read back by native git and isomorphic-git, never half visible after a crash. */
import { execFileSync, spawnSync } from "node:child_process";
import nodeFs, { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import git from "isomorphic-git";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRepository, type Repository } from "../test-support/git-fixture.ts";
import { doctor } from "./doctor.ts";
import { hashObject, objectPath, PACK_FROM_OBJECTS, writeObjects, writePack, writePackAsync } from "./git-store.ts";

let dir: string;
let gitdir: string;
const native = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
const packFiles = (gitdir: string) => readdirSync(join(gitdir, "objects", "pack")).sort();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "dan-y-pack-"));
  native("init", "-q", "-b", "main");
  gitdir = join(dir, ".git");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A small history: `count` Vietnamese files in a folder, their tree, the root tree and a commit. */
function history(count: number) {
  const blobs = Array.from({ length: count }, (_, index) => ({
    type: "blob" as const,
    content: Buffer.from(`---\ntitle: Ý kiến số ${index} về đất đai\n---\nNgười dân phản ánh việc số ${index}.\n`),
  }));
  const entry = (mode: string, name: string, oid: string) => Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(oid, "hex")]);
  const names = blobs.map((_, index) => `y-kien-${String(index).padStart(4, "0")}.md`);
  const folder = Buffer.concat(blobs.map((blob, index) => entry("100644", names[index] as string, hashObject("blob", blob.content).oid)));
  const root = Buffer.concat([entry("40000", "thong-tin", hashObject("tree", folder).oid)]);
  const rootOid = hashObject("tree", root).oid;
  const commit = Buffer.from(
    `tree ${rootOid}\nauthor Nguyễn Văn An <an@example.vn> 1764201600 +0700\ncommitter Nguyễn Văn An <an@example.vn> 1764201600 +0700\n\nNhập ${count} thông tin\n`,
  );
  return {
    objects: [...blobs, { type: "tree" as const, content: folder }, { type: "tree" as const, content: root }, { type: "commit" as const, content: commit }],
    names,
    blobs,
  };
}

/** The command line's writer and the server's (off the event loop) write the same pack. */
const writers = [
  ["writePack", async (gitdir: string, objects: Parameters<typeof writePack>[1]) => writePack(gitdir, objects)],
  ["writePackAsync", writePackAsync],
] as const;

describe.each(writers)("%s", (_, write) => {
  it("writes one pack and index that git verifies and fsck finds clean, and isomorphic-git reads", async () => {
    const { objects, names, blobs } = history(300);
    const { name, ids } = await write(gitdir, objects);
    expect(ids).toEqual(objects.map(({ type, content }) => hashObject(type, content).oid));
    expect(packFiles(gitdir)).toEqual([`pack-${name}.idx`, `pack-${name}.pack`]);
    expect(existsSync(objectPath(gitdir, ids[0] as string))).toBe(false);
    const commit = ids.at(-1) as string;
    writeFileSync(join(gitdir, "refs", "heads", "main"), `${commit}\n`);
    // verify-pack checks every object against the index's ids and CRCs.
    expect(native("verify-pack", "-v", join(gitdir, "objects", "pack", `pack-${name}.idx`))).toMatch(/: ok$/);
    execFileSync("git", ["fsck", "--strict", "--no-dangling"], { cwd: dir, stdio: "pipe" });
    expect(native("count-objects", "-v")).toMatch(/in-pack: 303/);
    expect(native("show", `main:thong-tin/${names[7]}`)).toBe("---\ntitle: Ý kiến số 7 về đất đai\n---\nNgười dân phản ánh việc số 7.");
    expect(native("log", "--format=%s", "main")).toBe("Nhập 300 thông tin");

    const read = await git.readBlob({ fs: nodeFs, dir, oid: ids[42] as string });
    expect(Buffer.from(read.blob).toString("utf8")).toBe((blobs[42] as { content: Buffer }).content.toString("utf8"));
    const [logged] = await git.log({ fs: nodeFs, dir, ref: "main" });
    expect(logged?.commit.message).toBe("Nhập 300 thông tin\n");
    const file = await git.readBlob({ fs: nodeFs, dir, oid: commit, filepath: `thong-tin/${names[299]}` });
    expect(Buffer.from(file.blob).toString("utf8")).toContain("việc số 299.");
  });
});

describe("writeObjects", () => {
  it("gathers the writes of one turn into one pack from PACK_FROM_OBJECTS objects on, and leaves a few loose", async () => {
    const many = Array.from({ length: PACK_FROM_OBJECTS + 10 }, (_, index) => Buffer.from(`tệp ${index}\n`));
    const ids = await Promise.all(many.map((content) => writeObjects(gitdir, [{ type: "blob", content }])));
    writeFileSync(join(dir, "f.txt"), "tệp 3\n");
    expect(ids[3]).toEqual([native("hash-object", "f.txt")]);
    expect(packFiles(gitdir).filter((file) => file.endsWith(".pack"))).toHaveLength(1);
    expect(native("count-objects", "-v")).toMatch(/^count: 0$/m);
    expect(native("cat-file", "-p", ids[70]?.[0] as string)).toBe("tệp 70");

    const few = await Promise.all(["một\n", "hai\n"].map((text) => writeObjects(gitdir, [{ type: "blob", content: Buffer.from(text) }])));
    expect(native("count-objects", "-v")).toMatch(/^count: 2$/m);
    expect(existsSync(objectPath(gitdir, few[1]?.[0] as string))).toBe(true);
    expect(packFiles(gitdir).filter((file) => file.endsWith(".pack"))).toHaveLength(1);
    execFileSync("git", ["fsck", "--strict"], { cwd: dir, stdio: "pipe" });
  });
});

describe.each(writers)("a crash while a pack is written by %s", (writer) => {
  let repo: Repository;
  afterEach(() => repo.remove());

  /** Writes the history's pack in a child process that is killed (SIGKILL) at `step`. */
  function crashAt(step: string, target: string) {
    const script = `import { ${writer} } from ${JSON.stringify(join(import.meta.dirname, "git-store.ts"))};
const objects = JSON.parse(process.argv[1]).map(([type, text]) => ({ type, content: Buffer.from(text, "base64") }));
await ${writer}(process.argv[2], objects);`;
    const { objects } = history(PACK_FROM_OBJECTS);
    const argument = JSON.stringify(objects.map(({ type, content }) => [type, content.toString("base64")]));
    return spawnSync(process.execPath, ["--input-type=module", "-e", script, argument, target], { env: { ...process.env, DAN_Y_CRASH_AT: step } });
  }

  it.each(["pack:before-rename", "pack:between-renames"])("at %s leaves no pack git or isomorphic-git can see, and the repository sound", async (step) => {
    repo = createRepository();
    const repoGitdir = join(repo.dir, ".git");
    const before = packFiles(repoGitdir);
    const killed = crashAt(step, repoGitdir);
    expect(killed.signal).toBe("SIGKILL");
    const added = packFiles(repoGitdir).filter((file) => !before.includes(file));
    // Before the renames only temporary files exist; between them a pack without its index, which nothing reads.
    expect(added.filter((file) => file.endsWith(".idx"))).toEqual([]);
    expect(added.some((file) => file.startsWith("tmp_obj_"))).toBe(true);
    execFileSync("git", ["fsck", "--strict", "--no-dangling"], { cwd: repo.dir, stdio: "pipe" });
    const missing = hashObject("blob", (history(1).blobs[0] as { content: Buffer }).content).oid;
    expect(spawnSync("git", ["cat-file", "-e", missing], { cwd: repo.dir }).status).not.toBe(0);
    await expect(git.readBlob({ fs: nodeFs, dir: repo.dir, oid: missing })).rejects.toThrow(/Could not find/);
    // The temporary files are the doctor's to remove (their writer is dead).
    const report = await doctor(repo.dir);
    expect(report.findings.map((finding) => finding.problem)).toContain(
      `${added.filter((file) => file.startsWith("tmp_obj_")).length} tệp tạm của lần ghi bị dừng giữa chừng`,
    );
    expect(packFiles(repoGitdir).filter((file) => file.startsWith("tmp_obj_"))).toEqual([]);
  });
});
