/**
 * The workspace against a remote over HTTP, as a province runs it beside its Git
 * server: the served repository is a clone whose `origin` is a `git http-backend`
 * on loopback (Basic auth in DAN_Y_GIT_USERNAME / DAN_Y_GIT_PASSWORD). A send
 * reaches the server as a branch, an approval reaches the server's main, and a
 * submission pushed to the server by someone else shows in the review queue.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { type ServedOrigin, serveOrigin } from "../test-support/served-origin.ts";
import { focalPoints, grantAccounts, observationForm, PASSWORD, queued, sentBranch } from "./testing/load.ts";
import { Client, startWorkspaceServer, type WorkspaceServer } from "./testing/workspace-server.ts";

let served: ServedOrigin;
let working: Repository;
let server: WorkspaceServer;

beforeAll(async () => {
  served = await serveOrigin({ username: "ban-lam-viec", password: "mat-khau-may-chu" }, "dan-y-ban-lam-viec-may-chu-");
  working = await served.clone();
  const state = mkdtempSync(join(tmpdir(), "dan-y-ban-lam-viec-tu-xa-"));
  await grantAccounts(state, focalPoints(join(working.dir, "content")));
  // The credentials reach the server process through the environment, as a province sets them.
  server = await startWorkspaceServer({ today: "2026-11-27", content: join(working.dir, "content"), noSite: true, state, env: { DAN_Y_SYNC_SECONDS: "0" } });
}, 300_000);

afterAll(async () => {
  if (process.env.DAN_Y_TEST_VERBOSE) console.log(server?.output());
  await server?.stop();
  await served?.close();
}, 60_000);

const signedIn = async (id: string) => {
  const client = new Client(server.base);
  expect((await client.signIn(id, PASSWORD)).status).toBe(303);
  return client;
};

test("a send reaches the server as a branch; an approval reaches the server's main", async () => {
  const commune = await signedIn(PEOPLE.communeMttq);
  const sent = await commune.request("/ghi-nhan?_action=record", {
    form: {
      ...observationForm({ id: PEOPLE.communeMttq, unit: "xa-ky-hoa" }, 1),
      title: "Người dân phản ánh cống thoát nước bị tắc",
      body: "Bà con phản ánh cống thoát nước thôn bị tắc sau mưa.",
    },
  });
  expect(sent.status, sent.text.slice(0, 500)).toBe(303);
  const branch = sentBranch(sent) as string;
  expect(branch).toMatch(/^submissions\/xa-ky-hoa\//);
  const onServer = (await served.git("rev-parse", "--verify", `refs/heads/${branch}`)).trim();
  expect(onServer).toBe(working.git("rev-parse", `refs/heads/${branch}`).trim());

  const province = await signedIn(PEOPLE.provinceMttq);
  expect(queued((await province.request("/duyet")).text)).toContain(branch);
  const approved = await province.request("/duyet?_action=review", { form: { branch, decision: "duyet" } });
  expect(approved.status, approved.text.slice(0, 500)).toBeLessThan(400);
  const message = await served.git("log", "-1", "--format=%B", "main");
  expect(message).toContain(`Duyệt ${branch}`);
  expect(message).toContain("Reviewed-by: Đặng Thị Lan <lan@example.vn>");
  expect(await served.git("rev-parse", "main")).toBe(working.git("rev-parse", "main"));
  await served.git("merge-base", "--is-ancestor", `refs/heads/${branch}`, "main");
  await served.git("fsck", "--strict", "--no-progress");
  // The served working copy follows main: the approved file is on disk, nothing left modified.
  expect(working.git("status", "--porcelain").trim()).toBe("");
}, 60_000);

test("a submission pushed to the server by someone else shows in the workspace's review queue", async () => {
  const elsewhere = await served.clone();
  const { path, text } = observationText("den-duong-hong");
  const pushed = await elsewhere.runAsync("submit", elsewhere.write(path, text), "--as", PEOPLE.communeMttq);
  expect(pushed.status, pushed.stderr).toBe(0);
  const branch = /nhánh (\S+)/.exec(pushed.stdout)?.[1] as string;
  const province = await signedIn(PEOPLE.provinceMttq);
  expect(queued((await province.request("/duyet")).text)).toContain(branch);
  const approved = await province.request("/duyet?_action=review", { form: { branch, decision: "duyet" } });
  expect(approved.status, approved.text.slice(0, 500)).toBeLessThan(400);
  expect(await served.git("log", "-1", "--format=%s", "main")).toContain(`Duyệt ${branch}`);
  await served.git("fsck", "--strict", "--no-progress");
}, 60_000);
