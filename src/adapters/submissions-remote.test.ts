/** Submission and review between clones of one repository served over HTTP (git http-backend on loopback). */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRepository, observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { type GitHttpServer, startGitHttpServer } from "../test-support/git-http-server.ts";
import { testdir } from "../test-support/testdir.ts";

const run = promisify(execFile);
const USER = { username: "can-bo", password: "mat-khau" };
let server: GitHttpServer;
let root: string;
let origin: string;
const clones: Repository[] = [];

/** git CLI without blocking this process (it serves the HTTP requests). */
const gitAsync = async (cwd: string, ...args: string[]) =>
  (
    await run(
      "git",
      [
        "-c",
        "user.name=Quản trị",
        "-c",
        "user.email=admin@example.vn",
        "-c",
        `http.extraHeader=Authorization: Basic ${Buffer.from(`${USER.username}:${USER.password}`).toString("base64")}`,
        ...args,
      ],
      { cwd, encoding: "utf8" },
    )
  ).stdout;

/** A working clone whose `origin` is the HTTP server. */
async function clone(): Promise<Repository> {
  const repo = createRepository();
  repo.git("remote", "add", "origin", `${server.url}/origin.git`);
  await gitAsync(repo.dir, "fetch", "-q", "origin");
  repo.git("reset", "-q", "--hard", "origin/main");
  clones.push(repo);
  return repo;
}

beforeAll(async () => {
  root = testdir({}, "dan-y-server-");
  const seed = createRepository();
  seed.git("clone", "-q", "--bare", seed.dir, join(root, "origin.git"));
  seed.remove();
  origin = join(root, "origin.git");
  server = await startGitHttpServer(root, USER);
  process.env.DAN_Y_GIT_USERNAME = USER.username;
  process.env.DAN_Y_GIT_PASSWORD = USER.password;
});

afterAll(async () => {
  await server.close();
  for (const repo of clones) repo.remove();
  delete process.env.DAN_Y_GIT_USERNAME;
  delete process.env.DAN_Y_GIT_PASSWORD;
});

async function submitFrom(repo: Repository, slug: string) {
  const { path, text } = observationText(slug);
  const result = await repo.runAsync("submit", repo.write(path, text), "--as", PEOPLE.communeMttq);
  expect(result.stderr).toBe("");
  return /nhánh (\S+)/.exec(result.stdout)?.[1] as string;
}

const originGit = (...args: string[]) => run("git", [`--git-dir=${origin}`, ...args], { encoding: "utf8" }).then((result) => result.stdout);

it("pushes a submission, approves it from another clone, and syncs it back", async () => {
  const commune = await clone();
  const province = await clone();
  const branch = await submitFrom(commune, "ong-nuoc-vo");
  expect(await originGit("rev-parse", "--verify", `refs/heads/${branch}`)).toMatch(/^[0-9a-f]{40}/);

  const list = await province.runAsync("review", "list", "--as", PEOPLE.provinceMttq);
  expect(list.stdout).toContain(branch);
  const approved = await province.runAsync("review", "approve", branch, "--as", PEOPLE.provinceMttq);
  expect(approved.stderr).toBe("");
  expect(approved.stdout).toContain("đã đẩy lên máy chủ");
  expect(await originGit("log", "-1", "--format=%B", "main")).toContain("Reviewed-by: Đặng Thị Lan <lan@example.vn>");

  const synced = await commune.runAsync("sync");
  expect(synced.status).toBe(0);
  expect(commune.git("rev-parse", "main")).toBe(await originGit("rev-parse", "main"));
  expect(commune.git("status", "--porcelain").trim()).toBe("");
  await originGit("fsck", "--strict");
});

it("lets two reviewers approve different submissions at once; one retries and nothing is lost", async () => {
  const commune = await clone();
  const first = await submitFrom(commune, "cho-xuong-cap");
  const second = await submitFrom(commune, "truong-thieu-phong");
  const reviewerA = await clone();
  const reviewerB = await clone();
  const [a, b] = await Promise.all([
    reviewerA.runAsync("review", "approve", first, "--as", PEOPLE.provinceMttq),
    reviewerB.runAsync("review", "approve", second, "--as", PEOPLE.provinceMttq),
  ]);
  expect([a.status, b.status], a.stderr + b.stderr).toEqual([0, 0]);
  const merges = (await originGit("log", "--merges", "--format=%s", "main")).trim().split("\n");
  expect(merges).toEqual(expect.arrayContaining([`Duyệt ${first}`, `Duyệt ${second}`]));
  for (const branch of [first, second]) expect(await originGit("merge-base", "--is-ancestor", `refs/heads/${branch}`, "main").then(() => true)).toBe(true);
  await originGit("fsck", "--strict");

  const again = await reviewerA.runAsync("review", "approve", second, "--as", PEOPLE.provinceMttq);
  expect(again.stdout).toContain("đã được duyệt trước đó");
});

it("carries a rejection to the submitter through the server", async () => {
  const commune = await clone();
  const province = await clone();
  const branch = await submitFrom(commune, "thieu-ro-rang");
  const rejected = await province.runAsync("review", "reject", branch, "--as", PEOPLE.provinceMttq, "--reason", "Bổ sung số hộ bị ảnh hưởng");
  expect(rejected.stdout).toContain("đã đẩy lên máy chủ");
  const seen = await commune.runAsync("review", "list");
  expect(seen.stdout).toContain("bị trả lại: Bổ sung số hộ bị ảnh hưởng");
});

it("asks for credentials in Vietnamese when the server refuses", async () => {
  const commune = await clone();
  const { path, text } = observationText("khong-dang-nhap");
  const saved = process.env.DAN_Y_GIT_PASSWORD;
  process.env.DAN_Y_GIT_PASSWORD = "sai";
  try {
    const result = await commune.runAsync("submit", commune.write(path, text), "--as", PEOPLE.communeMttq);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("máy chủ từ chối đăng nhập");
  } finally {
    process.env.DAN_Y_GIT_PASSWORD = saved;
  }
});
