/** Submission and review between clones of one repository served over HTTP (git http-backend on loopback). */
import { afterAll, beforeAll, expect, it } from "vitest";
import { observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { type ServedOrigin, serveOrigin } from "../test-support/served-origin.ts";

let served: ServedOrigin;
const clone = () => served.clone();
const originGit = (...args: string[]) => served.git(...args);

beforeAll(async () => {
  served = await serveOrigin({ username: "can-bo", password: "mat-khau" });
});

afterAll(() => served.close());

async function submitFrom(repo: Repository, slug: string) {
  const { path, text } = observationText(slug);
  const result = await repo.runAsync("submit", repo.write(path, text), "--as", PEOPLE.communeMttq);
  expect(result.stderr).toBe("");
  return /nhánh (\S+)/.exec(result.stdout)?.[1] as string;
}

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
