/**
 * A full commit id (40 hex digits) that names nothing in the repository is the
 * user's typing, not a damaged repository: `dan-y check --changed` says it is
 * not found, with the id, and exits as a refusal (1), not with Git's code (3).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, it } from "vitest";
import { resolveCommit } from "../../adapters/git.ts";
import { RefusalError } from "../../core/errors.ts";
import { minimalContent } from "../../test-support/content-fixtures.ts";
import { testdir } from "../../test-support/testdir.ts";

it("refuses a mistyped full commit id in Vietnamese, with the id, as a refusal", async () => {
  const repo = testdir({}, "dan-y-commit-sai-");
  for (const [path, text] of Object.entries(minimalContent())) {
    mkdirSync(dirname(join(repo, "content", path)), { recursive: true });
    writeFileSync(join(repo, "content", path), text);
  }
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Kiểm thử", "-c", "user.email=test@example.vn", ...args], { cwd: repo, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "Nội dung ban đầu");
  const head = git("rev-parse", "HEAD").trim();
  // One digit changed: what a copy by hand gets wrong.
  const mistyped = `${head.slice(0, 39)}${head.endsWith("0") ? "1" : "0"}`;

  const result = spawnSync(
    process.execPath,
    [join(import.meta.dirname, "..", "..", "..", "bin", "dan-y.js"), "check", "--today", "2026-11-27", "--changed", `${mistyped}..HEAD`],
    { cwd: repo, env: { ...process.env, CONTENT_DIR: "content" }, encoding: "utf8" },
  );
  expect(result.stderr).toContain(`Không tìm thấy commit ${mistyped} trong kho Git`);
  expect(result.stderr).not.toMatch(/Lỗi Git|hỏng|doctor/);
  expect(result.status).toBe(1);

  // The id that exists still resolves (no look-up beyond its commit), and the mistyped one throws the refusal.
  await expect(resolveCommit(repo, head)).resolves.toBe(head);
  await expect(resolveCommit(repo, mistyped)).rejects.toBeInstanceOf(RefusalError);
  // A tree's id where a commit was asked for: the user's input too.
  const tree = git("rev-parse", "HEAD^{tree}").trim();
  await expect(resolveCommit(repo, tree)).rejects.toBeInstanceOf(RefusalError);
  await expect(resolveCommit(repo, tree)).rejects.toThrow(`Đối tượng ${tree.slice(0, 7)} không phải commit (tree): hãy đưa mã của một commit`);
});
