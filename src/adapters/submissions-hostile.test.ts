/**
 * Hostile submissions built with native Git plumbing (mktree, hash-object,
 * commit-tree, update-ref), as an attacker would push them: each is refused
 * with its Vietnamese reason, one at a time, and `review list` still lists the
 * others. Also: the verdict comes from Git objects, so a bare repository and a
 * working copy with local edits answer as a clean clone does.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createRepository, observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { approve, findSubmission, openRepository, pendingSubmissions } from "./submissions.ts";

let repo: Repository;
afterEach(() => repo.remove());

const BINH = { name: "Lê Văn Bình", email: "binh@example.vn" };
const DIR = "content/observations/2026/11/xa-ky-hoa";

function plumbing(args: string[], input?: string, env: Record<string, string> = {}): string {
  return execFileSync("git", args, { cwd: repo.dir, encoding: "utf8", input, env: { ...process.env, ...env } }).trim();
}

const blob = (text: string) => plumbing(["hash-object", "-w", "--stdin"], text);

/** `tree` with `leaf` at `segments` (subtrees made as needed), written with `git mktree`, names taken as given. */
function treeWith(tree: string | undefined, segments: readonly string[], leaf: { mode: string; oid: string }): string {
  const lines = tree ? plumbing(["ls-tree", "-z", tree]).split("\0").filter(Boolean) : [];
  const [name, ...rest] = segments as [string, ...string[]];
  const nameOf = (line: string) => line.slice(line.indexOf("\t") + 1);
  const kept = lines.filter((line) => nameOf(line) !== name);
  let entry: string;
  if (rest.length === 0) entry = `${leaf.mode} ${leaf.mode === "160000" ? "commit" : "blob"} ${leaf.oid}\t${name}`;
  else {
    const existing = lines.find((line) => nameOf(line) === name && line.includes(" tree "));
    const sub = treeWith(existing?.split(/\s/)[2], rest, leaf);
    entry = `040000 tree ${sub}\t${name}`;
  }
  return plumbing(["mktree", "-z", "--missing"], `${[...kept, entry].join("\0")}\0`);
}

/** A branch of one commit on main adding `leaf` at `path`, by the commune's focal point unless told otherwise. */
function hostileBranch(branch: string, path: string, leaf: { mode: string; oid: string }, who = { author: BINH, committer: BINH }): string {
  const tree = treeWith(plumbing(["rev-parse", "main^{tree}"]), path.split("/"), leaf);
  const commit = plumbing(["commit-tree", tree, "-p", "main", "-m", `Nộp\n\nFocal-point: ${PEOPLE.communeMttq}`], undefined, {
    GIT_AUTHOR_NAME: who.author.name,
    GIT_AUTHOR_EMAIL: who.author.email,
    GIT_COMMITTER_NAME: who.committer.name,
    GIT_COMMITTER_EMAIL: who.committer.email,
  });
  plumbing(["update-ref", `refs/heads/${branch}`, commit]);
  return branch;
}

const valid = (slug: string) => blob(observationText(slug).text);

