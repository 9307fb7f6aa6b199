/**
 * When the server cannot write an approval's working files (here: a plain file
 * stands where the observation's new folder goes), the site is not published
 * from a working copy that lacks them; the follower retries on its own, and
 * once the cause is lifted the files are written, the site is published with
 * them, and the repository is clean (`git status`, `fsck --strict`).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, test } from "vitest";
import { focalPoints, observationForm, PASSWORD, roles, sentBranch } from "./testing/load.ts";
import { repositoryForTest, serveForTest } from "./testing/served.ts";
import { Client } from "./testing/workspace-server.ts";

/** The published pages (HTML) that contain `text`. */
function pagesWith(siteDir: string, text: string): string[] {
  if (!existsSync(siteDir)) return [];
  return readdirSync(siteDir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(".html") && readFileSync(join(siteDir, name), "utf8").includes(text));
}

const occurrences = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, "g"))?.length ?? 0;

test("a failed write of the working copy holds the site's publish back until a retry writes the files", async () => {
  const repository = repositoryForTest(40);
  const { senders, approvers } = roles(focalPoints(repository.content), 1);
  const sender = senders[0] as (typeof senders)[number];
  const province = approvers[0] as (typeof approvers)[number];
  const server = await serveForTest(repository, { site: true });
  await server.waitFor(/Trang nội bộ đã sẵn sàng/, 400_000);
  const siteDir = join(server.state, "site", "trang");

  const title = "Bà con hỏi về việc sửa cầu treo Khe Lau";
  const submitter = new Client(server.base);
  expect((await submitter.signIn(sender.id, PASSWORD)).status).toBe(303);
  const form = { ...observationForm(sender, 1), title, observed_on: "12/08/2026", recorded_on: "13/08/2026" };
  const branch = sentBranch(await submitter.request("/ghi-nhan?_action=record", { form })) as string;
  expect(branch).toMatch(/^submissions\//);
  const path = server.git("diff", "--name-only", `main...${branch}`).trim();

  // A plain file where the observation's first new folder goes: the working file cannot be written.
  let blocker = dirname(join(server.repository, path));
  while (!existsSync(dirname(blocker))) blocker = dirname(blocker);
  expect(existsSync(blocker), `${blocker} should be a folder the approval creates`).toBe(false);
  writeFileSync(blocker, "chặn\n");

  const reviewer = new Client(server.base);
  expect((await reviewer.signIn(province.id, PASSWORD)).status).toBe(303);
  const answer = await reviewer.request("/duyet?_action=review", { form: { branch, decision: "duyet" } });
  expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(400);
  expect(server.git("log", "-1", "--format=%s", "main")).toContain(branch);

  await server.waitFor(/Chưa ghi được 1 tệp làm việc/, 30_000);
  // Several retries fail the same way meanwhile (1 s, 2 s, 4 s): said once, and no site is published without the file.
  await new Promise((resolve) => setTimeout(resolve, 8000));
  expect(occurrences(server.output(), /Chưa ghi được 1 tệp làm việc/)).toBe(1);
  expect(server.output()).not.toMatch(/Đã cập nhật trang nội bộ sau lần duyệt mới/);
  expect(existsSync(join(server.repository, path))).toBe(false);

  rmSync(blocker);
  await server.waitFor(/Đã ghi được các tệp làm việc còn chờ/, 90_000);
  expect(readFileSync(join(server.repository, path), "utf8")).toBe(server.git("show", `main:${path}`));
  await server.waitFor(/Đã cập nhật trang nội bộ sau lần duyệt mới/, 400_000);
  const output = server.output();
  expect(output.indexOf("Đã ghi được các tệp làm việc còn chờ")).toBeLessThan(output.indexOf("Đã cập nhật trang nội bộ sau lần duyệt mới"));
  expect(occurrences(output, /Đã cập nhật trang nội bộ sau lần duyệt mới/)).toBe(1);
  expect(pagesWith(siteDir, title).length).toBeGreaterThan(0);

  expect(server.git("status", "--porcelain")).toBe("");
  expect(readdirSync(join(server.repository, ".git", "dan-y", "journal"))).toEqual([]);
  execFileSync("git", ["fsck", "--strict", "--no-progress"], { cwd: server.repository, stdio: "pipe" });
}, 900_000);
