/**
 * Refusals over HTTP, sent as an attacker would send them, against the server
 * started as a user starts it: each is refused with a Vietnamese message and
 * the right status, logged, and nothing is written (refs compared before and
 * after, `git fsck --strict`).
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AccountStore } from "./accounts.ts";
import { Client, startWorkspaceServer, type WorkspaceServer } from "./testing/workspace-server.ts";

const SUBMITTER = "xa-thach-ha-hoi-phu-nu-nguyen-van-an";
const REVIEWER = "xa-thach-ha-mttq-duong-ngoc-dung";
/** MTTQ of another commune: no jurisdiction over Thạch Hà; writer of a restricted observation. */
const OUTSIDER = "xa-tu-my-mttq-dinh-cong-dung";
const RESTRICTED = "xa-tu-my/2026-07-06-khieu-nai-keo-dai-ve-boi-thuong-giai";
const RESTRICTED_TEXT = "đơn giá bồi thường";

let server: WorkspaceServer;
let branch: string;
let restrictedBranch: string;
const clients: Record<string, Client> = {};

const form = (overrides: Record<string, string> = {}) => ({
  unit: "xa-thach-ha",
  title: "Người dân phản ánh đèn đường hỏng",
  observed_on: "28/11/2026",
  recorded_on: "01/12/2026",
  field: "kinh-te",
  subtopics: "do-thi-tai-nguyen-moi-truong",
  channel: "hom-thu-gop-y",
  urgency: "thuong-xuyen",
  confidentiality: "binh-thuong",
  body: "Đèn đường thôn Trung Hòa hỏng nhiều tuần.",
  ...overrides,
});

function refs(): string {
  return server.git("for-each-ref", "--format=%(refname) %(objectname)");
}

/** Runs a refusal and checks that the repository did not change. */
async function refusedWithoutWrites(act: () => Promise<void>): Promise<void> {
  const before = refs();
  const objects = server.git("count-objects", "-v");
  await act();
  expect(refs()).toBe(before);
  expect(server.git("count-objects", "-v")).toBe(objects);
  server.git("fsck", "--strict", "--no-progress");
}

/** A raw request line, as fetch would normalise `..` and `%2e` away. */
function raw(path: string, cookie = ""): Promise<{ status: number; text: string }> {
  const url = new URL(server.url);
  return new Promise((done, fail) => {
    const outgoing = httpRequest({ host: url.hostname, port: url.port, path, method: "GET", headers: cookie ? { Cookie: cookie } : {} }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => {
        text += chunk.toString();
      });
      response.on("end", () => done({ status: response.statusCode ?? 0, text }));
    });
    outgoing.on("error", fail);
    outgoing.end();
  });
}