describe("hostile trees", () => {
  it("refuses each hostile submission with its reason and still lists the others", () => {
    repo = createRepository();
    const main = plumbing(["rev-parse", "main"]);
    const cases: [branch: string, reason: string][] = [
      [hostileBranch("submissions/xa-ky-hoa/2026-11-27-gitlink", `${DIR}/2026-11-20-gitlink.md`, { mode: "160000", oid: main }), "là gitlink (submodule)"],
      [
        hostileBranch("submissions/xa-ky-hoa/2026-11-27-ten-dai", `${DIR}/2026-11-20-${"a".repeat(290)}.md`, { mode: "100644", oid: valid("ten-dai") }),
        "quá 255 byte",
      ],
      [
        hostileBranch("submissions/xa-ky-hoa/2026-11-27-cham-cham", `content/observations/../2026-11-20-x.md`, { mode: "100644", oid: valid("x") }),
        'không được chứa ".."',
      ],
      [hostileBranch("submissions/xa-ky-hoa/2026-11-27-dot-git", "content/.git/config", { mode: "100644", oid: blob("[core]\n") }), "trùng với thư mục .git"],
      [hostileBranch("submissions/xa-ky-hoa/2026-11-27-gach-nguoc", `${DIR}/2026-11-20-a\\b.md`, { mode: "100644", oid: valid("a") }), "dấu gạch chéo ngược"],
      [
        hostileBranch("submissions/xa-ky-hoa/2026-11-27-bidi", `${DIR}/2026-11-20-\u202Edm.txt`, { mode: "100644", oid: valid("b") }),
        "ký tự đổi chiều chữ (bidi)",
      ],
      [
        hostileBranch("submissions/xa-ky-hoa/2026-11-27-thuc-thi", `${DIR}/2026-11-20-thuc-thi.md`, { mode: "100755", oid: valid("thuc-thi") }),
        "có quyền thực thi",
      ],
      [
        hostileBranch("submissions/xa-ky-lac/2026-11-27-don-vi-khac", `${DIR}/2026-11-20-don-vi-khac.md`, { mode: "100644", oid: valid("don-vi-khac") }),
        'nhánh mang tên đơn vị "xa-ky-lac" nhưng người nộp thuộc đơn vị "xa-ky-hoa"',
      ],
      [
        hostileBranch(
          "submissions/xa-ky-hoa/2026-11-27-nguoi-ghi",
          `${DIR}/2026-11-20-nguoi-ghi.md`,
          { mode: "100644", oid: valid("nguoi-ghi") },
          { author: BINH, committer: { name: "Kẻ Lạ", email: "la@example.vn" } },
        ),
        'do "Kẻ Lạ <la@example.vn>" ghi (committer)',
      ],
      [
        hostileBranch("submissions/xa-ky-hoa/2026-11-27-\u202Enhanh", `${DIR}/2026-11-20-nhanh.md`, { mode: "100644", oid: valid("nhanh") }),
        "tên nhánh không hợp lệ",
      ],
    ];
    const good = hostileBranch("submissions/xa-ky-hoa/2026-11-27-hop-le", `${DIR}/2026-11-20-hop-le.md`, { mode: "100644", oid: valid("hop-le") });

    const list = repo.run("review", "list");
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain(`${good}\n`);
    expect(list.stdout).toContain("Tình trạng: hợp lệ, chờ duyệt");
    expect(list.stdout).toContain(`${cases.length + 1} bài nộp.`);
    expect(list.stdout).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(list.stdout).toContain("submissions/xa-ky-hoa/2026-11-27-\\u{202E}nhanh");
    const blocks = list.stdout.split(/\n(?=submissions\/)/);
    for (const [branch, reason] of cases) {
      const shown = branch.replace("\u202E", "\\u{202E}");
      const block = blocks.find((text) => text.startsWith(`${shown}\n`));
      expect(block, shown).toContain("Tình trạng: bị từ chối: ");
      expect(block, shown).toContain(reason);
    }
    for (const [branch, reason] of cases) {
      const refused = repo.run("review", "approve", branch, "--as", PEOPLE.provinceMttq);
      expect(refused.status, `${branch}: ${refused.stderr}`).toBe(1);
      expect(refused.stderr).toContain(reason);
    }
    expect(plumbing(["rev-parse", "main"])).toBe(main);
    expect(repo.run("review", "approve", good, "--as", PEOPLE.provinceMttq).status).toBe(0);
    // (No fsck here: native git itself flags the attacker's trees, which stay on their branches, never on main.)
    expect(repo.git("ls-tree", "-r", "--name-only", "main")).not.toMatch(/\.\.|\.git\/|\\|\u202E|gitlink|thuc-thi/);
  }, 300_000);
});

