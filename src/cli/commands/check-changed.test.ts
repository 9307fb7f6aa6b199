/** `dan-y check --changed <base>..<head>` on a real Git repository built with the git CLI. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeEach, expect, it } from "vitest";
import { minimalContent, VALID_OBSERVATION } from "../../test-support/content-fixtures.ts";
import { testdir } from "../../test-support/testdir.ts";

let repo: string;
const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=Kiểm thử", "-c", "user.email=test@example.vn", ...args], { cwd: repo, encoding: "utf8" });
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(repo, "content", path)), { recursive: true });
  writeFileSync(join(repo, "content", path), text);
};
const check = (...args: string[]) =>
  spawnSync(process.execPath, [join(import.meta.dirname, "..", "..", "..", "bin", "dan-y.js"), "check", "--today", "2026-11-27", ...args], {
    cwd: repo,
    env: { ...process.env, CONTENT_DIR: "content" },
    encoding: "utf8",
  });

beforeEach(() => {
  repo = testdir({}, "dan-y-changed-");
  for (const [path, text] of Object.entries(minimalContent())) write(path, text);
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "Nội dung ban đầu");
});

const SECOND = "observations/2026/04/xa-ky-hoa/2026-04-02-cho-tam.md";
const second = (text: string) =>
  text
    .replace("observed_on: 2026-03-14", "observed_on: 2026-04-02")
    .replace("recorded_on: 2026-03-15", "recorded_on: 2026-04-02")
    .replace("date: 2026-03-16", "date: 2026-04-02")
    .replace("date: 2026-04-02\n    status: da-tra-loi", "date: 2026-04-03\n    status: da-tra-loi");

it("checks only the observations a commit added", () => {
  write(SECOND, second(VALID_OBSERVATION));
  git("add", "-A");
  git("commit", "-qm", "Thêm một thông tin");
  const result = check("--changed", "HEAD~1..HEAD");
  expect(result.stderr).toBe("");
  expect(result.stdout).toContain("Đã kiểm tra 1 tệp thay đổi (HEAD~1..HEAD): không có lỗi.");
  expect(result.status).toBe(0);
});

it("reports problems in the changed files, checked against the whole tree", () => {
  write(SECOND, second(VALID_OBSERVATION).replace("related: []", "related: [xa-ky-hoa/2026-03-14-duong-lien-thonn]"));
  git("add", "-A");
  git("commit", "-qm", "Thêm một thông tin sai");
  const result = check("--changed", "HEAD~1");
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(
    `content/${SECOND}:24:11  lỗi  Không có thông tin mã "xa-ky-hoa/2026-03-14-duong-lien-thonn". Có phải ý bạn là "xa-ky-hoa/2026-03-14-duong-lien-thon"?`,
  );
});

it("falls back to the whole check when shared data changed", () => {
  write("units/thon-moi.yaml", "name: Thôn Mới\nlevel: khu-dan-cu\nparent: xa-ky-hoa\n");
  git("add", "-A");
  git("commit", "-qm", "Thêm khu dân cư");
  const result = check("--changed", "HEAD~1");
  expect(result.stdout).toContain("Kiểm tra toàn bộ vì tệp dùng chung units/thon-moi.yaml đã thay đổi.");
  expect(result.status).toBe(0);
});

it("refuses an unknown ref in Vietnamese as the user's input (exit 1), not a damaged repository", () => {
  const result = check("--changed", "khong-co..HEAD");
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('Không tìm thấy "khong-co" trong kho Git');
  expect(result.stderr).toContain("hãy kiểm tra lại tên nhánh hoặc mã commit");
  expect(result.stderr).not.toContain("Lỗi Git");
});

it("refuses going back past the first commit as the user's input", () => {
  const result = check("--changed", "HEAD~9..HEAD");
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/"HEAD~9": commit [0-9a-f]{7} không có commit cha/);
});

it("refuses a head that is not the checked-out commit, saying what to do", () => {
  git("commit", "-q", "--allow-empty", "-m", "Một commit nữa");
  const result = check("--changed", "HEAD~1..HEAD~1");
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('"HEAD~1" không phải commit đang checkout (HEAD): hãy checkout "HEAD~1" rồi chạy lại');
});