beforeAll(async () => {
  server = await startWorkspaceServer({ today: "2026-12-01", noSite: true });
  for (const id of [SUBMITTER, REVIEWER, OUTSIDER]) {
    clients[id] = new Client(server.base);
    expect((await clients[id].signIn(id, server.password as string)).status).toBe(303);
  }
  const sent = await clients[SUBMITTER]?.request("/ghi-nhan?_action=record", { form: form() });
  branch = decodeURIComponent(/da-gui=([^&]+)/.exec(sent?.location ?? "")?.[1] ?? "");
  expect(branch).toMatch(/^submissions\/xa-thach-ha\//);
  // A restricted observation is sealed to its readers' public keys before it is sent.
  const restricted = await clients[SUBMITTER]?.request("/ghi-nhan?_action=record", {
    form: form({ title: "Phản ánh kín về cán bộ thôn", confidentiality: "han-che", body: "Nội dung kín: cán bộ thôn thu tiền sai quy định." }),
  });
  restrictedBranch = decodeURIComponent(/da-gui=([^&]+)/.exec(restricted?.location ?? "")?.[1] ?? "");
  expect(restrictedBranch).toMatch(/^submissions\/xa-thach-ha\//);
  expect(server.git("show", `${restrictedBranch}:content/observations/2026/11/xa-thach-ha/2026-11-28-phan-anh-kin-ve-can-bo-thon.md`)).not.toContain(
    "thu tiền",
  );
}, 300_000);

afterAll(async () => {
  await server?.stop();
}, 60_000);

describe("refusals", () => {
  test("approving one's own submission (form post and Action endpoint)", async () => {
    await refusedWithoutWrites(async () => {
      const answer = await clients[SUBMITTER]?.request("/duyet?_action=review", { form: { branch, decision: "duyet" } });
      expect(answer?.status).toBe(403);
      expect(answer?.text).toContain("Không ai được tự duyệt");
      const rpc = await clients[SUBMITTER]?.request("/_actions/review", { form: { branch, decision: "duyet" }, headers: { Accept: "application/json" } });
      expect(rpc?.status).toBe(403);
    });
  });

  test("approving outside one's jurisdiction with a crafted request", async () => {
    await refusedWithoutWrites(async () => {
      const answer = await clients[OUTSIDER]?.request("/duyet?_action=review", { form: { branch, decision: "duyet" } });
      expect(answer?.status).toBe(403);
      expect(answer?.text).toContain("không có thẩm quyền duyệt");
      const back = await clients[OUTSIDER]?.request("/bai-nop?_action=review&nhanh=x", { form: { branch, decision: "tra-lai", reason: "x" } });
      expect(back?.status).toBe(403);
    });
  });

  test("a form posted from another origin, or with no origin at all", async () => {
    await refusedWithoutWrites(async () => {
      const evil = await clients[REVIEWER]?.request("/duyet?_action=review", { form: { branch, decision: "duyet" }, origin: "http://evil.example" });
      expect(evil?.status).toBe(403);
      expect(evil?.text).toContain("được gửi từ nơi khác");
      const none = await clients[REVIEWER]?.request("/duyet?_action=review", { form: { branch, decision: "duyet" }, origin: null });
      expect(none?.status).toBe(403);
      const crossSite = await clients[REVIEWER]?.request("/ghi-nhan?_action=record", { form: form(), headers: { "Sec-Fetch-Site": "cross-site" } });
      expect(crossSite?.status).toBe(403);
    });
    expect(readFileSync(join(server.state, "workspace.log"), "utf8")).toContain("http://evil.example");
  });

  test("a forged or expired session cookie", async () => {
    await refusedWithoutWrites(async () => {
      const forged = new Client(server.base);
      forged.cookie = `dan-y-phien=${randomUUID()}`;
      const post = await forged.request("/duyet?_action=review", { form: { branch, decision: "duyet" } });
      expect(post.status).toBe(401);
      expect(post.text).toContain("hết hạn");
      expect((await forged.request("/")).location).toContain("/ban-lam-viec/dang-nhap");

      // Expired: a real session whose sign-in time is 9 hours ago (the limit is 8).
      const aged = new Client(server.base);
      await aged.signIn(REVIEWER, server.password as string);
      const id = aged.cookie.split("=")[1] as string;
      const sessions = join(server.state, "sessions");
      const file = readdirSync(sessions, { recursive: true })
        .map(String)
        .find((name) => name.endsWith(id)) as string;
      const table = JSON.parse(readFileSync(join(sessions, file), "utf8")) as unknown[];
      const person = table.find((item): item is { id: number; at: number } => typeof item === "object" && item !== null && "at" in item && "id" in item);
      expect(person).toBeDefined();
      table[(person as { at: number }).at] = Date.now() - 9 * 3600_000;
      writeFileSync(join(sessions, file), JSON.stringify(table));
      const late = await aged.request("/duyet?_action=review", { form: { branch, decision: "duyet" } });
      expect(late.status).toBe(401);
      expect(late.text).toContain("Phiên đăng nhập đã hết hạn");
    });
  });

  test("ids and paths with .., / and %2e", async () => {
    const reviewer = clients[REVIEWER] as Client;
    await refusedWithoutWrites(async () => {
      for (const name of ["submissions/../../../etc/passwd", "..%2f..%2fmain", "submissions/xa-thach-ha/%2e%2e", "main", `${branch}/..`]) {
        const answer = await reviewer.request(`/bai-nop?nhanh=${encodeURIComponent(name)}`);
        expect(answer.status, name).toBe(400);
        const approve = await reviewer.request("/duyet?_action=review", { form: { branch: name, decision: "duyet" } });
        expect(approve.status, name).toBe(400);
      }
      for (const id of ["../../../etc/passwd", "%2e%2e/%2e%2e/x", "xa-thach-ha/../../x"]) {
        expect((await reviewer.request(`/thong-tin?ma=${encodeURIComponent(id)}`)).status, id).toBe(400);
        expect((await reviewer.request("/thong-tin?_action=followUp&ma=x", { form: { id, date: "01/12/2026", status: "da-chuyen" } })).status, id).toBe(404);
      }
      expect((await clients[SUBMITTER]?.request(`/ghi-nhan?sua=${encodeURIComponent("../../x")}`))?.status).toBe(404);
      const badUnit = await clients[SUBMITTER]?.request("/ghi-nhan?_action=record", { form: form({ unit: "../../../x" }) });
      expect(badUnit?.status).toBe(422);
      for (const path of [
        "/..%2f..%2fetc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/ban-lam-viec/..%2f..%2fpackage.json",
        "/ban-lam-viec/%2e%2e/%2e%2e/package.json",
        "/../../etc/passwd",
      ]) {
        const answer = await raw(path, reviewer.cookie);
        expect(answer.status, path).not.toBe(200);
        expect(answer.text, path).not.toMatch(/root:|"devDependencies"/);
      }
    });
  });

  test("another body's restricted details asked for by address", async () => {
    await refusedWithoutWrites(async () => {
      const asked = await clients[SUBMITTER]?.request(`/thong-tin?ma=${encodeURIComponent(RESTRICTED)}`);
      expect(asked?.status).toBe(403);
      expect(asked?.text).toContain("thông tin hạn chế");
      expect(asked?.text).not.toContain(RESTRICTED_TEXT);
      const pending = await clients[OUTSIDER]?.request(`/bai-nop?nhanh=${encodeURIComponent(restrictedBranch)}`);
      expect(pending?.status).toBe(403);
      expect(pending?.text).not.toContain("thu tiền sai quy định");
    });
    // The writing body and its reviewer do read them.
    const own = await clients[OUTSIDER]?.request(`/thong-tin?ma=${encodeURIComponent(RESTRICTED)}`);
    expect(own?.status).toBe(200);
    expect(own?.text).toContain(RESTRICTED_TEXT);
    const reviewing = await clients[REVIEWER]?.request(`/bai-nop?nhanh=${encodeURIComponent(restrictedBranch)}`);
    expect(reviewing?.status).toBe(200);
    expect(reviewing?.text).toContain("thu tiền sai quy định");
  });

  test("an account created by an admin must set its own password first", async () => {
    const id = "xa-thach-ha-cong-doan-dang-huu-hung";
    const accounts = new AccountStore(join(server.state, "accounts.json"));
    const oneTime = await accounts.issue(id, { reset: true });
    const client = new Client(server.base);
    expect((await client.signIn(id, oneTime)).location).toContain("/doi-mat-khau");
    expect((await client.request("/")).location).toContain("/doi-mat-khau");
    await refusedWithoutWrites(async () => {
      expect((await client.request("/ghi-nhan?_action=record", { form: form() })).status).toBe(403);
    });
    const weak = await client.request("/doi-mat-khau?_action=changePassword", { form: { current: oneTime, password: "123", confirm: "123" } });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain("ít nhất 10 ký tự");
    const changed = await client.request("/doi-mat-khau?_action=changePassword", {
      form: { current: oneTime, password: "Mật khẩu riêng 2026", confirm: "Mật khẩu riêng 2026" },
    });
    expect(changed.status).toBe(303);
    expect((await client.request("/")).status).toBe(200);
    expect((await new Client(server.base).signIn(id, oneTime)).status).toBe(401);
    expect((await new Client(server.base).signIn(id, "Mật khẩu riêng 2026")).status).toBe(303);
  });

  // Last: twenty failures also lock this test's address for the window.
  test("twenty wrong passwords in a row", async () => {
    const id = "xa-tu-my-hoi-phu-nu-duong-huu-hung";
    await refusedWithoutWrites(async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 20; attempt++) statuses.push((await new Client(server.base).signIn(id, `sai-${attempt}`)).status);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual(new Array(15).fill(429));
      const right = await new Client(server.base).signIn(id, server.password as string);
      expect(right.status).toBe(429);
      expect(right.text).toContain("Đăng nhập sai quá nhiều lần");
      expect(right.headers.get("retry-after")).toBeTruthy();
    });
    const log = readFileSync(join(server.state, "workspace.log"), "utf8");
    expect(log.split("\n").filter((line) => line.includes('"status":429')).length).toBeGreaterThanOrEqual(15);
  });
});

describe("reading an approved observation", () => {
  test("its page shows the text, read from main (the served model keeps no bodies)", async () => {
    const id = "xa-thach-ha/2025-08-24-co-so-chan-nuoi-lon-xa-thai-ra";
    const page = await clients[REVIEWER]?.request(`/thong-tin?ma=${encodeURIComponent(id)}`);
    expect(page?.status).toBe(200);
    expect(page?.text).toContain("xả nước thải chưa qua xử lý ra mương thoát nước chung");
  });
});