describe("damaged branches", () => {
  it("lists an emptied branch as refused, pointing to doctor, and still lists the others", () => {
    repo = createRepository();
    const good = hostileBranch("submissions/xa-ky-hoa/2026-11-27-con-tot", `${DIR}/2026-11-20-con-tot.md`, { mode: "100644", oid: valid("con-tot") });
    hostileBranch("submissions/xa-ky-hoa/2026-11-27-bi-rong", `${DIR}/2026-11-20-bi-rong.md`, { mode: "100644", oid: valid("bi-rong") });
    writeFileSync(join(repo.dir, ".git/refs/heads/submissions/xa-ky-hoa/2026-11-27-bi-rong"), "");
    const list = repo.run("review", "list");
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain(`${good}\n`);
    expect(list.stdout).toContain("Tình trạng: bị từ chối: nhánh hỏng (tham chiếu rỗng hoặc không đọc được): chạy dan-y doctor");
    expect(list.stdout).toContain("2 bài nộp.");
  });
});

describe("decided from Git objects", () => {
  it("gives the same verdict on a bare repository as on the working copy", async () => {
    repo = createRepository();
    const good = hostileBranch("submissions/xa-ky-hoa/2026-11-27-tran", `${DIR}/2026-11-20-tran.md`, { mode: "100644", oid: valid("tran") });
    const bad = hostileBranch("submissions/xa-ky-hoa/2026-11-27-sai-linh-vuc", `${DIR}/2026-11-20-sai-linh-vuc.md`, {
      mode: "100644",
      oid: blob(observationText("sai-linh-vuc").text.replace("field: van-hoa-xa-hoi", "field: van-hoa")),
    });
    const bareRoot = mkdtempSync(join(tmpdir(), "dan-y-bare-"));
    try {
      const bare = join(bareRoot, "ho-so.git");
      execFileSync("git", ["clone", "-q", "--bare", repo.dir, bare]);
      execFileSync("git", ["--git-dir", bare, "remote", "remove", "origin"]);
      const space = await openRepository(bare, "content/", "2026-11-27", { notice: () => {} });
      const pending = await pendingSubmissions(space);
      expect(pending.map((submission) => submission.branch).sort()).toEqual([bad, good].sort());
      const wrong = await findSubmission(space, bad);
      expect(wrong?.issues.map((issue) => issue.message).join("\n")).toContain('Lĩnh vực "van-hoa" không có trong fields.yaml');
      const result = await approve(space, good, PEOPLE.provinceMttq);
      expect(result.merged).toBe(true);
      execFileSync("git", ["--git-dir", bare, "fsck", "--strict"]);
      expect(execFileSync("git", ["--git-dir", bare, "ls-tree", "-r", "--name-only", "main"], { encoding: "utf8" })).toContain(`${DIR}/2026-11-20-tran.md`);
    } finally {
      rmSync(bareRoot, { recursive: true, force: true });
    }
  });

  it("is not swayed by local edits of the working copy (a broken fields list, a deleted body)", () => {
    repo = createRepository();
    const good = hostileBranch("submissions/xa-ky-hoa/2026-11-27-ben-song", `${DIR}/2026-11-20-ben-song.md`, { mode: "100644", oid: valid("ben-song") });
    const before = repo.run("review", "list").stdout;
    writeFileSync(join(repo.dir, "content/fields.yaml"), "- id: khac\n  label: Khác\n  subtopics: []\n");
    rmSync(join(repo.dir, "content/bodies/ha-tinh/mttq.yaml"));
    const after = repo.run("review", "list");
    expect(after.stdout).toBe(before);
    expect(after.stdout).toContain("hợp lệ, chờ duyệt");
    const approved = repo.run("review", "approve", good, "--as", PEOPLE.provinceMttq);
    expect(approved.status, approved.stderr).toBe(0);
    // The working copy follows main only for the approved file; the local edits stay.
    expect(repo.git("status", "--porcelain").split("\n").filter(Boolean).sort()).toEqual([" D content/bodies/ha-tinh/mttq.yaml", " M content/fields.yaml"]);
  });
});
